"""One CORS policy (django-cors-headers, ``CORS_*`` in settings) for everything public
that a script reads: downloads, release files, SHA256SUMS, diffs, data packages, the
catalogue, the /api/v1 answers and the feeds; never the admin."""

import datetime
import pathlib

import pytest

from opendata.models import Release
from opendata.releases import cut_release
from tests.opendata.test_releases import release_storage  # noqa: F401 (fixture)

NOW = datetime.datetime(2026, 11, 23, 7, 17, 0, tzinfo=datetime.UTC)
ORIGIN = "https://notebook.example.org"
REPOSITORY = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def two_cuts(world):
    before = cut_release(Release.Kind.ON_DEMAND, now=NOW)
    after = cut_release(Release.Kind.ON_DEMAND, now=NOW + datetime.timedelta(hours=1))
    return before.label, after.label


def public_addresses(before, after):
    return {
        "csv download": "/opendata/regions.csv",
        "xlsx download": "/opendata/regions.xlsx",
        "jsonl download": "/opendata/regions.jsonl",
        "json download": "/opendata/regions.json",
        "release csv": f"/opendata/releases/{after}/regions.csv",
        "release xlsx": f"/opendata/releases/{after}/regions.xlsx",
        "SHA256SUMS": f"/opendata/releases/{after}/SHA256SUMS",
        "diff json": f"/opendata/diffs/{before}..{after}/regions.json",
        "diff csv": f"/opendata/diffs/{before}..{after}/regions.csv",
        "datapackage": "/opendata/regions/datapackage.json",
        "catalogue": "/opendata/catalog.jsonld",
        "catalogue page 2": "/opendata/catalog.jsonld?page=2",
        "catalogue turtle": "/opendata/catalog.ttl",
        "catalogue rdf/xml": "/opendata/catalog.rdf",
        "dataset api": "/api/v1/regions",
        "openapi": "/api/v1/openapi.json",
        "api error": "/api/v1/no-such-dataset",
        "api bad parameter": "/api/v1/regions?page_size=0",
        "search api": "/api/v1/search?q=协会",
        "ledger api": "/api/v1/ledger",
        "feed": "/feeds/rss.xml",
        "english feed": "/en/feeds/atom.xml",
    }


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_every_public_address_is_readable_from_any_origin(client, two_cuts):
    for name, address in public_addresses(*two_cuts).items():
        response = client.get(address, HTTP_ORIGIN=ORIGIN)
        body(response)
        # Errors too (the search index is not built here: 503 in the envelope).
        assert response.status_code in (200, 400, 404, 503), (
            name,
            response.status_code,
        )
        assert response["Access-Control-Allow-Origin"] == "*", name
        exposed = {
            header.strip().lower()
            for header in response["Access-Control-Expose-Headers"].split(",")
        }
        assert {"etag", "link", "retry-after", "x-ratelimit-remaining"} <= exposed
        # Never with credentials: a public answer is the same for everyone.
        assert "Access-Control-Allow-Credentials" not in response, name
        assert "origin" in response["Vary"].lower(), name


def test_every_public_address_answers_a_preflight(client, two_cuts):
    for name, address in public_addresses(*two_cuts).items():
        response = client.options(
            address,
            HTTP_ORIGIN=ORIGIN,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        )
        assert response.status_code == 200, name
        assert response["Access-Control-Allow-Origin"] == "*", name
        methods = {
            m.strip() for m in response["Access-Control-Allow-Methods"].split(",")
        }
        assert methods == {"GET", "HEAD", "OPTIONS"}, name
        allowed = response["Access-Control-Allow-Headers"].lower()
        assert "if-none-match" in allowed
        assert "x-csrftoken" not in allowed
        assert int(response["Access-Control-Max-Age"]) > 0


def test_a_conditional_answer_keeps_the_header(client, db):
    first = client.get("/opendata/regions.csv", HTTP_ORIGIN=ORIGIN)
    again = client.get(
        "/opendata/regions.csv", HTTP_ORIGIN=ORIGIN, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "address",
    [
        "/admin/",
        "/admin/login/",
        "/admin/api/main/pages/",
        "/admin/opendata/",
        "/opendata/",  # people's pages are not for scripts of other sites
        "/en/opendata/regions/",
        "/search/",
    ],
)
def test_the_admin_and_pages_are_not_opened_to_other_sites(client, db, address):
    response = client.get(address, HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        address,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Methods" not in preflight


def test_a_logged_in_admin_is_not_opened_either(admin_client):
    response = admin_client.get("/admin/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize(
    "address", ["/api/v1/regions", "/opendata/regions.csv", "/feeds/rss.xml"]
)
def test_a_post_is_not_allowed_by_the_preflight(client, db, address):
    response = client.options(
        address, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_no_code_of_ours_sets_access_control_headers_by_hand():
    """The policy is the settings' alone: a second hand-set header would disagree."""
    ours = [
        path
        for folder in (
            "content_models",
            "opendata",
            "search",
            "publishing",
            "discovery",
            "themes",
            "imports",
            "site",
        )
        for path in (REPOSITORY / folder).rglob("*.py")
    ]
    assert ours
    offenders = [
        str(path.relative_to(REPOSITORY))
        for path in ours
        if "access-control-" in path.read_text(encoding="utf-8").lower()
    ]
    assert offenders == []
