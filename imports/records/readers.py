"""Read a CSV or XLSX file of registry records into rows of ``{column key: str}``.

Officials write these files by hand or export them from Excel on Chinese Windows, so:

* CSV may be UTF-8 (with or without the BOM Excel adds) or GB18030; which is which is
  decided by ``content_models.disclosure.spreadsheets.decode_csv``.
* Headers vary (“统一社会信用代码”, “信用代码”, “社会信用代码”); each kind lists the
  headers it accepts (``kinds.py``) and the reader maps them to one key. A header may
  carry its unit, “金额（万元）”.
* A cell starting with = + - @ is refused: opened in a spreadsheet it would run as a
  formula (OWASP “CSV injection”), and its value in the file is not what the official
  saw on screen. Which starts count is ``content_models.disclosure.spreadsheets``'s rule
  (cells are stripped first, so its tab and carriage return never lead here).
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from content_models.disclosure.spreadsheets import (
    FORMULA_STARTS,
    UndecodableCsv,
    decode_csv,
)

UNITS = ("万元", "元")
_UNIT_SUFFIX = re.compile(r"\((万元|元)\)$")


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing in it is imported."""

    def __init__(self, message, column=""):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass
class Row:
    number: int  # as the official sees it in the spreadsheet: the header is row 1
    values: dict
    problems: list = field(default_factory=list)  # [(column header, message)]


@dataclass
class Table:
    headers: dict  # column key -> header as written in the file
    units: dict  # column key -> 元 / 万元 when the header names a unit
    rows: list


def normalise_header(text):
    """Headers compare without spaces, full-width brackets or template asterisks."""
    text = str(text or "").strip().replace("（", "(").replace("）", ")")
    return re.sub(r"[\s*＊]", "", text)


def split_unit(header):
    """(“金额”, “万元”) from “金额（万元）”; (header, None) when no unit is named."""
    match = _UNIT_SUFFIX.search(header)
    if not match:
        return header, None
    return header[: match.start()], match.group(1)


def _csv_rows(data, name):
    try:
        text = decode_csv(data, name)
    except UndecodableCsv as error:
        raise FileProblem(error.message) from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        return [row for row in reader]
    except csv.Error as error:
        raise FileProblem(
            _("文件“%(name)s”第%(line)d行格式错误（%(error)s），文件可能被截断")
            % {"name": name, "line": reader.line_num, "error": error}
        ) from error


def cell_text(value):
    """An XLSX cell as the text the official typed (dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(path, name):
    # openpyxl is imported here so that reading CSV does not pay for it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only=False: a formula cell comes back as its "=..." text, so it can be
        # refused instead of silently importing a stale cached value.
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        OSError,
        KeyError,
        ValueError,
    ) as error:
        raise FileProblem(
            _("文件“%(name)s”不是有效的XLSX文件：%(error)s")
            % {"name": name, "error": error}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [
            [cell_text(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def raw_rows(path, name=None):
    path = Path(path)
    name = name or path.name
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path, name)
    return _csv_rows(path.read_bytes(), name)


def read_table(path, columns, name=None):
    """Rows of the file keyed by the ``columns`` (``kinds.Column``) they belong to.

    Raises ``FileProblem`` for an empty file, an unknown or missing required header.
    """
    name = name or Path(path).name
    rows = [
        (number, row)
        for number, row in enumerate(raw_rows(path, name), start=1)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise FileProblem(_("文件“%(name)s”是空的，没有表头和数据") % {"name": name})
    header_row, data = rows[0][1], rows[1:]
    by_alias = {normalise_header(a): c for c in columns for a in c.all_headers}
    keys, headers, units = [], {}, {}
    for written in header_row:
        base, unit = split_unit(normalise_header(written))
        column = by_alias.get(base)
        if column is None or column.key in headers:
            keys.append(None)  # an extra column (序号, 备注栏) is ignored
            continue
        keys.append(column.key)
        headers[column.key] = written.strip()
        if unit:
            units[column.key] = unit
    missing = [c.header for c in columns if c.required and c.key not in headers]
    if missing:
        raise FileProblem(
            _("文件“%(name)s”缺少必填列：%(columns)s")
            % {"name": name, "columns": "、".join(missing)},
            column="、".join(missing),
        )
    if not data:
        raise FileProblem(_("文件“%(name)s”只有表头，没有数据行") % {"name": name})
    table = Table(headers=headers, units=units, rows=[])
    width = len(header_row)
    for index, cells in data:
        row = Row(number=index, values={})
        if len(cells) < width and any(k for k in keys[len(cells) :]):
            row.problems.append(
                (
                    "",
                    _("本行只有%(count)d列，少于表头的%(width)d列，文件可能被截断")
                    % {"count": len(cells), "width": width},
                )
            )
        for key, value in zip(keys, cells, strict=False):
            if key is None:
                continue
            value = value.strip()
            if value.startswith(FORMULA_STARTS):
                row.problems.append(
                    (
                        headers[key],
                        _("单元格“%(value)s”以= + - @开头，会被当作公式，已拒绝导入")
                        % {"value": value[:40]},
                    )
                )
                continue
            row.values[key] = value
        table.rows.append(row)
    return table
