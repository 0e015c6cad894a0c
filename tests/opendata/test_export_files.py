"""Downloads are files written once per change mark and served whole (FileResponse,
or nginx through X-Accel-Redirect): never a streamed body that a worker timeout can
cut short under a 200."""

import datetime
from pathlib import Path

from django.core.files.storage import storages
from django.core.management import call_command

import pytest

from opendata import exports
from opendata.datasets import DATASETS
from opendata.formats import FORMATS
from tests.content_models import credit_factories as credit


def folder(slug):
    return Path(storages["opendata"].path(f"current/{slug}"))


def body(response):
    return b"".join(response.streaming_content) if response.streaming else b""


@pytest.fixture
def clean(world):
    for slug in DATASETS:
        for path in folder(slug).glob("*") if folder(slug).exists() else ():
            path.unlink()
    return world


def test_the_file_is_written_once_and_sent_whole(client, clean, monkeypatch):
    first = client.get("/opendata/credit-list-history.csv")
    content = body(first)
    assert first.status_code == 200 and content
    files = list(folder("credit-list-history").glob("*.csv"))
    assert len(files) == 1 and files[0].read_bytes() == content
    assert int(first["Content-Length"]) == len(content)

    def no_rows(*args, **kwargs):
        raise AssertionError("the file is written already")

    monkeypatch.setattr(exports, "write_file", no_rows)
    again = client.get("/opendata/credit-list-history.csv")
    assert again.status_code == 200 and body(again) == content


def test_a_change_writes_a_new_file_and_keeps_one_before_it(client, clean):
    body(client.get("/opendata/credit-list-current.jsonl"))
    for number in range(2):
        credit.entry(
            clean.org,
            list_type="serious",
            decision_number=f"清民社严〔2024〕{number + 1}号",
            listed_on=datetime.date(2024, 4, number + 1),
        )
        body(client.get("/opendata/credit-list-current.jsonl"))
    assert len(list(folder("credit-list-current").glob("*.jsonl"))) == 2


def test_nginx_sends_the_file_when_accel_redirect_is_set(client, clean, settings):
    settings.OPENDATA_ACCEL_REDIRECT = "/_opendata/"
    response = client.get("/opendata/regions.xlsx", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    location = response["X-Accel-Redirect"]
    assert location.startswith("/_opendata/current/regions/")
    assert location.endswith(".xlsx")
    name = location.removeprefix("/_opendata/")
    assert storages["opendata"].exists(name)
    assert response.content == b""
    assert "Content-Encoding" not in response
    assert 'filename="regions.xlsx"' in response["Content-Disposition"]
    assert response["ETag"]
    # A 304 still comes from Django, without the redirect.
    again = client.get("/opendata/regions.xlsx", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and "X-Accel-Redirect" not in again


def test_a_failed_write_leaves_no_file_and_no_200(client, clean, monkeypatch):
    def fails_midway(dataset, fmt, target, rows=None):
        target.write(b"id,half a file")
        raise RuntimeError("the database went away")

    monkeypatch.setattr(exports, "write_file", fails_midway)
    with pytest.raises(RuntimeError):
        client.get("/opendata/social-organisations.csv")
    assert not folder("social-organisations").exists() or not list(
        folder("social-organisations").iterdir()
    )


def test_the_command_writes_every_file_ahead(clean):
    call_command("write_opendata_files", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for slug in DATASETS:
        for fmt in FORMATS:
            assert list(folder(slug).glob(f"*.{fmt}")), (slug, fmt)
