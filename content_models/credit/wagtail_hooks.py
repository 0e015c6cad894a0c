"""Admin for the credit family: one menu item, 社会组织信用, holding the organisations
and the list entries; and the audit-log label for code-check overrides."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content_models.disclosure.admin_columns import yes_no

from .forms import OVERRIDE_ACTION, OVERRIDE_LABEL
from .models import CreditListEntry, SocialOrganisation


class SocialOrganisationViewSet(SnippetViewSet):
    model = SocialOrganisation
    icon = "group"
    menu_label = _("社会组织")
    list_display = [
        "name",
        "credit_code",
        "org_type",
        "region",
        yes_no(SocialOrganisation, "credit_code_override"),
    ]
    list_filter = ["org_type", "credit_code_override", "region"]
    # Substring search in the database: Chinese names have no word breaks, so the
    # full-text backend would not find 书法 in 清源区书法家协会.
    search_backend_name = None
    search_fields = ["name", "credit_code"]
    ordering = ["name"]


class CreditListEntryViewSet(SnippetViewSet):
    model = CreditListEntry
    icon = "warning"
    menu_label = _("信用名录条目")
    list_display = [
        Column("title", label=_("名称")),
        "list_type",
        "listed_on",
        BooleanColumn("is_current", label=_("仍在名录")),
        Column("next_deadline", label=_("下一期限（仅供内部参考）")),
        "removed_on",
    ]
    list_filter = {
        "list_type": ["exact"],
        "listed_on": ["gte", "lte"],
        "removed_on": ["isnull"],
    }
    search_backend_name = None  # as above
    search_fields = [
        "organisation__name",
        "organisation__credit_code",
        "reason",
        "decision_number",
    ]
    ordering = ["-listed_on"]


class CreditGroup(SnippetViewSetGroup):
    menu_label = _("社会组织信用")
    menu_icon = "warning"
    items = (SocialOrganisationViewSet, CreditListEntryViewSet)


register_snippet(CreditGroup)


@hooks.register("register_log_actions")
def register_credit_log_actions(actions):
    @actions.register_action(OVERRIDE_ACTION)
    class OverrideCreditCode(LogFormatter):
        label = OVERRIDE_LABEL

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("对统一社会信用代码“%(code)s”设置校验例外，理由：%(reason)s") % {
                "code": data.get("code", ""),
                "reason": data.get("reason", ""),
            }
