"""Per-client rate limits on the read API: counted per window in the cache, 429 with
Retry-After over the limit, the client taken from a proxy header when configured.
The clock is moved by patching ``content_models.disclosure.ratelimit.now``; nothing sleeps."""

from unittest import mock

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

import pytest

from content_models.disclosure.ratelimit import parse_rate

START = 1_800_000_000.0  # a window boundary for a 60 s window (divisible by 60)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def clock():
    """The rate limiter's clock, at START; set ``clock.return_value`` to move it."""
    with mock.patch(
        "content_models.disclosure.ratelimit.now", return_value=START
    ) as patched:
        yield patched


def api(client, **extra):
    return client.get(
        reverse("opendata-api", kwargs={"slug": "regions"}),
        HTTP_ORIGIN="https://example.org",
        **extra,
    )


@override_settings(OPENDATA_API_RATE="3/60")
def test_over_the_limit_answers_429_until_the_window_ends(client, db, clock):
    remaining = []
    for _ in range(3):
        response = api(client)
        assert response.status_code == 200
        assert response["X-RateLimit-Limit"] == "3"
        remaining.append(response["X-RateLimit-Remaining"])
    assert remaining == ["2", "1", "0"]

    clock.return_value = START + 15.5
    refused = api(client)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"  # 44.5 s left, rounded up
    assert refused["X-RateLimit-Remaining"] == "0"
    assert refused["Access-Control-Allow-Origin"] == "*"
    error = refused.json()["error"]
    assert (error["code"], error["parameter"]) == ("too_many_requests", None)
    assert "45" in error["message"]

    clock.return_value = START + 59.9
    assert api(client).status_code == 429
    assert api(client)["Retry-After"] == "1"  # never 0

    clock.return_value = START + 60
    again = api(client)
    assert again.status_code == 200
    assert again["X-RateLimit-Remaining"] == "2"


@override_settings(OPENDATA_API_RATE="1/60")
def test_errors_and_the_openapi_document_count_too(client, db, clock):
    assert api(client, QUERY_STRING="page_size=0").status_code == 400
    assert client.get("/api/v1/openapi.json").status_code == 429
    assert client.get("/api/v1/no-such-data").status_code == 429


@override_settings(OPENDATA_API_RATE="1/60")
def test_each_client_has_its_own_budget(client, db, clock):
    assert api(client, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert api(client, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert api(client, REMOTE_ADDR="10.0.0.2").status_code == 200
    assert api(client, REMOTE_ADDR="2001:db8::1").status_code == 200


@override_settings(OPENDATA_API_RATE="1/60", PORTAL_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
def test_the_client_behind_a_proxy(client, db, clock):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert api(client, HTTP_X_REAL_IP="203.0.113.7", **proxy).status_code == 200
    assert api(client, HTTP_X_REAL_IP="203.0.113.8", **proxy).status_code == 200
    assert api(client, HTTP_X_REAL_IP="203.0.113.7", **proxy).status_code == 429
    # Without the header the proxy's own address is the client.
    assert api(client, **proxy).status_code == 200


@override_settings(
    OPENDATA_API_RATE="1/60", PORTAL_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR"
)
def test_a_forwarded_list_counts_the_address_our_proxy_added(client, db, clock):
    assert api(client, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7").status_code == 200
    # Changing the part the client wrote does not buy a new budget.
    assert api(client, HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.7").status_code == 429


@override_settings(OPENDATA_API_RATE="")
def test_no_limit_when_off(client, db, clock):
    for _ in range(5):
        response = api(client)
        assert response.status_code == 200
        assert "X-RateLimit-Limit" not in response


def test_parse_rate():
    assert parse_rate("120/60") == (120, 60)
    assert parse_rate("") is None
    for bad in ("120", "0/60", "10/0", "ten/60", "1/2/3"):
        with pytest.raises(ImproperlyConfigured):
            parse_rate(bad)
