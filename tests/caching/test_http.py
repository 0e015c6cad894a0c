"""What a kept page says over HTTP: validators, 304s, compression, and the generation
behind Last-Modified."""

import datetime
import gzip
from unittest import mock

import brotli
from hypothesis import given
from hypothesis import strategies as st

from caching import compression, generation
from portal.demo.helpers import publish_reviewed

from .conftest import text


def test_kept_pages_carry_validators_and_public_cache_control(client, notices):
    for _ in range(2):  # stored, then answered from the cache
        response = client.get("/notices/")
        assert response["ETag"].startswith('W/"')
        assert response.has_header("Last-Modified")
        assert response["Cache-Control"] == "public, no-cache"
        assert "Cookie" in response["Vary"]


def test_if_none_match_is_answered_304_until_a_publication(
    client, notices, article, committed
):
    etag = client.get("/notices/")["ETag"]
    assert client.get("/notices/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/notices/", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
    article.title = "关于调整城乡低保标准的通知（更正）"
    with committed():
        publish_reviewed(article)
    response = client.get("/notices/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "（更正）" in text(response)


def test_if_modified_since_is_answered_304_until_a_publication(
    client, notices, article, committed
):
    stamp = client.get("/notices/")["Last-Modified"]
    assert client.get("/notices/", HTTP_IF_MODIFIED_SINCE=stamp).status_code == 304
    article.title = "关于调整城乡低保标准的通知（更正）"
    with committed():  # within the same second: Last-Modified must still move on
        publish_reviewed(article)
    response = client.get("/notices/", HTTP_IF_MODIFIED_SINCE=stamp)
    assert response.status_code == 200
    assert response["Last-Modified"] != stamp


def test_pages_not_kept_still_get_an_etag_and_304(client, notices):
    first = client.get("/notices/?utm_source=wechat")
    assert first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    again = client.get("/notices/?utm_source=wechat", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_gzip_and_brotli_for_kept_pages(client, notices):
    plain = client.get("/notices/").content
    zipped = client.get("/notices/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain)
    squeezed = client.get("/notices/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert squeezed["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.content) == plain
    refused = client.get("/notices/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    assert not refused.has_header("Content-Encoding")
    assert refused.content == plain


def test_gzip_for_pages_not_kept(client, notices):
    response = client.get("/notices/?utm_source=x", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "csrf" not in gzip.decompress(response.content).decode().lower()


def test_no_compression_where_a_csrf_token_is(client, home):
    response = client.get("/requests/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert "csrfmiddlewaretoken" in text(response)
    assert not response.has_header("Content-Encoding")


def test_no_compression_for_signed_in_readers(client, notices, boss):
    client.force_login(boss)
    response = client.get("/notices/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert not response.has_header("Content-Encoding")


@given(st.text(max_size=60))
def test_any_accept_encoding_is_read_without_error(header):
    request = mock.Mock(META={"HTTP_ACCEPT_ENCODING": header})
    assert compression.accepted(request) in ("", "gzip", "br")


def test_a_lost_generation_is_replaced_not_revived(db):
    first = generation.current()
    generation.page_cache().delete(generation.KEY)
    second = generation.current()
    assert second.token != first.token
    assert generation.current() == second


def test_generations_start_strictly_later(db):
    first = generation.start_new()
    second = generation.start_new()
    assert second.born > first.born
    assert second.token != first.token


def test_a_new_day_starts_a_new_generation(db):
    today = generation.current()
    tomorrow = datetime.date.fromisoformat(today.day) + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        later = generation.current()
    assert later.token != today.token
    assert later.born > today.born
