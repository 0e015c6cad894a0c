"""Diffs between two releases: rows added, removed and changed, as JSON and CSV."""

import csv
import datetime
import io
import json
from dataclasses import dataclass

import pytest

from opendata.datasets import DATASETS
from opendata.diffs import changed_fields, diff_path
from opendata.models import Release
from opendata.releases import cut_release
from portal.demo.helpers import publish_record
from tests.content_models import credit_factories as credit
from tests.opendata.test_releases import release_storage  # noqa: F401 (fixture)

NOW = datetime.datetime(2026, 11, 23, 7, 17, 0, tzinfo=datetime.UTC)
SLUG = "social-organisations"
NEW_ADDRESS = "清源区新华路8号"
INJECTED = "=SUM(A1:A9)"


@dataclass
class Edits:
    before: Release
    after: Release
    edited: object  # published, then edited and republished
    old_address: str
    removed: object  # published, then unpublished
    added: object  # published only after the first release


@pytest.fixture
def edits(world, agency):
    removed = credit.organisation(agency, name="清源区摄影家协会")
    before = cut_release(Release.Kind.ON_DEMAND, now=NOW)

    edited = world.org
    old_address = edited.address
    edited.address = NEW_ADDRESS
    publish_record(edited)
    removed.unpublish()
    added = credit.organisation(agency, name="清源区围棋协会", address=INJECTED)
    after = cut_release(Release.Kind.ON_DEMAND, now=NOW + datetime.timedelta(hours=1))
    return Edits(before, after, edited, old_address, removed, added)


def url(before, after, fmt, slug=SLUG):
    return f"/opendata/diffs/{before.label}..{after.label}/{slug}.{fmt}"


def get_json(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return json.loads(b"".join(response.streaming_content))


def get_csv(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.encode().decode("utf-8-sig"))))


def test_json_diff_after_edits_removals_and_additions(client, edits):
    diff = get_json(client, url(edits.before, edits.after, "json"))
    assert diff["dataset"] == SLUG
    assert (diff["from"], diff["to"]) == (edits.before.label, edits.after.label)
    assert diff["summary"] == {"added": 1, "removed": 1, "changed": 1}

    [added] = diff["added"]
    assert added["id"] == edits.added.pk
    assert added["name"] == "清源区围棋协会"
    assert list(added) == DATASETS[SLUG].field_names
    [removed] = diff["removed"]
    assert (removed["id"], removed["name"]) == (edits.removed.pk, "清源区摄影家协会")

    [changed] = diff["changed"]
    assert changed["key"] == edits.edited.pk
    assert changed["fields"]["address"] == {
        "from": edits.old_address,
        "to": NEW_ADDRESS,
    }
    # Only what changed: the name and code stayed the same.
    assert "name" not in changed["fields"]
    assert "credit_code" not in changed["fields"]


def test_csv_diff_after_edits_removals_and_additions(client, edits):
    lines = get_csv(client, url(edits.before, edits.after, "csv"))
    assert lines[0] == ["change", "key", "field", "from", "to"]
    by_change = {}
    for line in lines[1:]:
        by_change.setdefault(line[0], []).append(line)
    names = DATASETS[SLUG].field_names

    added = by_change["added"]
    assert [line[2] for line in added] == names  # one line per field
    assert {line[1] for line in added} == {str(edits.added.pk)}
    assert all(line[3] == "" for line in added)
    assert ["added", str(edits.added.pk), "address", "", "'" + INJECTED] in added

    removed = by_change["removed"]
    assert [line[2] for line in removed] == names
    assert ["removed", str(edits.removed.pk), "name", "清源区摄影家协会", ""] in removed

    changed = by_change["changed"]
    assert [
        "changed",
        str(edits.edited.pk),
        "address",
        edits.old_address,
        NEW_ADDRESS,
    ] in changed
    assert {line[1] for line in changed} == {str(edits.edited.pk)}


def test_no_cell_of_a_csv_diff_can_run_as_a_formula(client, edits):
    for line in get_csv(client, url(edits.before, edits.after, "csv"))[1:]:
        for cell in line:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), line


def test_a_diff_in_the_other_direction_swaps_added_and_removed(client, edits):
    diff = get_json(client, url(edits.after, edits.before, "json"))
    assert [row["id"] for row in diff["added"]] == [edits.removed.pk]
    assert [row["id"] for row in diff["removed"]] == [edits.added.pk]
    assert diff["changed"][0]["fields"]["address"] == {
        "from": NEW_ADDRESS,
        "to": edits.old_address,
    }


def test_a_release_against_itself_has_no_changes(client, edits):
    diff = get_json(client, url(edits.after, edits.after, "json"))
    assert diff["summary"] == {"added": 0, "removed": 0, "changed": 0}
    assert diff["added"] == diff["removed"] == diff["changed"] == []


def test_a_diff_is_stored_once_and_served_from_storage(client, edits, release_storage):  # noqa: F811
    first = get_json(client, url(edits.before, edits.after, "json"))
    for fmt in ("json", "csv"):
        assert release_storage.exists(
            diff_path(edits.before.label, edits.after.label, SLUG, fmt)
        )
    # The releases' files are no longer read: the stored diff answers.
    for release in (edits.before, edits.after):
        release_storage.delete(release.files.get(dataset=SLUG, format="jsonl").path)
    assert get_json(client, url(edits.before, edits.after, "json")) == first
    assert len(get_csv(client, url(edits.before, edits.after, "csv"))) > 1


def test_a_diff_is_immutable_for_caches(client, edits):
    address = url(edits.before, edits.after, "json")
    response = client.get(address)
    assert "immutable" in response["Cache-Control"]
    assert client.get(address, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_dataset_missing_from_a_release_is_all_added(client, edits, release_storage):  # noqa: F811
    # As if the dataset had been added to the portal after the first release.
    edits.before.files.filter(dataset=SLUG).delete()
    diff = get_json(client, url(edits.before, edits.after, "json"))
    assert diff["summary"]["removed"] == diff["summary"]["changed"] == 0
    ids = [row["id"] for row in diff["added"]]
    jsonl = edits.after.files.get(dataset=SLUG, format="jsonl").path
    with release_storage.open(jsonl) as handle:
        assert ids == [json.loads(line)["id"] for line in handle]
    assert edits.added.pk in ids and edits.edited.pk in ids
    assert edits.removed.pk not in ids
    back = get_json(client, url(edits.after, edits.before, "json"))
    assert sorted(row["id"] for row in back["removed"]) == sorted(ids)


def test_a_dataset_in_neither_release_is_404(client, edits):
    for release in (edits.before, edits.after):
        release.files.filter(dataset=SLUG).delete()
    assert client.get(url(edits.before, edits.after, "json")).status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        "/opendata/diffs/2020-Q1..{after}/social-organisations.json",
        "/opendata/diffs/{before}..2020-Q1/social-organisations.csv",
        "/opendata/diffs/{before}..{after}/no-such-dataset.json",
        "/opendata/diffs/{before}..{after}/social-organisations.xlsx",
        "/opendata/diffs/{before}/social-organisations.json",
    ],
)
def test_unknown_releases_datasets_and_formats_are_404(client, edits, address):
    address = address.format(before=edits.before.label, after=edits.after.label)
    assert client.get(address).status_code == 404


def test_changed_fields_counts_a_field_only_one_side_has():
    before = {"id": 1, "name": "甲", "old": "x"}
    after = {"id": 1, "name": "乙", "new": 2}
    assert changed_fields(before, after) == {
        "name": {"from": "甲", "to": "乙"},
        "new": {"from": None, "to": 2},
        "old": {"from": "x", "to": None},
    }
