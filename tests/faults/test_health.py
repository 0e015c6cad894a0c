"""/healthz: 200 when the database and the search engine answer, 503 naming the
component that does not; the search queue's backlog is reported; nothing secret."""

import datetime

from django.db import OperationalError, connection
from django.utils import timezone

import pytest

from search.models import PendingUpdate

HEALTHZ = "/healthz"


@pytest.fixture
def built(db, settings, tmp_path):
    from search.engines import get_engine

    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    engine = get_engine()
    engine.clear()
    return engine


def statuses(response):
    components = response.json()["components"]
    return {name: part["status"] for name, part in components.items()}


def test_all_fine_answers_200(client, built):
    response = client.get(HEALTHZ)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert statuses(response) == {
        "database": "ok",
        "search": "ok",
        "search_queue": "ok",
    }
    assert response.json()["components"]["search_queue"]["waiting"] == 0
    assert "no-cache" in response["Cache-Control"]


def test_one_address_whatever_the_language_with_no_redirect(client, built):
    assert client.get(HEALTHZ, HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_a_backlog_is_reported_but_is_not_an_outage(client, built):
    old = timezone.now() - datetime.timedelta(minutes=10)
    PendingUpdate.objects.create(key="disclosure.articlepage:1", queued_at=old)
    PendingUpdate.objects.create(
        key="disclosure.articlepage:2", attempts=3, last_error="connection refused"
    )
    response = client.get(HEALTHZ)
    assert response.status_code == 200
    queue = response.json()["components"]["search_queue"]
    assert queue["status"] == "behind"
    assert (queue["waiting"], queue["failing"]) == (2, 1)
    assert 590 <= queue["oldest_seconds"] <= 700
    assert "connection refused" not in response.content.decode()


def test_a_damaged_search_index_answers_503(client, built, caplog):
    (built.directory / "CURRENT").write_text("garbage")
    response = client.get(HEALTHZ)
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert statuses(response)["search"] == "unavailable"
    assert statuses(response)["database"] == "ok"
    assert "damaged" in caplog.text  # the reason is in the log, not the answer
    assert "garbage" not in response.content.decode()
    assert str(built.directory) not in response.content.decode()


def test_an_unreachable_elasticsearch_answers_503_without_its_password(
    client, db, settings
):
    settings.ELASTICSEARCH_URL = "http://monitor:s3cret@127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX = "portal-health"
    response = client.get(HEALTHZ)
    assert response.status_code == 503
    assert statuses(response)["search"] == "unavailable"
    body = response.content.decode()
    assert "s3cret" not in body and "monitor" not in body and "127.0.0.1" not in body


def test_a_database_that_does_not_answer_is_503(client, built, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("unable to open database file")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", down)
        response = client.get(HEALTHZ)
    assert response.status_code == 503
    assert statuses(response) == {
        "database": "unavailable",
        "search": "ok",
        "search_queue": "unavailable",
    }
    assert "unable to open" not in response.content.decode()
