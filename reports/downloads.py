"""The report as a spreadsheet (openpyxl) and as a PDF (reportlab with its built-in
STSong-Light CID font, which needs no font file, so a fresh install prints Chinese).

Both are laid out from ``table_views``, as the page is: the same figures in the
same rows. Each portal figure links to its public list."""

import io

from django.utils.translation import gettext as _

from content_models.disclosure.spreadsheets import neutralise

FONT = "STSong-Light"


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def _text(value):
    return neutralise(str(value))  # a typed "=..." is not run as a formula


def _header_lines(page):
    period = page.period()
    generated = (page.figures or {}).get("generated_at", "")[:10]
    return [
        _("报告年度：%(year)s年") % {"year": page.year},
        _(
            "本网站统计的数字截至%(cut_off)s，生成于%(generated)s；"
            "标有 * 的数字由工作人员填报。"
        )
        % {"cut_off": period.cut_off.isoformat(), "generated": generated},
    ]


def xlsx_bytes(page, request):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(page.year)
    bold = Font(bold=True)
    sheet.append([_text(page.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in _header_lines(page):
        sheet.append([_text(line)])
    for label, text in page.text_sections()[:1]:
        _text_section(sheet, label, text, bold)
    for table in page.table_views():
        sheet.append([])
        sheet.append([_text(table.title)])
        sheet.cell(sheet.max_row, 1).font = bold
        if table.groups:
            sheet.append(
                [_text(table.label_heading)]
                + [
                    _text(group)
                    for group, span, _rows in table.groups
                    for _ in range(span)
                ]
            )
        sheet.append([_text(table.label_heading)] + [_text(c) for c in table.columns])
        for row in table.rows:
            line = ["  " * row.level + row.label]
            for cell in row.cells:
                line.append(_value(cell))
            sheet.append([_text(line[0]), *line[1:]])
            for number, cell in enumerate(row.cells, start=2):
                if cell.url:
                    sheet.cell(sheet.max_row, number).hyperlink = _absolute(
                        request, cell.url
                    )
        if table.note:
            sheet.append([_text(table.note)])
    for label, text in page.text_sections()[1:]:
        _text_section(sheet, label, text, bold)
    sheet.column_dimensions["A"].width = 48
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _value(cell):
    if cell.value is None:
        return None
    if isinstance(cell.value, int | float):
        return cell.value
    if cell.source == "staff" and not isinstance(cell.value, str):
        return float(cell.value)  # an amount (Decimal)
    return _text(cell.value)


def _text_section(sheet, label, text, bold):
    sheet.append([])
    sheet.append([_text(label)])
    sheet.cell(sheet.max_row, 1).font = bold
    for paragraph in (text or _("（未填写）")).splitlines():
        if paragraph.strip():
            sheet.append([_text(paragraph)])


def pdf_bytes(page, request):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=13, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=15, leading=20, spaceAfter=6)
    heading = ParagraphStyle(
        "heading", parent=body, fontSize=11, leading=16, spaceBefore=8
    )
    cell_style = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)

    def para(text, style=body):
        return Paragraph(_escape(text), style)

    story = [para(page.title, title)]
    story += [para(line) for line in _header_lines(page)]
    sections = page.text_sections()
    for label, text in sections[:1]:
        story += _pdf_section(label, text, para, heading)
    for table in page.table_views():
        story.append(para(table.title, heading))
        data = [[para(table.label_heading, cell_style)]]
        data[0] += [para(label, cell_style) for label in table.columns]
        for row in table.rows:
            line = [para("\u3000" * row.level + row.label, cell_style)]
            for cell in row.cells:
                text = "" if cell.value is None else str(cell.value)
                if cell.source == "staff":
                    text = (text or "—") + "*"
                if cell.url and text:
                    link = _escape(_absolute(request, cell.url))
                    line.append(
                        Paragraph(f'<a href="{link}">{_escape(text)}</a>', cell_style)
                    )
                else:
                    line.append(para(text, cell_style))
            data.append(line)
        width = A4[0] - 30 * mm
        first = width * (0.4 if len(table.columns) < 10 else 0.16)
        others = (width - first) / max(len(table.columns), 1)
        pdf_table = PdfTable(
            data, colWidths=[first] + [others] * len(table.columns), repeatRows=1
        )
        pdf_table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(pdf_table)
        if table.note:
            story.append(para(table.note, cell_style))
    for label, text in sections[1:]:
        story += _pdf_section(label, text, para, heading)
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        title=page.title,
    )
    document.build([*story, Spacer(1, 1)])
    return output.getvalue()


def _pdf_section(label, text, para, heading):
    parts = [para(label, heading)]
    for paragraph in (text or _("（未填写）")).splitlines():
        if paragraph.strip():
            parts.append(para(paragraph))
    return parts


def _escape(text):
    """reportlab's Paragraph reads a little markup: staff text is shown as typed."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
