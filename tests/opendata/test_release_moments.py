"""A quarterly release is the rows first published before its quarter ended (as they
stand when it is cut, which its data package says), and every release keeps its own
datapackage.json beside its files."""

import datetime
import json

from django.core.files.storage import storages
from django.utils import timezone

import pytest

from content_models.credit.entries import CreditListEntry
from opendata.models import Release
from opendata.releases import cut_quarterly, cut_release, quarter_end


def package(client, label):
    response = client.get(
        f"/opendata/releases/{label}/credit-list-current.datapackage.json"
    )
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture(autouse=True)
def release_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "opendata": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "opendata"},
        },
    }
    return storages["opendata"]


def test_quarter_end_is_the_next_quarter_in_beijing():
    end = quarter_end("2026-Q3")
    assert timezone.localtime(end).isoformat() == "2026-10-01T00:00:00+08:00"
    assert quarter_end("2026-Q4").year == 2027
    assert quarter_end("2026-11-23-151700") is None
    assert quarter_end("2026") is None


def test_a_quarterly_release_leaves_out_rows_published_after_its_quarter(world):
    early = timezone.make_aware(datetime.datetime(2026, 9, 1, 10))
    CreditListEntry.objects.filter(pk=world.removed.pk).update(first_published_at=early)
    world.org.__class__.objects.filter(pk=world.org.pk).update(first_published_at=early)
    release, _ = cut_quarterly(datetime.date(2026, 12, 30))
    assert release.label == "2026-Q3"
    history = release.files.get(dataset="credit-list-history", format="csv")
    # world.current was first published today (December): not in the Q3 release.
    assert history.rows == 1
    text = storages["opendata"].open(history.path).read().decode("utf-8-sig")
    assert f"\r\n{world.removed.pk}," in text
    assert f"\r\n{world.current.pk}," not in text


def test_each_release_serves_its_own_datapackage(world, client):
    quarterly, _ = cut_quarterly(datetime.date(2026, 12, 30))
    now = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)
    on_demand = cut_release(Release.Kind.ON_DEMAND, now=now)
    for release in (quarterly, on_demand):
        described = package(client, release.label)
        assert described["version"] == release.label
        assert described["as_of"].startswith(
            timezone.localtime(release.cut_at).isoformat()[:16]
        )
        stored = {
            item.format: item
            for item in release.files.filter(dataset="credit-list-current")
        }
        assert described["resources"][0]["path"] == "credit-list-current.csv"
        assert described["resources"][0]["hash"] == f"sha256:{stored['csv'].sha256}"
        assert {item["path"] for item in described["other_formats"]} == {
            "credit-list-current.xlsx",
            "credit-list-current.jsonl",
            "credit-list-current.json",
        }
    assert package(client, quarterly.label)["rows_published_before"].startswith(
        "2026-10-01T00:00:00+08:00"
    )
    assert "rows_published_before" not in package(client, on_demand.label)
    # The live data package names each release's own descriptor.
    live = client.get("/opendata/credit-list-current/datapackage.json").json()
    addresses = {entry["label"]: entry.get("datapackage") for entry in live["releases"]}
    assert addresses[quarterly.label].endswith(
        f"/releases/{quarterly.label}/credit-list-current.datapackage.json"
    )


@pytest.mark.parametrize("slug", ["nothing", "credit-list-current"])
def test_unknown_release_datapackages_are_404(world, client, slug):
    assert (
        client.get(f"/opendata/releases/2020-Q1/{slug}.datapackage.json").status_code
        == 404
    )
