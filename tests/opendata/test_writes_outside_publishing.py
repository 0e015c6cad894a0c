"""Writes made outside publishing (a shell, a data migration, ``.update()``) announce
nothing: the change mark still follows them through the rows' fingerprint, and a row
made live that way never reaches open data (it has no published revision)."""

import csv
import datetime
import io

from django.utils import timezone

from wagtail.models import Site

from content_models.credit.entries import CreditListEntry
from content_models.credit.organisations import SocialOrganisation
from opendata.changes import state_of
from opendata.datasets import DATASETS
from tests.content_models import credit_factories as credit


def fetch(client, slug, **headers):
    response = client.get(f"/opendata/{slug}.csv", **headers)
    body = b"".join(response.streaming_content) if response.streaming else b""
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    return response, rows


def revalidate(client, slug, first):
    """The answer to a client holding ``first``'s validators."""
    return fetch(
        client,
        slug,
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )


def test_a_shell_update_hiding_a_row_changes_the_etag(client, world):
    first, rows = fetch(client, "credit-list-current")
    assert str(world.current.pk) in {row["id"] for row in rows}
    CreditListEntry.objects.filter(pk=world.current.pk).update(live=False)
    again, rows = revalidate(client, "credit-list-current", first)
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert str(world.current.pk) not in {row["id"] for row in rows}


def test_a_shell_save_of_a_live_row_changes_the_etag(client, world):
    first, _ = fetch(client, "social-organisations")
    world.org.last_published_at = timezone.now()
    world.org.save()
    again, _ = revalidate(client, "social-organisations", first)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_without_writes_the_mark_stays_and_304_follows(client, world):
    first, _ = fetch(client, "credit-list-history")
    again, _ = revalidate(client, "credit-list-history", first)
    assert again.status_code == 304
    generation = state_of(DATASETS["credit-list-history"]).generation
    assert state_of(DATASETS["credit-list-history"]).generation == generation


def test_a_row_saved_live_behind_publishing_never_appears(client, world):
    first, before = fetch(client, "credit-list-current")
    sneaked = CreditListEntry.objects.create(
        organisation=world.org,
        agency=world.org.agency,
        list_type="serious",
        reason="未经审核直接写入",
        listed_on=datetime.date(2024, 5, 1),
        live=True,
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    _, after = fetch(client, "credit-list-current")
    assert str(sneaked.pk) not in {row["id"] for row in after}
    assert len(after) == len(before)
    # Nor in the catalogue, nor in the read API.
    _, catalogue = fetch(client, "disclosure-catalogue")
    assert f"credit.creditlistentry:{sneaked.pk}" not in {
        row["key"] for row in catalogue
    }
    api = client.get("/api/v1/credit-list-current").json()
    assert sneaked.pk not in {row["id"] for row in api["results"]}


def test_a_draft_made_live_by_a_data_migration_never_appears(client, world):
    draft = credit.organisation(world.org.agency, name="迁移写入协会", publish=False)
    draft.live = False
    draft.save()
    SocialOrganisation.objects.filter(pk=draft.pk).update(
        live=True, last_published_at=timezone.now()
    )
    _, rows = fetch(client, "social-organisations")
    assert "迁移写入协会" not in {row["name"] for row in rows}


def test_a_site_hostname_change_changes_urls_and_etag(client, world, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    Site.objects.filter(is_default_site=True).update(hostname="old.example.gov.cn")
    first, rows = fetch(client, "disclosure-catalogue")
    assert rows and all(row["url"].startswith("http://old.") for row in rows)
    # Behind the admin's back: no post_save, so no announcement.
    Site.objects.filter(is_default_site=True).update(hostname="mzj.example.gov.cn")
    Site.clear_site_root_paths_cache()
    again, rows = revalidate(client, "disclosure-catalogue", first)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert all(row["url"].startswith("http://mzj.example.gov.cn/") for row in rows)


def test_workbook_bytes_are_the_same_for_the_same_rows(world, tmp_path):
    from opendata.formats import write_file

    dataset = DATASETS["credit-list-history"]
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    with first.open("wb") as one, second.open("wb") as two:
        write_file(dataset, "xlsx", one)
        write_file(dataset, "xlsx", two)
    assert first.read_bytes() == second.read_bytes()


def test_the_dataset_page_points_spreadsheet_users_to_the_xlsx(client, world):
    page = client.get("/opendata/regions/").content.decode()
    assert "1.50299E+11" in page and "XLSX" in page


def test_the_workbook_field_sheet_spells_out_codes(client, world):
    from openpyxl import load_workbook

    response = client.get("/opendata/social-organisations.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = {row[0]: row for row in workbook["fields"].iter_rows(values_only=True)}
    assert "1=社会团体" in rows["org_type"][3]
    assert "2=" in rows["org_type"][3] and "3=" in rows["org_type"][3]
    assert "1=" in rows["org_type"][5]  # English column too
