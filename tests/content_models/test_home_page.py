"""The home page shows what residents come for: the newest documents (never a section or
a column page), each section's summary (notices, the plan at a glance, the village
disclosures lately published and those still owed), and nothing for an empty section."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.disclosure.periods import Period
from content_models.villages.categories import Category
from content_models.villages.due import columns_owing, due_on, last_quarter
from content_models.villages.models import VillageAffairsIndexPage
from portal.demo.helpers import publish_page
from tests.content_models import plans_factories as plans
from tests.content_models import villages_factories as villages
from tests.places import region


@pytest.mark.parametrize(
    ("today", "quarter", "due", "overdue"),
    [
        (datetime.date(2026, 12, 3), Period(2026, quarter=3), "2026-10-20", True),
        (datetime.date(2026, 1, 5), Period(2025, quarter=4), "2026-01-20", False),
        (datetime.date(2026, 1, 20), Period(2025, quarter=4), "2026-01-20", False),
        (datetime.date(2026, 1, 21), Period(2025, quarter=4), "2026-01-20", True),
        (datetime.date(2026, 4, 1), Period(2026, quarter=1), "2026-04-20", False),
    ],
)
def test_the_quarter_owed_and_its_deadline(today, quarter, due, overdue):
    assert last_quarter(today) == quarter
    assert due_on(quarter).isoformat() == due
    assert (today > due_on(quarter)) is overdue


def test_a_column_owes_until_its_quarter_is_public(home, agency, village):
    section = villages.make_section(home)
    hongqi = villages.make_column(section, village)
    qianjin = villages.make_column(section, region("150299100202", "前进村", "村"))
    today = datetime.date(2025, 4, 25)  # 2025 Q1 was due on 20 April
    draft = villages.make_disclosure(hongqi, agency, publish=False)  # 2025 Q1
    villages.make_disclosure(qianjin, agency, year=2024, quarter=4)
    owing = columns_owing(section, today)
    assert [o.column.pk for o in owing] == [hongqi.pk, qianjin.pk]
    assert all(o.overdue and o.period == Period(2025, quarter=1) for o in owing)
    publish_page_again(draft)
    villages.make_disclosure(  # a month of the quarter counts
        qianjin,
        agency,
        year=2025,
        month=2,
        category=Category.FINANCE,
        rows=[("上级转移支付", "income", "1200.00")],
    )
    assert columns_owing(section, today) == []


def publish_page_again(page):
    from portal.demo.helpers import publish_reviewed

    publish_reviewed(page)


def test_latest_lists_documents_never_sections_or_columns(
    client, home, agency, village
):
    section = villages.make_section(home)
    column = villages.make_column(section, village)
    disclosure = villages.make_disclosure(column, agency)
    html = client.get("/").content.decode()
    latest = html.split('id="latest-heading"')[1].split("</section>")[0]
    assert disclosure.title in latest
    assert f">{column.title}<" not in latest and f">{section.title}<" not in latest


def test_notices_and_the_plan_at_a_glance(client, home, agency, topic, genre):
    notices = publish_page(
        home, ArticleIndexPage(title="通知公告", slug="notices", show_in_menus=True)
    )
    article = publish_page(
        notices,
        ArticlePage(
            title="关于调整低保标准的通知",
            slug="dibao",
            agency=agency,
            body="<p>820元</p>",
            published_on=datetime.date(2025, 6, 20),
        ),
    )
    plan_section = publish_page(
        home, plans.PlanIndexPage(title="发展规划", slug="plans", show_in_menus=True)
    )
    plan = publish_page(
        plan_section, plans.build_plan(agency, slug="fyp", topic=topic, genre=genre)
    )
    indicator = plans.indicator_named(plan, "养老机构护理型床位占比")
    plans.add_progress(indicator, 2025, 1, "41.5")
    plans.add_progress(indicator, 2025, 2, "43.2")
    plans.add_progress(indicator, 2025, 3, "45", publish=False)  # a draft: not shown
    html = client.get("/").content.decode()
    assert article.url in html and "2025-06-20" in html
    glance = html.split("主要指标实施进展")[1].split("</table>")[0]
    assert indicator.name in glance and "43.2" in glance and "45" not in glance
    assert "2025年第2季度" in glance
    assert f"{plan.url}#progress-{indicator.translation_key.hex[:8]}" in glance


def test_an_empty_section_shows_no_summary(client, home):
    publish_page(
        home, ArticleIndexPage(title="通知公告", slug="notices", show_in_menus=True)
    )
    html = client.get("/").content.decode()
    assert ">通知公告</a>" in html  # in the list of sections
    assert 'id="home-' not in html  # with no summary of its own


def village_section(home):
    return publish_page(
        home,
        VillageAffairsIndexPage(
            title="村务居务公开", slug="village-affairs", show_in_menus=True
        ),
    )


def test_the_village_summary_names_recent_and_owing_columns(client, home, agency):
    section = village_section(home)
    hongqi = villages.make_column(section, region("150299100201", "红旗村", "村"))
    recent = villages.make_disclosure(hongqi, agency, year=2024, quarter=4)
    html = client.get("/").content.decode()
    summary = html.split(f'id="home-{section.pk}"')[1].split("</section>")[0]
    assert recent.title in summary and "最近公开" in summary
    owed = last_quarter(timezone.localdate())
    assert f"尚未公开{owed}" in summary and ">红旗村</a>" in summary


def test_the_home_page_reads_a_fixed_number_of_queries(client, home, agency):
    section = village_section(home)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    code = 150299100201
    villages.make_disclosure(
        villages.make_column(section, region(str(code), "村0", "村")), agency
    )
    queries()  # the first request fills Wagtail's site caches
    few = queries()
    for n in range(1, 5):
        column = villages.make_column(section, region(str(code + n), f"村{n}", "村"))
        villages.make_disclosure(column, agency, year=2024, quarter=4)
    assert queries() == few
