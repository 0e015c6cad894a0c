"""`make bench`, search: our public search and Wagtail's built-in search on the same
generated Chinese corpus (tests/bench/corpus.py); figures in var/bench/search.json.

For each corpus size (10k and 100k records; BENCH_SEARCH_SIZES=2000,5000 for others):

- ``ours``: the records as SearchDocuments, indexed by the embedded engine (tantivy)
  into var/bench/search-index; every query of the mix read by ``from_params`` and run
  by ``search.results.run``, with facets (as the results page asks) and without.
- ``wagtail_builtin``: the same records as rows of a bench-only model (tests/bench/
  records), indexed with the database backend's ``add_bulk`` (SQLite FTS5) and
  searched with ``BenchRecord.objects.search(...)`` after Wagtail's own
  ``parse_query_string``; timed for the first 20 results, as a results page shows.
  It has no facets, and it is not asked for a total: both favour it. It is timed
  twice: as a fresh install leaves it (``*_without_analyze``: SQLite has no table
  statistics and its plan probes the FTS table once per index entry, so a query
  costs time in proportion to the corpus), then after ``ANALYZE`` (the headline
  figures: the plan starts from the FTS match instead).

Latency: p50/p95 in ms over every query × repetition, after one untimed warm-up per
query (BENCH_SEARCH_REPEAT, default 10). Recall: of the records whose folded title or
body contains every word of the query (a substring scan with ``search.text.fold``),
the share found in the engine's full result set. No synonyms: both engines look for
the words as typed. Figures are measured, never asserted.
"""

import dataclasses
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "var" / "bench"
SIZES = (10_000, 100_000)
REPEAT = 10
PAGE = 20
CHUNK = 1000  # rows per bulk insert and per add_bulk, as update_index does
LANGUAGE = "zh-hans"

# The fixed query mix; the credit code of one organisation is added from the corpus.
QUERIES = [
    # two-character words, found inside longer runs (城乡低保标准)
    "低保",
    "孤儿",
    "养老",
    "救助",
    "殡葬",
    "慈善",
    "募捐",
    "失信",
    # longer words and names
    "最低生活保障",
    "特困供养",
    "养老服务",
    "社会组织",
    "临时救助",
    "婚姻登记",
    "村务公开",
    "活动异常名录",
    "严重违法失信名单",
    "残疾人两项补贴",
    "事实无人抚养儿童",
    "九原区",
    # several words narrow the result
    "低保 标准",
    "孤儿 基本生活费",
    "养老 补贴",
    "社会组织 年度报告",
    # a quoted phrase
    '"困难群众"',
    # traditional characters find simplified text
    "養老服務",
    "殯葬改革",
]


def setup_django():
    # This file is named like the package it measures (search/): its folder must not
    # be on the path, or `import search` would find this file.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "search.sqlite3").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)


def sizes():
    raw = os.environ.get("BENCH_SEARCH_SIZES", "")
    return tuple(int(size) for size in raw.split(",") if size.strip()) or SIZES


def repeat():
    return int(os.environ.get("BENCH_SEARCH_REPEAT", REPEAT))


# -- what each query should find ---------------------------------------------------


def query_words(q):
    """The folded words a record must contain to be one the query asks for."""
    from search.text import fold

    return [fold(part.strip('"')) for part in q.split()]


def relevant_records(records, queries):
    """{query: set of pks whose folded title or body contains all its words}."""
    from search.text import fold

    folded = [(record.pk, fold(record.title), fold(record.body)) for record in records]
    relevant = {}
    for q in queries:
        words = query_words(q)
        relevant[q] = {
            pk
            for pk, title, body in folded
            if all(word in title or word in body for word in words)
        }
    return relevant


# -- measuring ---------------------------------------------------------------------


def latencies(search, queries, times):
    """{query: [ms, ...]}: one untimed warm-up per query, then ``times`` timed runs."""
    samples = {}
    for q in queries:
        search(q)
        runs = []
        for _ in range(times):
            start = time.perf_counter()
            search(q)
            runs.append((time.perf_counter() - start) * 1000)
        samples[q] = runs
    return samples


def summary(samples):
    from tests.bench.run import percentile

    every = [ms for runs in samples.values() for ms in runs]
    return round(statistics.median(every), 2), round(percentile(every, 0.95), 2)


def report(samples, found, relevant, index_seconds, count):
    """An engine's figures: overall, then per query."""
    from tests.bench.run import percentile

    p50, p95 = summary(samples)
    hits = sum(len(found[q] & relevant[q]) for q in samples)
    wanted = sum(len(relevant[q]) for q in samples)
    return {
        "p50_ms": p50,
        "p95_ms": p95,
        "recall": round(hits / wanted, 4) if wanted else None,
        "index_seconds": round(index_seconds, 2),
        "index_docs_per_s": round(count / index_seconds, 1) if index_seconds else None,
        "queries": [
            {
                "q": q,
                "relevant": len(relevant[q]),
                "returned": len(found[q]),
                "found": len(found[q] & relevant[q]),
                "recall": (
                    round(len(found[q] & relevant[q]) / len(relevant[q]), 4)
                    if relevant[q]
                    else None
                ),
                "p50_ms": round(statistics.median(runs), 2),
                "p95_ms": round(percentile(runs, 0.95), 2),
            }
            for q, runs in samples.items()
        ],
    }


# -- ours: the embedded engine -----------------------------------------------------


def as_document(record):
    from search.documents import SearchDocument

    key = f"bench:{record.pk}"
    return SearchDocument(
        id=key,
        key=key,
        kind=record.kind,
        language=LANGUAGE,
        title=record.title,
        text=record.body,
        url=f"/bench/{record.pk}/",
        published=record.published,
        region=record.region,
        agency=record.agency,
        list_type=record.list_type,
    )


def bench_ours(records, queries, relevant, times):
    from search.engines.embedded import EmbeddedEngine
    from search.query import from_params
    from search.results import run

    directory = OUT / "search-index"
    shutil.rmtree(directory, ignore_errors=True)
    engine = EmbeddedEngine(directory)
    started = time.perf_counter()
    count = engine.rebuild(as_document(record) for record in records)
    index_seconds = time.perf_counter() - started

    def request(q, **changes):
        return dataclasses.replace(from_params({"q": q}, LANGUAGE, {}), **changes)

    with_facets = latencies(lambda q: run(request(q), engine=engine), queries, times)
    without = latencies(
        lambda q: run(request(q, facets=False), engine=engine), queries, times
    )
    found = {}
    for q in queries:
        total = engine.search(request(q, facets=False)).total
        everything = engine.search(request(q, facets=False, page_size=max(total, 1)))
        found[q] = {int(hit.id.partition(":")[2]) for hit in everything.hits}
    figures = report(with_facets, found, relevant, index_seconds, count)
    figures["p50_ms_no_facets"], figures["p95_ms_no_facets"] = summary(without)
    return figures


# -- Wagtail's built-in search -----------------------------------------------------


def bench_builtin(records, queries, relevant, times):
    from django.db import connection, transaction

    from wagtail.search.backends import get_search_backend
    from wagtail.search.utils import parse_query_string

    from tests.bench.records.models import BenchRecord

    backend = get_search_backend()
    backend.reset_indexes()
    forget_statistics()
    with connection.cursor() as cursor:  # no per-row delete signals for a reset
        cursor.execute(f"DELETE FROM {BenchRecord._meta.db_table}")  # noqa: S608
    rows = [BenchRecord(pk=r.pk, title=r.title, body=r.body) for r in records]
    loading = time.perf_counter()
    # One transaction for the whole load: kinder to SQLite than update_index's
    # commit per chunk.
    with transaction.atomic():
        BenchRecord.objects.bulk_create(rows, batch_size=CHUNK)
        inserted = time.perf_counter()
        for first in range(0, len(rows), CHUNK):
            backend.add_bulk(BenchRecord, rows[first : first + CHUNK])
    indexed = time.perf_counter()

    def search(q, **options):
        _filters, query = parse_query_string(q)
        return BenchRecord.objects.search(query, **options)

    def page(q):
        return [row.pk for row in search(q)[:PAGE]]

    fresh = latencies(page, queries, times)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    analyzed = time.perf_counter()
    samples = latencies(page, queries, times)
    # Recall needs every result, not their order: skip the relevance score.
    found = {
        q: {row.pk for row in search(q, order_by_relevance=False)} for q in queries
    }
    figures = report(samples, found, relevant, indexed - inserted, len(rows))
    figures["p50_ms_without_analyze"], figures["p95_ms_without_analyze"] = summary(
        fresh
    )
    figures["analyze_seconds"] = round(analyzed - started, 2)
    figures["insert_seconds"] = round(inserted - loading, 2)
    return figures


def forget_statistics():
    """Back to a fresh database's plans: no ANALYZE figures from an earlier size."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name IN ('sqlite_stat1', 'sqlite_stat4')"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    connection.close()  # SQLite reads the statistics when a connection opens


# -- the whole benchmark -----------------------------------------------------------


def bench_size(size, times):
    from tests.bench import corpus

    records = corpus.generate(size)
    code = corpus.first_code(records)
    queries = [*QUERIES, code] if code else list(QUERIES)
    relevant = relevant_records(records, queries)
    ours = bench_ours(records, queries, relevant, times)
    builtin = bench_builtin(records, queries, relevant, times)
    return {
        "records": size,
        "corpus_chars": sum(len(r.title) + len(r.body) for r in records),
        "repetitions": times,
        "ours": ours,
        "wagtail_builtin": builtin,
        "p95_speedup": round(builtin["p95_ms"] / ours["p95_ms"], 1),
    }


def print_table(results):
    print(
        f"{'records':>8}  {'engine':<16}{'index docs/s':>13}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'p95 no facets':>15}{'p95 no ANALYZE':>16}{'recall':>8}"
    )
    for row in results:
        for name in ("ours", "wagtail_builtin"):
            figures = row[name]
            print(
                f"{row['records']:>8}  {name:<16}{figures['index_docs_per_s']:>13}"
                f"{figures['p50_ms']:>9}{figures['p95_ms']:>9}"
                f"{figures.get('p95_ms_no_facets', ''):>15}"
                f"{figures.get('p95_ms_without_analyze', ''):>16}"
                f"{figures['recall']:>8}"
            )
    last = results[-1]
    print(
        f"\nrecall per query at {last['records']} records (relevant: ours / built-in)"
    )
    pairs = zip(
        last["ours"]["queries"], last["wagtail_builtin"]["queries"], strict=True
    )
    for ours, builtin in pairs:
        print(
            f"  {ours['relevant']:>7}  {ours['recall']!s:>6} / {builtin['recall']!s:<6}"
            f"  {ours['q']}"
        )
    print(
        f"\np95 at {last['records']}: ours {last['p95_speedup']}× faster than built-in"
    )


def main():
    setup_django()
    times = repeat()
    results = []
    for size in sizes():
        results.append(bench_size(size, times))
        # Written after each size, so a long run leaves what it has measured.
        (OUT / "search.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=2)
        )
    print_table(results)
    print(f"written to {OUT / 'search.json'}")


if __name__ == "__main__":
    main()
