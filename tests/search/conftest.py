"""Engines for the search tests: the embedded one always, Elasticsearch whenever
ELASTICSEARCH_URL is set (each test gets an empty index of its own)."""

import datetime
import os
import uuid

import pytest

from search.documents import SearchDocument


def engine_params():
    params = ["embedded"]
    if os.environ.get("ELASTICSEARCH_URL"):
        params.append("elasticsearch")
    return params


@pytest.fixture(params=engine_params())
def engine(request, tmp_path, settings):
    if request.param == "embedded":
        from search.engines.embedded import EmbeddedEngine

        settings.ELASTICSEARCH_URL = ""
        settings.SEARCH_INDEX_DIR = tmp_path / "search"
        engine = EmbeddedEngine(settings.SEARCH_INDEX_DIR)
        engine.clear()  # only a rebuild creates an index
        yield engine
        return
    from search.engines.elastic import ElasticsearchEngine

    alias = f"portal-test-{uuid.uuid4().hex[:8]}"
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX = alias
    engine = ElasticsearchEngine(url=settings.ELASTICSEARCH_URL, alias=alias)
    engine.clear()
    yield engine
    engine.drop()


@pytest.fixture
def embedded(tmp_path, settings):
    """The engine the application itself uses in these tests (``get_engine()``), with
    an empty index as ``rebuild_public_index`` leaves it on an empty database."""
    from search.engines import get_engine

    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    engine = get_engine()
    engine.clear()
    return engine


def document(id, title, text="", **fields):
    """A SearchDocument with plausible defaults; its key is its id unless given."""
    fields.setdefault("kind", "article")
    fields.setdefault("language", "zh-hans")
    fields.setdefault("url", f"/items/{id}/")
    fields.setdefault("published", datetime.date(2024, 1, 1))
    fields.setdefault("region", "150299100201")
    fields.setdefault("agency", "清源区民政局")
    fields.setdefault("list_type", "")
    fields.setdefault("key", id)
    return SearchDocument(id=id, title=title, text=text, **fields)


@pytest.fixture(autouse=True)
def fresh_failure_memory():
    """Each test starts with no memory of an engine failing in an earlier test."""
    from search import queue

    queue._failed_at.clear()
