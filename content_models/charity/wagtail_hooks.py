from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content_models.disclosure.admin_columns import yes_no

from .models import AnnualReport, CharityOrganisation, CharityProject, FundraisingFiling


class CharitySnippetViewSet(SnippetViewSet):
    # Admin search by substring in the database: the lists are short, and the
    # embedded search backend does not segment Chinese words, so "助学" would not
    # find "清源区助学基金会".
    search_backend_name = None


class CharityOrganisationViewSet(CharitySnippetViewSet):
    model = CharityOrganisation
    icon = "group"
    list_display = [
        "name",
        "credit_code",
        "org_type",
        "public_fundraising_since",
        yes_no(CharityOrganisation, "live"),
    ]
    list_filter = ["org_type", "live"]
    list_export = [
        "name",
        "credit_code",
        "org_type",
        "registered_on",
        "public_fundraising_since",
    ]
    search_fields = ["name", "credit_code"]
    ordering = ["name"]


class FundraisingFilingViewSet(CharitySnippetViewSet):
    model = FundraisingFiling
    icon = "form"
    list_display = [
        "filing_number",
        "title",
        "charity",
        "starts_on",
        "status",
        yes_no(FundraisingFiling, "live"),
    ]
    list_filter = ["status", "charity", "live"]
    search_fields = ["filing_number", "title"]


class AnnualReportViewSet(CharitySnippetViewSet):
    model = AnnualReport
    icon = "table"
    list_display = [
        "charity",
        "year",
        "total_income",
        yes_no(AnnualReport, "audited"),
        yes_no(AnnualReport, "live"),
    ]
    list_filter = ["year", "charity", "audited"]
    search_fields = ["charity__name"]


class CharityProjectViewSet(CharitySnippetViewSet):
    model = CharityProject
    icon = "tasks"
    list_display = [
        "project_number",
        "title",
        "charity",
        "status",
        yes_no(CharityProject, "live"),
    ]
    list_filter = ["status", "charity", "live"]
    search_fields = ["project_number", "title"]


class CharityGroup(SnippetViewSetGroup):
    menu_label = _("慈善信息")
    menu_icon = "clipboard-list"
    items = (
        CharityOrganisationViewSet,
        FundraisingFilingViewSet,
        AnnualReportViewSet,
        CharityProjectViewSet,
    )


register_snippet(CharityGroup)
