"""Every /api/v1 address answers a write in the JSON envelope (405, ``Allow: GET,
HEAD``), as openapi.json documents, even from a client with no CSRF token (every API
client): Django's HTML 403 must never be the answer. Addresses that do not exist are
a JSON 404."""

from django.test import Client

import pytest

ADDRESSES = [
    "/api/v1/regions",
    "/api/v1/no-such-dataset",
    "/api/v1/openapi.json",
    "/api/v1/search",
    "/api/v1/search/suggest",
    "/api/v1/ledger",
    "/api/v1/ledger/1",
    "/api/v1/nothing/here",
    "/api/v1/regions/",
]


@pytest.fixture
def api_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("address", ADDRESSES)
def test_a_write_answers_405_in_json(api_client, db, address, method):
    response = getattr(api_client, method)(
        address, data='{"x": 1}', content_type="application/json"
    )
    assert response.status_code == 405, response.content[:200]
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD"
    error = response.json()["error"]
    assert error["code"] == "method_not_allowed"
    assert error["message"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("address", ["/api/v1/nothing/here", "/api/v1/regions/"])
def test_an_address_that_does_not_exist_is_a_json_404(api_client, db, address):
    response = api_client.get(address)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_form_post_is_refused_the_same_way(api_client, db):
    response = api_client.post("/api/v1/regions", {"page_size": "5"})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
