"""What a browser saves is what SHA256SUMS lists: each release file is downloaded as a
browser would (its address taken from the data package, its name from
``Content-Disposition``), and the real ``sha256sum -c`` checks the folder."""

import datetime
import gzip
import hashlib
import json
import shutil
import subprocess
from email.message import Message

import pytest

from opendata.datasets import DATASETS
from opendata.formats import FORMATS
from opendata.models import Release
from opendata.releases import cut_release
from tests.opendata.test_releases import release_storage  # noqa: F401 (fixture)

NOW = datetime.datetime(2026, 11, 23, 7, 17, 0, tzinfo=datetime.UTC)


def saved_name(response):
    """The file name a browser gives the download (RFC 6266)."""
    message = Message()
    message["Content-Disposition"] = response["Content-Disposition"]
    name = message.get_filename()
    assert name and "/" not in name and "\\" not in name and not name.startswith(".")
    return name


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def release_addresses(client, label):
    """Every file of release ``label``, as the data packages list them."""
    addresses = []
    for slug in DATASETS:
        package = json.loads(client.get(f"/opendata/{slug}/datapackage.json").content)
        (release,) = [r for r in package["releases"] if r["label"] == label]
        addresses += [item["path"] for item in release["files"]]
    return addresses


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils")
def test_sha256sum_checks_what_a_browser_saved(world, client, tmp_path):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    sums = client.get(f"/opendata/releases/{release.label}/SHA256SUMS")
    (tmp_path / saved_name(sums)).write_bytes(sums.content)
    addresses = release_addresses(client, release.label)
    assert len(addresses) == len(DATASETS) * len(FORMATS)
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        target = tmp_path / saved_name(response)
        assert not target.exists(), f"two files saved as {target.name}"
        target.write_bytes(content(response))

    checked = subprocess.run(  # noqa: S603 (fixed command on our own files)
        ["sha256sum", "-c", "--strict", "SHA256SUMS"],  # noqa: S607
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    assert len(lines) == len(addresses)
    assert all(line.endswith(": OK") for line in lines), lines


def test_every_name_in_sha256sums_is_a_saved_name(world, client):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    listed = {
        line.split("  ", 1)[1]
        for line in client.get(f"/opendata/releases/{release.label}/SHA256SUMS")
        .content.decode()
        .splitlines()
    }
    saved = {
        saved_name(client.get(address))
        for address in release_addresses(client, release.label)
    }
    assert listed == saved
    # The current files are saved under the same names as a release's.
    current = {
        saved_name(client.get(f"/opendata/{slug}.{fmt}"))
        for slug in DATASETS
        for fmt in FORMATS
    }
    assert current == listed


def test_a_gzipped_download_is_the_listed_file_once_unpacked(world, client):
    release = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    sums = dict(
        reversed(line.split("  ", 1))
        for line in client.get(f"/opendata/releases/{release.label}/SHA256SUMS")
        .content.decode()
        .splitlines()
    )
    response = client.get(
        f"/opendata/releases/{release.label}/regions.csv",
        HTTP_ACCEPT_ENCODING="gzip",
    )
    assert response["Content-Encoding"] == "gzip"
    unpacked = gzip.decompress(content(response))
    assert hashlib.sha256(unpacked).hexdigest() == sums[saved_name(response)]
