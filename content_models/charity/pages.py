"""The public charity section: the bureau's 《慈善法》第七十六条 lists and a page
for each charity, fundraising filing and project, served as routes of one section
page."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from content_models.disclosure.pages import SectionPage

from . import listings

PAGE_SIZE = 50


class CharityIndexPage(RoutablePageMixin, SectionPage):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("慈善信息栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section_url"] = self.url or ""  # records link to routes of this page
        return context

    def public_dependents(self):
        """The records shown at this page's routes: their addresses hang from it."""
        return listings.public_records()

    @path("")
    def charity_list(self, request):
        qualification = request.GET.get("qualification", "")
        context = {
            "qualification": qualification,
            "qualifications": listings.QUALIFICATIONS,
        }
        try:
            charities = listings.charity_list(qualification)
        except listings.UnknownQualification:
            context["filter_error"] = _(
                "筛选条件“%(value)s”无效，请从下方列表中选择"
            ) % {"value": qualification}
            response = self.render(request, context_overrides=context)
            response.status_code = 400
            return response
        context["charities"] = Paginator(charities, PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return self.render(request, context_overrides=context)

    @path("org/<str:credit_code>/", name="organisation")
    def organisation(self, request, credit_code):
        charity = listings.public_charity(credit_code)
        return self._render_record(
            request, charity, **listings.charity_profile(charity)
        )

    @path("org/<str:credit_code>/<int:year>/", name="annual_report")
    def annual_report(self, request, credit_code, year):
        # Each annual report is its own entry with its own 索引号 (慈善组织信息公开办法
        # Art. 16); the charity page shows all years side by side.
        report, reports = listings.public_annual_report(credit_code, year)
        return self._render_record(request, report, reports=reports)

    @path("filing/<str:filing_number>/", name="filing")
    def filing(self, request, filing_number):
        return self._render_record(request, listings.public_filing(filing_number))

    @path("project/<str:project_number>/", name="project")
    def project(self, request, project_number):
        return self._render_record(request, listings.public_project(project_number))

    def _render_record(self, request, record, **extra):
        # The same template as the record's admin preview (PublishedRecord).
        return self.render(
            request,
            template=record.get_preview_template(request, "default"),
            context_overrides={"record": record, **extra},
        )
