"""Blank template files per kind, generated from the spec so they never drift from
what the importer reads: the header row (required columns marked *) and one example
row. CSV carries a BOM so that Excel on Chinese Windows opens it as UTF-8.

The example row names this site's own agency, regions and charities where it needs
them, so a template imports as downloaded
(``tests/imports/test_import_records_templates.py``)."""

import csv
import io

from .kinds import get_spec

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_rows(kind):
    spec = get_spec(kind)
    headers = [c.header + ("*" if spec.required(c) else "") for c in spec.columns]
    return [headers, spec.examples()]


def template_csv(kind):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(template_rows(kind))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def template_xlsx(kind):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(get_spec(kind).label)[:31]
    for row in template_rows(kind):
        # Example codes and dates stay text, as officials type them.
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_file(kind, fmt):
    """(bytes, content type, filename) of the template in ``fmt`` (csv or xlsx)."""
    spec = get_spec(kind)
    if fmt == "xlsx":
        return template_xlsx(kind), XLSX_TYPE, f"{spec.filename}-template.xlsx"
    return template_csv(kind), CSV_TYPE, f"{spec.filename}-template.csv"
