"""The downloads carry the page's figures: the spreadsheet read back with openpyxl,
the PDF's text extracted with pypdf."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from .conftest import draft_report, publish_page_revision

ENTERED = {
    "decisions/licensing/decisions": "7",
    "fees/fees/amount": "1.25",
    "review/cases/review__upheld": "2",
}


def report(section, **fields):
    page = draft_report(
        section,
        entered=ENTERED,
        overview="本年度主动公开信息五条。\n第二段。",
        **fields,
    )
    return publish_page_revision(page)


def rows_of(response):
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows()]


def row_labelled(rows, label):
    return next(
        [cell.value for cell in row]
        for row in rows
        if isinstance(row[0].value, str) and row[0].value.strip() == label
    )


def test_xlsx_holds_every_table_with_numbers_as_numbers(
    client, documents, applications, report_section
):
    page = report(report_section)
    response = client.get(page.xlsx_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxml")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert row_labelled(rows, "行政规范性文件")[1:4] == [3, 1, 4]
    assert row_labelled(rows, "一、本年新收政府信息公开申请数量")[1:8] == [
        2,
        0,
        1,
        1,
        0,
        1,
        5,
    ]
    assert row_labelled(rows, "四、结转下年度继续办理")[7] == 3
    assert row_labelled(rows, "行政许可")[1] == 7
    assert row_labelled(rows, "行政事业性收费")[1] == 1.25
    assert row_labelled(rows, "本年度主动公开信息五条。")
    # A portal figure links to its list, by its full address.
    cell = next(
        row[1]
        for row in rows
        if isinstance(row[0].value, str) and row[0].value.strip() == "行政规范性文件"
    )
    assert cell.hyperlink.target == "http://testserver" + page.figure_url(
        "documents", "normative", "made"
    )


def test_pdf_text_holds_the_figures_in_chinese(
    client, documents, applications, report_section
):
    page = report(report_section)
    response = client.get(page.pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    compact = "".join(text.split())
    assert page.title in compact
    assert "行政规范性文件314" in compact  # made, repealed, in force
    assert "本年新收政府信息公开申请数量2011015" in compact
    assert "行政许可7*" in compact
    assert "本年度主动公开信息五条" in compact


def test_website_report_downloads(client, documents, applications, report_section):
    from reports.models import WebsiteReportPage

    page = publish_page_revision(
        draft_report(
            report_section,
            model=WebsiteReportPage,
            entered={"site/visits/value": "12345", "security/kind/value": "x"},
        )
    )
    rows = rows_of(client.get(page.xlsx_url))
    assert row_labelled(rows, "网站总访问量（单位：次）")[1] == 12345
    assert row_labelled(rows, "总数")[1] == 5
    assert row_labelled(rows, "收到政府信息公开申请（件）")[1] == 5
    pdf = client.get(page.pdf_url)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "12345" in text


def test_a_draft_is_not_downloadable(client, report_section):
    page = draft_report(report_section)
    assert client.get(page.xlsx_url).status_code == 404
    assert client.get(page.pdf_url).status_code == 404
