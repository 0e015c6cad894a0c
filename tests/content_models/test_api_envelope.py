"""One /api/v1 envelope (content_models.disclosure.api): the same error shape, the
same BadParameter, the same CORS headers and the same cursor paging for search, the
ledger and open data."""

from django.core.cache import cache
from django.http import QueryDict

import pytest

from content_models.disclosure import api
from content_models.disclosure.api import BadParameter
from opendata import api as opendata_api
from search import query as search_query

ENDPOINTS = [
    ("/api/v1/search", {"page_size": "0"}, "page_size"),
    ("/api/v1/search/suggest", {"lang": "xx"}, "lang"),
    ("/api/v1/ledger", {"page_size": "0"}, "page_size"),
    ("/api/v1/ledger/1", {"page": "2"}, "page"),
    ("/api/v1/regions", {"page_size": "0"}, "page_size"),
    ("/api/v1/openapi.json", {"lang": "xx"}, "lang"),
]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.mark.parametrize(("path", "params", "name"), ENDPOINTS)
def test_every_endpoint_refuses_a_bad_parameter_the_same_way(
    client, db, path, params, name
):
    response = client.get(path, params, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": {
            "code": "bad_parameter",
            "parameter": name,
            "message": response.json()["error"]["message"],
        }
    }
    assert f"“{name}”" in response.json()["error"]["message"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert {"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"} <= {
        name.strip() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("path", "params", "name"), ENDPOINTS)
def test_every_endpoint_answers_only_get_the_same_way(client, db, path, params, name):
    response = client.post(path, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_one_bad_parameter_class():
    assert search_query.BadParameter is BadParameter
    assert opendata_api.BadParameter is BadParameter


def test_cursors_round_trip_and_refuse_what_they_did_not_make():
    assert api.decode_cursor(api.encode_cursor("disclosure.notice:17")) == (
        "disclosure.notice:17"
    )
    assert api.decode_cursor(api.encode_cursor("42"), int) == 42
    for bad in ("!!!", api.encode_cursor("abc")):
        with pytest.raises(BadParameter) as error:
            api.decode_cursor(bad, int)
        assert error.value.name == "cursor"


@pytest.mark.parametrize("value", ["0", "101", "ten", "-5", "٣", "1.5"])
def test_page_size_is_an_integer_within_the_limit(value):
    with pytest.raises(BadParameter):
        api.read_page_size(value, 20, 100)


def test_page_size_default_and_edges():
    assert api.read_page_size(None, 20, 100) == 20
    assert api.read_page_size(" ", 20, 100) == 20
    assert api.read_page_size("100", 20, 100) == 100


def test_unknown_and_repeated_parameters_are_refused():
    api.refuse_unknown(QueryDict("q=a&cursor=b"), ("q", "cursor"))
    with pytest.raises(BadParameter) as unknown:
        api.refuse_unknown(QueryDict("page=2"), ("q", "cursor"))
    assert unknown.value.name == "page"
    with pytest.raises(BadParameter) as twice:
        api.refuse_unknown(QueryDict("q=a&q=b"), ("q",))
    assert twice.value.name == "q"
