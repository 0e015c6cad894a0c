"""KIND ``disclosure-finance``: a village's income and expense rows (财务公开).

Rows sharing 区划代码 + 期间 + 公开类别 belong to one ``VillageDisclosurePage`` (its
natural key, ``disclosure_key``). The page is found under the village's column, or
created there as a draft. Within a page a row is matched by 收支项目 + 收支: a
matching row is updated, a new one added, and rows the file does not mention are kept.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Locale

from content_models.disclosure.privacy import kept_numbers, personal_data_problems
from content_models.disclosure.public import item_key
from content_models.regions.codes import validate_region_code
from content_models.regions.models import Region
from content_models.villages.categories import Category, Direction
from content_models.villages.disclosures import period_or_errors
from content_models.villages.models import (
    FinanceRow,
    VillageDisclosurePage,
    VillageIndexPage,
)

from .kinds import (
    Column,
    Planned,
    RowReader,
    Spec,
    duplicate_problem,
    first_agency_name,
    latest_draft,
)
from .values import (
    CellProblem,
    parse_amount,
    parse_choice,
    parse_number,
    parse_unit,
)

COLUMNS = [
    Column(
        "region",
        "区划代码",
        ("村（社区）区划代码", "统计用区划代码", "村代码"),
        True,
        "",
        "150299100201",
    ),
    Column("village_name", "村（社区）名称", ("村名", "社区名称"), False, "", "红旗村"),
    Column("year", "年度", ("年份",), True, "year", "2025"),
    Column("quarter", "季度", (), False, "quarter", "1"),
    Column("month", "月份", ("月",), False, "month", ""),
    Column("category", "公开类别", ("类别",), False, "category", "财务公开"),
    Column("item", "收支项目", ("项目", "科目"), True, "item", "村集体土地承包费"),
    Column("direction", "收支", ("收支类型", "收入/支出"), True, "direction", "收入"),
    Column("amount", "金额", ("发生额",), True, "amount", "12000.00"),
    Column("unit", "金额单位", ("单位",), False, "", "元"),
    Column("note", "备注", ("说明",), False, "note", ""),
    Column("agency", "发布机构", (), False, "agency", ""),
]

NOT_IN_TREE = ["path", "depth"]


def site_examples():
    """The first village with a 村（居）务公开 column here."""
    examples = {"agency": first_agency_name()}
    column = (
        VillageIndexPage.objects.filter(locale=Locale.get_default())
        .select_related("region")
        .order_by("path")
        .first()
    )
    if column is not None:
        examples.update(region=column.region.code, village_name=column.region.name)
    return examples


def _column_page(code):
    validate_region_code(code)  # raises ValidationError with the official's sentence
    try:
        region = Region.objects.by_code(code)
    except Region.DoesNotExist:
        raise CellProblem(_("区划代码“%(code)s”不存在") % {"code": code}) from None
    column = VillageIndexPage.objects.filter(
        region=region, locale=Locale.get_default()
    ).first()
    if column is None:
        raise CellProblem(
            _("“%(name)s”（%(code)s）还没有村（居）务公开栏目，请先在网站中建立")
            % {"name": region.name, "code": code}
        )
    return column


def _column_or_problem(code, context):
    """(column, None) or (None, message), looked up once per code in a run."""
    cache = context.columns
    if code not in cache:
        try:
            cache[code] = (_column_page(code), None)
        except CellProblem as problem:
            cache[code] = (None, str(problem))
        except ValidationError as error:
            cache[code] = (None, " ".join(error.messages))
    return cache[code]


def _parse_row(spec, table, row, context):
    reader = RowReader(spec, table, row)
    column = None
    code = reader.text("region")
    if not code:
        reader.add("region", _("必填项不能为空"))
    else:
        column, problem = _column_or_problem(code, context)
        if problem:
            reader.add("region", problem)
    before = len(reader.problems)
    year = reader.parse("year", parse_number, _("年度"))
    quarter = reader.parse("quarter", parse_number, _("季度"))
    month = reader.parse("month", parse_number, _("月份"))
    period, errors = None, {}
    if (
        len(reader.problems) == before
        and not {"year", "quarter", "month"} & row.refused
    ):
        # else a part is missing for a reason already given
        period, errors = period_or_errors(year, quarter, month)
    for name, messages in errors.items():
        for message in messages:
            reader.add(name, message)
    category = reader.parse("category", parse_choice, Category) or Category.FINANCE
    unit = reader.parse("unit", parse_unit) or table.units.get("amount")
    finance_row = FinanceRow(
        item=reader.parse("item", str) or "",
        direction=reader.parse("direction", parse_choice, Direction) or "",
        amount=reader.parse("amount", parse_amount, unit),
        note=reader.text("note"),
    )
    if not reader.problems:
        try:
            # Its one constraint (amount > 0) is also FinanceRow.clean()'s, in Python
            # and in words; Django would check it again with a query per row.
            finance_row.full_clean(exclude=["page"], validate_constraints=False)
        except ValidationError as error:
            reader.add_validation_error(error, FinanceRow)
    return reader, column, period, category, finance_row


def plan(spec, table, rows, context):
    planned, groups = [], {}
    for row in rows:
        reader, column, period, category, finance_row = _parse_row(
            spec, table, row, context
        )
        item = Planned(row, problems=reader.problems)
        planned.append(item)
        if reader.problems:
            continue
        page_key = (column.region.code, period.slug, category)
        item.key = (*page_key, finance_row.item, finance_row.direction)
        first = context.first_row(item.key, row.number)
        if first != row.number:
            # Caught here, not only by the run: a repeated row must not be merged.
            item.problems.append(duplicate_problem(first))
            continue
        group = groups.setdefault(page_key, (column, period, category, reader, []))
        group[4].append((item, RowReader(spec, table, row), finance_row))
    for group in groups.values():
        _plan_page(spec, table, context, *group)
    return planned


def _plan_page(spec, table, context, column, period, category, first, members):
    existing = (
        VillageDisclosurePage.objects.child_of(column)
        .filter(
            year=period.year,
            quarter=period.quarter,
            month=period.month,
            category=category,
        )
        .first()
    )
    members = _without_personal_data(spec, table, existing, members)
    if not members:
        return
    page = latest_draft(existing)
    outcome = "updated"
    if existing is not None and ("page", existing.pk) in context.created:
        outcome = "created"  # by an earlier batch of this file
    if page is None:
        outcome = "created"
        page = VillageDisclosurePage(
            year=period.year,
            quarter=period.quarter,
            month=period.month,
            category=category,
            body="",
        )
        page.pending_parent = column
        page.locale = column.locale
        try:
            page.agency = context.agency(first.text("agency"))
        except CellProblem as problem:
            for item, _reader, _row in members:
                item.problems.append((spec.header(table, "agency"), str(problem)))
            return
    rows = list(page.finance_rows.all())
    by_key = {(r.item, r.direction): r for r in rows}
    outcomes = {}
    for item, _reader, new in members:
        old = by_key.get((new.item, new.direction))
        if old is not None:
            old.amount, old.note = new.amount, new.note
            outcomes[id(item)] = "updated"
        else:
            rows.append(new)
            by_key[(new.item, new.direction)] = new
            outcomes[id(item)] = outcome
    page.finance_rows = rows
    page.pending_finance_rows = rows

    page_reader = RowReader(spec, table, members[0][0].row)
    page_reader.problems = []
    try:
        page.full_clean(exclude=None if page.path else NOT_IN_TREE)
    except ValidationError as error:
        page_reader.add_validation_error(error, VillageDisclosurePage)
    if page_reader.problems:
        for item, _reader, _row in members:
            item.problems.extend(page_reader.problems)
        return

    saved = []

    def save_page(user):
        if saved:
            return
        saved.append(True)
        # The page was validated as it is saved (``page.full_clean`` above, with
        # every finance row): saving does not validate it again.
        if page.pk is None:
            page.live = False
            column.add_child(instance=page)  # treebeard's save() cleans once more
            context.created.add(("page", page.pk))
        elif not page.live:
            page.save(clean=False)
        # A live page keeps its public version; the import waits in a draft revision.
        page.save_revision(user=user, clean=False)

    for item, _reader, _row in members:
        item.save = _row_saver(save_page, outcomes[id(item)])
        item.draft = page


def _without_personal_data(spec, table, existing, members):
    """Members whose 收支项目 and 备注 show no personal number; the others get the
    problem on their own row and column. (The page's own check would name the page's
    first row and its 公开类别.)"""
    kept = kept_numbers(item_key(existing)) if existing is not None else frozenset()
    clean = []
    for member in members:
        item, _reader, row = member
        for key, text in (("item", row.item), ("note", row.note)):
            for problem in personal_data_problems(text, keep=kept):
                item.problems.append((spec.header(table, key), problem))
        if item.valid:
            clean.append(member)
    return clean


def _row_saver(save_page, outcome):
    def save(user):
        save_page(user)
        return outcome

    return save


DISCLOSURE_FINANCE = Spec(
    kind="disclosure-finance",
    label=gettext_lazy("村（居）务财务公开收支"),
    columns=COLUMNS,
    planner=plan,
    filename="disclosure-finance",
    site_examples=site_examples,
)
