"""The catalogue: Frictionless data packages, the DCAT catalogue (JSON-LD), and the
HTML pages /opendata/ and /opendata/<dataset>/ in both languages."""

import csv
import dataclasses
import datetime
import io
import json
import re

from django.utils import timezone
from django.utils.http import http_date

from wagtail.models import Site

import pytest

from opendata.changes import mark_changed
from opendata.datasets import DATASETS
from opendata.models import Release, ReleaseFile
from tests.content_models import credit_factories as credit

SLUGS = list(DATASETS)
HEX = re.compile(r"^[0-9a-f]{64}$")


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return response, json.loads(response.content)


def datapackage(client, slug):
    return get_json(client, f"/opendata/{slug}/datapackage.json")[1]


def download_csv(client, slug):
    response = client.get(f"/opendata/{slug}.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    reader = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
    return body, reader.fieldnames, list(reader)


def make_release(label, when, slugs=("regions",), formats=("csv", "json"), note=""):
    release = Release.objects.create(
        label=label, kind=Release.Kind.QUARTERLY, cut_at=when, note=note
    )
    for slug in slugs:
        for number, fmt in enumerate(formats):
            ReleaseFile.objects.create(
                release=release,
                dataset=slug,
                format=fmt,
                path=f"releases/{label}/{slug}.{fmt}",
                sha256=f"{label}{slug}{fmt}".encode().hex()[:64].ljust(64, "0"),
                size=1000 + number,
                rows=3,
            )
    return release


def moment(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC)


@pytest.fixture
def two_releases(db):
    older = make_release(
        "2026-Q2", moment(2026, 7, 1, 1), slugs=("regions", "plan-indicators")
    )
    newer = make_release(
        "2026-Q3", moment(2026, 10, 1, 1), slugs=("regions", "plan-indicators")
    )
    return older, newer


# -- data packages -------------------------------------------------------------------


# One world per test, not per dataset: building it costs a second or two.


def test_datapackage_schema_is_the_dataset_and_the_csv_header(client, world):
    for slug in SLUGS:
        check_schema_and_header(client, slug)


def check_schema_and_header(client, slug):
    dataset = DATASETS[slug]
    package = datapackage(client, slug)
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == slug
    (resource,) = package["resources"]
    assert resource["profile"] == "tabular-data-resource"
    assert resource["path"] == f"http://testserver/opendata/{slug}.csv"
    assert resource["encoding"] == "utf-8-sig"
    schema = resource["schema"]
    names = [field["name"] for field in schema["fields"]]
    assert names == dataset.field_names
    assert [field["type"] for field in schema["fields"]] == [
        column.type for column in dataset.fields
    ]
    assert schema["primaryKey"] == [dataset.primary_key]
    assert schema["missingValues"] == [""]
    # The file one downloads has exactly these columns, in this order.
    _, header, rows = download_csv(client, slug)
    assert header == names
    assert rows, slug


def test_datapackage_describes_fields_in_both_languages(client, world):
    package = datapackage(client, "credit-list-history")
    assert package["title"] == str(DATASETS["credit-list-history"].title)
    assert "title_en" in package
    assert "description_en" in package
    fields = {
        field["name"]: field for field in package["resources"][0]["schema"]["fields"]
    }
    list_type = fields["list_type"]
    assert list_type["title"] == "名录类型"
    assert "title_en" in list_type
    assert list_type["constraints"]["required"] is True
    assert set(list_type["constraints"]["enum"]) == set(list_type["enum_labels"])
    assert set(list_type["enum_labels_en"]) == set(list_type["enum_labels"])
    # XML Schema patterns (Table Schema's) are anchored implicitly: no ^ or $.
    pattern = fields["credit_code"]["constraints"]["pattern"]
    assert re.fullmatch(pattern, "51150299MJ5AWCD379")
    assert not pattern.startswith("^") and not pattern.endswith("$")
    assert fields["id"]["constraints"] == {"required": True, "unique": True}
    # Datetimes carry +08:00, which Table Schema's default format does not allow.
    assert fields["updated_at"]["type"] == "datetime"
    assert fields["updated_at"]["format"] == "any"
    assert "format" not in fields["listed_on"]


def test_datapackage_links_homepage_other_formats_and_api(client, world):
    package = datapackage(client, "regions")
    assert package["homepage"] == "http://testserver/opendata/regions/"
    assert package["homepage_en"] == "http://testserver/en/opendata/regions/"
    assert {item["format"]: item["path"] for item in package["other_formats"]} == {
        fmt: f"http://testserver/opendata/regions.{fmt}"
        for fmt in ("xlsx", "jsonl", "json")
    }
    assert package["api"]["url"] == "http://testserver/api/v1/regions"
    assert package["api"]["openapi"] == "http://testserver/api/v1/openapi.json"
    assert package["api"]["filters"] == DATASETS["regions"].offers()


def test_datapackage_version_follows_the_dataset_changes(client, world):
    before = datapackage(client, "regions")
    mark_changed([DATASETS["regions"]])
    after = datapackage(client, "regions")
    assert int(after["version"]) == int(before["version"]) + 1
    assert after["last_modified"] >= before["last_modified"]
    assert after["last_modified"].endswith("+08:00")


def test_datapackage_lists_releases_with_hashes_and_diffs(client, world, two_releases):
    older, newer = two_releases
    make_release("2026-Q1", moment(2026, 4, 1), slugs=("plan-indicators",))
    package = datapackage(client, "regions")
    releases = package["releases"]
    # Only releases holding this dataset, newest first.
    assert [release["label"] for release in releases] == ["2026-Q3", "2026-Q2"]
    latest = releases[0]
    assert latest["previous"] == "2026-Q2"
    assert latest["diff"] == {
        "json": "http://testserver/opendata/diffs/2026-Q2..2026-Q3/regions.json",
        "csv": "http://testserver/opendata/diffs/2026-Q2..2026-Q3/regions.csv",
    }
    assert "diff" not in releases[1]
    assert (
        latest["checksums"] == "http://testserver/opendata/releases/2026-Q3/SHA256SUMS"
    )
    stored = {
        item.format: item
        for item in ReleaseFile.objects.filter(release=newer, dataset="regions")
    }
    assert {item["format"] for item in latest["files"]} == set(stored)
    for item in latest["files"]:
        expected = stored[item["format"]]
        assert item["hash"] == f"sha256:{expected.sha256}"
        assert item["bytes"] == expected.size
        assert item["rows"] == expected.rows
        assert item["path"] == (
            f"http://testserver/opendata/releases/2026-Q3/regions.{item['format']}"
        )


def test_constraints_hold_on_the_published_rows(client, world):
    for slug in SLUGS:
        check_constraints(client, slug)


def check_constraints(client, slug):
    fields = datapackage(client, slug)["resources"][0]["schema"]["fields"]
    _, _, rows = download_csv(client, slug)
    for field in fields:
        constraints = field.get("constraints", {})
        values = [row[field["name"]] for row in rows]
        present = [value for value in values if value != ""]
        if constraints.get("required"):
            assert len(present) == len(values), (slug, field["name"])
        if constraints.get("unique"):
            assert len(set(present)) == len(present), (slug, field["name"])
        if "enum" in constraints:
            assert set(present) <= set(constraints["enum"]), (slug, field["name"])
        if "pattern" in constraints:
            for value in present:
                assert re.fullmatch(constraints["pattern"], value), (slug, value)


def test_constraint_checks_can_fail(client, world):
    """The checks above are not vacuous: the world has values to check."""
    _, _, rows = download_csv(client, "credit-list-history")
    assert {row["list_type"] for row in rows} == {"abnormal", world.current.list_type}
    assert all(re.fullmatch(r"^\d{12}$", row["region_code"]) for row in rows)


frictionless = pytest.importorskip("frictionless")


def test_frictionless_validates_package_and_csv(client, world, tmp_path):
    for slug in SLUGS:
        folder = tmp_path / slug
        folder.mkdir()
        validate_with_frictionless(client, folder, slug)


def validate_with_frictionless(client, tmp_path, slug):
    package = datapackage(client, slug)
    body, _, _ = download_csv(client, slug)
    (tmp_path / f"{slug}.csv").write_bytes(body)
    package["resources"][0]["path"] = f"{slug}.csv"
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    report = frictionless.validate(str(descriptor))
    assert report.valid, (
        slug,
        report.flatten(["rowNumber", "fieldName", "type", "note"]),
    )
    assert report.tasks[0].stats["rows"] == len(list(DATASETS[slug].rows()))


def test_frictionless_finds_a_broken_csv(client, world, tmp_path):
    """The validation above would catch a file that does not match its schema."""
    package = datapackage(client, "regions")
    body, _, _ = download_csv(client, "regions")
    broken = body.decode("utf-8-sig").replace(world.org.region.code, "12345", 1)
    (tmp_path / "regions.csv").write_text(broken, encoding="utf-8-sig")
    package["resources"][0]["path"] = "regions.csv"
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    report = frictionless.validate(str(descriptor))
    assert not report.valid
    assert "constraint-error" in {error.type for error in report.tasks[0].errors}


def test_datapackage_of_unknown_dataset_is_404(client, db):
    assert client.get("/opendata/nothing/datapackage.json").status_code == 404


# -- the DCAT catalogue ---------------------------------------------------------------


def catalog(client, **headers):
    return get_json(client, "/opendata/catalog.jsonld", **headers)


def catalog_datasets(client):
    """Every dataset node, walking the catalogue's pages (Hydra ``next``)."""
    found, address = [], "/opendata/catalog.jsonld"
    while address:
        _, document = get_json(client, address)
        found += document["dcat:dataset"]
        following = document["hydra:view"].get("hydra:next")
        address = following["@id"] if following else None
    return found


def test_catalog_lists_every_dataset(client, world):
    response, document = catalog(client, HTTP_ORIGIN="https://example.org")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert {"dcat", "dct", "foaf", "spdx", "xsd", "vcard"} <= set(document["@context"])
    assert "dcat:Catalog" in document["@type"]
    assert {value["@language"] for value in document["dct:title"]} == {"zh-Hans", "en"}
    assert document["foaf:homepage"] == {"@id": "http://testserver/opendata/"}
    datasets = catalog_datasets(client)
    assert [item["dct:identifier"] for item in datasets] == SLUGS
    for item in datasets:
        slug = item["dct:identifier"]
        assert item["@type"] == "dcat:Dataset"
        assert item["@id"] == f"http://testserver/opendata/{slug}/"
        assert item["dcat:landingPage"] == {"@id": item["@id"]}
        assert item["dct:conformsTo"] == {
            "@id": f"http://testserver/opendata/{slug}/datapackage.json"
        }
        assert item["dct:title"][0] == {
            "@value": str(DATASETS[slug].title),
            "@language": "zh-Hans",
        }
        assert item["dct:modified"]["@type"] == "xsd:dateTime"
        downloads = {
            distribution["dct:title"]: distribution["dcat:downloadURL"]["@id"]
            for distribution in item["dcat:distribution"]
            if "dcat:downloadURL" in distribution
        }
        assert downloads == {
            f"{slug}.{fmt}": f"http://testserver/opendata/{slug}.{fmt}"
            for fmt in ("csv", "xlsx", "jsonl", "json")
        }
        services = [
            distribution["dcat:accessService"]
            for distribution in item["dcat:distribution"]
            if "dcat:accessService" in distribution
        ]
        assert services == [{"@id": f"http://testserver/api/v1/{slug}#service"}]


def test_catalog_lists_every_release_file_with_its_checksum(
    client, world, two_releases
):
    listed = {}
    for item in catalog_datasets(client):
        for distribution in item["dcat:distribution"]:
            if "spdx:checksum" in distribution:
                listed[distribution["dcat:downloadURL"]["@id"]] = distribution
    stored = ReleaseFile.objects.select_related("release")
    assert len(listed) == stored.count() == 8
    for release_file in stored:
        url = (
            f"http://testserver/opendata/releases/{release_file.release.label}/"
            f"{release_file.dataset}.{release_file.format}"
        )
        distribution = listed[url]
        checksum = distribution["spdx:checksum"]
        assert checksum["spdx:algorithm"] == {"@id": "spdx:checksumAlgorithm_sha256"}
        assert checksum["spdx:checksumValue"]["@value"] == release_file.sha256
        assert HEX.match(checksum["spdx:checksumValue"]["@value"])
        assert distribution["dcat:byteSize"]["@value"] == release_file.size
        issued = datetime.datetime.fromisoformat(distribution["dct:issued"]["@value"])
        assert issued == release_file.release.cut_at


def test_catalog_publisher_is_the_site(client, world):
    site = Site.objects.get(is_default_site=True)
    site.site_name = ""
    site.save()
    _, document = catalog(client)
    assert document["dct:publisher"]["foaf:name"] == site.root_page.title
    site.site_name = "清源区民政局门户"
    site.save()
    _, document = catalog(client)
    assert document["dct:publisher"]["foaf:name"] == "清源区民政局门户"


def test_catalog_is_in_both_languages_whatever_the_reader_asks(client, world):
    _, chinese = catalog(client)
    _, english = catalog(client, HTTP_ACCEPT_LANGUAGE="en")
    assert chinese == english


# -- validators ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/opendata/catalog.jsonld", "/opendata/regions/datapackage.json"]
)
def test_documents_answer_304_until_something_changes(client, world, url):
    first = client.get(url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ORIGIN="https://a.example")
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    mark_changed([DATASETS["regions"]])
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag

    etag = changed["ETag"]
    make_release("2026-Q3", timezone.now() + datetime.timedelta(seconds=5))
    released = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert released.status_code == 200
    assert released["ETag"] != etag
    late = client.get(
        url,
        HTTP_IF_MODIFIED_SINCE=http_date(
            (timezone.now() - datetime.timedelta(seconds=1)).timestamp()
        ),
    )
    assert late.status_code == 200  # the release's time is the last modification


def test_datapackage_etag_ignores_other_datasets(client, world):
    first = client.get("/opendata/regions/datapackage.json")
    mark_changed([DATASETS["plan-indicators"]])
    make_release("2026-Q3", timezone.now(), slugs=("plan-indicators",))
    again = client.get(
        "/opendata/regions/datapackage.json", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_documents_are_read_only(client, world):
    assert client.post("/opendata/catalog.jsonld").status_code == 405
    assert client.post("/opendata/regions/datapackage.json").status_code == 405
    assert client.post("/opendata/").status_code == 405


# -- the pages ------------------------------------------------------------------------


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_index_lists_datasets_with_downloads(client, world):
    html = page(client, "/opendata/")
    assert '<html lang="zh-CN">' in html
    for slug, dataset in DATASETS.items():
        assert f'href="http://testserver/opendata/{slug}/"' in html
        assert str(dataset.title) in html
        for fmt in ("csv", "xlsx", "jsonl", "json"):
            assert f'href="http://testserver/opendata/{slug}.{fmt}"' in html
        assert f'href="http://testserver/opendata/{slug}/datapackage.json"' in html
        assert f"http://testserver/api/v1/{slug}" in html
    assert 'href="http://testserver/opendata/catalog.jsonld"' in html
    rows = DATASETS["credit-list-history"].count(
        DATASETS["credit-list-history"].queryset()
    )
    assert rows == 2
    assert "2 行" in html
    assert "还没有发布过版本" in html
    assert "sha256sum -c" in html


def test_index_lists_releases_checksums_and_diffs(client, world, two_releases):
    make_release(
        "2026-Q4", moment(2027, 1, 1, 1), slugs=("regions",), note="<script>x</script>"
    )
    html = page(client, "/opendata/")
    for label in ("2026-Q2", "2026-Q3", "2026-Q4"):
        assert f'href="http://testserver/opendata/releases/{label}/SHA256SUMS"' in html
    diffs = re.findall(r'href="http://testserver/opendata/diffs/([^"]+)"', html)
    # Consecutive releases only, and only datasets both have.
    assert sorted(diffs) == sorted(
        [
            "2026-Q2..2026-Q3/plan-indicators.json",
            "2026-Q2..2026-Q3/plan-indicators.csv",
            "2026-Q2..2026-Q3/regions.json",
            "2026-Q2..2026-Q3/regions.csv",
            "2026-Q3..2026-Q4/regions.json",
            "2026-Q3..2026-Q4/regions.csv",
        ]
    )
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    # The verification example uses the newest release.
    assert "curl -O http://testserver/opendata/releases/2026-Q4/SHA256SUMS" in html


def test_pages_escape_titles(client, world, monkeypatch):
    dataset = DATASETS["regions"]
    hostile = dataclasses.replace(
        dataset, title="<i>区划</i>", description="<img src=x onerror=alert(1)>"
    )
    monkeypatch.setitem(DATASETS, "regions", hostile)
    for url in ("/opendata/", "/opendata/regions/"):
        html = page(client, url)
        assert "<i>区划</i>" not in html
        assert "&lt;i&gt;区划&lt;/i&gt;" in html
        assert "<img src=x" not in html


def test_dataset_page_lists_fields_api_and_releases(client, world, two_releases):
    html = page(client, "/opendata/credit-list-history/")
    dataset = DATASETS["credit-list-history"]
    names = re.findall(r'<th scope="row"><code>([a-z_]+)</code></th>', html)
    assert names == dataset.field_names
    assert "<caption>" in html
    assert "<code>abnormal</code>" in html  # the list type's values are listed
    assert 'href="http://testserver/api/v1/credit-list-history?page_size=10"' in html
    assert "<code>updated_since</code>" in html
    assert 'href="http://testserver/api/v1/openapi.json"' in html
    assert 'href="/opendata/"' in html  # the breadcrumb back to the catalogue
    # This dataset is in no release yet.
    assert "还没有发布过版本" in html

    html = page(client, "/opendata/regions/")
    for item in ReleaseFile.objects.filter(dataset="regions"):
        assert f"sha256:{item.sha256}" in html
    assert html.count('href="http://testserver/opendata/diffs/') == 2
    assert (
        'href="http://testserver/opendata/diffs/2026-Q2..2026-Q3/regions.csv"' in html
    )
    assert "plan-indicators" not in re.sub(r"<footer.*", "", html, flags=re.S)


def test_english_pages(client, world):
    html = page(client, "/en/opendata/")
    assert '<html lang="en">' in html
    assert 'href="http://testserver/en/opendata/regions/"' in html
    assert 'href="/opendata/"' in html  # switch back to Chinese
    html = page(client, "/en/opendata/regions/")
    assert '<html lang="en">' in html
    assert 'href="/en/opendata/"' in html
    assert 'href="/opendata/regions/"' in html


def test_unknown_dataset_page_is_404(client, db):
    assert client.get("/opendata/nothing/").status_code == 404
    assert client.get("/en/opendata/nothing/").status_code == 404


def test_site_footer_links_to_open_data(client, world):
    html = page(client, "/")
    assert '<a href="/opendata/">开放数据</a>' in html


def test_row_counts_follow_publications(client, world):
    assert "<td>2</td>" in page(client, "/opendata/credit-list-history/")
    credit.entry(world.org, listed_on=datetime.date(2024, 5, 6))
    assert "<td>3</td>" in page(client, "/opendata/credit-list-history/")
