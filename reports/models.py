"""The annual reports as pages: reviewed and published like every page
(``GuardedPublication`` through ``SectionPage``), under the 信息公开年报 section.

Staff write the text sections and the figures the portal does not hold
(``entered``); the portal's figures are counted when staff generate or refresh them
and frozen into the page (``figures``), so the revision reviewers approve is what
the public reads, and a published report never changes by itself."""

import datetime

from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from content_models.disclosure.pages import SectionPage

from . import disclosure_report, figures, listing, measures, website_report
from .forms import report_form, staff_panels
from .period import Period, year_end


class ReportIndexPage(SectionPage):
    """信息公开年报: the section that holds the bureau's annual reports."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.HomePage"]
    subpage_types = ["reports.DisclosureReportPage", "reports.WebsiteReportPage"]
    home_template = "reports/includes/home_reports.html"

    class Meta:
        verbose_name = _("年度报告栏目")

    def reports(self):
        from content_models.disclosure.public import public_items

        pages = []
        for model in (DisclosureReportPage, WebsiteReportPage):
            pages += public_items(model).child_of(self)
        return sorted(pages, key=lambda page: (-page.year, page.title))

    def home_summary(self):
        """The newest report of each kind: the 网站报表 is published on the home page
        (国办发〔2017〕47号 as the 报表 format asks)."""
        latest = {}
        for page in self.reports():
            latest.setdefault(type(page), page)
        return {"reports": list(latest.values())} if latest else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = self.reports()
        return context


class AnnualReportPage(RoutablePageMixin, SectionPage):
    """What both reports share: the year, the cut-off, staff entries, frozen figures,
    the figure lists and the downloads."""

    is_column = False  # not a 专栏 when the 网站报表 counts columns
    due_month_day = (1, 31)

    year = models.PositiveSmallIntegerField(_("报告年度"))
    cut_off = models.DateField(
        _("统计截止日期"),
        help_text=_("表格中的数字统计到这一天（含），一般为报告年度的12月31日"),
    )
    # Written by the edit form's staff fields (forms.py), not edited as JSON.
    entered = models.JSONField(
        _("人工填报数据"), default=dict, blank=True, editable=False
    )
    figures = models.JSONField(_("统计数据"), default=dict, blank=True, editable=False)

    parent_page_types = ["reports.ReportIndexPage"]
    subpage_types = []

    class Meta:
        abstract = True

    # -- what the report holds -------------------------------------------------------

    def report_tables(self):
        return self.spec.tables()

    def text_sections(self):
        return [(label, getattr(self, name)) for name, label in self.spec.TEXT_SECTIONS]

    def period(self):
        """The period the figures were counted for: the frozen one when there is."""
        frozen = self.figures or {}
        if frozen.get("cut_off"):
            return Period(
                int(frozen["year"]),
                datetime.date.fromisoformat(frozen["cut_off"]),
                self.locale_id,
            )
        return Period(self.year, self.cut_off or year_end(self.year), self.locale_id)

    def refresh_figures(self):
        self.figures = {}
        self.figures = figures.generate(self)

    def table_views(self):
        return figures.table_views(self, self.figure_url)

    def figure_url(self, table, row, column):
        return self.url + self.reverse_subpage("figure", args=(table, row, column))

    @property
    def xlsx_url(self):
        return self.url + self.reverse_subpage("xlsx")

    @property
    def pdf_url(self):
        return self.url + self.reverse_subpage("pdf")

    @property
    def due_on(self):
        month, day = self.due_month_day
        return datetime.date(self.year + 1, month, day)

    @property
    def published_late(self):
        first = self.first_published_at
        return bool(first) and first.date() > self.due_on

    def public_text(self):
        return "\n".join(text for _label, text in self.text_sections() if text)

    # -- public routes ----------------------------------------------------------------

    @path("")
    def report(self, request):
        return self.render(request, context_overrides={"tables": self.table_views()})

    @path("xlsx/", name="xlsx")
    def xlsx(self, request):
        from .downloads import xlsx_bytes

        return _download(self, xlsx_bytes(self, request), "xlsx")

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from .downloads import pdf_bytes

        return _download(self, pdf_bytes(self, request), "pdf")

    @path("figures/<slug:table>/<slug:row>/<slug:column>/", name="figure")
    def figure(self, request, table, row, column):
        spec = figures.figure_spec(self, table, row, column)
        if spec is None or not self.figures:
            raise Http404
        period = self.period()
        key = f"{table}/{row}/{column}"
        page = measures.page_of(spec, period, request.GET.get("page"))
        return self.render(
            request,
            template="reports/figure_list.html",
            context_overrides={
                "label": figures.cell_label(self, table, row, column),
                "frozen": self.figures["values"].get(key),
                "items": page,
                "entries": listing.entries(page.object_list),
                "period": period,
            },
        )


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _download(page, data, extension):
    response = HttpResponse(data, content_type=CONTENT_TYPES[extension])
    name = f"{page.spec_name}-{page.year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class DisclosureReportPage(AnnualReportPage):
    """政府信息公开工作年度报告 (条例 第四十九、五十条; 国办公开办函〔2021〕30号):
    published by 31 January of the following year."""

    spec = disclosure_report
    spec_name = "government-information-disclosure-annual-report"

    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)

    base_form_class = report_form(disclosure_report)
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("cut_off")]),
        FieldPanel("refresh"),
        FieldPanel("overview"),
        *staff_panels(disclosure_report),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")


class WebsiteReportPage(AnnualReportPage):
    """政府网站工作年度报表: published on the home page by 29 January."""

    spec = website_report
    spec_name = "government-website-annual-report"
    due_month_day = (1, 29)

    base_form_class = report_form(website_report)
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("cut_off")]),
        FieldPanel("refresh"),
        *staff_panels(website_report),
    ]

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
