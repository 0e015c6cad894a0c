"""The applicant's side: the application form, the receipt, the status page and the
reply's documents. Never indexed, never cached; nothing here is a public record.

Abuse is kept off without a CAPTCHA (DOMAIN.md A6: a visual CAPTCHA needs a
non-visual alternative): the per-client rate limit (content_models/disclosure/
ratelimit.py), a honeypot field and a minimum time to fill the form (forms.py)."""

import functools

from django.core import signing
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from content_models.disclosure.ratelimit import limit_rate

from . import emails, tracking
from .forms import ApplicationForm, StatusForm
from .handling import current_clock
from .models import Application, ReplyAttachment, StepKind

SESSION_KEY = "clocks.submitted"
ATTACHMENT_SALT = "clocks.attachment"
ATTACHMENT_LINK_SECONDS = 3600
# What the applicant sees of each step (internal decisions stay internal).
VISIBLE_STEPS = {
    StepKind.SUPPLEMENT_REQUESTED,
    StepKind.SUPPLEMENT_RECEIVED,
    StepKind.CONSULTATION_STARTED,
    StepKind.CONSULTATION_ENDED,
    StepKind.EXTENSION_APPROVED,
    StepKind.ANSWERED,
}


def private_page(view):
    """No search engine, no shared cache, no referrer to other sites. Not
    "no-referrer": Chromium then sends ``Origin: null`` with the form's POST, and
    Django's CSRF check refuses it (seen in a real browser)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "same-origin"
        return response

    return never_cache(wrapped)


def _too_many(template):
    def refuse(request, retry_after):
        message = _("请求过于频繁，请在%(seconds)d秒后再试。") % {
            "seconds": retry_after
        }
        return render(request, template, {"refused": message}, status=429)

    return refuse


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
@limit_rate("clocks-apply", refuse=_too_many("clocks/apply.html"))
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application, secret = tracking.submit(**form.application_fields())
        clock = current_clock(application)
        emails.send_receipt(application, secret, clock)
        request.session[SESSION_KEY] = {
            "number": application.number,
            "secret": tracking.show_secret(secret),
        }
        return redirect("clocks:submitted")
    status = 400 if form.is_bound else 200
    return render(request, "clocks/apply.html", {"form": form}, status=status)


@require_safe
@private_page
def submitted(request):
    """The receipt, shown once: the secret is not kept anywhere readable."""
    receipt = request.session.pop(SESSION_KEY, None)
    if receipt is None:
        return redirect("clocks:status")
    application = get_object_or_404(Application, number=receipt["number"])
    context = {
        **receipt,
        "clock": current_clock(application),
        "application": application,
    }
    return render(request, "clocks/submitted.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@private_page
@limit_rate("clocks-status", refuse=_too_many("clocks/status_form.html"))
def status(request):
    """The status page: POST number and secret (never in an address, where logs and
    referrers would keep them). Unknown number and wrong secret: the same 404."""
    form = StatusForm(request.POST or None)
    if request.method != "POST":
        return render(request, "clocks/status_form.html", {"form": form})
    application = None
    if form.is_valid():
        application = tracking.find(
            form.cleaned_data["number"], form.cleaned_data["secret"]
        )
    if application is None:
        return render(
            request,
            "clocks/status_form.html",
            {"form": StatusForm(), "not_found": form.is_valid()},
            status=404 if form.is_valid() else 400,
        )
    return render(request, "clocks/status.html", status_context(application))


def status_context(application):
    steps = [step for step in application.steps.all() if step.kind in VISIBLE_STEPS]
    reply = getattr(application, "reply", None)
    attachments = []
    if reply is not None:
        attachments = [
            (attachment, attachment_token(attachment))
            for attachment in reply.attachments.all()
        ]
    return {
        "application": application,
        "clock": current_clock(application),
        "steps": steps,
        "reply": reply,
        "attachments": attachments,
    }


def attachment_token(attachment):
    return signing.dumps(
        {"a": attachment.reply.application_id, "f": attachment.pk},
        salt=ATTACHMENT_SALT,
    )


@require_safe
@private_page
def attachment(request, token):
    """A reply's document, by a link the status page signed an hour ago at most."""
    try:
        claim = signing.loads(
            token, salt=ATTACHMENT_SALT, max_age=ATTACHMENT_LINK_SECONDS
        )
        found = ReplyAttachment.objects.get(
            pk=claim["f"], reply__application_id=claim["a"]
        )
    except (signing.BadSignature, KeyError, TypeError, ReplyAttachment.DoesNotExist):
        raise Http404 from None
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
