"""What the public sees: text shown as typed (never as markup or formulas), no
applicant's personal data anywhere, the section and the home page."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from reports.models import WebsiteReportPage

from .conftest import (
    APPLICANT_EMAIL,
    APPLICANT_NAME,
    APPLICANT_PHONE,
    APPLICANT_REQUEST,
    draft_report,
    publish_page_revision,
)

SCRIPT = '<script>alert("x")</script>'


def test_staff_text_is_escaped_everywhere(client, report_section):
    page = publish_page_revision(
        draft_report(
            report_section,
            overview=f"{SCRIPT}\n=1+2",
            problems="<b>粗体</b> & 其他",
        )
    )
    html = client.get(page.url).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    book = load_workbook(io.BytesIO(client.get(page.xlsx_url).content))
    texts = [c.value for row in book.active.iter_rows() for c in row if c.value]
    assert not any(str(v).startswith("=") for v in texts)
    assert "'=1+2" in texts
    pdf = client.get(page.pdf_url)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "<b>粗体</b> & 其他" in text


def test_staff_entered_text_is_escaped_and_masked(client, report_section):
    page = publish_page_revision(
        draft_report(
            report_section,
            model=WebsiteReportPage,
            entered={
                "site/kind/value": SCRIPT,
                "security/new_media/value": "微信 13912345678",
            },
        )
    )
    html = client.get(page.url).content.decode()
    assert SCRIPT not in html and "&lt;script&gt;" in html
    assert "13912345678" not in html
    assert "13912345678" not in str(client.get(page.xlsx_url).content)


def test_no_personal_data_of_applicants_in_any_report(
    client, applications, documents, report_section
):
    pages = [
        publish_page_revision(draft_report(report_section)),
        publish_page_revision(draft_report(report_section, model=WebsiteReportPage)),
    ]
    secrets = (APPLICANT_NAME, APPLICANT_PHONE, APPLICANT_EMAIL, APPLICANT_REQUEST)
    for page in pages:
        bodies = [client.get(page.url).content.decode()]
        book = load_workbook(io.BytesIO(client.get(page.xlsx_url).content))
        bodies.append(
            " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
        )
        pdf = client.get(page.pdf_url).content
        bodies.append(
            "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        )
        for table in page.report_tables():
            for row in table.rows:
                for column in table.columns:
                    if row.cells.get(column.key) is not None and hasattr(
                        row.cells[column.key], "select"
                    ):
                        url = page.figure_url(table.key, row.key, column.key)
                        bodies.append(client.get(url).content.decode())
        for body in bodies:
            for secret in secrets:
                assert secret not in body
    # The lists do show what a watchdog needs: the application's number and outcome.
    url = pages[0].figure_url("applications", "not_disclosed__state_secret", "research")
    listing = client.get(url).content.decode()
    assert "YSQ-a3" in listing and "属于国家秘密" in listing


def test_section_and_home_page_show_the_latest_reports(client, home, report_section):
    report_section.show_in_menus = True
    report_section.save_revision()
    publish_page_revision(report_section)
    old = publish_page_revision(
        draft_report(report_section, model=WebsiteReportPage, year=2024)
    )
    new = publish_page_revision(
        draft_report(report_section, model=WebsiteReportPage, year=2025)
    )
    annual = publish_page_revision(draft_report(report_section))
    unpublished = draft_report(report_section, year=2026)
    section_html = client.get(report_section.url).content.decode()
    for page in (old, new, annual):
        assert page.url in section_html
    assert unpublished.url not in section_html
    home_html = client.get(home.url).content.decode()
    assert new.url in home_html and annual.url in home_html
    assert old.url not in home_html  # only the newest of each kind


def test_report_page_says_its_cut_off_and_deadline(client, report_section):
    page = publish_page_revision(draft_report(report_section))
    html = client.get(page.url).content.decode()
    assert "截至2025-12-31" in html
    assert "法定发布期限：2026-01-31" in html
