"""The OpenAPI document and the server agree: schemathesis generates requests from
/api/v1/openapi.json (valid and, negatively, invalid ones) and checks every answer
against the document (status codes, content types, response schemas). Bounded: a few
examples per operation, run through the WSGI application in the test's database."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

api_schema = schemathesis.pytest.from_fixture("wsgi_schema")


@pytest.fixture
def wsgi_schema(world):
    # As Django's test client does: a request through the WSGI handler must not close
    # the connection that holds the test's (and the shared world's) transaction. On
    # PostgreSQL it would, and every later test of the world would fail.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", get_wsgi_application()
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@api_schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_server_answers_as_documented(case):
    # A cursor is opaque (the document says: take it from "next", never build one):
    # any URL-safe text matches its schema, and the server rightly answers a made-up
    # one with the documented 400. Every other check runs, negative data included.
    # The WSGI transport does not decompress: ask for the body as it is (the
    # compressed answers are the page-cache middleware's, tested in tests/caching).
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        excluded_checks=[positive_data_acceptance],
    )
