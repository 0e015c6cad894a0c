"""Plan documents: period and table rules, indicators as data, quarterly progress."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wagtail.models import Page

import pytest

from content_models.plans.indicators import numeric_part
from content_models.plans.models import IndicatorProgress
from content_models.plans.progress import public_progress
from portal.demo.helpers import publish_reviewed

from .plans_factories import (
    CARE,
    MAIN,
    add_progress,
    build_plan,
    indicator,
    indicator_named,
    plan_fixture,  # noqa: F401  (the "plan" fixture)
    section_fixture,  # noqa: F401  (the "section" fixture)
    table,
)


def errors_of(instance):
    with pytest.raises(ValidationError) as error:
        full_clean(instance)
    return error.value.message_dict


def full_clean(instance):
    # An unsaved page has no tree position yet; Wagtail's own forms skip these too.
    instance.full_clean(
        exclude=["path", "depth"] if isinstance(instance, Page) else None
    )


# --- plan period ---------------------------------------------------------------------


def test_a_five_year_plan_is_valid(section, agency):
    full_clean(build_plan(agency, slug="ok"))


def test_plan_cannot_end_before_it_starts(agency):
    errors = errors_of(build_plan(agency, slug="x", start_year=2025, end_year=2021))
    assert "规划期终止年2021早于起始年2025" in errors["end_year"][0]


def test_plan_may_span_fifteen_years_but_not_sixteen(agency):
    full_clean(build_plan(agency, slug="a", start_year=2021, end_year=2035))
    errors = errors_of(build_plan(agency, slug="b", start_year=2021, end_year=2036))
    assert "2021—2036年共16年，超过15年" in errors["end_year"][0]


def test_plan_years_use_the_period_rules(agency):
    errors = errors_of(build_plan(agency, slug="c", start_year=1900, end_year=1905))
    assert "1900" in errors["start_year"][0]


def test_a_single_year_plan_is_allowed(agency):
    full_clean(
        build_plan(
            agency, slug="d", start_year=2025, end_year=2025, body=[], indicators=[]
        )
    )


# --- body and indicator tables --------------------------------------------------------


def test_body_may_only_place_tables_that_exist(agency):
    plan = build_plan(agency, slug="e", body=[table("专栏9 不存在的表")])
    errors = errors_of(plan)
    assert "正文引用的指标表“专栏9 不存在的表”不存在" in errors["body"][0]


def test_body_may_place_a_table_only_once(agency):
    errors = errors_of(build_plan(agency, slug="f", body=[table(MAIN), table(MAIN)]))
    assert f"指标表“{MAIN}”在正文中出现了2次" in errors["body"][0]


def test_tables_group_rows_in_order(plan):
    tables = plan.indicator_tables()
    assert [t.title for t in tables] == [MAIN, CARE]
    assert [row.name for row in tables[0].rows] == [
        "困难残疾人生活补贴覆盖率",
        "养老机构护理型床位占比",
        "新增持证社会工作者",
    ]


def test_outline_lists_headings_with_levels_labels_and_anchors(plan):
    outline = plan.outline()
    assert [(level, label, title) for level, label, title, _a in outline] == [
        (1, "第一章", "总体要求"),
        (2, "第一节", "发展目标"),
        (1, "第二章", "健全养老服务体系"),
        (3, "一、", "发展居家社区养老服务"),
        (4, "（一）", "建立探访制度"),
    ]
    anchors = [anchor for *_rest, anchor in outline]
    assert len(set(anchors)) == 5 and all(a.startswith("h-") for a in anchors)
    publish_reviewed(plan)
    plan.refresh_from_db()
    assert [
        anchor for *_rest, anchor in plan.outline()
    ] == anchors  # stable across edits


def test_public_text_carries_headings_boxes_and_indicators(plan, district):
    text = plan.public_text()
    for words in (
        "第一章 总体要求",
        "专栏2 养老服务设施建设工程",
        "新建社区日间照料中心12个",
        "养老服务 养老机构护理型床位占比",
        "到2025年，社会救助体系更加完善。",
    ):
        assert words in text
    record = plan.as_public_record()
    assert record.kind == "plan" and record.region_code == district.code
    assert record.index_number == plan.index_number


# --- indicators -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("≥55", Decimal("55")),
        ("100", Decimal("100")),
        ("〔5.5〕", Decimal("5.5")),
        ("100%", Decimal("100")),
        ("0.3", Decimal("0.3")),
        ("≥ 1,500", Decimal("1500")),
        ("不低于75", Decimal("75")),
        ("＞９０％", Decimal("90")),
        ("不低于居民上年度人均消费支出增速", None),
        ("", None),
        ("—", None),
        ("3—5", None),
    ],
)
def test_numeric_part_of_values_as_written(written, number):
    assert numeric_part(written) == number


def test_indicator_properties_parse_baseline_and_target(plan):
    beds = indicator_named(plan, "养老机构护理型床位占比")
    assert (beds.baseline_number, beds.target_number) == (Decimal("38"), Decimal("55"))
    assert beds.is_binding and beds.effective_target_year == 2025
    assert indicator_named(plan, "新增持证社会工作者").baseline_number is None


def test_baseline_value_needs_its_year(plan):
    row = indicator(MAIN, "新指标", baseline_value="12", plan=plan)
    assert "基期值“12”" in errors_of(row)["baseline_year"][0]


def test_target_year_lies_in_the_plan_period(plan):
    row = indicator(MAIN, "新指标", target_year=2030, plan=plan)
    assert "目标年份2030不在规划期2021—2025年之内" in errors_of(row)["target_year"][0]
    row.target_year = 2023
    row.full_clean()


def test_baseline_year_precedes_the_target_year(plan):
    row = indicator(MAIN, "新指标", baseline_value="5", baseline_year=2025, plan=plan)
    assert "基期年份2025应早于目标年份2025" in errors_of(row)["baseline_year"][0]


def test_indicator_names_are_unique_within_a_table(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator(MAIN, "养老机构护理型床位占比", plan=plan).save()
    indicator(CARE, "养老机构护理型床位占比", plan=plan).save()  # another table: fine


# --- progress -------------------------------------------------------------------------


def test_progress_value_in_the_plan_period_is_valid(plan):
    item = add_progress(
        indicator_named(plan, "养老机构护理型床位占比"), 2023, 2, "47.5"
    )
    assert item.title == "养老机构护理型床位占比（2023年第2季度）"
    assert item.display_value == "47.5"


def test_progress_cannot_follow_the_plan_end_year(plan):
    item = IndicatorProgress(
        indicator=indicator_named(plan, "养老机构护理型床位占比"),
        year=2026,
        quarter=1,
        value=Decimal("56"),
    )
    assert "年度2026晚于规划期末2025年" in errors_of(item)["year"][0]


def test_progress_cannot_precede_the_plan(plan):
    item = IndicatorProgress(
        indicator=indicator_named(plan, "养老机构护理型床位占比"),
        year=2020,
        quarter=4,
        value=Decimal("38"),
    )
    assert "年度2020早于规划期初2021年" in errors_of(item)["year"][0]


def test_progress_cannot_be_for_a_quarter_still_to_come(section, agency):
    this_year = datetime.date.today().year
    long_plan = build_plan(
        agency, slug="long", start_year=this_year - 1, end_year=this_year + 5
    )
    section.add_child(instance=long_plan)
    item = IndicatorProgress(
        indicator=long_plan.indicators.first(),
        year=this_year + 1,
        quarter=1,
        value=Decimal("1"),
    )
    assert f"{this_year + 1}年第1季度尚未到来" in errors_of(item)["quarter"][0]


def test_progress_quarter_must_be_one_to_four(plan):
    item = IndicatorProgress(
        indicator=indicator_named(plan, "养老机构护理型床位占比"),
        year=2023,
        quarter=5,
        value=Decimal("1"),
    )
    assert "quarter" in errors_of(item)


def test_one_value_per_indicator_and_quarter(plan):
    beds = indicator_named(plan, "养老机构护理型床位占比")
    add_progress(beds, 2023, 2, "47.5")
    duplicate = IndicatorProgress(
        indicator=beds, year=2023, quarter=2, value=Decimal("48")
    )
    assert "该指标在这一季度已有进展值" in str(errors_of(duplicate))
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_only_published_progress_is_public(plan):
    beds = indicator_named(plan, "养老机构护理型床位占比")
    add_progress(beds, 2023, 1, "46")
    add_progress(beds, 2023, 2, "47.5", publish=False)
    assert [p.display_value for p in public_progress(plan)] == ["46"]
