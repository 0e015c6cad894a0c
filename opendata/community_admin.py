"""Admin of what open data receives from outside: 需求反馈 (requests for data, answered
here and then published) and the webhook subscriptions of credit-list changes. Both
are snippets, so Wagtail checks the model permissions (view, change, delete) that
administrators give to groups."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .feedback import DataRequest
from .webhooks import WebhookSubscription


class DataRequestViewSet(SnippetViewSet):
    model = DataRequest
    icon = "help"
    menu_label = _("需求反馈")
    list_display = [
        Column("__str__", label=_("需求内容")),
        "dataset",
        "submitted_at",
        "answered_at",
    ]
    list_filter = {"dataset": ["exact"], "answered_at": ["isnull"]}
    search_backend_name = None  # substring search: Chinese has no word breaks
    search_fields = ["text", "reply"]
    ordering = ["-submitted_at"]


class WebhookSubscriptionViewSet(SnippetViewSet):
    model = WebhookSubscription
    icon = "link"
    menu_label = _("数据变化通知")
    list_display = ["name", "url", "active", "confirmed_at"]
    search_backend_name = None
    search_fields = ["name", "url"]
    ordering = ["name"]


class OpenDataCommunityGroup(SnippetViewSetGroup):
    menu_label = _("开放数据互动")
    menu_icon = "help"
    items = (DataRequestViewSet, WebhookSubscriptionViewSet)


register_snippet(OpenDataCommunityGroup)
