"""Each table against the hand-counted bureau of conftest.py, and every figure
against the public list behind its link."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import measures
from reports.disclosure_report import applications_table
from reports.figures import figure_spec
from reports.period import Period
from reports.spec import Figure, cell_key

from .conftest import D, WebsiteReportPage, draft_report, published_report


def values(page):
    return page.figures["values"]


def test_documents_table_counts_made_repealed_and_in_force(documents, report_section):
    page = draft_report(report_section)
    got = values(page)
    assert got["documents/normative/made"] == 3  # a (1 Jan), c (31 Dec), d
    assert got["documents/normative/repealed"] == 1  # d; e ended in 2026
    assert got["documents/normative/in_force"] == 4  # a, b, c, e
    assert got["documents/regulations/made"] == 1
    assert got["documents/regulations/repealed"] == 0
    assert got["documents/regulations/in_force"] == 1


def test_a_cut_off_counts_only_up_to_its_day(documents, report_section):
    page = draft_report(report_section, cut_off=D(2025, 6, 30))
    got = values(page)
    assert got["documents/normative/made"] == 2  # a, d
    assert got["documents/normative/repealed"] == 0  # d ended in September
    assert got["documents/normative/in_force"] == 4  # a, b, d, e


def test_published_items_by_type_leave_out_other_years_and_withdrawn(
    documents, report_section
):
    got = values(draft_report(report_section))
    assert got["types/disclosure-articlepage/published"] == 5  # a, c, d, r, n
    assert got["types/all/published"] == 5


def test_applications_table_by_applicant_and_outcome(applications, report_section):
    got = values(draft_report(report_section))

    def row(key):
        return {
            column: got[f"applications/{key}/{column}"]
            for column in (
                "natural",
                "business",
                "research",
                "public_interest",
                "legal_service",
                "other",
                "total",
            )
        }

    assert row("received") == {
        "natural": 2,  # a4 (31 Dec), a9
        "business": 0,
        "research": 1,  # a3 (1 Jan)
        "public_interest": 1,  # a5
        "legal_service": 0,  # a7 came in 2026
        "other": 1,  # a6: an organisation whose kind was not given
        "total": 5,
    }
    assert row("carried_over")["natural"] == 2  # a1, a8
    assert row("carried_over")["total"] == 2  # a2 was answered in 2024
    assert row("disclosed")["natural"] == 1  # a1
    assert row("partly_disclosed")["total"] == 0  # a5 answered in 2026
    assert row("not_disclosed__state_secret")["research"] == 1
    assert row("not_handled__repeated")["other"] == 1
    assert row("other__no_supplement")["natural"] == 1
    assert row("answered")["total"] == 4
    assert row("carried_forward") == {
        "natural": 2,  # a4, a8
        "business": 0,
        "research": 0,
        "public_interest": 1,  # a5
        "legal_service": 0,
        "other": 0,
        "total": 3,
    }


def test_the_form_check_rule_holds_and_is_shown_when_broken(
    applications, report_section
):
    page = draft_report(report_section)
    table = next(t for t in page.table_views() if t.key == "applications")
    assert table.failed_checks == []
    page.figures["values"]["applications/received/natural"] += 1
    table = next(t for t in page.table_views() if t.key == "applications")
    assert table.failed_checks == ["自然人"]


def test_staff_entries_are_marked_and_review_totals_add_up(report_section):
    page = draft_report(
        report_section,
        entered={
            "decisions/licensing/decisions": "7",
            "fees/fees/amount": "1.25",
            "review/cases/review__upheld": "2",
            "review/cases/review__corrected": "1",
        },
    )
    tables = {t.key: t for t in page.table_views()}
    licensing = tables["decisions"].rows[0].cells[0]
    assert (licensing.value, licensing.source, licensing.url) == (7, "staff", "")
    assert str(tables["fees"].rows[0].cells[0].value) == "1.25"
    review = tables["review"].rows[0].cells
    assert review[4].value == 3 and review[4].source == "sum"
    assert review[9].value is None  # nothing entered for the suits


def every_figure(page):
    for table in page.report_tables():
        for row, column, spec in table.cells():
            if isinstance(spec, Figure):
                yield table, row, column


@pytest.mark.parametrize("kind", ["disclosure", "website"])
def test_every_figure_equals_its_public_list(
    kind, client, documents, applications, report_section
):
    model = WebsiteReportPage if kind == "website" else None
    page = published_report(report_section, **({"model": model} if model else {}))
    checked = 0
    for table, row, column in every_figure(page):
        key = cell_key(table, row, column)
        frozen = values(page)[key]
        spec = figure_spec(page, table.key, row.key, column.key)
        listed = measures.selection(spec, page.period())
        assert len(listed[0 : listed.count()]) == listed.count() == frozen, key
        response = client.get(page.figure_url(table.key, row.key, column.key))
        assert response.status_code == 200, key
        html = response.content.decode()
        shown = re.search(r"现在统计：(\d+)条", html)
        assert int(shown.group(1)) == frozen, key
        assert html.count("<tr><td") == max(frozen, 1), key  # one row each (or none)
        checked += 1
    assert checked >= (40 if kind == "disclosure" else 6)


def test_each_portal_figure_on_the_page_links_to_its_list(
    client, documents, report_section
):
    page = published_report(report_section)
    html = client.get(page.url).content.decode()
    link = page.figure_url("documents", "normative", "made")
    assert f'<a href="{link}">3</a>' in html
    # A figure staff entered has no list: its address is not served.
    missing = page.url + "figures/decisions/licensing/decisions/"
    assert client.get(missing).status_code == 404
    assert client.get(page.url + "figures/nothing/here/at-all/").status_code == 404


def test_selection_pages_across_models_in_order(documents, report_section):
    page = draft_report(report_section)
    spec = figure_spec(page, "types", "all", "published")
    selection = measures.selection(spec, page.period())
    whole = selection[0:100]
    assert [p.pk for p in selection[1:3]] == [p.pk for p in whole[1:3]]
    assert len(whole) == 5


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(cut_off=st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 3, 1)))
def test_check_rule_holds_at_any_cut_off(applications, cut_off):
    """一 + 二 = 三 + 四 in every column, whatever day the figures are counted to."""
    table = applications_table()
    period = Period(2025, cut_off)

    def count(row, column):
        return measures.count(table.row(row).cells[column.key], period)

    for column in table.columns:
        assert count("received", column) + count("carried_over", column) == count(
            "answered", column
        ) + count("carried_forward", column), column.key
