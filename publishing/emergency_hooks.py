"""Admin wiring of emergency publication and of blocked-publication audit entries:
the 紧急发布 button, its form, the review list (报告 → 紧�急发布复核) and the audit log
labels. ``publishing/wagtail_hooks.py`` imports this module."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem as PageActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem

from .blocked import BLOCKED_ACTION
from .emergency import EMERGENCY_ACTION, REVIEWED_ACTION, can_publish_in_emergency
from .emergency_views import (
    EmergencyPublishView,
    EmergencyReviewView,
    can_review_emergencies,
    confirm_view,
    emergency_url,
)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(BLOCKED_ACTION)
    class Blocked(LogFormatter):
        label = _("发布被拦截")

        def format_message(self, log_entry):
            problems = (log_entry.data or {}).get("problems", [])
            return _("发布被拦截：%(problems)s") % {
                "problems": "；".join(
                    f"{p.get('where', '')}：{p.get('message', '')}" for p in problems
                )
            }

    @actions.register_action(EMERGENCY_ACTION)
    class Emergency(LogFormatter):
        label = _("紧急发布")
        message = _("紧急发布（未经审核）")

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")

    @actions.register_action(REVIEWED_ACTION)
    class Reviewed(LogFormatter):
        label = _("紧急发布复核")
        message = _("紧急发布已事后复核")

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("note", "")


@hooks.register("register_admin_urls")
def register_emergency_urls():
    return [
        path(
            "publishing/emergency/<str:app_label>/<str:model_name>/<str:pk>/",
            EmergencyPublishView.as_view(),
            name="publishing_emergency",
        ),
        path(
            "publishing/emergency/",
            EmergencyReviewView.as_view(),
            name="publishing_emergency_review",
        ),
        path(
            "publishing/emergency/<int:pk>/confirm/",
            confirm_view,
            name="publishing_emergency_confirm",
        ),
    ]


def _shown(context, item):
    return (
        context["view"] == "edit"
        and item is not None
        and hasattr(item, "as_public_record")
        and can_publish_in_emergency(context["request"].user)
    )


class EmergencyPageMenuItem(PageActionMenuItem):
    name = "action-emergency"
    label = _("紧急发布")
    icon_name = "warning"
    order = 70

    def is_shown(self, context):
        return _shown(context, context.get("page"))

    def get_url(self, context):
        return emergency_url(context["page"])


class EmergencySnippetMenuItem(SnippetActionMenuItem):
    name = "action-emergency"
    label = _("紧急发布")
    icon_name = "warning"
    order = 70

    def is_shown(self, context):
        return _shown(context, context.get("instance"))

    def get_url(self, context):
        return emergency_url(context["instance"])


@hooks.register("register_page_action_menu_item")
def register_emergency_page_action():
    return EmergencyPageMenuItem()


@hooks.register("register_snippet_action_menu_item")
def register_emergency_snippet_action(model):
    return EmergencySnippetMenuItem() if hasattr(model, "as_public_record") else None


class EmergencyReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_review_emergencies(request.user)


@hooks.register("register_reports_menu_item")
def register_emergency_review_menu_item():
    return EmergencyReviewMenuItem(
        _("紧急发布复核"),
        reverse("publishing_emergency_review"),
        name="emergency-review",
        icon_name="warning",
        order=1060,
    )


@hooks.register("register_permissions")
def register_emergency_permissions():
    return Permission.objects.filter(
        content_type__app_label="publishing",
        codename__in=["emergency_publish", "view_emergencypublication"],
    )
