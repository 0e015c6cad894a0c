"""The admin's templates import as downloaded, mark every column the importer
requires here, and name this site's own agency, regions and charities."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import Workbook, load_workbook

from content_models.charity.models import FundraisingFiling
from content_models.credit.models import CreditListEntry
from content_models.disclosure.models import Agency
from content_models.villages.models import VillageDisclosurePage
from imports.records.admin_views import edit_url
from imports.records.kinds import kinds
from imports.records.run import import_records
from tests.content_models import charity_factories as charities
from tests.content_models.villages_factories import make_column, make_section

# Either 季度 or 月份 is required (财务 may be monthly): neither is marked.
EITHER_OR = {("disclosure-finance", "季度"), ("disclosure-finance", "月份")}
CREATED = {
    "credit-list": CreditListEntry,
    "charity": FundraisingFiling,
    "disclosure-finance": VillageDisclosurePage,
}


@pytest.fixture
def site(agency, town, home, other_village):
    """Two agencies (so 发布机构 must be named), and a charity and a village column
    that are not the specs' static examples."""
    Agency.objects.create(
        name="清源区青山镇人民政府", credit_code="11150299MJ0000002Q", region=town
    )
    charity = charities.charity(agency, name="清源区慈善总会")
    make_column(make_section(home), other_village)
    return charity


def download(client, kind, fmt):
    response = client.get(reverse("import_records:template", args=[kind, fmt]))
    assert response.status_code == 200
    name = response["Content-Disposition"].split('filename="')[1].rstrip('"')
    return name, response.content


def rows_of(name, content):
    if name.endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in sheet.values]
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def bytes_of(name, rows):
    if name.endswith(".xlsx"):
        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def upload(client, kind, name, content):
    return client.post(
        reverse("import_records:upload"),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", sorted(kinds()))
def test_a_downloaded_template_imports_unchanged_through_the_admin(
    admin_client, site, kind, fmt
):
    name, content = download(admin_client, kind, fmt)
    checked = upload(admin_client, kind, name, content)
    report = checked.context["report"]
    assert report.ok, report.errors
    assert checked.context["can_confirm"]
    token = checked.context["token"]
    done = admin_client.post(reverse("import_records:confirm", args=[token]))
    report = done.context["report"]
    assert report.written and report.created == 1, report.errors
    record = CREATED[kind].objects.get()
    assert not record.live  # imported as a draft
    # The report links to the draft (a snippet's or a page's edit view).
    url = edit_url(record._meta.label_lower, record.pk)
    assert f'href="{url}"' in done.content.decode()
    assert admin_client.get(url).status_code == 200


def test_examples_name_this_sites_agency_charity_and_village(admin_client, site):
    _name, content = download(admin_client, "charity", "csv")
    header, example = rows_of("x.csv", content)
    row = dict(zip(header, example, strict=True))
    assert row["统一社会信用代码*"] == site.credit_code
    assert row["备案编号*"].startswith(site.credit_code)
    _name, content = download(admin_client, "disclosure-finance", "csv")
    header, example = rows_of("x.csv", content)
    row = dict(zip(header, example, strict=True))
    assert (row["区划代码*"], row["村（社区）名称"]) == ("150299100202", "前进村")
    assert row["发布机构*"] == "清源区民政局"


@pytest.mark.parametrize("kind", sorted(kinds()))
def test_every_column_the_importer_requires_is_marked(
    admin_client, site, tmp_path, kind
):
    """Blank one example cell at a time: the import refuses it naming that column
    exactly when the header carries the mark."""
    name, content = download(admin_client, kind, "csv")
    header, example = rows_of(name, content)
    for index, written in enumerate(header):
        row = list(example)
        row[index] = ""
        path = tmp_path / f"{kind}-{index}.csv"
        path.write_bytes(bytes_of(name, [header, row]))
        report = import_records(kind, path, dry_run=True)
        refused = any(p.column == written for p in report.errors)
        if (kind, written.rstrip("*")) in EITHER_OR:
            continue
        assert refused == written.endswith("*"), (written, report.errors)
        if not refused:
            assert report.ok, (written, report.errors)


def test_with_one_agency_the_agency_is_optional_and_left_to_default(
    admin_client, agency, village, home
):
    make_column(make_section(home), village)
    _name, content = download(admin_client, "disclosure-finance", "csv")
    header, example = rows_of("x.csv", content)
    assert "发布机构" in header and "发布机构*" not in header


def test_finance_personal_number_is_reported_under_its_own_row_and_column(
    site, tmp_path
):
    header = [
        "区划代码",
        "年度",
        "季度",
        "收支项目",
        "收支",
        "金额",
        "备注",
        "发布机构",
    ]
    rows = [
        header,
        ["150299100202", "2025", "1", "土地承包费", "收入", "100", ""],
        [
            "150299100202",
            "2025",
            "1",
            "困难补助",
            "支出",
            "50",
            "张三 110101199003074514",
        ],
        ["150299100202", "2025", "1", "补助 13812345678", "支出", "60", ""],
    ]
    rows[1:] = [row + ["清源区民政局"] for row in rows[1:]]
    path = tmp_path / "财务.csv"
    path.write_bytes(bytes_of("x.csv", rows))
    report = import_records("disclosure-finance", path)
    assert [(p.row, p.column) for p in report.errors] == [(3, "备注"), (4, "收支项目")]
    assert "110101199003074514" not in report.errors[0].message  # shown masked
    assert not VillageDisclosurePage.objects.exists()
