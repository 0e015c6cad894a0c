"""The plans part of the demo (the shared demo)."""

import re

import pytest

from content_models.disclosure.public import is_public
from content_models.plans.models import (
    Indicator,
    IndicatorProgress,
    PlanIndexPage,
    PlanPage,
)
from portal.demo.plans import last_reported


@pytest.fixture
def demo_plan(demo_site):
    plan = PlanPage.objects.live().get(locale__language_code="zh-hans")
    return demo_site, plan


def test_demo_has_one_five_year_plan_in_both_language_sections(demo_plan, client):
    demo, plan = demo_plan
    assert PlanPage.objects.live().filter(locale=plan.locale).count() == 1
    english_plan = plan.get_translation(demo.home_en.locale)
    assert english_plan.live and english_plan.title != plan.title
    assert (plan.start_year, plan.end_year) == (2021, 2025)
    assert plan.agency == demo.agency and plan.topic == demo.topics["mz-gh"]
    assert plan.genre == demo.genres["gh"]
    assert plan.issued_with.document_number == "清民发〔2021〕28号" and is_public(
        plan.issued_with
    )
    sections = PlanIndexPage.objects.live()
    assert {s.locale.language_code for s in sections} == {"zh-hans", "en"}
    english = sections.get(locale__language_code="en")
    assert english.title == "Plans"
    response = client.get(english.url)
    html = response.content.decode()
    assert response.status_code == 200 and english_plan.title in html
    assert plan.title not in html  # the English section lists the English plan


def test_demo_plan_is_structured_like_a_real_plan(demo_plan):
    _demo, plan = demo_plan
    outline = plan.outline()
    chapters = [label for level, label, _t, _a in outline if level == 1]
    assert len(chapters) >= 5 and chapters[0] == "第一章"
    assert sum(1 for level, *_ in outline if level == 2) >= 5
    assert sum(1 for level, *_ in outline if level == 3) >= 3
    assert sum(1 for block in plan.body if block.block_type == "box") >= 2
    tables = plan.indicator_tables()
    assert len(tables) == 2
    main, care = (len(t.rows) for t in tables)
    assert 11 <= main <= 14 and 5 <= care <= 7
    attributes = {row.attribute for row in tables[0].rows}
    assert attributes == {"约束性", "预期性"}
    text = plan.public_text()
    for area in ("社会救助", "养老服务", "儿童福利", "社会组织", "社区治理", "殡葬"):
        assert area in text, area


def test_demo_progress_runs_quarterly_toward_the_target(demo_plan):
    _demo, plan = demo_plan
    progress = IndicatorProgress.objects.filter(indicator__plan=plan, live=True)
    tracked = Indicator.objects.filter(progress__isnull=False).distinct()
    assert tracked.count() >= 4
    for indicator in tracked:
        values = list(progress.filter(indicator=indicator).order_by("year", "quarter"))
        periods = [(v.year, v.quarter) for v in values]
        last = last_reported()
        assert periods[0] == (2021, 1) and periods[-1] == last
        assert len(periods) == 4 * (last[0] - 2021) + last[1]
        numbers = [v.value for v in values]
        assert numbers == sorted(numbers), indicator.name  # never falls back
        assert (
            indicator.baseline_number <= numbers[0]
            and numbers[-1] <= indicator.target_number
        )
        for value in values:
            value.full_clean()


def test_demo_plan_page_renders_progress_charts(demo_plan, client):
    _demo, plan = demo_plan
    html = client.get(plan.url).content.decode()
    assert html.count('<figure class="plan-progress"') >= 4
    assert "2025年第3季度" in html and "养老机构护理型床位占比" in html


def test_demo_plan_boxes_show_every_item(demo_plan, client):
    """Each 专栏 item of the demo is read back with its text (an item stored without
    its id came back empty, and the box printed "None None None")."""
    _demo, plan = demo_plan
    items = [
        item
        for block in plan.body
        if block.block_type == "box"
        for item in block.value["items"]
    ]
    assert len(items) >= 5 and all(item["text"] for item in items)
    html = client.get(plan.url).content.decode()
    boxes = re.findall(r'<aside class="box plan-box".*?</aside>', html, re.S)
    assert len(boxes) >= 2 and not any("None" in box for box in boxes)
    assert (
        "基层经办能力提升" in html and "完成200户特殊困难老年人家庭适老化改造。" in html
    )
