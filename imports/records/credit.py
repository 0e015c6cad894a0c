"""KIND ``credit-list``: 活动异常名录 / 严重违法失信名单 entries, one row per listing.

Natural key: 统一社会信用代码 + 名录类型 + 列入日期 (the model's own constraint). An
organisation not yet registered here is created (as a draft) from the row's 名称,
组织类型 and 登记管理机关.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content_models.credit.entries import ListType
from content_models.credit.models import CreditListEntry, SocialOrganisation
from content_models.disclosure.identifiers import (
    OrgType,
    credit_code_problem,
    normalise_credit_code,
)
from content_models.regions.models import Region

from .kinds import (
    Column,
    Planned,
    RowReader,
    Spec,
    first_agency_name,
    full_clean_into,
    latest_draft,
)
from .values import CellProblem, parse_choice, parse_date

# Column headers as officials write them; the first is the template's.
COLUMNS = [
    Column(
        "credit_code",
        "统一社会信用代码",
        ("信用代码", "社会信用代码"),
        True,
        "credit_code",
        "51150299MJ0000000E",
    ),
    Column(
        "name",
        "社会组织名称",
        ("组织名称", "单位名称", "名称"),
        False,
        "name",
        "清源区书法家协会",
    ),
    Column(
        "org_type", "组织类型", ("社会组织类型", "类型"), False, "org_type", "社会团体"
    ),
    Column(
        "registering_authority",
        "登记管理机关",
        ("登记机关",),
        False,
        "registering_authority",
        "清源区民政局",
    ),
    Column("region", "所在区划代码", ("区划代码",), False, "region", "150299000000"),
    Column(
        "list_type",
        "名录类型",
        ("名单类型", "列入名录"),
        True,
        "list_type",
        "活动异常名录",
    ),
    Column(
        "reason",
        "列入事由",
        ("列入原因", "事由"),
        True,
        "reason",
        "未按规定报送年度工作报告",
    ),
    Column(
        "legal_basis",
        "列入依据",
        ("依据",),
        True,
        "legal_basis",
        "《社会组织信用信息管理办法》第十条",
    ),
    Column(
        "deciding_authority",
        "作出决定机关",
        ("决定机关", "列入决定机关"),
        True,
        "deciding_authority",
        "清源区民政局",
    ),
    Column(
        "decision_number",
        "列入决定书文号",
        ("决定书文号", "文号"),
        False,
        "decision_number",
        "清民社异〔2024〕1号",
    ),
    Column("listed_on", "列入日期", ("列入时间",), True, "listed_on", "2024-07-02"),
    Column("removed_on", "移出日期", ("移出时间",), False, "removed_on", ""),
    Column("removal_reason", "移出事由", ("移出原因",), False, "removal_reason", ""),
    Column("removal_authority", "移出决定机关", (), False, "removal_authority", ""),
    Column(
        "removal_decision_number",
        "移出决定书文号",
        (),
        False,
        "removal_decision_number",
        "",
    ),
    Column("agency", "发布机构", (), False, "agency", ""),
]

# What a row must say of an organisation not yet registered here.
NEW_ORGANISATION = ("name", "org_type", "registering_authority")

ENTRY_FIELDS = (
    "reason",
    "legal_basis",
    "deciding_authority",
    "decision_number",
    "removal_reason",
    "removal_authority",
    "removal_decision_number",
)


def example_region(code):
    """``code`` if this site has that region, else its first region's code."""
    if Region.objects.filter(code=code).exists():
        return code
    return Region.objects.order_by("code").values_list("code", flat=True).first() or ""


def site_examples():
    return {
        "agency": first_agency_name(),
        "region": example_region(next(c.example for c in COLUMNS if c.key == "region")),
    }


def parse_region(text):
    found = Region.objects.filter(code=text).first()
    if found is None:
        raise CellProblem(_("区划代码“%(code)s”不存在") % {"code": text})
    return found


def _organisation(reader, code, context):
    """The organisation by its code: registered, created earlier in this file, or
    new from this row."""
    found = context.registered.get(code)
    if found is not None:
        return found
    if code in context.new_records:
        return context.new_records[code]
    before = len(reader.problems)
    for key in NEW_ORGANISATION:
        reader.parse(key, str, required=True)  # only reports a missing cell
    if len(reader.problems) > before:
        return None
    org = SocialOrganisation(
        credit_code=code,
        name=reader.text("name"),
        org_type=reader.parse("org_type", parse_choice, OrgType) or "",
        registering_authority=reader.text("registering_authority"),
        region=reader.parse("region", context.region),
        live=False,
    )
    try:
        org.agency = context.agency(reader.text("agency"))
    except ValueError as problem:
        reader.add("agency", problem)
        return None
    before = len(reader.problems)
    full_clean_into(reader, org, looked_up=True)  # by credit code, in plan()
    if len(reader.problems) == before:
        context.new_records[code] = org
    return org


def plan(spec, table, rows, context):
    """One query each for the batch's registered organisations and their listings."""
    codes = [normalise_credit_code(row.values.get("credit_code", "")) for row in rows]
    context.registered = {
        org.credit_code: org
        for org in SocialOrganisation.objects.filter(credit_code__in=set(codes))
    }
    context.listings = {
        (entry.organisation_id, entry.list_type, entry.listed_on): entry
        for entry in CreditListEntry.objects.filter(
            organisation__in=context.registered.values()
        )
    }
    return [
        plan_row(spec, table, row, context, code)
        for row, code in zip(rows, codes, strict=True)
    ]


def plan_row(spec, table, row, context, code):
    """``code``: the row's 统一社会信用代码, normalised (by ``plan``)."""
    reader = RowReader(spec, table, row)
    problem = credit_code_problem(code) if code else None
    if problem:
        reader.add("credit_code", problem)
    list_type = reader.parse("list_type", parse_choice, ListType)
    listed_on = reader.parse("listed_on", parse_date)
    removed_on = reader.parse("removed_on", parse_date)
    for key in ENTRY_FIELDS:
        reader.parse(key, str)  # reports required cells left empty
    if reader.problems or not code:
        if not code:
            reader.add("credit_code", _("必填项不能为空"))
        return Planned(row, problems=reader.problems)
    org = _organisation(reader, code, context)
    if org is None or reader.problems:
        return Planned(row, problems=reader.problems)
    existing = None
    if org.pk:
        existing = context.listings.get((org.pk, list_type, listed_on))
    entry = latest_draft(existing) or CreditListEntry(
        organisation=org, agency=org.agency, list_type=list_type, listed_on=listed_on
    )
    for key in ENTRY_FIELDS:
        setattr(entry, key, reader.text(key))
    entry.removed_on = removed_on
    # Found by its natural key in plan() (a new organisation's entries are new);
    # a key repeated in the file is the run's duplicate check.
    full_clean_into(reader, entry, looked_up=True)

    def relink():
        entry.organisation = org  # the new organisation has its id now

    records = {1: entry} if org.pk else {0: org, 1: entry}
    return Planned(
        row,
        key=(code, list_type, listed_on),
        problems=reader.problems,
        records=records,
        relink=relink,
    )


CREDIT_LIST = Spec(
    kind="credit-list",
    label=gettext_lazy("社会组织信用名录"),
    columns=COLUMNS,
    planner=plan,
    filename="credit-list",
    site_examples=site_examples,
    also_marked=NEW_ORGANISATION,
)
