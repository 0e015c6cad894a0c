"""The public plan pages: the section list, the plan with its outline, tables and progress,
drafts kept out, and the English section."""

import datetime
import re

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, translate_page

from .plans_factories import (
    CARE,
    MAIN,
    add_progress,
    build_plan,
    indicator_named,
    plan_fixture,  # noqa: F401  (the "plan" fixture)
    section_fixture,  # noqa: F401  (the "section" fixture)
)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_section_lists_public_plans_newest_first(client, section, agency):
    older = publish_page(
        section,
        build_plan(
            agency,
            title="清源区“十三五”民政事业发展规划",
            slug="13th",
            start_year=2016,
            end_year=2020,
            published_on=datetime.date(2016, 12, 1),
        ),
    )
    newer = publish_page(
        section,
        build_plan(
            agency,
            slug="14th",
            published_on=datetime.date(2021, 12, 20),
            document_number="清民发〔2021〕28号",
        ),
    )
    html = html_of(client, section.url)
    assert html.index(newer.title) < html.index(older.title)
    assert "规划期：2021—2025年" in html and "清民发〔2021〕28号" in html
    assert "2021-12-20" in html


def test_draft_plan_is_neither_listed_nor_served(client, section, agency):
    draft = build_plan(
        agency, title="征求意见中的养老服务专项规划", slug="draft", live=False
    )
    section.add_child(instance=draft)
    assert client.get("/plans/draft/").status_code == 404
    assert draft.title not in html_of(client, section.url)


def test_unpublished_plan_answers_404(client, plan):
    url = plan.url
    plan.unpublish()
    assert client.get(url).status_code == 404


def test_plan_page_shows_metadata_outline_and_body(client, plan):
    html = html_of(client, plan.url)
    assert plan.index_number in html and "发布机构" in html  # the metadata block
    assert "规划期：2021—2025年" in html
    toc = html[html.index('id="plan-toc-heading"') : html.index('class="plan-body"')]
    for _level, _label, title, anchor in plan.outline():
        assert f'href="#{anchor}"' in toc and title in toc
        assert re.search(rf'<h(\d) id="{anchor}">.*{title}</h\1>', html), title
    # 一、 is level 3 under a level 1 chapter: the next HTML level (see below).
    assert "一、发展居家社区养老服务</h3>" in html  # no space after 、
    assert "<h2 id=" in html and "第一章 总体要求</h2>" in html
    assert '<aside class="box plan-box"' in html and "专栏2" in html
    assert "新建社区日间照料中心12个。" in html


def test_indicator_tables_are_real_tables_in_body_order(client, plan):
    html = html_of(client, plan.url)
    assert (
        html.index(f"<caption>{MAIN}</caption>")
        < html.index("专栏2")
        < html.index(f"<caption>{CARE}</caption>")
    )
    main = html[
        html.index(f"<caption>{MAIN}</caption>") : html.index(
            f"<caption>{CARE}</caption>"
        )
    ]
    for header in (
        "领域",
        "序号",
        "指标",
        "单位",
        "2020年基期值",
        "2025年目标值",
        "属性",
    ):
        assert f'<th scope="col">{header}</th>' in main
    assert '<th scope="row">养老机构护理型床位占比</th>' in main
    assert "≥55" in main and "〔200〕" in main and "<strong>约束性</strong>" in main
    assert "注：〔〕内为五年累计数。" in main
    assert 'class="table-scroll"' in main


def test_a_table_with_mixed_target_years_prints_the_year_in_each_cell(client, plan):
    row = indicator_named(plan, "新增持证社会工作者")
    row.target_year = 2023
    row.save()
    html = html_of(client, plan.url)
    main = html[
        html.index(f"<caption>{MAIN}</caption>") : html.index(
            f"<caption>{CARE}</caption>"
        )
    ]
    assert '<th scope="col">目标值</th>' in main
    assert '〔200〕<span class="indicator-year">（2023年）</span>' in main
    assert '≥55<span class="indicator-year">（2025年）</span>' in main


def test_tables_the_body_does_not_place_are_still_shown(client, section, agency):
    page = publish_page(section, build_plan(agency, slug="no-place", body=[]))
    html = html_of(client, page.url)
    assert "主要指标" in html
    assert f"<caption>{MAIN}</caption>" in html and f"<caption>{CARE}</caption>" in html


def test_published_progress_shows_latest_value_and_chart(client, plan):
    beds = indicator_named(plan, "养老机构护理型床位占比")
    add_progress(beds, 2021, 4, "41.2", note="年度统计数据")
    add_progress(beds, 2022, 4, "45.0")
    add_progress(beds, 2023, 1, "46.8")
    add_progress(beds, 2023, 2, "99.9", publish=False)  # a draft: not public
    html = html_of(client, plan.url)
    assert "最新进展" in html
    assert "46.8" in html and "2023年第1季度" in html
    assert "99.9" not in html and "2023年第2季度" not in html
    figure = html[html.index('<figure class="plan-progress"') : html.index("</figure>")]
    assert '<svg class="plan-chart"' in figure and 'role="img"' in figure
    assert (
        "<title" in figure
        and "2021年第4季度为41.2%，2023年第1季度为46.8%；目标值为≥55" in figure
    )
    assert figure.count("<circle") == 3 and "<polyline" in figure
    assert 'class="target"' in figure  # ≥55 parses, so the target line is drawn
    assert '<th scope="row">2022年第4季度</th>' in figure and "年度统计数据" in figure


def test_indicator_without_progress_has_no_chart(client, plan):
    html = html_of(client, plan.url)
    assert "plan-progress" not in html and "最新进展" not in html


def test_issuing_notice_is_linked_when_public(client, home, section, agency):
    notices = publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))
    notice = publish_page(
        notices,
        ArticlePage(
            title="关于印发“十四五”民政事业发展规划的通知",
            body="<p>现印发给你们。</p>",
            agency=agency,
        ),
    )
    page = publish_page(section, build_plan(agency, slug="issued", issued_with=notice))
    assert f'href="{notice.url}"' in html_of(client, page.url)
    assert list(notice.issued_plans.all()) == [page]
    notice.unpublish()
    assert notice.title not in html_of(client, page.url)


def test_english_section_lists_the_plans(client, home, section, plan, english):
    translate_page(home, "Home")
    english_section = translate_page(section, "Plans")
    assert english_section.url.startswith("/en/")
    html = html_of(client, english_section.url)
    assert '<html lang="en"' in html
    assert plan.title in html and f'href="{plan.url}"' in html


def test_english_plan_shows_the_progress_entered_on_the_chinese_one(
    client, home, section, plan, english
):
    translate_page(home, "Home")
    translate_page(section, "Plans")
    add_progress(indicator_named(plan, "养老机构护理型床位占比"), 2023, 1, "46.8")
    english_plan = translate_page(
        plan, "Qingyuan 14th Five-Year Plan for Civil Affairs"
    )
    assert english_plan.indicators.count() == plan.indicators.count()
    html = html_of(client, english_plan.url)
    assert "46.8" in html
    section_html = html_of(client, section.get_translation(english).url)
    assert english_plan.title in section_html and plan.title not in section_html


@pytest.mark.parametrize("published", [True, False])
def test_progress_preview_shows_the_value(plan, published):
    item = add_progress(
        indicator_named(plan, "养老机构护理型床位占比"),
        2023,
        1,
        "46.8",
        publish=published,
    )
    response = item.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "养老机构护理型床位占比（2023年第1季度）" in html and "46.8%" in html


def test_box_items_without_content_print_nothing():
    """A 专栏 item whose fields are missing prints no "None" (and no empty line);
    the others print as usual."""
    from django.template.loader import render_to_string

    from content_models.plans.blocks import BoxBlock

    value = BoxBlock().to_python(
        {
            "label": "专栏2",
            "title": "社会救助能力提升工程",
            "items": [
                {"label": None, "title": None, "text": None},
                {"label": "1.", "title": None, "text": "基层经办能力提升。"},
                {"label": "", "title": "主动发现", "text": None},
            ],
        }
    )
    html = render_to_string("plans/includes/box.html", {"box": value})
    assert "None" not in html
    assert html.count("<p>") == 2
    assert '<span class="plan-label">1.</span>基层经办能力提升。' in html
    assert "<strong>主动发现。</strong></p>" in html


def test_headings_never_skip_a_level(client, plan):
    """第二章 (level 1) is followed by 一、 (level 3): in HTML it is the next level
    down, because screen readers move by heading level (axe: heading-order)."""
    html = html_of(client, plan.url).split("<main", 1)[1]
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
    assert 1 in levels
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert "一、发展居家社区养老服务</h3>" in html and "（一）建立探访制度</h4>" in html
