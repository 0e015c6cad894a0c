"""Files for the record-import tests: CSV and XLSX bytes, and ways to break them."""

import csv
import io
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def csv_bytes(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_member(data, member, content):
    """The archive with ``member`` replaced by ``content`` (other members copied)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = content if info.filename == member else source.read(info.filename)
            archive.writestr(info.filename, body)
    return out.getvalue()


def corrupt_member(data, member, start=0.0):
    """The archive with ``member``'s compressed bytes overwritten from ``start`` (a
    fraction of them) to the end: inflating it fails with ``zlib.error``."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    broken = bytearray(data)
    begin = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(
        begin + int(info.compress_size * start), begin + info.compress_size
    ):
        broken[offset] = 0xFF
    return bytes(broken)


def sheet_xml(data):
    return zipfile.ZipFile(io.BytesIO(data)).read(SHEET)


def zip_bomb(header_rows, unpacked=300 * 1024 * 1024):
    """A real workbook whose sheet XML is padded with ``unpacked`` bytes of XML
    whitespace after its rows: ~300 KB compressed for the default 300 MB."""
    good = xlsx_bytes(header_rows)
    xml = sheet_xml(good)
    cut = xml.index(b"</sheetData>")
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename != SHEET:
                archive.writestr(info.filename, source.read(info.filename))
                continue
            with archive.open(SHEET, "w", force_zip64=True) as member:
                member.write(xml[:cut])
                chunk = b" " * (1024 * 1024)
                for _ in range(unpacked // len(chunk)):
                    member.write(chunk)
                member.write(xml[cut:])
    return out.getvalue()
