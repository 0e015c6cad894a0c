"""Demo content for the plans family: the 规划 section with one five-year plan.

《清源区“十四五”民政事业发展规划》 is invented, modelled on how real county plans are
written (章/节/一、, 专栏 boxes, indicator tables with 约束性 and 预期性 rows; see
shared/seeds/plan-*.txt). Quarterly progress values move steadily toward the targets.
"""

import datetime
import json
import uuid
from decimal import Decimal

from django.utils import timezone

from wagtail.models import TranslatableMixin

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.plans.models import (
    Indicator,
    IndicatorProgress,
    PlanIndexPage,
    PlanPage,
)
from content_models.villages.due import last_quarter

from . import english
from .core import translate_notice
from .helpers import add_section, localize_page

PLAN_TITLE = "清源区“十四五”民政事业发展规划"
MAIN_TABLE = "专栏1 清源区“十四五”民政事业主要发展指标"
CARE_TABLE = "专栏4 养老服务和儿童福利发展指标"
PLAN_END = (2025, 4)  # the plan runs 2021–2025

# (outline level or block kind, label, title or text); see _block().
BODY = [
    (1, "第一章", "发展基础和面临形势"),
    (2, "第一节", "“十三五”时期主要成就"),
    (
        "p",
        "“十三五”期间，全区民政系统坚持以人民为中心的发展思想，兜底保障能力持续增强。城乡低保标准分别提高到每人每月680元和每人每年6900元，累计发放各类社会救助资金3.2亿元；建成社区日间照料中心18个、农村互助幸福院26个；全区登记社会组织达到186家。",
    ),
    (2, "第二节", "面临的形势"),
    (
        "p",
        "全区60岁及以上老年人口占总人口的21.4%，高龄、失能老年人照护需求快速增长；农村牧区留守老年人、留守儿童关爱服务力量不足；社区服务设施布局不均衡，部分嘎查村服务用房面积不达标。",
    ),
    (1, "第二章", "总体要求"),
    (2, "第一节", "基本原则"),
    (3, "一、", "坚持党的全面领导"),
    (
        "p",
        "把党的领导贯穿民政工作全过程和各方面，确保民政事业发展始终沿着正确方向前进。",
    ),
    (3, "二、", "坚持兜底保障"),
    ("p", "聚焦特殊群体、聚焦群众关切，守住民生底线，织密扎牢民生保障网。"),
    (3, "三、", "坚持改革创新"),
    ("p", "以“放管服”改革为牵引，推进民政服务事项“一网通办”，提高基层经办服务能力。"),
    (2, "第二节", "发展目标"),
    (
        "p",
        "到2025年，分层分类的社会救助体系更加完善，居家社区机构相协调、医养康养相结合的养老服务体系基本建成，儿童福利和未成年人保护水平明显提升，基层治理体系和治理能力现代化水平显著提高。主要指标见专栏1。",
    ),
    ("table", MAIN_TABLE, "注：〔〕内为五年累计数。"),
    (1, "第三章", "健全分层分类的社会救助体系"),
    (2, "第一节", "完善最低生活保障制度"),
    (3, "一、", "健全低保标准动态调整机制"),
    (
        "p",
        "低保标准与居民人均消费支出挂钩，每年调整一次，逐步缩小城乡差距，到2025年农村低保标准占城市低保标准比例达到75%以上。",
    ),
    (3, "二、", "加强低保对象动态管理"),
    (
        "p",
        "依托居民家庭经济状况核对系统，对低保对象实行分类动态管理，做到应保尽保、应退尽退。",
    ),
    (2, "第二节", "加强特困人员救助供养"),
    (
        "p",
        "全面落实特困人员救助供养制度，提高生活不能自理特困人员集中供养率，区失能半失能特困人员集中照护机构投入使用。",
    ),
    (
        "box",
        "专栏2",
        "社会救助能力提升工程",
        [
            (
                "1.",
                "基层经办能力提升",
                "每个镇（街道）配备社会救助专职工作人员不少于2名，村（社区）设立社会救助协理员。",
            ),
            (
                "2.",
                "主动发现机制建设",
                "将走访、发现困难群众列为村（社区）重要工作内容，发挥网格员作用，做到早发现、早救助。",
            ),
            (
                "3.",
                "“物质+服务”救助试点",
                "在青山镇、河东街道开展政府购买社会救助服务试点，为生活不能自理的救助对象提供照料护理服务。",
            ),
        ],
    ),
    (1, "第四章", "健全养老服务体系"),
    (2, "第一节", "发展居家社区养老服务"),
    (
        "p",
        "推进街道（乡镇）综合养老服务中心建设，发展老年助餐、上门照护等服务，建立特殊困难老年人定期探访制度。",
    ),
    (2, "第二节", "提升机构养老服务质量"),
    ("p", "推动公办养老机构改革，提高护理型床位比例，开展养老机构服务质量等级评定。"),
    (
        "box",
        "专栏3",
        "养老服务设施建设工程",
        [
            ("", "", "新建、改扩建社区日间照料中心12个，改造提升农村互助幸福院10个。"),
            ("", "", "完成200户特殊困难老年人家庭适老化改造。"),
        ],
    ),
    ("table", CARE_TABLE, ""),
    (1, "第五章", "加强儿童福利和未成年人保护"),
    (2, "第一节", "健全儿童福利保障制度"),
    (
        "p",
        "建立孤儿、事实无人抚养儿童基本生活保障标准动态调整机制，每季度对散居孤儿和事实无人抚养儿童实地探访。",
    ),
    (2, "第二节", "完善未成年人保护工作体系"),
    (
        "p",
        "各镇（街道）设立未成年人保护工作站，村（社区）配备儿童主任，加强农村留守儿童关爱服务。",
    ),
    (1, "第六章", "推进社会组织发展和社区治理"),
    (2, "第一节", "促进社会组织健康有序发展"),
    (
        "p",
        "做好社会组织登记审查，落实年度报告和信息公开制度，依法将未按时报送年报的社会组织列入活动异常名录。",
    ),
    (2, "第二节", "提升城乡社区治理水平"),
    (
        "p",
        "推进城乡社区综合服务设施全覆盖，规范村（居）务公开，每季度首月20日前完成公开。",
    ),
    (1, "第七章", "推进殡葬改革和社会事务管理"),
    (
        "p",
        "建成区级公益性公墓，实现公益性安葬（放）设施覆盖；加强流浪乞讨人员救助管理和婚姻登记服务。",
    ),
    (1, "第八章", "保障措施"),
    (3, "一、", "加强组织领导"),
    (
        "p",
        "各镇（街道）和有关部门要将本规划确定的目标任务纳入年度工作计划，明确责任分工。",
    ),
    (3, "二、", "强化资金保障"),
    ("p", "将民政事业经费纳入财政预算，提高福利彩票公益金用于养老服务的比例。"),
    (3, "三、", "严格监督评估"),
    ("p", "建立规划实施年度监测和中期评估制度，主要指标进展按季度向社会公开。"),
]

# (table, area, name, unit, baseline, target, attribute)
INDICATORS = [
    (MAIN_TABLE, "社会救助", "城乡低保标准年均增长率", "%", "6.2", "≥5", "预期性"),
    (
        MAIN_TABLE,
        "社会救助",
        "农村低保标准占城市低保标准比例",
        "%",
        "68",
        "≥75",
        "预期性",
    ),
    (MAIN_TABLE, "社会救助", "困难残疾人生活补贴覆盖率", "%", "100", "100", "约束性"),
    (MAIN_TABLE, "社会救助", "重度残疾人护理补贴覆盖率", "%", "100", "100", "约束性"),
    (
        MAIN_TABLE,
        "社会救助",
        "查明身份信息的流浪乞讨受助人员接送返回率",
        "%",
        "100",
        "100",
        "约束性",
    ),
    (MAIN_TABLE, "养老服务", "养老机构护理型床位占比", "%", "38", "≥55", "约束性"),
    (
        MAIN_TABLE,
        "养老服务",
        "街道（乡镇）具备综合功能的养老服务机构覆盖率",
        "%",
        "25",
        "≥60",
        "预期性",
    ),
    (
        MAIN_TABLE,
        "儿童福利",
        "镇（街道）未成年人保护工作站覆盖率",
        "%",
        "0",
        "100",
        "预期性",
    ),
    (MAIN_TABLE, "社会组织", "每万人拥有社会组织数", "个", "5.8", "7", "预期性"),
    (MAIN_TABLE, "社区治理", "城乡社区综合服务设施覆盖率", "%", "86", "100", "预期性"),
    (
        MAIN_TABLE,
        "社区治理",
        "每百户居民拥有的社区综合服务设施面积",
        "平方米",
        "24",
        "≥30",
        "预期性",
    ),
    (MAIN_TABLE, "殡葬", "县级公益性安葬（放）设施覆盖率", "%", "0", "100", "约束性"),
    (MAIN_TABLE, "社会事务", "新增持证社会工作者", "人", "", "〔200〕", "预期性"),
    (CARE_TABLE, "养老服务", "每千名老年人拥有养老床位数", "张", "31", "35", "预期性"),
    (CARE_TABLE, "养老服务", "社区日间照料中心数量", "个", "18", "30", "预期性"),
    (CARE_TABLE, "养老服务", "特殊困难老年人月探访率", "%", "60", "100", "预期性"),
    (CARE_TABLE, "养老服务", "养老护理员培训", "人次", "", "〔1500〕", "预期性"),
    (
        CARE_TABLE,
        "儿童福利",
        "孤儿基本生活保障标准",
        "元/人·月",
        "1200",
        "≥1500",
        "预期性",
    ),
    (CARE_TABLE, "儿童福利", "农村留守儿童关爱服务覆盖率", "%", "80", "100", "预期性"),
]

# Indicator name → value reached by 2025年第3季度; values start near the baseline.
PROGRESS = {
    "农村低保标准占城市低保标准比例": Decimal("74.2"),
    "养老机构护理型床位占比": Decimal("54.6"),
    "街道（乡镇）具备综合功能的养老服务机构覆盖率": Decimal("57.1"),
    "城乡社区综合服务设施覆盖率": Decimal("99.0"),
    "每千名老年人拥有养老床位数": Decimal("34.6"),
    "社区日间照料中心数量": Decimal("28"),
}


def load(demo):
    """Create this family's demo content under ``demo.home``."""
    section = add_section(
        demo,
        PlanIndexPage(
            title="发展规划",
            slug="plans",
            show_in_menus=True,
            intro="本局编制的民政事业发展规划及其主要指标的实施进展。",
        ),
        "Plans",
        intro="Development plans of the bureau and the progress of their main indicators.",
    )
    notice = _issuing_notice(demo)
    plan = demo.review.page(section, _plan(demo, notice))
    with demo.review.batch():
        for indicator in plan.indicators.all():
            if indicator.name in PROGRESS:
                _add_progress(demo, indicator, PROGRESS[indicator.name])
    notice_en = translate_notice(demo, notice, english.ISSUING_NOTICE)
    plan_en = translate_plan(demo, plan, notice_en)
    demo.review.publish_all(
        [(notice_en, demo.review.editor), (plan_en, demo.review.editor)]
    )
    return plan


def translate_plan(demo, plan, notice_en):
    """The plan's English draft, translated in wagtail-localize: every heading,
    paragraph, 专栏 and table note; issued with the English notice."""
    body, kept = english_body()
    return localize_page(
        plan,
        {**english.PLAN, "body": body},
        demo.review.editor,
        keep={"document_number", *kept},
        links={"issued_with": notice_en},
        glossary=english.INDICATOR_WORDS,
    )


def english_body():
    """The plan's body in English, block for block, and the segment paths that keep
    their Chinese.

    A table block names its indicator table by the table's title, and the page
    refuses a body naming a table its indicators do not have (``PlanPage.clean``).
    While indicators are not translatable in wagtail-localize (they are copied from
    the Chinese plan as they are), the English body keeps the Chinese table titles."""
    indicators_translated = issubclass(Indicator, TranslatableMixin)
    blocks, kept = [], []
    for position, (entry, entry_en) in enumerate(zip(BODY, english.BODY, strict=True)):
        if entry[0] == "table":
            title = entry[1]
            if indicators_translated:
                title = english.INDICATOR_WORDS[title]
            else:
                kept.append(f"body.{_block_id(position)}.table_title")
            entry_en = ("table", title, entry_en[1])
        blocks.append(_block(position, entry_en))
    return json.dumps(blocks, ensure_ascii=False), kept


def _issuing_notice(demo):
    notices = ArticleIndexPage.objects.child_of(demo.home).first()
    day = datetime.date(2021, 12, 20)
    return demo.review.page(
        notices,
        ArticlePage(
            title=f"清源区民政局关于印发《{PLAN_TITLE}》的通知",
            slug="2021-14th-five-year-plan",
            body=f"<p>各镇人民政府、街道办事处，区直有关部门：</p><p>现将《{PLAN_TITLE}》印发给你们，请结合实际认真贯彻落实。</p>",
            agency=demo.agency,
            document_number="清民发〔2021〕28号",
            written_on=day,
            published_on=day,
            topic=demo.topics["mz-gh"],
            genre=demo.genres["tz"],
            keywords="十四五 民政 规划",
            source="清源区民政局规划财务科",
            summary=f"印发《{PLAN_TITLE}》。",
        ),
    )


def _plan(demo, notice):
    day = datetime.date(2021, 12, 20)
    plan = PlanPage(
        title=PLAN_TITLE,
        slug="14th-five-year-plan",
        agency=demo.agency,
        start_year=2021,
        end_year=2025,
        region=demo.district,
        issued_with=notice,
        document_number="清民发〔2021〕28号",
        written_on=day,
        published_on=day,
        topic=demo.topics["mz-gh"],
        genre=demo.genres["gh"],
        keywords="十四五 民政事业 社会救助 养老服务 儿童福利 社区治理 殡葬",
        source="清源区民政局规划财务科",
        summary="明确“十四五”时期清源区社会救助、养老服务、儿童福利、社会组织、社区治理和殡葬等民政事业的发展目标、主要任务和保障措施。",
        body=json.dumps(
            [_block(n, entry) for n, entry in enumerate(BODY)], ensure_ascii=False
        ),
    )
    plan.indicators = [
        Indicator(
            table_title=table,
            area=area,
            name=name,
            unit=unit,
            baseline_value=baseline,
            baseline_year=2020 if baseline else None,
            target_value=target,
            target_year=2025,
            attribute=attribute,
            sort_order=order,
        )
        for order, (table, area, name, unit, baseline, target, attribute) in enumerate(
            INDICATORS
        )
    ]
    plan.full_clean(exclude=["path", "depth"])  # placed in the tree when published
    return plan


def _block(position, entry):
    block_id = _block_id(position)
    kind = entry[0]
    if isinstance(kind, int):
        value, kind = (
            {"level": str(kind), "label": entry[1], "title": entry[2]},
            "heading",
        )
    elif kind == "p":
        value, kind = entry[1], "paragraph"
    elif kind == "table":
        value, kind = {"table_title": entry[1], "note": entry[2]}, "indicator_table"
    else:
        # Each item needs its id too: Wagtail reads a ListBlock item without one as a
        # bare value, and the box would show None for every field.
        items = [
            {
                "type": "item",
                "value": {"label": label, "title": title, "text": text},
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{block_id}-{number}")),
            }
            for number, (label, title, text) in enumerate(entry[3])
        ]
        value = {"label": entry[1], "title": entry[2], "items": items}
    return {"type": kind, "value": value, "id": block_id}


def _block_id(position):
    # Fixed block ids keep the demo's heading anchors the same on every load, and
    # line the English body up with the Chinese one.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"qingyuan-plan-{position}"))


def last_reported(today=None):
    """The quarter progress is reported up to: the last one that has ended, within
    the plan's years."""
    ended = last_quarter(today or timezone.localdate())
    return min((ended.year, ended.quarter), PLAN_END)


def _add_progress(demo, indicator, reached):
    """Quarterly values from 2021年第1季度 to the last quarter ended on the day the
    demo is loaded (at most the plan's last), rising from the baseline toward
    ``reached`` quickly at first, then more slowly."""
    start = Decimal(indicator.baseline_value)
    quarters = [(y, q) for y in range(2021, 2026) for q in range(1, 5)]
    quarters = quarters[: quarters.index(last_reported()) + 1]
    whole = indicator.unit in ("个", "张")
    for n, (year, quarter) in enumerate(quarters, start=1):
        share = Decimal(1 - (1 - n / len(quarters)) ** 1.6)
        value = start + (reached - start) * share
        value = value.quantize(Decimal("1") if whole else Decimal("0.1"))
        note = "年度统计数据" if quarter == 4 else ""
        progress = IndicatorProgress(
            indicator=indicator, year=year, quarter=quarter, value=value, note=note
        )
        progress.full_clean()
        demo.review.record(progress, demo.review.editor)
