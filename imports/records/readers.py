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
* Files are read as a stream of rows, never whole (``limits.py`` bounds them), and a
  file however broken becomes a ``FileProblem`` naming the file and, where the reader
  got to, the row: never a traceback.
"""

import csv
import datetime
import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _

from content_models.disclosure.spreadsheets import (
    FORMULA_STARTS,
    UndecodableCsv,
    csv_lines,
)

from .limits import limits

UNITS = ("万元", "元")
_UNIT_SUFFIX = re.compile(r"\((万元|元)\)$")
MB = 1024 * 1024

# What a broken XLSX raises from inside openpyxl, zipfile and the XML parser: the sheet
# XML malformed (ParseError, defusedxml's ValueError subclasses), a member corrupted
# (zlib.error, BadZipFile for a CRC mismatch, EOFError for a cut-off member), parts
# missing or of the wrong type (KeyError, TypeError, AttributeError, IndexError).
BROKEN_XLSX = (
    ParseError,
    zlib.error,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    NotImplementedError,
)


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing in it is imported. ``row`` is the
    spreadsheet row the reader had reached, when it had."""

    def __init__(self, message, column="", row=None):
        super().__init__(message)
        self.message = message
        self.column = column
        self.row = row


@dataclass
class Row:
    number: int  # as the official sees it in the spreadsheet: the header is row 1
    values: dict
    problems: list = field(default_factory=list)  # [(column header, message)]
    refused: set = field(default_factory=set)  # keys of cells refused as read


@dataclass
class Table:
    headers: dict  # column key -> header as written in the file
    units: dict  # column key -> 元 / 万元 when the header names a unit
    rows: object  # an iterator of ``Row``, read from the file as it is consumed
    name: str = ""


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


def _csv_rows(path, name):
    """(number, cells) per CSV record; the header is record 1."""
    with open(path, "rb") as handle:
        reader = csv.reader(csv_lines(handle, name), strict=True)
        try:
            yield from enumerate(reader, start=1)
        except UndecodableCsv as error:
            # Raised while reading the next line: the record after the last one read.
            raise FileProblem(error.message, row=reader.line_num + 1) from error
        except csv.Error as error:
            raise FileProblem(
                _("文件“%(name)s”第%(line)d行格式错误（%(error)s），文件可能被截断")
                % {"name": name, "line": reader.line_num, "error": error},
                row=reader.line_num,
            ) from error


def _not_xlsx(name, error):
    return FileProblem(
        _("文件“%(name)s”不是有效的XLSX文件：%(error)s")
        % {"name": name, "error": error or type(error).__name__}
    )


def check_xlsx_archive(path, name, limit):
    """Refuse an archive whose members would unpack past ``limit`` bytes, from its
    directory alone (nothing is inflated)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise _not_xlsx(name, error) from error
    if unpacked > limit:
        raise FileProblem(
            _(
                "文件“%(name)s”解压后有%(size)d MB，超过上限%(limit)d MB，"
                "未读取；请分成几个文件导入"
            )
            % {"name": name, "size": unpacked // MB, "limit": max(1, limit // MB)}
        )


@contextmanager
def _workbook(path, name):
    # openpyxl is imported here so that reading CSV does not pay for it.
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula cell comes back as its "=..." text, so it can be
        # refused instead of silently importing a stale cached value.
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl raises anything on bad parts
        raise _not_xlsx(name, error) from error
    try:
        yield workbook
    finally:
        workbook.close()


def _xlsx_rows(path, name):
    """(number, cells) per sheet row of the first sheet, after the size checks."""
    limit = limits()
    check_xlsx_archive(path, name, limit.unpacked_bytes)
    with _workbook(path, name) as workbook:
        if not workbook.worksheets:
            raise _not_xlsx(name, _("没有工作表"))
        sheet = workbook.worksheets[0]
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
        if rows > limit.rows + 1 or columns > limit.columns:
            raise FileProblem(
                _(
                    "文件“%(name)s”的工作表声明有%(rows)d行%(columns)d列，"
                    "超过上限（%(max_rows)d行数据、%(max_columns)d列），未读取"
                )
                % {
                    "name": name,
                    "rows": rows,
                    "columns": columns,
                    "max_rows": limit.rows,
                    "max_columns": limit.columns,
                }
            )
        # The declared extent is only a claim: forget it, so rows past it are read
        # (openpyxl would drop them silently) and rows are not padded to it.
        sheet.reset_dimensions()
        number = 0
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                yield number, [cell_text(value) for value in values]
        except BROKEN_XLSX as error:
            raise FileProblem(
                _("文件“%(name)s”第%(row)d行附近已损坏，无法读取：%(error)s")
                % {"name": name, "row": number + 1, "error": error or repr(error)},
                row=number + 1,
            ) from error


def raw_rows(path, name=None):
    """(spreadsheet row number, [cell text]) for each row of the file, as read."""
    path = Path(path)
    name = name or path.name
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path, name)
    return _csv_rows(path, name)


def _header(numbered, name, columns, limit):
    first = next(((n, c) for n, c in numbered if any(x.strip() for x in c)), None)
    if first is None:
        raise FileProblem(_("文件“%(name)s”是空的，没有表头和数据") % {"name": name})
    number, cells = first
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) > limit.columns:
        raise FileProblem(
            _("文件“%(name)s”的表头有%(count)d列，超过上限%(limit)d列")
            % {"name": name, "count": len(cells), "limit": limit.columns},
            row=number,
        )
    by_alias = {normalise_header(a): c for c in columns for a in c.all_headers}
    keys, headers, units = [], {}, {}
    for written in cells:
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
            row=number,
        )
    return keys, headers, units


def read_table(path, columns, name=None):
    """The file's header, and its rows keyed by the ``columns`` (``kinds.Column``)
    they belong to, read as ``table.rows`` is consumed.

    Raises ``FileProblem`` for an empty file, an unknown or missing required header;
    consuming ``rows`` raises it for a file broken further on, one with more rows than
    the limit, or only a header.
    """
    name = name or Path(path).name
    limit = limits()
    numbered = raw_rows(path, name)
    try:
        keys, headers, units = _header(numbered, name, columns, limit)
    except FileProblem:
        numbered.close()
        raise
    return Table(
        headers=headers,
        units=units,
        rows=_data_rows(
            numbered,
            name,
            keys,
            headers,
            limit,
            truncation=Path(path).suffix.lower() != ".xlsx",
        ),
        name=name,
    )


def _data_rows(numbered, name, keys, headers, limit, truncation=True):
    width, count = len(keys), 0
    for number, cells in numbered:
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if count > limit.rows:
            raise FileProblem(
                _("文件“%(name)s”超过%(limit)d行数据的上限，请分成几个文件导入")
                % {"name": name, "limit": limit.rows},
                row=number,
            )
        yield _row(number, cells, keys, headers, width, limit, truncation)
    if not count:
        raise FileProblem(_("文件“%(name)s”只有表头，没有数据行") % {"name": name})


def _row(number, cells, keys, headers, width, limit, truncation):
    row = Row(number=number, values={})
    if truncation and len(cells) < width and any(k for k in keys[len(cells) :]):
        # In CSV a short row is a cut-off file; XLSX leaves trailing empty cells out.
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
        if len(value) > limit.cell_chars:
            row.problems.append(
                (
                    headers[key],
                    _("单元格有%(count)d个字符，超过上限%(limit)d个")
                    % {"count": len(value), "limit": limit.cell_chars},
                )
            )
            row.refused.add(key)
            continue
        if value.startswith(FORMULA_STARTS):
            row.problems.append(
                (
                    headers[key],
                    _("单元格“%(value)s”以= + - @开头，会被当作公式，已拒绝导入")
                    % {"value": value[:40]},
                )
            )
            row.refused.add(key)
            continue
        row.values[key] = value
    return row
