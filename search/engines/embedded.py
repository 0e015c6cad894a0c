"""The embedded engine: tantivy (a Lucene-like library in Rust) in files under
``SEARCH_INDEX_DIR``; no service to run.

Text arrives already folded and segmented (search/text.py), so tantivy only splits on
whitespace. Each rebuild writes a new directory and then replaces the ``CURRENT``
pointer file in one rename, the embedded twin of Elasticsearch's alias swap.

Only a rebuild creates an index. A missing or damaged one (no ``CURRENT``, a pointer
that names no index, files tantivy cannot open) raises ``EngineUnavailable`` for
searches and writes alike: an empty answer would tell residents that nothing exists,
and a write into a fresh index would hide everything else; updates wait in the queue
until ``rebuild_public_index`` repairs it.
"""

import datetime
import itertools
import json
import multiprocessing
import os
import re
import shutil
import threading
import time
import uuid
from collections import deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import tantivy

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

Occur = tantivy.Occur
Query = tantivy.Query
# Memory per writer thread: segments are flushed when it is full.
_WRITER_HEAP = 64_000_000
# A rebuild writes with one thread per core (tantivy splits the documents between
# them), up to this many; small updates with one.
_REBUILD_THREADS = min(os.cpu_count() or 1, 4)
# A rebuild of more than one batch of documents has their texts analysed by this many
# worker processes.
_BATCH = 1000
_ANALYSERS = min(os.cpu_count() or 1, 4)
# Hits fetched beyond the page, so that equal scores can be ordered by date.
_TIE_WINDOW = 50
# What _new_directory names an index; anything else in CURRENT is damage.
_INDEX_NAME = re.compile(r"index-[0-9]{14}-[0-9a-f]{6}")
REBUILD_HINT = "run `manage.py rebuild_public_index`"


def _schema():
    builder = tantivy.SchemaBuilder()
    for name in ("id", "key"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw")
    for name in ("kind", "language", "region_path", "agency", "list_type", "validity"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    for name in ("title_words", "text_words"):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in ("title_grams", "text_grams"):
        builder.add_text_field(name, tokenizer_name="whitespace")
    builder.add_date_field("published", fast=True, indexed=True)
    # The same day as a number, which tantivy reads for many hits without loading
    # them (ties in score are ordered by it).
    builder.add_integer_field("day", fast=True)
    builder.add_integer_field("year", fast=True, indexed=True)
    # What a hit shows, as JSON: stored, never searched.
    builder.add_bytes_field("source", stored=True, indexed=False)
    return builder.build()


SCHEMA = _schema()


def as_tantivy(document, indexed=None):
    """The tantivy document; ``indexed`` is ``text.indexed_fields`` of its title and
    text when already computed."""
    published = document.published
    fields = {"published": _midnight(published)} if published else {}
    title_words, text_words, title_grams, text_grams = indexed or (
        text.indexed_fields(document.title, document.text)
    )
    return tantivy.Document(
        **fields,
        id=document.id,
        key=document.key,
        kind=document.kind,
        language=document.language,
        region_path=document.region_path,
        agency=document.agency,
        list_type=document.list_type,
        validity=document.validity,
        title_words=title_words,
        text_words=text_words,
        title_grams=title_grams,
        text_grams=text_grams,
        year=document.year or 0,
        day=published.toordinal() if published else 0,
        source=json.dumps(stored_source(document), ensure_ascii=False).encode(),
    )


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, directory):
        self.directory = Path(directory)
        self._lock = threading.Lock()
        self._opened = None  # (index directory name, tantivy.Index)

    # -- the index in use -----------------------------------------------------------

    def _pointer(self):
        return self.directory / "CURRENT"

    def _current_name(self):
        """The index CURRENT names; EngineUnavailable when there is none."""
        try:
            name = self._pointer().read_text(encoding="ascii").strip()
        except FileNotFoundError:
            raise EngineUnavailable(
                f"embedded index missing ({self.directory}): {REBUILD_HINT}"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise EngineUnavailable(
                f"embedded index pointer unreadable: {error}; {REBUILD_HINT}"
            ) from error
        if not _INDEX_NAME.fullmatch(name):
            raise EngineUnavailable(
                f"embedded index pointer damaged ({name[:40]!r}): {REBUILD_HINT}"
            )
        return name

    def _index(self):
        """The current index, reopened when a rebuild switched to another one."""
        with self._lock:
            name = self._current_name()
            if self._opened is None or self._opened[0] != name:
                self._opened = (name, self._open(self.directory / name))
            return self._opened[1]

    def _open(self, path):
        # tantivy.Index(schema, path) would create an empty index in an empty
        # directory: check that one is there first.
        try:
            if not path.is_dir() or not tantivy.Index.exists(str(path)):
                raise EngineUnavailable(
                    f"embedded index {path.name} missing: {REBUILD_HINT}"
                )
            return tantivy.Index(SCHEMA, path=str(path))
        except ValueError as error:  # tantivy's error for unreadable files
            raise EngineUnavailable(
                f"embedded index {path.name} damaged: {error}; {REBUILD_HINT}"
            ) from error

    def check(self):
        """EngineUnavailable unless the current index can be opened and read."""
        self._reloaded().searcher()

    def _reloaded(self):
        index = self._index()
        try:
            index.reload()
        except ValueError as error:
            with self._lock:
                self._opened = None
            raise EngineUnavailable(
                f"embedded index damaged: {error}; {REBUILD_HINT}"
            ) from error
        return index

    def _new_directory(self):
        name = f"index-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:6]}"
        (self.directory / name).mkdir(parents=True)
        return name

    def _point_to(self, name):
        temporary = self.directory / f".CURRENT-{uuid.uuid4().hex}"
        temporary.write_text(name)
        os.replace(temporary, self._pointer())

    def _writer(self, index, threads=1):
        try:
            return index.writer(_WRITER_HEAP * threads, threads)
        except ValueError as error:  # another process holds the index lock
            raise EngineUnavailable(f"embedded index is busy: {error}") from error

    # -- writing ---------------------------------------------------------------------

    def replace(self, batch):
        index = self._index()
        writer = self._writer(index)
        try:
            for key, documents in batch.items():
                writer.delete_documents_by_term("key", key)
                for document in documents:
                    writer.add_document(as_tantivy(document))
            writer.commit()
        except Exception:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        index.reload()

    def rebuild(self, documents):
        self.directory.mkdir(parents=True, exist_ok=True)
        name = self._new_directory()
        try:
            count = self._fill(self.directory / name, documents)
        except BaseException as error:
            # The half-built index goes; CURRENT still names the old one.
            shutil.rmtree(self.directory / name, ignore_errors=True)
            if isinstance(error, (OSError, ValueError)):  # disk, tantivy
                raise EngineUnavailable(f"embedded rebuild failed: {error}") from error
            raise
        previous = self._pointed_name()
        self._point_to(name)
        if previous and previous != name:
            # Readers in other processes keep their open files (POSIX semantics).
            shutil.rmtree(self.directory / previous, ignore_errors=True)
        return count

    def _fill(self, path, documents):
        index = tantivy.Index(SCHEMA, path=str(path))
        writer = self._writer(index, _REBUILD_THREADS)
        count = 0
        try:
            for document in _analysed(documents):
                writer.add_document(document)
                count += 1
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        return count

    def _pointed_name(self):
        """The index CURRENT names, or None (a rebuild repairs a damaged pointer)."""
        try:
            return self._current_name()
        except EngineUnavailable:
            return None

    def clear(self):
        self.rebuild([])

    # -- reading ---------------------------------------------------------------------

    def search(self, request):
        searcher = self._reloaded().searcher()
        matching = self._matching(request)
        query = self._scored(matching, request)
        # Facets evaluate the query a second time, on another core meanwhile (tantivy
        # lets go of the GIL): half the wait for the queries that match much.
        facets = (
            _facet_threads().submit(self._facets, searcher, matching)
            if request.facets
            else None
        )
        if request.clauses and request.sort == "relevance":
            hits, total = self._by_relevance(searcher, query, request)
        else:
            found = searcher.search(
                query,
                request.page_size,
                count=True,
                order_by_field="published",
                offset=request.offset,
                order=tantivy.Order.Desc,
            )
            hits = [self._hit(searcher, address) for _, address in found.hits]
            total = found.count
        return SearchResult(
            total=total, hits=hits, facets=facets.result() if facets else {}
        )

    def _by_relevance(self, searcher, query, request):
        """Score order; equal scores newest first (tantivy sorts by one key only)."""
        found = searcher.search(
            query, request.offset + request.page_size + _TIE_WINDOW, count=True
        )
        addresses = [address for _, address in found.hits]
        days = searcher.fast_field_values("day", addresses)
        ranked = sorted(
            zip(found.hits, days, strict=True),
            key=lambda pair: (-round(pair[0][0], 4), -(pair[1] or 0)),
        )
        page = ranked[request.offset : request.offset + request.page_size]
        return [self._hit(searcher, hit[1]) for hit, _ in page], found.count

    def _hit(self, searcher, address):
        stored = searcher.doc(address)
        source = json.loads(bytes(stored.get_first("source")))
        return hit_from(stored.get_first("id"), source)

    def _facets(self, searcher, query):
        aggregations = {
            name: {"terms": {"field": field, "size": 10_000}}
            for name, field in FACET_FIELDS.items()
        }
        answer = searcher.aggregate(query, aggregations)
        return {
            name: {
                str(bucket["key"]): bucket["doc_count"]
                for bucket in answer[name]["buckets"]
                if bucket["key"] not in ("", 0)
            }
            for name in FACET_FIELDS
        }

    # -- the query -------------------------------------------------------------------

    def _matching(self, request):
        """What must match: the filters and every clause (scores for title and text,
        no bonuses; facets count over this)."""
        parts = [(Occur.Must, self._filters(request))]
        for clause in request.clauses:
            alternatives = [
                (Occur.Should, self._contains(term, position, request.titles_only))
                for position, term in enumerate(clause.alternatives)
            ]
            parts.append((Occur.Must, Query.boolean_query(alternatives)))
        return Query.boolean_query(parts)

    def _scored(self, matching, request):
        """The matching query plus the ranking bonuses."""
        bonuses = [(Occur.Should, bonus) for bonus in self._bonuses(request)]
        if not bonuses:
            return matching
        return Query.boolean_query([(Occur.Must, matching), *bonuses])

    def _contains(self, term, position, titles_only):
        """Documents whose title (or text) has ``term`` as one run of characters."""
        weight = term_weight(position, len(text.grams(term)))
        fields = [("title_grams", TITLE_BOOST)]
        if not titles_only:
            fields.append(("text_grams", 1.0))
        return Query.boolean_query(
            [
                (
                    Occur.Should,
                    Query.boost_query(self._run(field, term), boost * weight),
                )
                for field, boost in fields
            ]
        )

    def _run(self, field, term):
        pattern = text.lone_character_pattern(term)
        if pattern:
            return Query.regex_query(SCHEMA, field, pattern)
        tokens = text.grams(term)
        if len(tokens) == 1:
            return Query.term_query(SCHEMA, field, tokens[0])
        return Query.phrase_query(SCHEMA, field, tokens)

    def _bonuses(self, request):
        for word in typed_words(request):
            yield Query.boost_query(
                Query.term_query(SCHEMA, "title_words", word), WORD_BONUS * TITLE_BOOST
            )
            if not request.titles_only:
                yield Query.boost_query(
                    Query.term_query(SCHEMA, "text_words", word), WORD_BONUS
                )

    def _filters(self, request):
        """Filters score nothing: they only decide what may match."""
        must = [Query.term_query(SCHEMA, "language", request.language)]
        if request.kinds:
            must.append(Query.term_set_query(SCHEMA, "kind", list(request.kinds)))
        for field, value in (
            ("region_path", request.region),
            ("agency", request.agency),
            ("list_type", request.list_type),
            ("validity", request.validity),
        ):
            if value:
                must.append(Query.term_query(SCHEMA, field, value))
        if request.year:
            must.append(Query.term_query(SCHEMA, "year", request.year))
        if request.date_from or request.date_to:
            must.append(
                Query.range_query(
                    SCHEMA,
                    "published",
                    tantivy.FieldType.Date,
                    _midnight(request.date_from),
                    _midnight(request.date_to),
                )
            )
        return Query.const_score_query(
            Query.boolean_query([(Occur.Must, query) for query in must]), 0.0
        )


def _analysed(documents):
    """The tantivy documents, in order. Folding and segmenting the texts is most of
    a rebuild's time: past the first batch, worker processes do it, a few batches
    ahead of the writer (memory stays bounded however many documents come)."""
    batches = _batches(documents)
    first = next(batches, [])
    second = next(batches, None)
    if second is None or _ANALYSERS < 1:
        for batch in (first, second or [], *batches):
            yield from map(as_tantivy, batch)
        return
    # Started fresh ("spawn"): a forked child would share the database connection
    # the documents are read through.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(_ANALYSERS, mp_context=context) as pool:
        pending = deque()
        for batch in itertools.chain((first, second), batches):
            pairs = [(document.title, document.text) for document in batch]
            pending.append((batch, pool.submit(text.indexed_batch, pairs)))
            if len(pending) > 2 * _ANALYSERS:
                yield from _documents_of(*pending.popleft())
        while pending:
            yield from _documents_of(*pending.popleft())


def _batches(documents):
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, _BATCH)):
        yield batch


def _documents_of(batch, future):
    return map(as_tantivy, batch, future.result())


_threads = {}


def _facet_threads():
    """This process's facet threads (created after a fork: threads do not survive
    one, and gunicorn forks its workers)."""
    pid = os.getpid()
    if pid not in _threads:
        _threads.clear()
        _threads[pid] = ThreadPoolExecutor(
            max_workers=2, thread_name_prefix="search-facets"
        )
    return _threads[pid]


def _midnight(day):
    return (
        datetime.datetime.combine(day, datetime.time(), datetime.UTC) if day else None
    )
