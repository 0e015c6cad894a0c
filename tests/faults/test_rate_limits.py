"""One rate limit, ``OPENDATA_API_RATE``, on every public API (open data, search and
suggestions, ledger) and on the search page, each counted on its own; set but empty,
it turns every limit off (README, Configuration)."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.core.cache import cache

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
START = 1_800_000_000.0  # a window boundary for a 60 s window

ENDPOINTS = {
    "open data": "/api/v1/regions",
    "search API": "/api/v1/search?q=低保",
    "suggestions": "/api/v1/search/suggest?q=低保",
    "ledger API": "/api/v1/ledger",
    "ledger entry": "/api/v1/ledger/1",
    "search page": "/search/?q=低保",
}


@pytest.fixture(autouse=True)
def world(db, settings, tmp_path):
    """A fresh count, a still clock and a built (empty) search index."""
    from search.engines import get_engine

    cache.clear()
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    get_engine().clear()
    with mock.patch("content_models.disclosure.ratelimit.now", return_value=START):
        yield


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_public_api_and_the_search_page_are_limited(client, settings, name):
    settings.OPENDATA_API_RATE = "2/60"
    path = ENDPOINTS[name]
    # From another site's page, as a watchdog's script calls it (CORS needs Origin).
    answers = [client.get(path, HTTP_ORIGIN="https://example.org") for _ in range(3)]
    assert [a.status_code != 429 for a in answers] == [True, True, False]
    refused = answers[-1]
    assert refused["Retry-After"] == "60"
    assert (refused["X-RateLimit-Limit"], refused["X-RateLimit-Remaining"]) == (
        "2",
        "0",
    )
    if name == "search page":
        page = BeautifulSoup(refused.content.decode(), "html.parser")
        assert "请求过于频繁" in page.select_one("[role=alert]").get_text()
        assert refused["X-Robots-Tag"] == "noindex"
    else:
        assert refused.json()["error"]["code"] == "too_many_requests"
        assert refused["Access-Control-Allow-Origin"] == "*"


def test_each_scope_counts_on_its_own(client, settings):
    settings.OPENDATA_API_RATE = "1/60"
    assert client.get(ENDPOINTS["open data"]).status_code == 200
    assert client.get(ENDPOINTS["open data"]).status_code == 429
    # A watchdog's bulk download does not lock the same address out of search.
    assert client.get(ENDPOINTS["search page"]).status_code == 200
    assert client.get(ENDPOINTS["search API"]).status_code == 200
    assert client.get(ENDPOINTS["ledger API"]).status_code == 200
    # Suggestions share the search API's budget.
    assert client.get(ENDPOINTS["suggestions"]).status_code == 429


@pytest.mark.parametrize("name", ENDPOINTS)
def test_an_empty_rate_turns_every_limit_off(client, settings, name):
    settings.OPENDATA_API_RATE = ""
    for _ in range(5):
        response = client.get(ENDPOINTS[name])
        assert response.status_code != 429
        assert "X-RateLimit-Limit" not in response


def rate_setting(**env):
    environment = {
        k: v for k, v in os.environ.items() if k != "OPENDATA_API_RATE"
    } | env
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-v",
            "0",
            "-c",
            "from django.conf import settings; print(repr(settings.OPENDATA_API_RATE))",
        ],
        capture_output=True,
        text=True,
        env={**environment, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
        | {"SECRET_KEY": "k" * 60, "DATABASE_URL": "sqlite:///:memory:"},
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_environment_variable_behaves_as_documented():
    assert rate_setting() == "'120/60'"  # unset: the default
    assert rate_setting(OPENDATA_API_RATE="") == "''"  # empty: off
    assert rate_setting(OPENDATA_API_RATE="30/10") == "'30/10'"
