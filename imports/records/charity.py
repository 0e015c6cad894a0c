"""KIND ``charity``: 募捐方案备案, one row per filing, keyed by 备案编号.

The charity must already be registered here (by its 统一社会信用代码): a filing
cannot create the organisation, whose registration facts a filing list lacks.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content_models.charity.fundraising import FilingStatus
from content_models.charity.models import CharityOrganisation, FundraisingFiling
from content_models.disclosure.identifiers import (
    credit_code_problem,
    normalise_credit_code,
)

from .credit import example_region
from .kinds import (
    Column,
    Planned,
    RowReader,
    Spec,
    full_clean_into,
    latest_draft,
)
from .values import parse_amount, parse_bool, parse_choice, parse_date, parse_unit

COLUMNS = [
    Column(
        "filing_number",
        "备案编号",
        ("募捐方案备案编号", "备案号"),
        True,
        "filing_number",
        "53150299MJ1234560A25001",
    ),
    Column(
        "credit_code",
        "统一社会信用代码",
        ("慈善组织统一社会信用代码", "信用代码"),
        True,
        "charity",
        "53150299MJ1234560A",
    ),
    Column(
        "charity_name", "慈善组织名称", ("组织名称",), False, "", "清源区助学基金会"
    ),
    Column(
        "title",
        "募捐方案名称",
        ("方案名称", "募捐活动名称"),
        True,
        "title",
        "“圆梦清源”2025年秋季助学募捐",
    ),
    Column("purpose", "募捐目的", ("目的",), True, "purpose", "资助困难家庭大学新生"),
    Column("filed_on", "备案日期", ("备案时间",), True, "filed_on", "2025-06-20"),
    Column(
        "starts_on",
        "募捐起始日期",
        ("起始日期", "开始日期"),
        True,
        "starts_on",
        "2025-07-01",
    ),
    Column(
        "ends_on",
        "募捐终止日期",
        ("终止日期", "结束日期"),
        True,
        "ends_on",
        "2025-09-15",
    ),
    Column(
        "target_amount",
        "募捐目标金额",
        ("目标金额", "计划募集金额"),
        True,
        "target_amount",
        "200000",
    ),
    Column("unit", "金额单位", ("单位",), False, "", "元"),
    Column("status", "状态", ("备案状态",), False, "status", "已备案"),
    Column(
        "emergency", "应对重大突发事件", ("重大突发事件",), False, "emergency", "否"
    ),
    Column("region", "募捐区域代码", ("区划代码",), False, "region", "150299000000"),
]

TEXT_FIELDS = ("title", "purpose")


def site_examples():
    """The first charity registered here, and a filing number of its own."""
    examples = {
        "region": example_region(next(c.example for c in COLUMNS if c.key == "region"))
    }
    found = (
        CharityOrganisation.objects.order_by("pk")
        .values_list("credit_code", "name")
        .first()
    )
    if found:
        code, name = found
        examples.update(
            credit_code=code, charity_name=name, filing_number=f"{code}25001"
        )
    return examples


def plan(spec, table, rows, context):
    """One query each for the batch's charities and filings."""
    codes = {normalise_credit_code(row.values.get("credit_code", "")) for row in rows}
    numbers = {row.values.get("filing_number", "").upper() for row in rows}
    context.registered = {
        org.credit_code: org
        for org in CharityOrganisation.objects.filter(
            credit_code__in=codes
        ).select_related("agency")
    }
    context.listings = {
        filing.filing_number: filing
        for filing in FundraisingFiling.objects.filter(filing_number__in=numbers)
    }
    return [plan_row(spec, table, row, context) for row in rows]


def _charity(reader, context):
    code = normalise_credit_code(reader.text("credit_code"))
    if not code:
        reader.add("credit_code", _("必填项不能为空"))
        return None
    problem = credit_code_problem(code)
    if problem:
        reader.add("credit_code", problem)
        return None
    found = context.registered.get(code)
    if found is None:
        reader.add(
            "credit_code",
            _("统一社会信用代码为“%(code)s”的慈善组织尚未登记，请先登记该慈善组织")
            % {"code": code},
        )
    return found


def plan_row(spec, table, row, context):
    reader = RowReader(spec, table, row)
    number = reader.text("filing_number").upper()
    if not number:
        reader.add("filing_number", _("必填项不能为空"))
    charity = _charity(reader, context)
    unit = reader.parse("unit", parse_unit) or table.units.get("target_amount")
    values = {
        "filed_on": reader.parse("filed_on", parse_date),
        "starts_on": reader.parse("starts_on", parse_date),
        "ends_on": reader.parse("ends_on", parse_date),
        "target_amount": reader.parse("target_amount", parse_amount, unit),
        "status": reader.parse("status", parse_choice, FilingStatus)
        or FilingStatus.FILED,
        "emergency": bool(reader.parse("emergency", parse_bool)),
        "region": reader.parse("region", context.region),
    }
    for key in TEXT_FIELDS:
        values[key] = reader.parse(key, str) or ""
    if reader.problems:
        return Planned(row, problems=reader.problems)
    existing = context.listings.get(number)
    filing = latest_draft(existing) or FundraisingFiling(
        filing_number=number, agency=charity.agency
    )
    filing.charity = charity
    for name, value in values.items():
        setattr(filing, name, value)
    full_clean_into(reader, filing, looked_up=True)  # by 备案编号, in plan()

    return Planned(row, key=(number,), problems=reader.problems, records={0: filing})


CHARITY = Spec(
    kind="charity",
    label=gettext_lazy("慈善募捐方案备案"),
    columns=COLUMNS,
    planner=plan,
    filename="charity",
    site_examples=site_examples,
)
