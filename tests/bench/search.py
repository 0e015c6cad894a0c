"""`make bench`, search: our public search against the search a Django developer
would ship on the same data, on the generated Chinese corpus (tests/bench/corpus.py);
figures in var/bench/search.json.

For each corpus size (10k and 100k records; BENCH_SEARCH_SIZES=2000,5000 for others):

- ``index``: the records as SearchDocuments indexed by the embedded engine (tantivy)
  into var/bench/search-index, as ``rebuild`` does it now (each text folded once, one
  writer thread per core), and as it did before issue 17 (each text folded four times,
  one writer thread; kept below as ``index_as_before``) on the first
  BENCH_SEARCH_OLD_RECORDS records (default 20,000) of the same corpus: records/s and
  their ratio.
- ``ours``: every query of the latency mix (QUERIES) read by ``from_params`` and run
  by ``search.results.run``, with facets (as the results page asks) and without.
- ``postgres_trgm``: the same records as rows of a bench-only model (tests/bench/
  records) in a database of their own on the local PostgreSQL (BENCH_POSTGRES_URL,
  default postgres://postgres@127.0.0.1:5432/bench_search), with ``pg_trgm`` GIN
  indexes on ``UPPER(title)`` and ``UPPER(body)`` (what ``icontains`` compares), and
  searched as a Django list view would: every space-separated word ``icontains`` in
  the title or the body, newest rows first, a page of 20 and the paginator's count.
  It has no facets: that favours it. Skipped, and said so, when no PostgreSQL answers.

Latency: p50/p95 in ms (wall clock) over every query × repetition, after one untimed
warm-up per query (BENCH_SEARCH_REPEAT, default 10); for ours also the CPU time the
process spent (both facet and search threads), which a busy machine does not inflate.

Quality, on the judged set (vocabulary.JUDGED, ≥ 60 queries): a record is relevant
when the corpus generator wrote it from templates or slot values containing every
concept of the query (``Record.concepts``: ground truth from how the record was made,
not from any engine's matching, so traditional and full-width reposts count). For
each engine: precision@10 (out of 10, or of all the relevant records when fewer) and
nDCG@10 (binary gains) of the first page, and recall
of the whole result set; the over-matches (results not relevant) are counted.
Figures are measured, never asserted.
"""

import dataclasses
import json
import math
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
TOP = 10  # precision and nDCG at 10
OLD_RECORDS = 20_000
CHUNK = 1000  # rows per bulk insert
LANGUAGE = "zh-hans"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_search"
BASELINE = "baseline"  # the database alias of the PostgreSQL baseline

# The latency mix (issue 17's p95 figure is over it); the credit code of one
# organisation is added from the corpus.
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
    from django.conf import settings
    from django.core.management import call_command

    baseline = postgres_database()
    if baseline:
        settings.DATABASES[BASELINE] = baseline
    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)
    return bool(baseline)


def postgres_database():
    """Django's settings for the baseline's own database (created empty), or None
    when no PostgreSQL answers."""
    import dj_database_url
    import psycopg

    url = os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL)
    config = dj_database_url.parse(url)
    server = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
    }
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            name = psycopg.sql.Identifier(config["NAME"])
            admin.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
            admin.execute(
                psycopg.sql.SQL(
                    "CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0"
                ).format(name)
            )
    except psycopg.OperationalError as error:
        print(f"PostgreSQL baseline skipped: {error}".strip())
        return None
    return config


def sizes():
    raw = os.environ.get("BENCH_SEARCH_SIZES", "")
    return tuple(int(size) for size in raw.split(",") if size.strip()) or SIZES


def repeat():
    return int(os.environ.get("BENCH_SEARCH_REPEAT", REPEAT))


# -- the judged set ----------------------------------------------------------------


def judged_relevance(records):
    """{query: set of pks of the records that contain every concept it asks for}."""
    from tests.bench.vocabulary import JUDGED

    return {
        q: {record.pk for record in records if record.concepts.issuperset(concepts)}
        for q, concepts in JUDGED
    }


def quality(first_pages, found, relevant):
    """Precision@10, nDCG@10 and recall over the judged queries, means and per query.
    ``first_pages``: {query: [pk, ...] in the order shown}; ``found``: {query: every
    pk returned}."""
    rows = []
    for q, wanted in relevant.items():
        top = first_pages[q][:TOP]
        gains = [1.0 if pk in wanted else 0.0 for pk in top]
        ideal = sum(1 / math.log2(i + 2) for i in range(min(TOP, len(wanted))))
        dcg = sum(gain / math.log2(i + 2) for i, gain in enumerate(gains))
        rows.append(
            {
                "q": q,
                "relevant": len(wanted),
                "returned": len(found[q]),
                "over_matched": len(found[q] - wanted),
                # A query with fewer relevant records than 10 can fill no more.
                "precision_at_10": (
                    round(sum(gains) / min(TOP, len(wanted)), 4) if wanted else None
                ),
                "ndcg_at_10": round(dcg / ideal, 4) if ideal else None,
                "recall": (
                    round(len(found[q] & wanted) / len(wanted), 4) if wanted else None
                ),
            }
        )

    def mean(name):
        values = [row[name] for row in rows if row[name] is not None]
        return round(statistics.mean(values), 4) if values else None

    return {
        "judged_queries": len(rows),
        "precision_at_10": mean("precision_at_10"),
        "ndcg_at_10": mean("ndcg_at_10"),
        "recall": mean("recall"),
        "over_matched": sum(row["over_matched"] for row in rows),
        "queries": rows,
    }


# -- measuring ---------------------------------------------------------------------


def latencies(search, queries, times):
    """({query: [wall ms, ...]}, [cpu ms, ...]): one untimed warm-up per query, then
    ``times`` timed runs."""
    samples, cpu = {}, []
    for q in queries:
        search(q)
        runs = []
        for _ in range(times):
            started, used = time.perf_counter(), time.process_time()
            search(q)
            runs.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        samples[q] = runs
    return samples, cpu


def summary(samples):
    from tests.bench.run import percentile

    every = [ms for runs in samples.values() for ms in runs]
    return round(statistics.median(every), 2), round(percentile(every, 0.95), 2)


def per_query(samples):
    from tests.bench.run import percentile

    return [
        {
            "q": q,
            "p50_ms": round(statistics.median(runs), 2),
            "p95_ms": round(percentile(runs, 0.95), 2),
        }
        for q, runs in samples.items()
    ]


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


def bench_index(records):
    """Records/s indexing now, and as before issue 17 on a prefix of the corpus."""
    from search.engines.embedded import EmbeddedEngine

    directory = OUT / "search-index"
    shutil.rmtree(directory, ignore_errors=True)
    engine = EmbeddedEngine(directory)
    started = time.perf_counter()
    count = engine.rebuild(as_document(record) for record in records)
    seconds = time.perf_counter() - started
    old = records[: int(os.environ.get("BENCH_SEARCH_OLD_RECORDS", OLD_RECORDS))]
    old_seconds = index_as_before(old, OUT / "search-index-before")
    now = count / seconds
    before = len(old) / old_seconds
    figures = {
        "records": count,
        "seconds": round(seconds, 2),
        "records_per_s": round(now, 1),
        "before_records": len(old),
        "before_records_per_s": round(before, 1),
        "speedup": round(now / before, 2),
    }
    return engine, figures


def index_as_before(records, directory):
    """The build before issue 17, timed: every field's words and pairs each folded
    the text again (four folds per record, by NFKC on every character), one writer
    thread."""
    import opencc
    import rjieba
    import tantivy

    from content_models.disclosure.text import fold_width
    from search import text
    from search.engines import stored_source
    from search.engines.embedded import SCHEMA, _midnight

    simplified = opencc.OpenCC("t2s")

    def fold(value):
        return simplified.convert(fold_width(value)).lower()

    def words(value):
        tokens = []
        for run in text._RUN.findall(fold(value)):
            is_han = text.is_han(run)
            tokens.extend(rjieba.cut_for_search(run, False) if is_han else [run])
        return tokens

    def grams(value):
        tokens = []
        for run in text._RUN.findall(fold(value)):
            if text.is_han(run) and len(run) > 1:
                tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
            else:
                tokens.append(run)
        return tokens

    def as_tantivy(document):
        # search.engines.embedded.as_tantivy before issue 17.
        published = document.published
        fields = {"published": _midnight(published)} if published else {}
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
            title_words=" ".join(words(document.title)),
            text_words=" ".join(words(document.text)),
            title_grams=" ".join(grams(document.title)),
            text_grams=" ".join(grams(document.text)),
            year=document.year or 0,
            day=published.toordinal() if published else 0,
            source=json.dumps(stored_source(document), ensure_ascii=False).encode(),
        )

    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    started = time.perf_counter()
    index = tantivy.Index(SCHEMA, path=str(directory))
    writer = index.writer(64_000_000, 1)
    for record in records:
        writer.add_document(as_tantivy(as_document(record)))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    shutil.rmtree(directory, ignore_errors=True)
    return seconds


def bench_ours(engine, queries, relevant, times):
    from search.query import from_params
    from search.results import run

    def request(q, **changes):
        return dataclasses.replace(from_params({"q": q}, LANGUAGE, {}), **changes)

    with_facets, cpu = latencies(
        lambda q: run(request(q), engine=engine), queries, times
    )
    without, _ = latencies(
        lambda q: run(request(q, facets=False), engine=engine), queries, times
    )
    first_pages, found = {}, {}
    for q in relevant:
        page = engine.search(request(q, facets=False, page_size=TOP))
        first_pages[q] = [pk_of(hit) for hit in page.hits]
        everything = engine.search(
            request(q, facets=False, page_size=max(page.total, 1))
        )
        found[q] = {pk_of(hit) for hit in everything.hits}
    from tests.bench.run import percentile

    p50, p95 = summary(with_facets)
    figures = {"p50_ms": p50, "p95_ms": p95}
    figures["p50_ms_no_facets"], figures["p95_ms_no_facets"] = summary(without)
    figures["cpu_p95_ms"] = round(percentile(cpu, 0.95), 2)
    figures["latency"] = per_query(with_facets)
    figures["quality"] = quality(first_pages, found, relevant)
    return figures


def pk_of(hit):
    return int(hit.id.partition(":")[2])


# -- the baseline: icontains on PostgreSQL with pg_trgm ------------------------------


def bench_postgres(records, queries, relevant, times):
    from django.contrib.postgres.indexes import GinIndex, OpClass
    from django.db import connections, transaction
    from django.db.models import Q
    from django.db.models.functions import Upper

    from tests.bench.records.models import BenchRecord

    connection = connections[BASELINE]
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with connection.schema_editor() as editor:
        editor.execute(f"DROP TABLE IF EXISTS {BenchRecord._meta.db_table}")
        editor.create_model(BenchRecord)
    rows = [BenchRecord(pk=r.pk, title=r.title, body=r.body) for r in records]
    loading = time.perf_counter()
    with transaction.atomic(using=BASELINE):
        BenchRecord.objects.using(BASELINE).bulk_create(rows, batch_size=CHUNK)
    inserted = time.perf_counter()
    # What icontains compares on PostgreSQL: UPPER(column) LIKE UPPER('%word%').
    indexes = [
        GinIndex(OpClass(Upper(name), name="gin_trgm_ops"), name=f"bench_{name}_trgm")
        for name in ("title", "body")
    ]
    with connection.schema_editor() as editor:
        for index in indexes:
            editor.add_index(BenchRecord, index)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {BenchRecord._meta.db_table}")
    indexed = time.perf_counter()

    def matching(q):
        rows = BenchRecord.objects.using(BASELINE)
        for word in q.split():
            word = word.strip('"')
            rows = rows.filter(Q(title__icontains=word) | Q(body__icontains=word))
        return rows.order_by("-pk")

    def page(q):
        rows = matching(q)
        return rows.count(), [row.pk for row in rows[:PAGE]]

    samples, _ = latencies(page, queries, times)
    first_pages = {
        q: list(matching(q).values_list("pk", flat=True)[:TOP]) for q in relevant
    }
    found = {q: set(matching(q).values_list("pk", flat=True)) for q in relevant}
    p50, p95 = summary(samples)
    return {
        "p50_ms": p50,
        "p95_ms": p95,
        "insert_seconds": round(inserted - loading, 2),
        "index_seconds": round(indexed - inserted, 2),
        "latency": per_query(samples),
        "quality": quality(first_pages, found, relevant),
        "server": connection.cursor().connection.info.server_version,
    }


# -- the whole benchmark -----------------------------------------------------------


def bench_size(size, times, postgres):
    from tests.bench import corpus

    records = corpus.generate(size)
    code = corpus.first_code(records)
    queries = [*QUERIES, code] if code else list(QUERIES)
    relevant = judged_relevance(records)
    engine, index = bench_index(records)
    ours = bench_ours(engine, queries, relevant, times)
    result = {
        "records": size,
        "corpus_chars": sum(len(r.title) + len(r.body) for r in records),
        "repetitions": times,
        "index": index,
        "ours": ours,
    }
    if not postgres:
        result["postgres_trgm"] = "skipped: no PostgreSQL (set BENCH_POSTGRES_URL)"
        return result
    baseline = bench_postgres(records, queries, relevant, times)
    result["postgres_trgm"] = baseline
    result["p95_speedup"] = round(baseline["p95_ms"] / ours["p95_ms"], 1)
    return result


def print_table(results):
    print(
        f"{'records':>8}  {'index rec/s':>11} {'before':>8} {'×':>5}"
        f"  {'engine':<14}{'p50 ms':>8}{'p95 ms':>8}{'no facets':>10}{'cpu p95':>8}"
        f"{'P@10':>7}{'nDCG@10':>8}{'recall':>7}{'over':>8}"
    )
    for row in results:
        index = row["index"]
        print(
            f"{row['records']:>8}  {index['records_per_s']:>11}"
            f" {index['before_records_per_s']:>8} {index['speedup']:>5}",
            end="",
        )
        for n, name in enumerate(("ours", "postgres_trgm")):
            figures = row[name]
            lead = "  " if n == 0 else " " * 38
            if isinstance(figures, str):
                print(f"{lead}{name:<14}{figures}")
                continue
            judged = figures["quality"]
            print(
                f"{lead}{name:<14}{figures['p50_ms']:>8}{figures['p95_ms']:>8}"
                f"{figures.get('p95_ms_no_facets', ''):>10}"
                f"{figures.get('cpu_p95_ms', ''):>8}"
                f"{judged['precision_at_10']:>7}{judged['ndcg_at_10']:>8}"
                f"{judged['recall']:>7}{judged['over_matched']:>8}"
            )
    last = results[-1]
    print(f"\njudged queries at {last['records']} records: relevant, then ours / pg")
    baseline = last["postgres_trgm"]
    others = {} if isinstance(baseline, str) else baseline["quality"]["queries"]
    others = {row["q"]: row for row in others}
    for ours in last["ours"]["quality"]["queries"]:
        theirs = others.get(ours["q"], {})
        print(
            f"  {ours['relevant']:>7}  P@10 {ours['precision_at_10']!s:>6}"
            f" / {theirs.get('precision_at_10')!s:<6} recall {ours['recall']!s:>6}"
            f" / {theirs.get('recall')!s:<6} over {ours['over_matched']:>6}"
            f" / {theirs.get('over_matched', '')!s:<6} {ours['q']}"
        )
    if "p95_speedup" in last:
        print(
            f"\np95 at {last['records']}: ours {last['p95_speedup']}× faster than "
            "icontains with pg_trgm"
        )


def main():
    postgres = setup_django()
    times = repeat()
    results = []
    for size in sizes():
        results.append(bench_size(size, times, postgres))
        # Written after each size, so a long run leaves what it has measured.
        (OUT / "search.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=2)
        )
    print_table(results)
    print(f"written to {OUT / 'search.json'}")


if __name__ == "__main__":
    main()
