"""How big a registry file may be, checked before and while it is read.

An XLSX file is a zip archive: 300 KB can unpack to 300 MB of sheet XML, and a sheet
may declare a million rows of sixteen thousand columns. The archive's directory says
how big each member unpacks to (``zipfile`` will not inflate a member past the size it
declares: it fails its CRC check instead), and the sheet's ``<dimension>`` says its
extent, so both are checked before a cell is read. Rows, columns and cell lengths are
checked again while reading, for files that declare nothing or lie.

Each limit is a setting with a default that a real bureau's file never reaches.
"""

from dataclasses import dataclass

from django.conf import settings

DEFAULTS = {
    # Sum of the archive's members unpacked; a 100,000-row, 16-column sheet is ~60 MB.
    "IMPORT_XLSX_MAX_UNPACKED_BYTES": 150 * 1024 * 1024,
    # Data rows (the header not counted), CSV and XLSX alike.
    "IMPORT_MAX_ROWS": 200_000,
    "IMPORT_MAX_COLUMNS": 64,
    # Characters in one cell; the longest field (列入事由, 募捐目的) is far shorter.
    "IMPORT_MAX_CELL_CHARS": 2000,
    # Problems listed in a report; the rest are counted, so a broken 100k-row file
    # gives a readable report in bounded memory.
    "IMPORT_MAX_REPORTED_PROBLEMS": 1000,
}


@dataclass(frozen=True)
class Limits:
    unpacked_bytes: int
    rows: int
    columns: int
    cell_chars: int
    reported_problems: int


def limits():
    def get(name):
        return int(getattr(settings, name, DEFAULTS[name]))

    return Limits(
        unpacked_bytes=get("IMPORT_XLSX_MAX_UNPACKED_BYTES"),
        rows=get("IMPORT_MAX_ROWS"),
        columns=get("IMPORT_MAX_COLUMNS"),
        cell_chars=get("IMPORT_MAX_CELL_CHARS"),
        reported_problems=get("IMPORT_MAX_REPORTED_PROBLEMS"),
    )
