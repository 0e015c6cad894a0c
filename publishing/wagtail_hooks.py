"""Admin wiring of the publishing app. Each feature registers in its own block."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem as PageActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem

from content_models.disclosure.metadata import DisclosureMetadata

from . import (
    bulk_review_actions,
    emergency_hooks,  # noqa: F401 (紧急发布, blocked-publication log)
)
from .audit import AuditReportView, can_view_audit
from .guards import wagtail_hooks_guards  # noqa: F401 (allow-list, 一键打码, checks)
from .roles import workflows_held_by_one_person
from .withdraw_views import WithdrawView, withdraw_url
from .withdrawals import WITHDRAW_ACTION, can_withdraw, withdrawable

# -- 批量审核通过 ----------------------------------------------------------------------

hooks.register("register_bulk_action", bulk_review_actions.ApprovePageStep)
hooks.register("register_bulk_action", bulk_review_actions.ApproveRecordStep)

# -- withdrawals (撤回) -------------------------------------------------------------


@hooks.register("register_log_actions")
def register_withdraw_log_action(actions):
    @actions.register_action(WITHDRAW_ACTION)
    class Withdraw(LogFormatter):
        label = _("撤回")
        message = _("撤回，原网址显示撤回公告")

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")


@hooks.register("register_admin_urls")
def register_withdraw_url():
    return [
        path(
            "publishing/withdraw/<str:app_label>/<str:model_name>/<str:pk>/",
            WithdrawView.as_view(),
            name="publishing_withdraw",
        )
    ]


class WithdrawPageMenuItem(PageActionMenuItem):
    name = "action-withdraw"
    label = _("撤回")
    icon_name = "warning"
    order = 45  # after unpublish

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and not context["locked_for_user"]
            and withdrawable(page)
            and can_withdraw(context["request"].user, page)
        )

    def get_url(self, context):
        return withdraw_url(context["page"])


class WithdrawSnippetMenuItem(SnippetActionMenuItem):
    name = "action-withdraw"
    label = _("撤回")
    icon_name = "warning"
    order = 45

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and not context.get("locked_for_user")
            and withdrawable(instance)
            and can_withdraw(context["request"].user, instance)
        )

    def get_url(self, context):
        return withdraw_url(context["instance"])


@hooks.register("register_page_action_menu_item")
def register_withdraw_page_action():
    return WithdrawPageMenuItem()


# A publisher may withdraw without the right to edit (分管局领导), so the page's
# "more" menus in the explorer and in its header offer it too.
def withdraw_buttons(page, user):
    if withdrawable(page) and can_withdraw(user, page):
        yield Button(_("撤回"), withdraw_url(page), icon_name="warning", priority=45)


@hooks.register("register_page_listing_more_buttons")
def register_withdraw_listing_button(page, user, next_url=None):
    yield from withdraw_buttons(page, user)


@hooks.register("register_page_header_buttons")
def register_withdraw_header_button(page, user, view_name, next_url=None):
    yield from withdraw_buttons(page, user)


@hooks.register("register_snippet_action_menu_item")
def register_withdraw_snippet_action(model):
    if issubclass(model, DisclosureMetadata):
        return WithdrawSnippetMenuItem()
    return None


# -- the audit report (报告 → 审计日志) ----------------------------------------------


class AuditReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_audit(request.user)


@hooks.register("register_admin_urls")
def register_audit_urls():
    view = AuditReportView.as_view
    return [
        path("publishing/audit/", view(), name="publishing_audit"),
        path(
            "publishing/audit/results/",
            view(results_only=True),
            name="publishing_audit_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_report_menu_item():
    return AuditReportMenuItem(
        _("审计日志"),
        reverse("publishing_audit"),
        name="audit-log",
        icon_name="history",
        order=1050,
    )


@hooks.register("register_permissions")
def register_audit_permission():
    return Permission.objects.filter(
        content_type__app_label="publishing", codename="view_audit_report"
    )


# -- review roles -------------------------------------------------------------------


class ReviewRolesPanel(Component):
    """Dashboard warning: people who hold every step of a workflow, so that its
    review rests on one person. Shown to superusers, who manage group membership."""

    name = "review_roles"
    order = 90  # above Wagtail's own panels: it asks for action
    template_name = "publishing/admin/review_roles_panel.html"

    def __init__(self, found):
        self.found = found

    def get_context_data(self, parent_context):
        return {"found": self.found}


@hooks.register("construct_homepage_panels")
def add_review_roles_panel(request, panels):
    if not request.user.is_superuser:
        return
    found = workflows_held_by_one_person()
    if found:
        panels.append(ReviewRolesPanel(found))
