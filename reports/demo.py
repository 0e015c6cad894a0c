"""The demo's 信息公开年报 section and last year's 政府信息公开工作年度报告, its
figures counted from the demo's own items and applications as staff generate them,
then reviewed and published like every page."""

import datetime

from django.utils import timezone

from .models import DisclosureReportPage, ReportIndexPage

OVERVIEW = (
    "本年度，本局坚持以公开为常态、不公开为例外，围绕社会救助、社会组织管理、"
    "慈善事业和村务居务公开等重点领域，做好主动公开、依申请公开和政府信息管理工作。"
    "\n本报告中本网站统计的数字均可点击，查看所统计的每一条信息。"
)
PROBLEMS = (
    "存在的主要问题：部分村（社区）公开不够及时。"
    "\n改进情况：按季度通报公开时限执行情况，将村务公开纳入年度考核。"
)
OTHER = "本年度未收取信息处理费。"


def build(demo, year=None):
    """Add the section under the demo's home page and one report for ``year`` (last
    year by default), reviewed by the demo staff; returns the report."""
    year = year or timezone.localdate().year - 1
    index = demo.review.page(
        demo.home,
        ReportIndexPage(
            title="政府信息公开年报",
            slug="annual-reports",
            show_in_menus=True,
            intro="本局政府信息公开工作年度报告和政府网站工作年度报表。",
        ),
    )
    report = DisclosureReportPage(
        title=f"清源区民政局{year}年政府信息公开工作年度报告",
        slug=str(year),
        year=year,
        cut_off=datetime.date(year, 12, 31),
        overview=OVERVIEW,
        problems=PROBLEMS,
        other_matters=OTHER,
        entered={
            "decisions/licensing/decisions": "12",
            "decisions/penalty/decisions": "0",
            "decisions/coercion/decisions": "0",
            "fees/fees/amount": "0",
            "review/cases/review__upheld": "0",
            "review/cases/review__corrected": "0",
            "review/cases/review__other": "0",
            "review/cases/review__pending": "0",
        },
    )
    report.locale = index.locale  # counted in the section's language
    report.refresh_figures()
    demo.review.page(index, report)
    # Published before the statutory day (条例 第四十九条), as a real bureau would.
    moment = timezone.make_aware(datetime.datetime(year + 1, 1, 20, 9))
    DisclosureReportPage.objects.filter(pk=report.pk).update(
        first_published_at=moment, last_published_at=moment
    )
    report.refresh_from_db()
    return report
