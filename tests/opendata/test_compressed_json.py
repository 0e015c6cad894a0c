"""The catalogue and the read API's JSON travel gzipped to clients that accept it
(caching/compression.py), and unpack to the same document."""

import gzip
import json

import pytest


@pytest.mark.parametrize(
    "path",
    ["/opendata/catalog.jsonld", "/api/v1/credit-list-current", "/api/v1/openapi.json"],
)
def test_json_is_gzipped_on_request(world, client, path):
    plain = client.get(path)
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, br;q=0")
    assert plain.status_code == packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert json.loads(gzip.decompress(packed.content)) == json.loads(plain.content)
