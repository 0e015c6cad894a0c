"""/opendata/<dataset>.<fmt>: every dataset in every format, read back and compared with
the database; formula injection, masking, validators and gzip."""

import csv
import datetime
import gzip
import io
import json
from decimal import Decimal

from django.conf import settings

import pytest
from openpyxl import load_workbook

from content_models.charity.annual_reports import AnnualReport
from content_models.credit.entries import CreditListEntry
from content_models.credit.organisations import SocialOrganisation
from content_models.disclosure.privacy import mask_personal_data
from content_models.disclosure.public import disclosure_models, public_items
from content_models.plans.progress import IndicatorProgress
from content_models.villages.models import FinanceRow
from opendata.datasets import DATASETS
from tests.content_models import credit_factories as credit

FORMATS = ["csv", "jsonl", "json", "xlsx"]
# A valid ID number (check digit) and a mobile number, as an editor might paste them.
ID_NUMBER = "11010519491231002X"
MOBILE = "13812345678"


def fetch(client, slug, fmt, **headers):
    response = client.get(f"/opendata/{slug}.{fmt}", **headers)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return response, body


def read_back(fmt, body):
    """(header, [row dicts with text values]) from a downloaded file."""
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
        return reader.fieldnames, list(reader)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in body.decode().splitlines()]
        return (list(rows[0]) if rows else None), rows
    if fmt == "json":
        rows = json.loads(body)
        return (list(rows[0]) if rows else None), rows
    sheet = load_workbook(io.BytesIO(body), read_only=True)["data"]
    lines = list(sheet.iter_rows(values_only=True))
    header = list(lines[0])
    return header, [dict(zip(header, line, strict=True)) for line in lines[1:]]


def download(client, slug, fmt):
    response, body = fetch(client, slug, fmt)
    assert response.status_code == 200
    return read_back(fmt, body)


def by_id(rows):
    return {int(row["id"]): row for row in rows}


def same(value, expected):
    """A cell read back from any format equals the database value."""
    if expected is None:
        return value in (None, "")
    if isinstance(expected, Decimal):
        return Decimal(str(value)) == expected
    if isinstance(expected, bool):
        return value in (expected, str(expected).lower())
    if isinstance(expected, int):
        return int(value) == expected
    return str(value) == str(expected)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("slug", list(DATASETS))
def test_every_dataset_downloads_with_its_schema_header(client, world, slug, fmt):
    header, rows = download(client, slug, fmt)
    assert header == DATASETS[slug].field_names
    assert len(rows) == len(list(DATASETS[slug].rows()))
    assert rows, "the world fixture gives every dataset rows"


@pytest.mark.parametrize("fmt", FORMATS)
def test_credit_history_matches_the_database(client, world, fmt):
    rows = by_id(download(client, "credit-list-history", fmt)[1])
    entries = CreditListEntry.objects.filter(live=True).select_related("organisation")
    assert set(rows) == {entry.pk for entry in entries}
    for entry in entries:
        row = rows[entry.pk]
        assert row["organisation_name"] == entry.organisation.name
        assert row["credit_code"] == entry.organisation.credit_code
        assert row["region_code"] == entry.organisation.region.code
        assert row["list_type"] == entry.list_type
        assert row["listed_on"] == entry.listed_on.isoformat()
        assert same(
            row["removed_on"], entry.removed_on and entry.removed_on.isoformat()
        )
        assert row["status"] == ("removed" if entry.removed_on else "current")
        assert row["index_number"] == entry.index_number


@pytest.mark.parametrize("fmt", FORMATS)
def test_current_list_leaves_out_removed_entries(client, world, fmt):
    rows = by_id(download(client, "credit-list-current", fmt)[1])
    assert set(rows) == {world.current.pk}
    assert "removed_on" not in rows[world.current.pk]


@pytest.mark.parametrize("fmt", FORMATS)
def test_money_and_figures_match_the_database(client, world, fmt):
    finance = by_id(download(client, "village-finance", fmt)[1])
    assert set(finance) == set(FinanceRow.objects.values_list("pk", flat=True))
    for row in FinanceRow.objects.all():
        assert same(finance[row.pk]["amount"], row.amount)
        assert finance[row.pk]["direction"] == row.direction
        assert finance[row.pk]["village_code"] == "150299100201"
        assert finance[row.pk]["period"] == "2025-Q2"
    figures = by_id(download(client, "charity-annual-figures", fmt)[1])
    published = AnnualReport.objects.filter(live=True)
    assert set(figures) == {report.pk for report in published}
    for report in published:
        for name in ("total_income", "net_assets", "management_costs"):
            assert same(figures[report.pk][name], getattr(report, name))
        assert same(figures[report.pk]["audited"], report.audited)
    progress = by_id(download(client, "indicator-progress", fmt)[1])
    assert set(progress) == {world.progress.pk}
    assert same(progress[world.progress.pk]["value"], world.progress.value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_drafts_never_appear(client, world, fmt):
    organisations = by_id(download(client, "social-organisations", fmt)[1])
    assert set(organisations) == {world.org.pk}
    progress = by_id(download(client, "indicator-progress", fmt)[1])
    assert set(progress) == {world.progress.pk}
    assert IndicatorProgress.objects.count() == 2  # the draft exists, unpublished
    figures = by_id(download(client, "charity-annual-figures", fmt)[1])
    assert set(figures) == {world.report.pk}
    assert AnnualReport.objects.count() == 2


def test_catalogue_lists_every_public_item_with_its_address(client, world):
    rows = {
        row["key"]: row for row in download(client, "disclosure-catalogue", "csv")[1]
    }
    expected = {}
    for model in disclosure_models():
        for item in public_items(model):
            expected[f"{model._meta.label_lower}:{item.pk}"] = item
    assert set(rows) == set(expected)
    plan = rows[f"plans.planpage:{world.plan.pk}"]
    assert plan["title"] == world.plan.title
    assert plan["index_number"] == world.plan.index_number
    # On the configured base URL, not the installation's http://localhost
    # (test_base_url.py).
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert plan["url"] == base + world.plan.url
    entry = rows[f"credit.creditlistentry:{world.current.pk}"]
    assert entry["url"].startswith(f"{base}/credit/")
    assert entry["region_code"] == "150299100201"


def test_formula_cells_are_neutralised_in_csv_only(client, world):
    starts = ["=1+2", "+1", "-1", "@SUM(A1)", "\tx"]
    entries = []
    for number, text in enumerate(starts):
        entry = credit.entry(world.org, listed_on=datetime.date(2024, 1, number + 1))
        CreditListEntry.objects.filter(pk=entry.pk).update(
            reason=text, decision_number=f"清民社异〔2024〕{number + 10}号"
        )
        entries.append(entry)
    csv_rows = by_id(download(client, "credit-list-history", "csv")[1])
    json_rows = by_id(download(client, "credit-list-history", "json")[1])
    xlsx_rows = by_id(download(client, "credit-list-history", "xlsx")[1])
    for entry, text in zip(entries, starts, strict=True):
        assert csv_rows[entry.pk]["reason"] == "'" + text
        assert json_rows[entry.pk]["reason"] == text
        assert xlsx_rows[entry.pk]["reason"] == text  # stored as text, not a formula
    finance = by_id(download(client, "village-finance", "csv")[1])
    assert "'=SUM(A1:A9)" in {row["note"] for row in finance.values()}
    # Numbers are not text: a falling indicator stays a number.
    IndicatorProgress.objects.filter(pk=world.progress.pk).update(value=Decimal("-1.5"))
    progress = download(client, "indicator-progress", "csv")[1]
    assert [row["value"] for row in progress] == ["-1.5"]


def test_xlsx_text_cells_are_text(client, world):
    entry = credit.entry(world.org, listed_on=datetime.date(2024, 2, 1))
    CreditListEntry.objects.filter(pk=entry.pk).update(reason="=1+2")
    response, body = fetch(client, "credit-list-history", "xlsx")
    sheet = load_workbook(io.BytesIO(body))["data"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("reason") + 1
    cells = [sheet.cell(row=row, column=column) for row in range(2, sheet.max_row + 1)]
    assert {cell.data_type for cell in cells} == {"s"}
    assert "=1+2" in {cell.value for cell in cells}
    fields = load_workbook(io.BytesIO(body))["fields"]
    names = [line[0] for line in fields.iter_rows(min_row=2, values_only=True)]
    # The field table ends at the first empty row (the licence block follows it).
    assert names[: names.index(None)] == DATASETS["credit-list-history"].field_names


@pytest.mark.parametrize("fmt", FORMATS)
def test_personal_numbers_are_masked_as_on_the_pages(client, world, fmt):
    address = f"联系人身份证{ID_NUMBER}，电话{MOBILE}"
    SocialOrganisation.objects.filter(pk=world.org.pk).update(address=address)
    rows = by_id(download(client, "social-organisations", fmt)[1])
    shown = rows[world.org.pk]["address"]
    assert shown == mask_personal_data(address)
    assert ID_NUMBER not in shown and MOBILE not in shown
    assert "138****5678" in shown


def test_credit_codes_and_index_numbers_are_not_masked(client, world):
    rows = by_id(download(client, "social-organisations", "csv")[1])
    assert rows[world.org.pk]["credit_code"] == world.org.credit_code


def test_csv_starts_with_a_bom_and_is_utf8(client, world):
    response, body = fetch(client, "regions", "csv")
    assert body.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="regions.csv"'
    assert "清源区" in body.decode("utf-8-sig")


def test_unchanged_dataset_answers_304(client, world):
    first, _ = fetch(client, "credit-list-current", "csv")
    etag, modified = first["ETag"], first["Last-Modified"]
    again, body = fetch(client, "credit-list-current", "csv", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and body == b""
    since, _ = fetch(
        client, "credit-list-current", "csv", HTTP_IF_MODIFIED_SINCE=modified
    )
    assert since.status_code == 304
    other_format, _ = fetch(client, "credit-list-current", "json")
    assert other_format["ETag"] == etag  # one version of the rows, whatever the format


def test_a_publication_changes_the_validators(client, world):
    first, _ = fetch(client, "credit-list-current", "csv")
    credit.entry(world.org, list_type="serious", decision_number="清民社严〔2024〕1号")
    after, body = fetch(
        client, "credit-list-current", "csv", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]
    assert "serious" in body.decode("utf-8-sig")


def test_text_formats_are_gzipped_when_asked(client, world):
    plain_response, plain = fetch(client, "village-finance", "jsonl")
    zipped_response, zipped = fetch(
        client, "village-finance", "jsonl", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert "Content-Encoding" not in plain_response
    assert zipped_response["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped) == plain
    assert "Accept-Encoding" in zipped_response["Vary"]
    workbook, _ = fetch(client, "village-finance", "xlsx", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in workbook  # already a zip


@pytest.mark.parametrize(
    "path", ["/opendata/nothing.csv", "/opendata/regions.xml", "/opendata/regions."]
)
def test_unknown_datasets_and_formats_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_empty_dataset_still_has_its_header(client, db):
    header, rows = download(client, "credit-list-history", "csv")
    assert header == DATASETS["credit-list-history"].field_names
    assert rows == []
    response, body = fetch(client, "credit-list-history", "json")
    assert json.loads(body) == []
