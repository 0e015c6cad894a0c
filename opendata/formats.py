"""The four download formats, each written from ``Dataset.rows()`` a chunk at a time so
memory stays flat however many rows there are.

- CSV: UTF-8 with a BOM (Excel on Chinese Windows), header = the schema's field names,
  text cells that a spreadsheet would run as a formula neutralised.
- JSON Lines: one object per row. JSON: one array of those objects.
- XLSX: written by XlsxWriter in constant-memory mode (openpyxl keeps every string in
  memory until it saves) into a temporary file, text always stored as text; a second
  sheet describes the fields.
"""

import csv
import datetime
import decimal
import functools
import io
import json
import tempfile

from django.conf import settings
from django.utils import timezone, translation

import xlsxwriter

from content_models.disclosure.spreadsheets import BOM, neutralise

from .schema import STRING

CHUNK_ROWS = 1000
XLSX_CREATED = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def plain_value(value):
    """A cell as JSON sees it: dates and times in ISO 8601 (Beijing time, to the
    second), Decimals as numbers."""
    if isinstance(value, datetime.datetime):
        return _moment_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@functools.lru_cache(maxsize=8192)  # rows of a batch share publication moments
def _moment_text(value):
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _csv_text(value):
    return "" if value is None else neutralise(value)


def _csv_other(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(plain_value(value))


def csv_chunks(dataset, rows):
    """The CSV file as a sequence of str chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(dataset.field_names)
    yield BOM + buffer.getvalue()
    cells = [
        _csv_text if column.type == STRING else _csv_other for column in dataset.fields
    ]
    for chunk in _chunks(rows):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(
            [cell(value) for cell, value in zip(cells, row, strict=True)]
            for row in chunk
        )
        yield buffer.getvalue()


def _json_object(names, row):
    return json.dumps(
        dict(zip(names, map(plain_value, row), strict=True)),
        ensure_ascii=False,
        separators=(",", ":"),
    )


def jsonl_chunks(dataset, rows):
    names = dataset.field_names
    for chunk in _chunks(rows):
        yield "".join(_json_object(names, row) + "\n" for row in chunk)


def json_chunks(dataset, rows):
    """A JSON array of row objects, streamed."""
    names = dataset.field_names
    separator = "\n"
    yield "["
    for chunk in _chunks(rows):
        parts = []
        for row in chunk:
            parts.append(separator + _json_object(names, row))
            separator = ",\n"
        yield "".join(parts)
    yield "\n]\n"


def write_xlsx(dataset, rows, target):
    """Write the workbook to ``target`` (a path or a binary file object)."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    # A fixed creation date: the same rows give the same bytes (XlsxWriter already
    # dates every zip member 1980-01-01), so a file rewritten for the same change
    # mark, or a release cut twice from the same rows, does not differ.
    workbook.set_properties({"created": XLSX_CREATED})
    sheet = workbook.add_worksheet("data")
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, dataset.field_names, bold)
    sheet.freeze_panes(1, 0)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            _write_xlsx_cell(sheet, number, column, value)
    _write_field_sheet(workbook, dataset, bold)
    workbook.close()


def _write_xlsx_cell(sheet, row, column, value):
    value = plain_value(value)
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, value)


def _write_field_sheet(workbook, dataset, bold):
    """The field list in Chinese and English, whatever the reader's language; below
    it, after an empty row, the licence and terms the file is given under, so a
    workbook passed on alone still carries them."""
    sheet = workbook.add_worksheet("fields")
    header = ["name", "type", "title", "description", "title_en", "description_en"]
    sheet.write_row(0, 0, header, bold)
    for number, column in enumerate(dataset.fields, start=1):
        texts = []
        for language in (settings.LANGUAGE_CODE, "en"):
            with translation.override(language):
                texts += [str(column.title), _with_codes(column)]
        sheet.write_row(number, 0, [column.name, column.type, *texts[:2], *texts[2:]])
    first = len(dataset.fields) + 2
    for offset, (name, value) in enumerate(licence_lines(dataset)):
        sheet.write_string(first + offset, 0, name, bold)
        sheet.write_string(first + offset, 2, value)


def _with_codes(column):
    """The description, followed for a coded column by what each code means
    (``1=社会团体; 2=…``), in the active language."""
    description = str(column.description)
    if column.choices is None:
        return description
    codes = "; ".join(f"{value}={label}" for value, label in column.choices.choices)
    return f"{description} ({codes})" if description else codes


def licence_lines(dataset):
    """(name, text) of the licence block of the field sheet, in Chinese."""
    from .licences import current_terms

    terms = current_terms()
    publisher, _url = terms.publisher_of(dataset.slug)
    contact = " ".join(
        part
        for part in (terms.contact_name, terms.contact_email, terms.contact_phone)
        if part
    )
    with translation.override(settings.LANGUAGE_CODE):
        return [
            ("licence", str(terms.title)),
            ("licence_url", terms.url),
            ("terms_of_use", str(terms.terms_of_use)),
            ("publisher", publisher),
            ("contact", contact),
        ]


def _chunks(rows):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# name -> (media type, whether it is text that gzip shrinks)
FORMATS = {
    "csv": ("text/csv; charset=utf-8", True),
    "jsonl": ("application/jsonl; charset=utf-8", True),
    "json": ("application/json; charset=utf-8", True),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        False,
    ),
}

TEXT_WRITERS = {"csv": csv_chunks, "jsonl": jsonl_chunks, "json": json_chunks}


def write_file(dataset, fmt, target, rows=None):
    """Write a whole file in format ``fmt`` to a binary file object (releases and
    the XLSX download use this)."""
    rows = dataset.rows() if rows is None else rows
    if fmt == "xlsx":
        write_xlsx(dataset, rows, target)
        return
    for chunk in TEXT_WRITERS[fmt](dataset, rows):
        target.write(chunk.encode("utf-8"))
