"""Generating a report's figures (frozen into the page) and laying its tables out
for the page, the spreadsheet and the PDF alike."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from content_models.disclosure.privacy import mask_personal_data

from . import measures
from .spec import Entered, Figure, Setting, Total, cell_key


def generate(page):
    """Count every portal figure of ``page`` at its cut-off: the dict frozen into
    the page (and so into the revision reviewers approve)."""
    period = page.period()
    values = {}
    for table in page.report_tables():
        for row, column, spec in table.cells():
            key = cell_key(table, row, column)
            if isinstance(spec, Figure):
                values[key] = measures.count(spec, period)
            elif isinstance(spec, Setting):
                values[key] = str(spec.read(page) or "")
    return {
        "year": period.year,
        "cut_off": period.cut_off.isoformat(),
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "values": values,
    }


def entered_value(spec, text):
    """A staff-entered value as it is shown and written: numbers as numbers."""
    if text in (None, ""):
        return None
    if spec.kind == "int":
        try:
            return int(text)
        except (TypeError, ValueError):
            return None
    if spec.kind == "decimal":
        try:
            return Decimal(str(text))
        except InvalidOperation:
            return None
    # The form refuses personal numbers; masked again in case one slipped in.
    return mask_personal_data(str(text))


@dataclass
class CellView:
    value: object
    source: str  # portal, staff, setting, sum
    url: str = ""


@dataclass
class RowView:
    label: str
    level: int
    heading: bool
    cells: list = field(default_factory=list)


@dataclass
class TableView:
    key: str
    title: str
    label_heading: str
    note: str
    columns: list
    grouped: list  # the labels of the columns under a group heading
    groups: list  # [(label, colspan, rowspan)] above the columns, when grouped
    rows: list
    failed_checks: list  # column labels whose check rule does not hold


def table_views(page, figure_url=None):
    """The report's tables with their values; ``figure_url(table, row, column)``
    gives each portal figure's link."""
    frozen = (page.figures or {}).get("values", {})
    entered = page.entered or {}
    views = []
    for table in page.report_tables():
        rows = []
        for row in table.rows:
            view = RowView(str(row.label), row.level, row.heading)
            for column in table.columns:
                spec = row.cells.get(column.key)
                view.cells.append(
                    _cell(table, row, column, spec, frozen, entered, figure_url)
                )
            rows.append(view)
        failed = []
        if table.check and frozen:
            failed = [str(column.label) for column, ok in table.check(frozen) if not ok]
        views.append(
            TableView(
                key=table.key,
                title=str(table.title),
                label_heading=str(table.label_heading),
                note=str(table.note),
                columns=[str(column.label) for column in table.columns],
                grouped=[str(c.label) for c in table.columns if c.group],
                groups=_groups(table.columns),
                rows=rows,
                failed_checks=failed,
            )
        )
    return views


def _cell(table, row, column, spec, frozen, entered, figure_url):
    if spec is None:
        return CellView(None, "")
    key = cell_key(table, row, column)
    if isinstance(spec, Figure):
        url = figure_url(table.key, row.key, column.key) if figure_url else ""
        return CellView(frozen.get(key), "portal", url)
    if isinstance(spec, Setting):
        return CellView(frozen.get(key), "setting")
    if isinstance(spec, Entered):
        return CellView(entered_value(spec, entered.get(key)), "staff")
    if isinstance(spec, Total):
        parts = [
            entered_value(row.cells[part], entered.get(f"{table.key}/{row.key}/{part}"))
            for part in spec.parts
        ]
        known = [part for part in parts if part is not None]
        return CellView(sum(known) if known else None, "sum")
    raise TypeError(spec)


def _groups(columns):
    """The top header row when columns are grouped: (label, colspan, rowspan); a
    column outside any group spans both header rows. Empty when nothing is grouped."""
    if not any(column.group for column in columns):
        return []
    groups = []
    for column in columns:
        if not column.group:
            groups.append([str(column.label), 1, 2])
        elif groups and groups[-1][2] == 1 and groups[-1][0] == str(column.group):
            groups[-1][1] += 1
        else:
            groups.append([str(column.group), 1, 1])
    return [tuple(group) for group in groups]


def figure_spec(page, table_key, row_key, column_key):
    """The ``Figure`` behind one cell of ``page``, or None."""
    for table in page.report_tables():
        if table.key != table_key:
            continue
        row = table.row(row_key)
        spec = row.cells.get(column_key) if row else None
        return spec if isinstance(spec, Figure) else None
    return None


def cell_label(page, table_key, row_key, column_key):
    """「三、收到和处理政府信息公开申请情况 · 重复申请 · 自然人」"""
    for table in page.report_tables():
        if table.key == table_key:
            row = table.row(row_key)
            column = next(c for c in table.columns if c.key == column_key)
            parts = [table.title, row.label]
            if len(table.columns) > 1:
                parts.append(
                    f"{column.group}{column.label}" if column.group else column.label
                )
            return " · ".join(str(part) for part in parts)
    return ""
