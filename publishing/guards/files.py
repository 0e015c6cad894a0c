"""Attached spreadsheets, read cell by cell.

Name lists are often published as an XLSX or CSV next to the notice, and that is where
full ID numbers leak (../shared/docs/DOMAIN.md E). Cells are named as a spreadsheet
names them:
附件《名单.xlsx》工作表Sheet1 单元格C5.
"""

import csv
import io
import os
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext

from wagtail.documents import get_document_model

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from content_models.disclosure.spreadsheets import UndecodableCsv, decode_csv

from .texts import child_rows

SPREADSHEETS = ("xlsx", "csv")


class UnreadableFile(Exception):
    pass


@dataclass(frozen=True)
class Cell:
    where: str
    value: str


def file_name(document):
    return os.path.basename(document.file.name)


def attachment_where(document):
    return gettext("附件《%(name)s》") % {"name": file_name(document)}


def extension(document):
    return os.path.splitext(document.file.name)[1].lstrip(".").lower()


def attachments_of(item):
    """The documents attached to ``item`` through its child rows, in order."""
    document_model = get_document_model()
    documents = []
    for _relation, rows in child_rows(item):
        for row in rows:
            for field in type(row)._meta.concrete_fields:
                if (
                    isinstance(field, models.ForeignKey)
                    and field.related_model is document_model
                    and getattr(row, field.attname)
                ):
                    documents.append(getattr(row, field.name))
    return documents


def cells_of(document):
    """Every non-empty cell of an XLSX or CSV attachment; nothing for other files.

    Raises UnreadableFile when the file cannot be read as what its name says."""
    kind = extension(document)
    if kind not in SPREADSHEETS:
        return []
    try:
        with document.file.open("rb") as handle:
            content = handle.read()
    except OSError as error:
        raise UnreadableFile(str(error)) from error
    if kind == "xlsx":
        return list(_xlsx_cells(content, attachment_where(document)))
    return list(_csv_cells(content, attachment_where(document), file_name(document)))


def _xlsx_cells(content, where):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(str(error)) from error
    try:
        for sheet in workbook.worksheets:
            for row_number, row in enumerate(sheet.iter_rows(values_only=True), 1):
                for column, value in enumerate(row, start=1):
                    text = _cell_text(value)
                    if text:
                        yield Cell(
                            gettext("%(file)s工作表%(sheet)s 单元格%(cell)s")
                            % {
                                "file": where,
                                "sheet": sheet.title,
                                "cell": f"{get_column_letter(column)}{row_number}",
                            },
                            text,
                        )
    finally:
        workbook.close()


def _cell_text(value):
    if value is None:
        return ""
    # A number typed into Excel comes back as a float (13812345678.0).
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_cells(content, where, name):
    try:
        text = decode_csv(content, name)
    except UndecodableCsv as error:
        raise UnreadableFile(error.message) from error
    for row_number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        for column, value in enumerate(row, start=1):
            if value:
                yield Cell(
                    gettext("%(file)s单元格%(cell)s")
                    % {
                        "file": where,
                        "cell": f"{get_column_letter(column)}{row_number}",
                    },
                    value,
                )
