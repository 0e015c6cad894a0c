"""The search engines behind the public search, chosen by settings alone:
Elasticsearch when ``ELASTICSEARCH_URL`` is set, else the embedded engine under
``SEARCH_INDEX_DIR``.

Every engine offers the same four operations and ranks with the same weights, so that
one behaviour test suite can run against each (tests/search/test_behaviour.py):

- ``replace(batch)``: ``{key: [SearchDocument, ...]}``; an empty list removes the key;
- ``search(request) -> SearchResult`` (hits carry the stored original title and text;
  highlighting is done once, in ``search.results``);
- ``rebuild(documents) -> int``: index everything into a new index, then switch to it
  in one step, so searches never see a half-built index;
- ``clear()``: drop everything (tests, and a rebuild's clean start).

An engine that cannot be reached raises ``EngineUnavailable``; the update queue keeps
what it could not apply (search/queue.py).
"""

import datetime

from django.conf import settings

from .. import text
from ..query import Hit

# Ranking, shared by the engines: a match in the title counts for three in the text;
# whole dictionary words add a bonus on top of the character-pair matches that decide
# what is found (every clause is already a run of characters as typed, so a run needs
# no bonus of its own).
# A synonym counts for less than the term as typed, and every term is weighed per
# character pair, so that a long synonym (最低生活保障) does not outrank the short word
# the user typed (低保).
TITLE_BOOST = 3.0
WORD_BONUS = 0.5
SYNONYM_WEIGHT = 0.6


def term_weight(position, pairs):
    """Weight of a clause's alternative: ``position`` 0 is the typed term."""
    return (1.0 if position == 0 else SYNONYM_WEIGHT) / max(pairs, 1)


# Facet name → document field.
FACET_FIELDS = {
    "type": "kind",
    "region": "region_path",
    "year": "year",
    "agency": "agency",
    "list": "list_type",
    "validity": "validity",
}


def typed_words(request):
    """Dictionary words of the terms as typed (not their synonyms), for the bonus."""
    words = (
        w for clause in request.clauses for w in text.words(clause.alternatives[0])
    )
    return sorted(set(words))


def stored_source(document):
    """What a hit shows, stored beside the index by every engine (never searched)."""
    published = document.published
    return {
        "kind": document.kind,
        "title": document.title,
        "text": document.text,
        "url": document.url,
        "published": published.isoformat() if published else None,
        "region": document.region,
        "agency": document.agency,
        "context": document.context,
    }


def hit_from(id, source):
    """The Hit for a document's stored source."""
    published = source["published"]
    return Hit(
        id=id,
        kind=source["kind"],
        title=source["title"],
        text=source["text"],
        url=source["url"],
        published=datetime.date.fromisoformat(published) if published else None,
        region=source["region"],
        agency=source["agency"],
        context=source["context"],
    )


class EngineUnavailable(Exception):
    """The engine cannot be reached or written now; try again later."""


_engines = {}


def get_engine():
    url = settings.ELASTICSEARCH_URL
    if url:
        config = ("elasticsearch", url, settings.ELASTICSEARCH_INDEX)
    else:
        config = ("embedded", str(settings.SEARCH_INDEX_DIR))
    if config not in _engines:
        _engines[config] = _build(config)
    return _engines[config]


def _build(config):
    if config[0] == "elasticsearch":
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine(url=config[1], alias=config[2])
    from .embedded import EmbeddedEngine

    return EmbeddedEngine(config[1])
