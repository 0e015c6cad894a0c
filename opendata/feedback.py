"""需求反馈: residents ask for data (a new dataset, a missing column) on a dataset's
page, staff answer in the admin (开放数据 → 需求反馈), and each answered request is
published with its answer, so the next person sees what was asked and decided.

What a resident wrote is shown only once answered, and only masked
(``privacy.mask_personal_data``: someone will type a phone number into the text); the
contact they leave is for the staff's reply and is never shown. Abuse is kept down
without a CAPTCHA: a field hidden from people that bots fill in (honeypot) and the
per-client rate limit of the public APIs (``ratelimit.limit_rate``).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.panels import FieldPanel

from content_models.disclosure.privacy import mask_personal_data
from content_models.disclosure.ratelimit import limit_rate

MAX_TEXT = 2000
HONEYPOT = "website"  # a field people never see (hidden by CSS and from readers)


class DataRequest(models.Model):
    dataset = models.CharField(_("数据集"), max_length=64, db_index=True)
    text = models.TextField(_("需求内容"), max_length=MAX_TEXT)
    # For the staff's reply only: never shown on the site, never in open data.
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    reply = models.TextField(
        _("答复"),
        blank=True,
        help_text=_(
            "填写答复并保存后，需求内容（已遮盖个人信息）和答复将在数据集页面公开。"
        ),
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("dataset", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("submitted_at", read_only=True),
        FieldPanel("reply"),
    ]

    class Meta:
        app_label = "opendata"
        ordering = ["-submitted_at"]
        verbose_name = _("数据需求")
        verbose_name_plural = _("需求反馈")

    def __str__(self):
        return mask_personal_data(self.text[:40])

    def save(self, *args, **kwargs):
        # The answer's time is when a reply first appears (kept on later edits).
        if self.reply.strip() and self.answered_at is None:
            self.answered_at = timezone.now()
        if not self.reply.strip():
            self.answered_at = None
        super().save(*args, **kwargs)

    @property
    def public_text(self):
        return mask_personal_data(self.text)

    @property
    def public_reply(self):
        return mask_personal_data(self.reply)


def answered_requests(slug):
    """The requests about ``slug`` that staff have answered: the only ones shown."""
    return (
        DataRequest.objects.filter(dataset=slug, answered_at__isnull=False)
        .exclude(reply="")
        .order_by("-answered_at")
    )


class DataRequestForm(forms.Form):
    text = forms.CharField(
        label=_("您需要什么数据？"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("请勿填写身份证号、电话等个人信息；答复后，需求内容将公开。"),
    )
    contact = forms.CharField(
        label=_("联系方式（选填，不公开）"),
        max_length=200,
        required=False,
        help_text=_("邮箱或电话，仅用于工作人员与您联系。"),
    )
    # The honeypot: hidden from people; anything in it marks a bot.
    website = forms.CharField(required=False, label=_("请勿填写此项"))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("请填写需求内容。"))
        return text


def _too_many(request, retry_after):
    return HttpResponse(
        _gettext("提交过于频繁，请在%(seconds)d秒后再试。") % {"seconds": retry_after},
        status=429,
        content_type="text/plain; charset=utf-8",
    )


@require_POST
@limit_rate("opendata-requests", refuse=_too_many)
def submit_request(request, slug):
    from .datasets import DATASETS

    if slug not in DATASETS:
        raise Http404(slug)
    form = DataRequestForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _gettext("需求未能提交：%(problems)s")
            % {
                "problems": "；".join(
                    str(error) for errors in form.errors.values() for error in errors
                )
            },
        )
    elif form.cleaned_data[HONEYPOT]:
        # A bot: answer as if accepted, so it learns nothing; nothing is stored.
        messages.success(
            request, _gettext("感谢您的反馈，工作人员答复后将在本页公开。")
        )
    else:
        DataRequest.objects.create(
            dataset=slug,
            text=form.cleaned_data["text"],
            contact=form.cleaned_data["contact"],
        )
        messages.success(
            request, _gettext("感谢您的反馈，工作人员答复后将在本页公开。")
        )
    return redirect(_dataset_page(slug) + "#data-requests")


def _dataset_page(slug):
    return reverse("opendata-dataset", kwargs={"slug": slug})
