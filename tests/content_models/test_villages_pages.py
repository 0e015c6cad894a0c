"""What visitors see: the section by town, a village's list with filters, a disclosure
with its finance table, drafts kept out, and the English pages."""

import datetime
import re

import pytest

from content_models.villages.categories import Category
from portal.demo.helpers import translate_page

from .villages_factories import *  # noqa: F403  (the fixtures)
from .villages_factories import (
    EXPENSE,
    INCOME,
    attach,
    make_disclosure,
    make_document,
)


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def titles_in_order(html):
    return re.findall(r">(红旗村[^<]*公开)</a>", html)


@pytest.fixture
def hongqi(column, agency):
    """红旗村 with three public disclosures over two years and one draft."""
    make_disclosure(
        column, agency, year=2024, quarter=4, published_on=datetime.date(2025, 1, 15)
    )
    make_disclosure(
        column,
        agency,
        year=2025,
        quarter=1,
        category=Category.FINANCE,
        published_on=datetime.date(2025, 4, 12),
        rows=[("集体经营收入", INCOME, "1234.5"), ("道路维修", EXPENSE, "25000.25")],
    )
    make_disclosure(
        column,
        agency,
        year=2025,
        month=2,
        category=Category.FINANCE,
        published_on=datetime.date(2025, 3, 10),
        rows=[("办公经费", EXPENSE, "300.00")],
    )
    make_disclosure(column, agency, year=2025, quarter=2, publish=False)
    return column


def test_section_groups_villages_under_their_town(
    client, section, hongqi, other_column
):
    html = text(client.get("/village-affairs/"))
    assert "<h2>青山镇</h2>" in html
    assert html.index("红旗村") < html.index("前进村")  # 区划代码 order
    assert "最近公开 2025-04-12" in html  # the draft of 2025 Q2 does not count
    assert "暂无公开信息" in html  # 前进村 has published nothing


def test_village_lists_public_disclosures_newest_period_first(client, hongqi):
    html = text(client.get("/village-affairs/150299100201/"))
    assert titles_in_order(html) == [
        "红旗村2025年第1季度财务公开",
        "红旗村2025年2月财务公开",
        "红旗村2024年第4季度事务公开",
    ]
    assert "第2季度事务公开" not in html  # the draft
    assert "青山镇红旗村" in html and "150299100201" in html


def test_village_list_filters_by_category_and_year(client, hongqi):
    html = text(client.get("/village-affairs/150299100201/?category=caiwu"))
    assert titles_in_order(html) == [
        "红旗村2025年第1季度财务公开",
        "红旗村2025年2月财务公开",
    ]
    html = text(client.get("/village-affairs/150299100201/?year=2024"))
    assert titles_in_order(html) == ["红旗村2024年第4季度事务公开"]
    html = text(client.get("/village-affairs/150299100201/?year=2024&category=caiwu"))
    assert titles_in_order(html) == []
    assert "没有符合条件的公开信息" in html
    assert '<option value="caiwu" selected>' in html


@pytest.mark.parametrize(
    "query, notice",
    [
        ("category=<script>x</script>", "公开类别参数无效"),
        ("year=abc", "年度参数无效"),
        ("year=99999999999999999999", "年度参数无效"),
        ("page=abc", None),
    ],
)
def test_bad_filter_values_are_ignored_with_a_notice(client, hongqi, query, notice):
    html = text(client.get(f"/village-affairs/150299100201/?{query}"))
    assert len(titles_in_order(html)) == 3
    if notice:
        assert notice in html
    assert "<script>x" not in html and "&lt;script&gt;x" not in html  # never echoed


def test_disclosure_page_shows_metadata_period_and_finance_table(
    client, hongqi, agency
):
    html = text(client.get("/village-affairs/150299100201/2025-q1-caiwu/"))
    assert "索引号" in html and agency.org_code in html
    assert "<h1>红旗村2025年第1季度财务公开</h1>" in html
    assert "<dd>2025年第1季度</dd>" in html and "<dd>财务公开</dd>" in html
    assert '<td class="num">1,234.50</td>' in html
    assert '<td class="num">25,000.25</td>' in html
    assert re.search(r"收入合计</th><td class=\"num\">1,234.50", html)
    assert re.search(r"支出合计</th><td class=\"num\">25,000.25", html)
    assert re.search(r"收支结余</th><td class=\"num\">-23,765.75", html)
    assert '<th scope="col" class="num">金额（元）</th>' in html


def test_a_disclosure_without_rows_has_no_finance_table(client, hongqi):
    html = text(client.get("/village-affairs/150299100201/2024-q4-shiwu/"))
    assert "收支明细" not in html and "巷道硬化工程" in html


def test_attachments_show_type_and_size(client, hongqi):
    page = hongqi.get_children().get(slug="2025-q1-caiwu").specific
    attach(page, make_document("statement.pdf", content=b"%PDF-1.4\n" + b"0" * 2048))
    html = text(client.get(page.url))
    assert "公开栏照片" in html
    assert re.search(r"（PDF，2\.0\W*KB）", html)


def test_a_draft_answers_404(client, hongqi):
    assert client.get("/village-affairs/150299100201/2025-q2-shiwu/").status_code == 404


def test_an_unpublished_disclosure_disappears(client, hongqi):
    page = hongqi.get_children().get(slug="2024-q4-shiwu").specific
    page.unpublish()
    assert client.get("/village-affairs/150299100201/2024-q4-shiwu/").status_code == 404
    assert "2024年第4季度" not in text(client.get("/village-affairs/150299100201/"))


def test_english_pages_list_the_records(client, home, section, hongqi, english):
    translate_page(home, "Home")
    translate_page(section, "Village and Community Affairs")
    english_column = translate_page(hongqi, "Hongqi Village")
    finance = hongqi.get_children().get(slug="2025-q1-caiwu").specific
    translate_page(finance, "Hongqi Village: finances, 2025 Q1")

    html = text(client.get("/en/village-affairs/"))
    assert "Hongqi Village" in html and 'lang="en"' in html

    html = text(client.get(english_column.url))
    assert english_column.url == "/en/village-affairs/150299100201/"
    # The translated disclosure, then the Chinese ones not yet translated.
    assert "Hongqi Village: finances, 2025 Q1" in html
    assert 'href="/village-affairs/150299100201/2024-q4-shiwu/" lang="zh-hans"' in html
    assert "2025-q2-shiwu" not in html  # drafts stay out in every language
    assert (
        text(client.get("/en/village-affairs/150299100201/2025-q1-caiwu/")).count(
            "1,234.50"
        )
        == 2
    )
