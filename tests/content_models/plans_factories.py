"""Builders for plans tests: a section, a small plan with two tables, progress values."""

import json
from decimal import Decimal

import pytest

from content_models.plans.models import (
    Indicator,
    IndicatorProgress,
    PlanIndexPage,
    PlanPage,
)
from portal.demo.helpers import publish_page, publish_record

MAIN = "专栏1 主要发展指标"
CARE = "专栏3 养老服务指标"


def heading(level, label, title):
    return {
        "type": "heading",
        "value": {"level": str(level), "label": label, "title": title},
    }


def paragraph(text):
    return {"type": "paragraph", "value": text}


def box(label, title, *items):
    return {
        "type": "box",
        "value": {
            "label": label,
            "title": title,
            "items": [{"label": a, "title": b, "text": c} for a, b, c in items],
        },
    }


def table(title, note=""):
    return {"type": "indicator_table", "value": {"table_title": title, "note": note}}


def default_body():
    return [
        heading(1, "第一章", "总体要求"),
        heading(2, "第一节", "发展目标"),
        paragraph("到2025年，社会救助体系更加完善。"),
        table(MAIN, "注：〔〕内为五年累计数。"),
        heading(1, "第二章", "健全养老服务体系"),
        heading(3, "一、", "发展居家社区养老服务"),
        heading(4, "（一）", "建立探访制度"),
        box(
            "专栏2",
            "养老服务设施建设工程",
            ("1.", "日间照料", "新建社区日间照料中心12个。"),
            ("", "", "完成200户适老化改造。"),
        ),
        table(CARE),
    ]


def indicator(table_title, name, **fields):
    fields.setdefault("area", "社会救助")
    fields.setdefault("unit", "%")
    fields.setdefault("target_value", "100")
    fields.setdefault("attribute", "预期性")
    return Indicator(table_title=table_title, name=name, **fields)


def default_indicators():
    return [
        indicator(
            MAIN,
            "困难残疾人生活补贴覆盖率",
            baseline_value="100",
            baseline_year=2020,
            attribute="约束性",
            sort_order=0,
        ),
        indicator(
            MAIN,
            "养老机构护理型床位占比",
            area="养老服务",
            baseline_value="38",
            baseline_year=2020,
            target_value="≥55",
            attribute="约束性",
            sort_order=1,
        ),
        indicator(
            MAIN,
            "新增持证社会工作者",
            area="社会事务",
            unit="人",
            target_value="〔200〕",
            sort_order=2,
        ),
        indicator(
            CARE,
            "每千名老年人拥有养老床位数",
            area="养老服务",
            unit="张",
            baseline_value="31",
            baseline_year=2020,
            target_value="35",
            sort_order=3,
        ),
    ]


def build_plan(agency, **fields):
    fields.setdefault("title", "清源区“十四五”民政事业发展规划")
    fields.setdefault("start_year", 2021)
    fields.setdefault("end_year", 2025)
    body = fields.pop("body", None)
    indicators = fields.pop("indicators", None)
    plan = PlanPage(
        agency=agency,
        body=json.dumps(default_body() if body is None else body, ensure_ascii=False),
        **fields,
    )
    plan.indicators = default_indicators() if indicators is None else indicators
    return plan


def add_progress(indicator, year, quarter, value, *, publish=True, note=""):
    item = IndicatorProgress(
        indicator=indicator, year=year, quarter=quarter, value=Decimal(value), note=note
    )
    item.full_clean()
    if publish:
        return publish_record(item)
    item.live = False
    item.save()
    item.save_revision()
    return item


@pytest.fixture(name="section")
def section_fixture(home):
    return publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))


@pytest.fixture(name="plan")
def plan_fixture(section, agency, topic, genre):
    return publish_page(
        section, build_plan(agency, slug="fyp", topic=topic, genre=genre)
    )


def indicator_named(plan, name):
    return plan.indicators.get(name=name)
