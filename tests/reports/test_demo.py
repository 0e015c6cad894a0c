"""The demo's 年报: last year's report, counted from the demo's own data and
published through review."""

from django.utils import timezone

from wagtail.models import PageLogEntry

from reports.models import DisclosureReportPage
from reports.spec import Figure


def test_demo_has_last_years_report_published_through_review(demo_site, client):
    year = timezone.localdate().year - 1
    page = DisclosureReportPage.objects.get(year=year)
    assert page.live
    assert PageLogEntry.objects.filter(
        page=page, action="wagtail.workflow.approve"
    ).exists()
    assert page.first_published_at.date() <= page.due_on
    html = client.get(page.url).content.decode()
    assert page.title in html and "本报告逾期发布" not in html
    # Every portal figure of the demo report answers with its list.
    for table in page.report_tables():
        for row, column, spec in table.cells():
            if isinstance(spec, Figure):
                url = page.figure_url(table.key, row.key, column.key)
                assert client.get(url).status_code == 200, url
    assert client.get(page.xlsx_url).status_code == 200
    assert client.get(page.pdf_url).status_code == 200
