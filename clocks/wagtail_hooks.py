"""Admin wiring of the clocks: the calendar's adjustments (a snippet, so Wagtail's
audit log records every change), the 依申请公开 lists and pages, and the log
actions of every step."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .calendar import WorkingCalendar
from .clock import DUE_SOON_DAYS
from .due import open_applications
from .handling import can_view, today
from .models import Application, CalendarAdjustment, StepKind
from .roles import DUTIES_PERMISSION


class CalendarAdjustmentViewSet(SnippetViewSet):
    model = CalendarAdjustment
    icon = "date"
    menu_label = _("节假日调整")
    add_to_settings_menu = True
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    ordering = ["-date"]


register_snippet(CalendarAdjustmentViewSet)


@hooks.register("register_log_actions")
def register_clock_log_actions(actions):
    # Applications are not snippets; their steps still belong in the audit log.
    actions.register_model(Application, ModelLogEntry)
    kinds = [("received", _("收到政府信息公开申请")), *StepKind.choices]
    for kind, label in kinds:
        formatter = type(
            f"ClockStep_{kind}",
            (LogFormatter,),
            {"label": label, "message": label, "format_comment": _step_comment},
        )
        actions.register_action(f"clocks.{kind}")(formatter)


def _step_comment(self, log_entry):
    data = log_entry.data or {}
    parts = [data.get("date", "")]
    if data.get("days"):
        parts.append(_("%(days)s 个工作日") % {"days": data["days"]})
    return " ".join(part for part in parts if part)


@hooks.register("register_admin_urls")
def register_clock_urls():
    return [
        path(
            "clocks/applications/",
            admin_views.ApplicationListView.as_view(),
            name="clocks_applications",
        ),
        path(
            "clocks/proactive/",
            admin_views.ProactiveDutiesView.as_view(),
            name="clocks_proactive",
        ),
        path(
            "clocks/applications/<int:pk>/",
            admin_views.ApplicationView.as_view(),
            name="clocks_application",
        ),
        path(
            "clocks/applications/<int:pk>/documents/<int:attachment_pk>/",
            admin_views.staff_attachment,
            name="clocks_application_document",
        ),
        path(
            "clocks/applications/<int:pk>/<slug:action>/",
            admin_views.step_view,
            name="clocks_application_step",
        ),
    ]


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


class DutiesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DUTIES_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_clock_menu_item():
    return ApplicationsMenuItem(
        _("依申请公开"),
        reverse("clocks_applications"),
        icon_name="date",
        order=350,
    )


@hooks.register("register_admin_menu_item")
def register_duties_menu_item():
    return DutiesMenuItem(
        _("主动公开时限"),
        reverse("clocks_proactive"),
        icon_name="time",
        order=351,
    )


class DeadlinesPanel(Component):
    """Dashboard: how many applications are overdue or due soon, for the people who
    handle them. Shown only when there is something to do."""

    name = "clocks_deadlines"
    order = 80  # above Wagtail's own panels: it asks for action
    template_name = "clocks/admin/deadlines_panel.html"

    def __init__(self, overdue, soon):
        self.overdue, self.soon = overdue, soon

    def get_context_data(self, parent_context):
        return {
            "overdue": len(self.overdue),
            "soon": len(self.soon),
            "soon_days": DUE_SOON_DAYS,
            "url": reverse("clocks_applications"),
        }


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    if not can_view(request.user):
        return
    overdue, soon, _rest = open_applications(today(), WorkingCalendar.current())
    if overdue or soon:
        panels.append(DeadlinesPanel(overdue, soon))


# The 到期与逾期 dashboard registers its own hooks; Wagtail loads only this module.
from . import duty_hooks  # noqa: E402, F401
