"""The Elasticsearch engine, used when ``ELASTICSEARCH_URL`` is set.

The same index as the embedded engine (search/engines/embedded.py), in a cluster: text
arrives folded and segmented by search/text.py, so every text field is analysed with
the ``whitespace`` analyzer only, and the queries are built clause by clause exactly
as the embedded engine builds them.

Searches and writes go through an alias (``ELASTICSEARCH_INDEX``) that points at one
concrete index ``<alias>-<timestamp>``. A rebuild fills a new concrete index and then
moves the alias in one ``update_aliases`` call, so searches never see a half-built
index (https://www.elastic.co/guide/en/elasticsearch/reference/8.19/aliases.html).

Only a rebuild creates the alias. Without it searches and writes raise
``EngineUnavailable``, as with the embedded engine: an empty answer or a fresh index
holding one update would both pass for the whole truth.
"""

import datetime
import logging
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    MetaField,
    Object,
    Q,
    Search,
    Text,
)

from .. import text
from ..query import SearchResult
from . import (
    FACET_FIELDS,
    TITLE_BOOST,
    WORD_BONUS,
    EngineUnavailable,
    hit_from,
    stored_source,
    term_weight,
    typed_words,
)

logger = logging.getLogger(__name__)

# Small, so that a cluster that does not answer fails a publishing request after a few
# seconds instead of hanging it; the queue retries later (search/queue.py).
REQUEST_TIMEOUT = 5
# A rebuild is a command, not a page: one bulk chunk may take longer on a busy cluster.
REBUILD_TIMEOUT = 60
BULK_CHUNK = 500
# Region codes of a whole province fit; the other facets have a few dozen values.
FACET_SIZES = {"region": 10_000}
FACET_SIZE = 200
# One shard: the index is small (one document per public item or plan section), and
# BM25 statistics from a single shard give identical documents identical scores, so
# ties go to the newest as in the embedded engine.
INDEX_SETTINGS = {"number_of_shards": 1}


class PublicDocument(Document):
    """The mapping of the public index. Only the mapping is used: index names and
    writes are handled below (alias and timestamped indices)."""

    id = Keyword()
    key = Keyword()  # shared by a plan and its sections; replace() deletes by it
    kind = Keyword()
    language = Keyword()
    region_path = Keyword(multi=True)  # district, town, village
    agency = Keyword()
    list_type = Keyword()
    validity = Keyword()  # 有效性: 有效, 已修订, 已废止, 已失效
    published = Date()
    year = Integer()
    # Words only add a bonus through term queries: no positions needed.
    title_words = Text(analyzer="whitespace", index_options="freqs")
    text_words = Text(analyzer="whitespace", index_options="freqs")
    # Character pairs are matched as phrases: positions needed (the default).
    title_grams = Text(analyzer="whitespace")
    text_grams = Text(analyzer="whitespace")
    # What a hit shows: kept in _source, never indexed.
    source = Object(enabled=False)

    class Meta:
        dynamic = MetaField("strict")


def mapping():
    return PublicDocument._doc_type.mapping.to_dict()


def as_elastic(document):
    """The indexed body of a SearchDocument; the twin of embedded ``as_tantivy``."""
    published = document.published.isoformat() if document.published else None
    return {
        "id": document.id,
        "key": document.key,
        "kind": document.kind,
        "language": document.language,
        "region_path": document.region_path,
        "agency": document.agency,
        "list_type": document.list_type,
        "validity": document.validity,
        "published": published,
        "year": document.year,
        "title_words": " ".join(text.words(document.title)),
        "text_words": " ".join(text.words(document.text)),
        "title_grams": " ".join(text.grams(document.title)),
        "text_grams": " ".join(text.grams(document.text)),
        "source": stored_source(document),
    }


# -- the request body ------------------------------------------------------------------


def search_body(request):
    """The body of the search for a SearchRequest (built without a server)."""
    search = (
        Search()
        .query(_query(request))
        .sort(*_sort(request))
        .source(["source"])
        .extra(track_total_hits=True)
    )
    search = search[request.offset : request.offset + request.page_size]
    if request.facets:
        for name, field in FACET_FIELDS.items():
            size = FACET_SIZES.get(name, FACET_SIZE)
            search.aggs.bucket(name, "terms", field=field, size=size)
    return search.to_dict()


def _query(request):
    """Every clause must match (any of its alternatives); bonuses only rank; filters
    only decide what may match and score nothing."""
    must = [
        Q(
            "bool",
            should=[
                query
                for position, term in enumerate(clause.alternatives)
                for query in _contains(term, position, request.titles_only)
            ],
            minimum_should_match=1,
        )
        for clause in request.clauses
    ]
    return Q(
        "bool", filter=_filters(request), must=must, should=list(_bonuses(request))
    )


def _contains(term, position, titles_only):
    """Queries for ``term`` as one run of characters in the title (or the text)."""
    weight = term_weight(position, len(text.grams(term)))
    fields = [("title_grams", TITLE_BOOST)]
    if not titles_only:
        fields.append(("text_grams", 1.0))
    return [_run(field, term, boost * weight) for field, boost in fields]


def _run(field, term, boost):
    pattern = text.lone_character_pattern(term)
    if pattern:
        return Q("regexp", **{field: {"value": pattern, "boost": boost}})
    tokens = text.grams(term)
    return Q("match_phrase", **{field: {"query": " ".join(tokens), "boost": boost}})


def _bonuses(request):
    for word in typed_words(request):
        yield Q("term", title_words={"value": word, "boost": WORD_BONUS * TITLE_BOOST})
        if not request.titles_only:
            yield Q("term", text_words={"value": word, "boost": WORD_BONUS})


def _filters(request):
    filters = [Q("term", language=request.language)]
    if request.kinds:
        filters.append(Q("terms", kind=list(request.kinds)))
    for field, value in (
        ("region_path", request.region),
        ("agency", request.agency),
        ("list_type", request.list_type),
        ("validity", request.validity),
        ("year", request.year),
    ):
        if value:
            filters.append(Q("term", **{field: value}))
    bounds = {"gte": request.date_from, "lte": request.date_to}
    bounds = {name: day.isoformat() for name, day in bounds.items() if day}
    if bounds:
        filters.append(Q("range", published=bounds))
    return filters


def _sort(request):
    newest = {"published": {"order": "desc", "missing": "_last"}}
    if request.clauses and request.sort == "relevance":
        return [{"_score": {"order": "desc"}}, newest]
    return [newest]


# -- the answer ------------------------------------------------------------------------


def search_result(answer):
    """A SearchResult from the body of a search response."""
    hits = [_hit(found) for found in answer["hits"]["hits"]]
    facets = {
        name: {
            str(bucket["key"]): bucket["doc_count"]
            for bucket in answer["aggregations"][name]["buckets"]
            if bucket["key"] not in ("", 0)
        }
        for name in FACET_FIELDS
        if name in answer.get("aggregations", {})
    }
    return SearchResult(
        total=answer["hits"]["total"]["value"], hits=hits, facets=facets
    )


def _hit(found):
    return hit_from(found["_id"], found["_source"]["source"])


# -- the engine ------------------------------------------------------------------------


def public_address(url):
    """The URL without the user and password it may carry, for messages and logs."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url, alias):
        self.alias = alias
        self.address = public_address(url)
        try:
            self.client = Elasticsearch(
                url,
                request_timeout=REQUEST_TIMEOUT,
                max_retries=1,
                retry_on_timeout=False,
            )
        except ValueError:
            # Neither the URL nor the client's message: either may hold a password.
            raise ImproperlyConfigured(
                "ELASTICSEARCH_URL needs a scheme, a host and a port, "
                "e.g. https://user:password@es.example:9200"
            ) from None

    @contextmanager
    def _reaching(self, action):
        """Any failure to reach or write the cluster becomes EngineUnavailable."""
        try:
            yield
        except (ApiError, TransportError, helpers.BulkIndexError) as error:
            raise EngineUnavailable(
                f"Elasticsearch at {self.address}: cannot {action}: {_describe(error)}"
            ) from error

    # -- the indices behind the alias ------------------------------------------------

    def _aliased(self):
        """Names of the concrete indices the alias points at (one, normally)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _create_index(self):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{self.alias}-{stamp}"
        self.client.indices.create(
            index=name, mappings=mapping(), settings=INDEX_SETTINGS, aliases=None
        )
        return name

    def _require_index(self):
        if not self.client.indices.exists_alias(name=self.alias):
            raise EngineUnavailable(self._missing())

    def _missing(self):
        return (
            f"Elasticsearch at {self.address}: no index behind {self.alias}: "
            "run `manage.py rebuild_public_index`"
        )

    def _bulk(self, client, index, documents):
        actions = (
            {"_index": index, "_id": document.id, "_source": as_elastic(document)}
            for document in documents
        )
        indexed, _ = helpers.bulk(client, actions, chunk_size=BULK_CHUNK)
        return indexed

    # -- writing ---------------------------------------------------------------------

    def replace(self, batch):
        """Index the batch's documents, then delete the keys' other documents.

        Documents are indexed under their own ids, so an unchanged id is overwritten in
        place; only the ids a key no longer has are deleted, by one delete_by_query.
        Indexing first means an item that stays public never disappears, even when a
        periodic refresh falls between the two steps.
        """
        if not batch:
            return
        documents = [document for group in batch.values() for document in group]
        stale = Q(
            "bool",
            filter=[Q("terms", key=list(batch))],
            must_not=[Q("terms", id=[document.id for document in documents])]
            if documents
            else [],
        )
        with self._reaching("update the index"):
            self._require_index()
            self._bulk(self.client, self.alias, documents)
            self.client.delete_by_query(
                index=self.alias, query=stale.to_dict(), conflicts="proceed"
            )
            # delete_by_query refreshes only when it deleted something.
            self.client.indices.refresh(index=self.alias)

    def rebuild(self, documents):
        with self._reaching("rebuild the index"):
            name = self._create_index()
            try:
                slow = self.client.options(request_timeout=REBUILD_TIMEOUT)
                count = self._bulk(slow, name, documents)
                self.client.indices.refresh(index=name)
                previous = self._aliased()
                self._switch(previous, name)
            except BaseException:
                self._delete_quietly([name])
                raise
        # Switched: from here on a failure only leaves unused indices behind.
        self._delete_quietly(previous)
        return count

    def _switch(self, previous, name):
        """Point the alias at ``name`` alone, in one atomic step."""
        actions = [{"remove": {"index": old, "alias": self.alias}} for old in previous]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)

    def _delete_quietly(self, names):
        """Best effort: indices no alias points at any more, or a failed rebuild's.
        When the cluster is gone, the error worth reporting is the one before."""
        if not names:
            return
        try:
            self.client.indices.delete(index=",".join(names), ignore_unavailable=True)
        except (ApiError, TransportError) as error:
            logger.warning("search: could not delete %s: %s", names, error)

    def clear(self):
        self.rebuild([])

    def drop(self):
        """Delete the alias and every index behind it (tests)."""
        with self._reaching("drop the index"):
            indices = self._aliased()
            if indices:
                self.client.indices.delete(index=",".join(indices))

    # -- reading ---------------------------------------------------------------------

    def search(self, request):
        with self._reaching("search"):
            try:
                answer = self.client.search(index=self.alias, body=search_body(request))
            except NotFoundError:
                raise EngineUnavailable(self._missing()) from None
        return search_result(answer.body)

    def check(self):
        """EngineUnavailable unless the cluster answers and the alias exists."""
        with self._reaching("check the index"):
            self._require_index()


def _describe(error):
    if isinstance(error, helpers.BulkIndexError) and error.errors:
        return f"{error} First: {error.errors[0]}"
    return str(error)
