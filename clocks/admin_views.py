"""The staff's side, in Wagtail's admin: the lists of what is overdue and due soon,
one application with its clock and the steps that may follow, and the steps
themselves (POST only; each checked again in handling.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import emails, handling
from .calendar import WorkingCalendar
from .clock import DUE_SOON_DAYS
from .due import open_applications
from .forms import (
    DecisionForm,
    ExtensionForm,
    ReplyForm,
    StepForm,
    SupplementForm,
)
from .models import Application, ReplyAttachment, State
from .proactive import PROACTIVE_DAYS, duties
from .roles import DUTIES_PERMISSION


class TitledAdminView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page whose header names it (Wagtail shows the breadcrumbs' last
    item): Home › the page."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ApplicationListView(TitledAdminView):
    page_title = gettext_lazy("依申请公开")
    header_icon = "date"
    template_name = "clocks/admin/list.html"

    def dispatch(self, request, *args, **kwargs):
        if not handling.can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overdue, soon, rest = open_applications(
            handling.today(), WorkingCalendar.current()
        )
        context.update(overdue=overdue, soon=soon, rest=rest, soon_days=DUE_SOON_DAYS)
        return context


# action name → (form, what it does with the cleaned data)
ACTIONS = {
    "supplement": (
        SupplementForm,
        lambda a, u, d: handling.request_supplement(a, u, d["note"], d["date"]),
    ),
    "supplement-received": (
        StepForm,
        lambda a, u, d: handling.receive_supplement(a, u, d["date"]),
    ),
    "consultation": (
        StepForm,
        lambda a, u, d: handling.start_consultation(a, u, d["note"], d["date"]),
    ),
    "consultation-ended": (
        StepForm,
        lambda a, u, d: handling.end_consultation(a, u, d["note"], d["date"]),
    ),
    "extension": (
        ExtensionForm,
        lambda a, u, d: handling.request_extension(
            a, u, d["days"], d["note"], d["date"]
        ),
    ),
    "extension-decision": (
        DecisionForm,
        lambda a, u, d: handling.decide_extension(a, u, d["approve"], d["date"]),
    ),
    "reply": (
        ReplyForm,
        lambda a, u, d: handling.reply(
            a, u, d["answer"], d["note"], d["ground"], d["files"], d["date"]
        ),
    ),
}
# Which actions each state offers (and the principal's decision while one waits).
OFFERED = {
    State.IN_PROGRESS: ["supplement", "consultation", "extension", "reply"],
    State.AWAITING_SUPPLEMENT: ["supplement-received"],
    State.CONSULTING: ["consultation-ended"],
    State.ANSWERED: [],
}
ACTION_LABELS = {
    "supplement": gettext_lazy("告知补正（计时停止）"),
    "supplement-received": gettext_lazy("收到补正（重新计时）"),
    "consultation": gettext_lazy("征求第三方意见（暂停计时）"),
    "consultation-ended": gettext_lazy("第三方意见征询结束（恢复计时）"),
    "extension": gettext_lazy("申请延长答复期限"),
    "extension-decision": gettext_lazy("审批延长答复期限"),
    "reply": gettext_lazy("答复"),
}


class ApplicationView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "date"
    template_name = "clocks/admin/application.html"

    def dispatch(self, request, pk):
        if not handling.can_view(request.user):
            raise PermissionDenied
        self.application = get_object_or_404(Application, pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return _("申请 %(number)s") % {"number": self.application.number}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("clocks_applications"), "label": _("依申请公开")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application, user = self.application, self.request.user
        pending = handling.pending_extension(application)
        names = OFFERED[application.state] if handling.can_handle(user) else []
        if pending:
            names = [name for name in names if name != "extension"]
        if pending and handling.is_principal(user):
            names = [*names, "extension-decision"]
        context.update(
            application=application,
            clock=handling.current_clock(application),
            steps=application.steps.select_related("user"),
            pending=pending,
            reply=getattr(application, "reply", None),
            actions=[
                {
                    "name": name,
                    "label": ACTION_LABELS[name],
                    "form": ACTIONS[name][0](auto_id=f"id_{name}_%s"),
                    "url": reverse(
                        "clocks_application_step", args=[application.pk, name]
                    ),
                    "multipart": name == "reply",
                }
                for name in names
            ],
            today=handling.today(),
        )
        return context


@require_POST
def step_view(request, pk, action):
    """One step, POSTed from the application's page (or by anyone trying)."""
    if action not in ACTIONS:
        raise Http404
    allowed = (
        handling.is_principal if action == "extension-decision" else handling.can_handle
    )
    if not allowed(request.user):
        raise PermissionDenied
    form_class, run = ACTIONS[action]
    form = form_class(request.POST, request.FILES)
    back = redirect("clocks_application", pk)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return back
    try:
        with transaction.atomic():
            application = get_object_or_404(
                Application.objects.select_for_update(), pk=pk
            )
            step = run(application, request.user, form.cleaned_data)
            _notify(application, step)
    except handling.StepRefused as refused:
        messages.error(request, str(refused))
        return back
    messages.success(request, _("已记录：%(step)s") % {"step": step.get_kind_display()})
    return back


def _notify(application, step):
    application.refresh_from_db()
    if step.kind == "answered":
        emails.send_reply(application)
    else:
        emails.send_step_notice(application, step, handling.current_clock(application))


def staff_attachment(request, pk, attachment_pk):
    if not handling.can_view(request.user):
        raise PermissionDenied
    found = get_object_or_404(
        ReplyAttachment, pk=attachment_pk, reply__application_id=pk
    )
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


class ProactiveDutiesView(TitledAdminView):
    """主动公开时限: what is overdue, due soon, waiting, and what went online late."""

    page_title = gettext_lazy("主动公开时限")
    header_icon = "time"
    template_name = "clocks/admin/proactive.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.has_perm(DUTIES_PERMISSION)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lists"] = duties(handling.today(), WorkingCalendar.current())
        context["soon_days"] = DUE_SOON_DAYS
        context["days"] = PROACTIVE_DAYS
        return context
