"""Releases: every dataset in every format, checksummed, all-or-nothing, immutable."""

import contextlib
import csv
import datetime
import gzip
import hashlib
import io
import json
import re

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.utils import translation

import openpyxl
import pytest

from opendata import releases
from opendata.datasets import DATASETS
from opendata.formats import FORMATS, plain_value
from opendata.models import Release, ReleaseFile
from opendata.releases import ReleaseError, cut_quarterly, cut_release
from portal.demo.helpers import publish_record

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 23, 7, 17, 0, tzinfo=UTC)  # 15:17:00 in Beijing
LABEL = "2026-11-23-151700"


@pytest.fixture(autouse=True)
def release_storage(settings, tmp_path):
    """A storage of this test's own: release files outlive the test's database."""
    settings.STORAGES = {
        **settings.STORAGES,
        "opendata": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "opendata"},
        },
    }
    return storages["opendata"]


def read(path):
    with storages["opendata"].open(path, "rb") as handle:
        return handle.read()


def stored(release, slug, fmt):
    return release.files.get(dataset=slug, format=fmt)


def db_objects(dataset):
    return [
        dict(zip(dataset.field_names, map(plain_value, row), strict=True))
        for row in dataset.rows()
    ]


def test_a_release_has_every_dataset_in_every_format(world):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    assert release.label == LABEL
    assert {(item.dataset, item.format) for item in release.files.all()} == {
        (slug, fmt) for slug in DATASETS for fmt in FORMATS
    }
    for item in release.files.all():
        assert item.path == f"releases/{LABEL}/{item.dataset}.{item.format}"


def test_release_files_match_the_database(world):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    for slug, dataset in DATASETS.items():
        expected = db_objects(dataset)
        assert expected, slug
        jsonl = read(stored(release, slug, "jsonl").path).decode()
        assert [json.loads(line) for line in jsonl.splitlines()] == expected
        assert json.loads(read(stored(release, slug, "json").path)) == expected

        text = read(stored(release, slug, "csv").path).decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text)))
        assert lines[0] == dataset.field_names
        assert len(lines) - 1 == len(expected)

        workbook = openpyxl.load_workbook(
            io.BytesIO(read(stored(release, slug, "xlsx").path))
        )
        sheet = list(workbook["data"].values)
        assert list(sheet[0]) == dataset.field_names
        assert len(sheet) - 1 == len(expected)
        for fmt in FORMATS:
            assert stored(release, slug, fmt).rows == len(expected), (slug, fmt)


def test_drafts_are_not_in_a_release(world):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    jsonl = read(stored(release, "social-organisations", "jsonl").path).decode()
    assert "草稿协会" not in jsonl
    assert world.org.name in jsonl


def test_checksums_and_sizes_are_those_of_the_stored_files(world):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    for item in release.files.all():
        content = read(item.path)
        assert item.sha256 == hashlib.sha256(content).hexdigest()
        assert item.size == len(content)


def test_sha256sums_lists_every_file_as_sha256sum_reads_it(world, client):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    response = client.get(f"/opendata/releases/{LABEL}/SHA256SUMS")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert len(lines) == release.files.count()
    for line in lines:
        match = re.fullmatch(
            r"([0-9a-f]{64})  ([a-z0-9-]+\.(?:csv|xlsx|jsonl|json))", line
        )
        assert match, line
        digest, name = match.groups()
        assert hashlib.sha256(read(f"releases/{LABEL}/{name}")).hexdigest() == digest


def test_files_do_not_change_after_later_publications(world):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    before = {item.path: read(item.path) for item in release.files.all()}
    old_name = world.org.name
    world.org.name = "清源区书画家协会"
    publish_record(world.org)

    for item in release.files.all():
        assert read(item.path) == before[item.path]
        assert hashlib.sha256(read(item.path)).hexdigest() == item.sha256
    jsonl = read(stored(release, "social-organisations", "jsonl").path).decode()
    assert old_name in jsonl and "清源区书画家协会" not in jsonl
    later = cut_release(Release.Kind.ON_DEMAND, now=NOW + datetime.timedelta(seconds=1))
    assert (
        "清源区书画家协会"
        in read(stored(later, "social-organisations", "jsonl").path).decode()
    )


def test_a_failed_cut_leaves_nothing(world, monkeypatch, release_storage):
    real_write = releases.write_file
    last = list(DATASETS)[-1]

    def failing(dataset, fmt, target, rows=None):
        if dataset.slug == last and fmt == "xlsx":
            raise RuntimeError("disk full")
        return real_write(dataset, fmt, target, rows=rows)

    monkeypatch.setattr(releases, "write_file", failing)
    with pytest.raises(RuntimeError):
        cut_release(Release.Kind.ON_DEMAND, now=NOW)
    assert not Release.objects.exists()
    assert not ReleaseFile.objects.exists()
    assert release_storage.listdir(f"releases/{LABEL}")[1] == []

    monkeypatch.setattr(releases, "write_file", real_write)
    assert cut_release(Release.Kind.ON_DEMAND, now=NOW).files.count() == len(
        DATASETS
    ) * len(FORMATS)


def test_on_demand_labels_are_beijing_time_and_unique(world):
    cut_release(Release.Kind.ON_DEMAND, now=NOW)
    with pytest.raises(ReleaseError, match=LABEL):
        cut_release(Release.Kind.ON_DEMAND, now=NOW)
    assert Release.objects.count() == 1


def test_a_release_never_overwrites_a_file(world, release_storage):
    path = f"releases/{LABEL}/regions.csv"
    release_storage.save(path, ContentFile(b"already here"))
    with pytest.raises(ReleaseError, match="regions.csv"):
        cut_release(Release.Kind.ON_DEMAND, now=NOW)
    assert read(path) == b"already here"
    assert not Release.objects.exists()
    assert release_storage.listdir(f"releases/{LABEL}")[1] == ["regions.csv"]


@pytest.mark.parametrize(
    ("today", "label"),
    [
        (datetime.date(2026, 10, 1), "2026-Q3"),
        (datetime.date(2026, 12, 31), "2026-Q3"),
        (datetime.date(2027, 1, 1), "2026-Q4"),
        (datetime.date(2026, 3, 31), "2025-Q4"),
        (datetime.date(2026, 4, 1), "2026-Q1"),
        (datetime.date(2026, 7, 1), "2026-Q2"),
    ],
)
def test_the_quarterly_release_is_of_the_quarter_just_ended(today, label):
    assert releases.quarter_before(today).slug == label


def test_quarterly_cut_at_new_year_in_beijing(world):
    # 2026-12-31 16:30 UTC is already 2027-01-01 in Beijing.
    now = datetime.datetime(2026, 12, 31, 16, 30, tzinfo=UTC)
    release = cut_release(Release.Kind.QUARTERLY, now=now)
    assert (release.label, release.kind) == ("2026-Q4", "quarterly")


def test_quarterly_cut_is_idempotent(world):
    release, cut = cut_quarterly(datetime.date(2026, 11, 2))
    assert cut and release.label == "2026-Q3"
    sums = {item.path: item.sha256 for item in release.files.all()}
    again, cut_again = cut_quarterly(datetime.date(2026, 12, 30))
    assert (again.pk, cut_again) == (release.pk, False)
    assert Release.objects.count() == 1
    assert {item.path: item.sha256 for item in again.files.all()} == sums
    with pytest.raises(ReleaseError):
        cut_release(Release.Kind.QUARTERLY, now=NOW)


def test_a_release_is_written_in_the_default_language(world):
    with translation.override("en"):
        english = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    chinese = cut_release(Release.Kind.ON_DEMAND, now=NOW + datetime.timedelta(1))
    for item in english.files.exclude(format="xlsx"):
        assert item.sha256 == stored(chinese, item.dataset, item.format).sha256, item


def test_the_command_cuts_on_demand_and_quarterly_once(world):
    out = io.StringIO()
    call_command("cut_release", note="年中检查", stdout=out)
    release = Release.objects.get(kind="on_demand")
    assert release.note == "年中检查"
    assert f"Cut release {release.label}" in out.getvalue()

    first, second = io.StringIO(), io.StringIO()
    call_command("cut_release", "--quarterly", stdout=first)
    call_command("cut_release", "--quarterly", stdout=second)
    quarterly = Release.objects.get(kind="quarterly")
    assert f"Cut release {quarterly.label}" in first.getvalue()
    assert f"Already exists: release {quarterly.label}" in second.getvalue()


# -- serving ---------------------------------------------------------------------


def test_a_release_file_is_served_immutable(world, client):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    item = stored(release, "social-organisations", "csv")
    response = client.get(f"/opendata/releases/{LABEL}/social-organisations.csv")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == read(item.path)
    assert response["ETag"] == f'"{item.sha256}"'
    assert "immutable" in response["Cache-Control"]
    assert "max-age=31536000" in response["Cache-Control"]
    # The name SHA256SUMS lists (see test_download_names.py).
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="social-organisations.csv"'
    )


def test_a_release_file_answers_304_to_its_checksum(world, client):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    item = stored(release, "regions", "xlsx")
    url = f"/opendata/releases/{LABEL}/regions.xlsx"
    response = client.get(url, HTTP_IF_NONE_MATCH=f'"{item.sha256}"')
    assert response.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_text_release_files_are_gzipped_on_request(world, client):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    item = stored(release, "credit-list-history", "jsonl")
    response = client.get(
        f"/opendata/releases/{LABEL}/credit-list-history.jsonl",
        HTTP_ACCEPT_ENCODING="gzip",
    )
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(response.streaming_content)) == read(item.path)
    # A gzipped body is another representation: its ETag is weak, and still matches.
    conditional = client.get(
        f"/opendata/releases/{LABEL}/credit-list-history.jsonl",
        HTTP_ACCEPT_ENCODING="gzip",
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert conditional.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/opendata/releases/2020-Q1/regions.csv",
        f"/opendata/releases/{LABEL}/no-such-dataset.csv",
        f"/opendata/releases/{LABEL}/regions.pdf",
        "/opendata/releases/2020-Q1/SHA256SUMS",
    ],
)
def test_unknown_releases_datasets_and_formats_are_404(world, client, url):
    cut_release(Release.Kind.ON_DEMAND, now=NOW)
    assert client.get(url).status_code == 404


class RecordingConnection:
    """Stands in for a database connection: records the SQL a snapshot issues."""

    def __init__(self, vendor, in_atomic_block):
        self.vendor = vendor
        self.in_atomic_block = in_atomic_block
        self.statements = []

    @contextlib.contextmanager
    def cursor(self):
        yield self

    def execute(self, sql):
        self.statements.append(sql)


@pytest.mark.parametrize(
    "vendor, nested, expected",
    [
        ("postgresql", False, ["SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"]),
        ("postgresql", True, []),  # inside a caller's transaction: too late to set
        ("sqlite", False, []),  # one transaction already reads one snapshot
    ],
)
def test_a_release_reads_one_snapshot(monkeypatch, vendor, nested, expected):
    # A real outermost transaction cannot be opened inside a test's own transaction
    # (and a transactional test would flush the data migrations create), so the
    # connection is a recording stand-in.
    fake = RecordingConnection(vendor, nested)
    monkeypatch.setattr(releases, "connection", fake)
    monkeypatch.setattr(releases.transaction, "atomic", contextlib.nullcontext)
    with releases._snapshot():
        pass
    assert fake.statements == expected


def test_the_command_refuses_a_note_too_long(world):
    with pytest.raises(CommandError, match="说明不能超过300个字"):
        call_command("cut_release", note="长" * 301, stdout=io.StringIO())
    assert not Release.objects.exists()
