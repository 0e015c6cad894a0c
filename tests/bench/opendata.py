"""`make bench`, open data: exporting the credit-list history (``credit-list-history``)
at 100,000 and 1,000,000 public rows; figures in var/bench/opendata.json.

Rows are generated with ``bulk_create`` straight into a SQLite database of their own
(var/bench/opendata.sqlite3): 20 list entries per organisation (50,000 organisations
at 1M rows) in four districts and their towns, live, with publication moments,
removals for two in three entries and a unique 索引号 each. Wagtail's publishing
machinery is skipped (too slow for a million rows); the export reads published rows
with the same query whichever way they were published. The 索引号 registry
(``IndexNumber``) is not filled: nothing in an export reads it.

Each measurement runs in a fresh Python process (this script re-invoked with
``--step``), so its peak memory is its own: ``ru_maxrss`` after the export, and its
growth over the same figure taken just before (after Django is set up and a 304
answer has warmed the view). The parent never imports Django and stays small, so the
children's figures do not start from an inherited peak.

- ``read``: ``Dataset.rows()`` alone (the query, masking): the floor under every format.
- ``csv``, ``jsonl``, ``json``, ``xlsx``: ``Client().get("/opendata/credit-list-history.<fmt>")``
  without gzip, the streamed body consumed into a byte counter; the text formats'
  line counts are checked against the row count.
- ``api``: one page of ``/api/v1/credit-list-history?page_size=1000``, first and deep
  (90% into the rows) by cursor, when the read API answers; skipped otherwise.

Usage: ``python tests/bench/opendata.py [--rows 100000,1000000]`` (or
BENCH_OPENDATA_ROWS=20000 for a quick run). Rows are added to the same database as the
sizes grow, so the larger size costs only its extra rows. Figures are measured, never
asserted; the machine may be shared, so the load average is recorded with each one.
"""

import argparse
import base64
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "var" / "bench"
DATABASE = OUT / "opendata.sqlite3"
SLUG = "credit-list-history"
FORMATS = ("csv", "jsonl", "json", "xlsx")
SIZES = (100_000, 1_000_000)
ENTRIES_PER_ORGANISATION = 20
BATCH = 5000  # model instances built and inserted at a time
API_PAGE = 1000
API_REPEAT = 5
RESULT = "RESULT "  # marks the child's answer on its stdout
FLAT_MB = 32  # more extra growth than this at the larger size counts as "grows"

# Fictional districts (清源区 is the tests' and demo's), three towns each.
DISTRICTS = [
    ("150299000000", "清源区", "区"),
    ("150298000000", "北川区", "区"),
    ("150297000000", "南湖区", "区"),
    ("150296000000", "西山县", "县"),
]
TOWNS = ["青山镇", "红旗镇", "城关街道"]
FIELDS = [
    "书法家",
    "老年人体育",
    "慈善",
    "志愿者",
    "养老服务",
    "青少年足球",
    "摄影家",
    "家政服务",
    "农村电商",
    "残疾人康复",
]
SUFFIXES = {"1": "协会", "2": "服务中心", "3": "基金会"}
REASONS = [
    "未按规定报送{year}年度工作报告",
    "未按规定办理变更登记",
    "通过登记的住所无法与社会组织取得联系",
    "未按规定公开年度工作报告",
    "被列入活动异常名录届满2年仍未移出",
    "受到限期停止活动行政处罚",
]
BASES = [
    "《社会组织信用信息管理办法》第十条第（一）项",
    "《社会组织信用信息管理办法》第十条第（三）项",
    "《社会组织信用信息管理办法》第十一条第（一）项",
]


# -- the parent: runs each step in a child and reports -----------------------------


def run_step(step, *arguments):
    command = [sys.executable, __file__, "--step", step, *map(str, arguments)]
    done = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False
    )
    answers = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode != 0 or not answers:
        raise SystemExit(f"step {step} {arguments} failed (exit {done.returncode})")
    return json.loads(answers[-1][len(RESULT) :])


def bench_size(size):
    print(f"-- {size:,} rows", flush=True)
    figures = {"rows": size, "generate": run_step("grow", size)}
    print(f"   generated in {figures['generate']['seconds']} s", flush=True)
    figures["baseline"] = run_step("baseline")
    base = figures["baseline"]["rows_per_s"]
    print(f"   baseline (raw cursor + csv.writer): {base} rows/s", flush=True)
    figures["read"] = run_step("read")
    figures["formats"] = {}
    for fmt in FORMATS:
        figures["formats"][fmt] = done = run_step("export", fmt)
        done["vs_baseline"] = round(done["rows_per_s"] / base, 2) if base else None
        print(
            f"   {fmt}: written and sent in {done['seconds']} s "
            f"({done['rows_per_s']} rows/s, {done['vs_baseline']}x baseline); "
            f"sent again from the file in {done['served_s']} s",
            flush=True,
        )
    figures["api"] = run_step("api")
    return figures


def memory_verdicts(sizes):
    """Per format, whether peak growth stays flat from the smallest size to the
    largest, and the two growths it compares."""
    if len(sizes) < 2:
        return {}
    small, large = sizes[0], sizes[-1]
    verdicts = {}
    for name in ("read", *FORMATS):
        grew_small = _figures(small, name)["growth_mb"]
        grew_large = _figures(large, name)["growth_mb"]
        verdicts[name] = {
            "growth_mb": {small["rows"]: grew_small, large["rows"]: grew_large},
            "flat": grew_large - grew_small <= FLAT_MB,
        }
    return verdicts


def _figures(size, name):
    return size[name] if name in ("read", "baseline") else size["formats"][name]


def print_table(report):
    print(
        f"\n{'rows':>9}  {'format':<6}{'seconds':>9}{'rows/s':>10}{'MB':>9}"
        f"{'peak MB':>9}{'growth MB':>11}{'load':>6}"
    )
    for size in report["sizes"]:
        for name in ("baseline", "read", *FORMATS):
            row = _figures(size, name)
            megabytes = f"{row['bytes'] / 1e6:.1f}" if "bytes" in row else ""
            print(
                f"{size['rows']:>9}  {name:<6}{row['seconds']:>9}{row['rows_per_s']:>10}"
                f"{megabytes:>9}{row['peak_mb']:>9}{row['growth_mb']:>11}"
                f"{row['load']:>6}"
            )
        api = size["api"]
        if api.get("skipped"):
            print(f"{size['rows']:>9}  api   skipped: {api['skipped']}")
        else:
            print(
                f"{size['rows']:>9}  api   first page {api['first_ms']} ms, page at row "
                f"{api['deep_after']} ({api['deep_by']}) {api['deep_p50_ms']} ms p50 "
                f"{api['deep_max_ms']} ms max"
            )
    for name, verdict in report["memory"].items():
        growths = ", ".join(
            f"{rows:,}: {mb} MB" for rows, mb in verdict["growth_mb"].items()
        )
        print(f"memory {name:<6}{'flat' if verdict['flat'] else 'GROWS'} ({growths})")


def orchestrate(sizes):
    OUT.mkdir(parents=True, exist_ok=True)
    for path in OUT.glob(DATABASE.name + "*"):
        path.unlink()
    setup = run_step("setup")
    report = {
        "database": "sqlite",
        "dataset": SLUG,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "note": "load = 1-minute load average when the step started",
        },
        "migrate_s": setup["seconds"],
        "sizes": [],
        "memory": {},
    }
    for size in sorted(sizes):
        report["sizes"].append(bench_size(size))
        report["memory"] = memory_verdicts(report["sizes"])
        # Written after each size, so a long run leaves what it has measured.
        (OUT / "opendata.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2)
        )
    print_table(report)
    print(f"written to {OUT / 'opendata.json'}")


# -- the children ------------------------------------------------------------------


def setup_django():
    # This file is named like the app it measures (opendata/): its folder must not
    # be on the path, or `import opendata` would find this file.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    # DEBUG would keep every query in memory (and show in the figures).
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["OPENDATA_DIR"] = str(OUT / "opendata-files")
    import django

    django.setup()


def peak_mb():
    # Linux reports ru_maxrss in kilobytes.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load():
    return round(os.getloadavg()[0], 2)


def step_setup():
    start = time.perf_counter()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _base_data()
    return {"seconds": round(time.perf_counter() - start, 2)}


def _base_data():
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Revision

    from content_models.credit.models import CreditListEntry
    from content_models.disclosure.models import Agency
    from content_models.regions.models import Region
    from portal.demo.helpers import credit_code

    # Open data reads only rows a publication gave a live revision: the generated
    # rows all point at this one (Wagtail's publishing is skipped, see above).
    kind = ContentType.objects.get_for_model(CreditListEntry)
    Revision.objects.create(
        content_type=kind, base_content_type=kind, object_id="0", content={}
    )

    for code, name, kind in DISTRICTS:
        district = Region.objects.create(code=code, name=name, kind=kind)
        for number, town in enumerate(TOWNS, start=1):
            kind = "街道" if town.endswith("街道") else "镇"
            Region.objects.create(
                code=f"{code[:6]}{100 + number}000",
                name=town,
                kind=kind,
                parent=district,
            )
        Agency.objects.create(
            name=f"{name}民政局",
            credit_code=credit_code(1, code, f"bench-agency-{code}", registrar="1"),
            region=district,
        )


def step_grow(total):
    """Add organisations and entries until there are ``total`` entries."""
    start = time.perf_counter()
    setup_django()
    from django.db import transaction

    from content_models.credit.models import CreditListEntry, SocialOrganisation

    have = CreditListEntry.objects.count()
    world = _World.load()
    with transaction.atomic():
        first_org = SocialOrganisation.objects.count()
        last_org = -(-total // ENTRIES_PER_ORGANISATION)
        for batch in _batches(
            world.organisation(i) for i in range(first_org, last_org)
        ):
            SocialOrganisation.objects.bulk_create(batch)
        organisations = list(
            SocialOrganisation.objects.order_by("pk").values_list(
                "pk", "agency_id", "registering_authority"
            )
        )
        for batch in _batches(
            world.entry(j, organisations) for j in range(have, total)
        ):
            CreditListEntry.objects.bulk_create(batch)
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "added": total - have,
        "organisations": len(organisations),
        "entries": CreditListEntry.objects.count(),
        "rows_per_s": round((total - have) / seconds, 1),
        "database_mb": round(DATABASE.stat().st_size / 1e6, 1),
    }


def _batches(items):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class _World:
    """Deterministic rows: organisation ``i`` and entry ``j`` are the same on every
    run. 索引号 serials continue from what the database already holds."""

    def __init__(self, regions, agencies, serials, codes, revision):
        self.revision = revision  # the live revision every generated row points at
        self.regions = regions  # [(Region, Agency)], towns and districts
        self.agencies = agencies  # {pk: Agency}
        self.serials = serials  # {scope: last serial}
        self.codes = codes  # credit codes in use

    @classmethod
    def load(cls):
        from content_models.credit.models import CreditListEntry, SocialOrganisation
        from content_models.disclosure.models import Agency
        from content_models.regions.models import Region

        by_district = {
            a.region.code[:6]: a for a in Agency.objects.select_related("region")
        }
        regions = [
            (r, by_district[r.code[:6]]) for r in Region.objects.order_by("code")
        ]
        serials = {}
        for model in (SocialOrganisation, CreditListEntry):
            for number in model.objects.values_list(
                "index_number", flat=True
            ).iterator():
                scope, _, serial = number.rpartition("-")
                serials[scope] = max(serials.get(scope, 0), int(serial))
        codes = set(SocialOrganisation.objects.values_list("credit_code", flat=True))
        agencies = {a.pk: a for a in by_district.values()}
        from wagtail.models import Revision

        revision = Revision.objects.order_by("pk").values_list("pk", flat=True)[0]
        return cls(regions, agencies, serials, codes, revision)

    def index_number(self, agency, day):
        scope = f"{agency.org_code}/{day.year}"
        self.serials[scope] = self.serials.get(scope, 0) + 1
        return f"{scope}-{self.serials[scope]:05d}"

    def credit_code(self, kind, region_code, i):
        from portal.demo.helpers import credit_code

        attempt = 0
        code = credit_code(kind, region_code, f"bench-{i}")
        while code in self.codes:  # a 7-character body collides now and then
            attempt += 1
            code = credit_code(kind, region_code, f"bench-{i}-{attempt}")
        self.codes.add(code)
        return code

    def organisation(self, i):
        from content_models.credit.models import SocialOrganisation

        region, agency = self.regions[i % len(self.regions)]
        org_type = "123"[i % 7 % 3]
        registered = datetime.date(2000, 1, 1) + datetime.timedelta(days=i * 7 % 5000)
        published = registered + datetime.timedelta(days=30)
        moment = _moment(published)
        district = agency.name.removesuffix("民政局")
        town = region.name if region.parent_id else ""
        return SocialOrganisation(
            name=f"{district}{town}{FIELDS[i % len(FIELDS)]}{SUFFIXES[org_type]}",
            credit_code=self.credit_code(int(org_type), region.code, i),
            org_type=org_type,
            registering_authority=agency.name,
            region=region,
            registered_on=registered,
            address=f"{district}{town or '人民路'}{i % 300 + 1}号",
            agency=agency,
            index_number=self.index_number(agency, published),
            published_on=published,
            live=True,
            live_revision_id=self.revision,
            has_unpublished_changes=False,
            first_published_at=moment,
            last_published_at=moment,
        )

    def entry(self, j, organisations):
        from content_models.credit.models import CreditListEntry

        i, k = divmod(j, ENTRIES_PER_ORGANISATION)
        org_id, agency_id, authority = organisations[i]
        agency = self.agencies[agency_id]
        listed = datetime.date(2012, 1, 1) + datetime.timedelta(
            days=k * 150 + i * 37 % 140
        )
        published = listed + datetime.timedelta(days=3)
        removal = {}
        last = _moment(published)
        if (i + k) % 3:  # two in three have left the list
            removed = listed + datetime.timedelta(days=90 + (i + k) % 180)
            removal = {
                "removed_on": removed,
                "removal_reason": "已履行相关义务，经核实予以移出",
                "removal_authority": authority,
                "removal_decision_number": f"民社移〔{removed.year}〕{k + 1}号",
            }
            last = _moment(removed + datetime.timedelta(days=1))
        return CreditListEntry(
            organisation_id=org_id,
            list_type="serious" if k % 5 == 4 else "abnormal",
            reason=REASONS[(i + k) % len(REASONS)].format(year=listed.year - 1),
            legal_basis=BASES[k % len(BASES)],
            deciding_authority=authority,
            decision_number=f"民社异〔{listed.year}〕{k + 1}号",
            listed_on=listed,
            agency=agency,
            index_number=self.index_number(agency, published),
            published_on=published,
            live=True,
            live_revision_id=self.revision,
            has_unpublished_changes=False,
            first_published_at=_moment(published),
            last_published_at=last,
            **removal,
        )


def _moment(day):
    """10:00 Beijing time on ``day``, as an aware datetime."""
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=beijing)


def step_read():
    """``Dataset.rows()`` consumed with nothing written: the query and masking."""
    setup_django()
    from opendata.datasets import get_dataset

    dataset = get_dataset(SLUG)
    expected = dataset.count(dataset.queryset())
    for _row in dataset.rows(limit=10):  # warm the query path
        pass
    before, started_load = peak_mb(), load()
    start = time.perf_counter()
    rows = sum(1 for _row in dataset.rows())
    seconds = time.perf_counter() - start
    if rows != expected:
        raise SystemExit(f"read {rows} rows, the database has {expected}")
    return _timed(rows, seconds, before, started_load)


def step_baseline():
    """What Python does at best with these columns: the same SQL through a raw
    cursor in batches, written by ``csv.writer`` (no masking, no formats)."""
    setup_django()
    import csv
    import io

    from django.db import connection

    from opendata.datasets import get_dataset

    dataset = get_dataset(SLUG)
    paths = [path for column in dataset.fields for path in column.sources]
    sql, params = dataset.queryset().values_list(*paths).query.sql_with_params()
    before, started_load = peak_mb(), load()
    start = time.perf_counter()
    rows = size = 0
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(2000):
            writer.writerows(batch)
            size += len(buffer.getvalue().encode())
            buffer.seek(0)
            buffer.truncate()
            rows += len(batch)
    figures = _timed(rows, time.perf_counter() - start, before, started_load)
    figures["bytes"] = size
    return figures


def step_export(fmt):
    setup_django()
    from django.test import Client

    from opendata.datasets import get_dataset
    from opendata.downloads import validators

    dataset = get_dataset(SLUG)
    expected = dataset.count(dataset.queryset())
    url = f"/opendata/{SLUG}.{fmt}"
    client = Client()
    etag, _ = validators(dataset)
    # Warm the view, middleware and connection without reading a row.
    warm = client.get(url, headers={"if-none-match": etag})
    if warm.status_code != 304:
        raise SystemExit(f"{url} with its ETag answered {warm.status_code}, not 304")
    before, started_load = peak_mb(), load()
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200 or response.has_header("Content-Encoding"):
        raise SystemExit(
            f"{url} answered {response.status_code}, a benchmark of errors means nothing"
        )
    size, lines, first_byte = _consume(response, start)
    seconds = time.perf_counter() - start
    _check_lines(fmt, lines, expected)
    figures = _timed(expected, seconds, before, started_load)
    figures["bytes"] = size
    # The first request after a change writes the file, then sends it whole.
    figures["first_byte_s"] = round(first_byte or seconds, 3)
    # Every later request (until the next change) sends the written file.
    start = time.perf_counter()
    again = client.get(url)
    served, _, first_byte = _consume(again, start)
    figures["served_s"] = round(time.perf_counter() - start, 3)
    figures["served_first_byte_s"] = round(first_byte, 4)
    if served != size:
        raise SystemExit(f"{url}: {served} bytes the second time, {size} the first")
    return figures


def _consume(response, start):
    size = lines = 0
    first_byte = None
    for chunk in response.streaming_content:
        if first_byte is None:
            first_byte = time.perf_counter() - start
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    return size, lines, first_byte


def _check_lines(fmt, lines, rows):
    """The generated cells hold no line breaks, so a text file has one line per row
    plus its header (CSV) or brackets (JSON)."""
    wanted = {"csv": rows + 1, "jsonl": rows, "json": rows + 2}.get(fmt)
    if wanted is not None and lines != wanted:
        raise SystemExit(f"{fmt}: {lines} lines for {rows} rows")


def _timed(rows, seconds, before, started_load):
    after = peak_mb()
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds) if seconds else None,
        "baseline_mb": before,
        "peak_mb": after,
        "growth_mb": round(after - before, 1),
        "load": started_load,
    }


# -- the read API (written by another helper: measured only when it answers) ------


def step_api():
    setup_django()
    from django.test import Client

    from opendata.datasets import get_dataset

    dataset = get_dataset(SLUG)
    client = Client()
    path = f"/api/v1/{SLUG}"
    query = {"page_size": API_PAGE}
    client.get(path, {"page_size": 1})  # warm the view, as the exports do
    start = time.perf_counter()
    response = client.get(path, query)
    first_ms = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        return {"skipped": f"{path} answered {response.status_code}"}
    payload = response.json()
    results, cursor = _results(payload), _next_query(payload)
    if not results or not cursor:
        return {"skipped": f"{path} gave no rows or no next cursor"}
    ids = list(dataset.queryset().values_list("pk", flat=True))
    deep_after = ids[int(len(ids) * 0.9)]
    deep, deep_by = _deep_query(client, path, query, results, cursor, deep_after)
    if deep is None:
        return {
            "skipped": "could not reach a deep cursor",
            "first_ms": round(first_ms, 1),
        }
    samples = []
    for _ in range(API_REPEAT + 1):
        start = time.perf_counter()
        response = client.get(path, deep)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            return {"skipped": f"deep page answered {response.status_code}"}
    samples = sorted(samples[1:])  # the first was the warm-up
    # The answer carries the selection's count: time it alone, to tell it apart.
    start = time.perf_counter()
    dataset.count(dataset.queryset())
    count_ms = (time.perf_counter() - start) * 1000
    return {
        "page_size": API_PAGE,
        "first_ms": round(first_ms, 1),
        "first_rows": len(results),
        "deep_after": deep_after,
        "deep_by": deep_by,
        "deep_rows": len(_results(response.json())),
        "deep_p50_ms": round(samples[len(samples) // 2], 1),
        "deep_max_ms": round(samples[-1], 1),
        "count_ms": round(count_ms, 1),
    }


def _results(payload):
    for key in ("results", "data", "rows", "items"):
        if isinstance(payload.get(key), list):
            return payload[key]
    return []


def _next_query(payload):
    """The next page's query parameters, from a ``next`` URL or cursor."""
    link = payload.get("next") or (payload.get("links") or {}).get("next")
    link = link or payload.get("next_cursor")
    if not link:
        return None
    if "?" in link or link.startswith(("/", "http")):
        return {
            key: values[0] for key, values in parse_qs(urlsplit(link).query).items()
        }
    return {"cursor": link, "page_size": API_PAGE}


def _deep_query(client, path, query, results, following, deep_after):
    """Query parameters for the page after row ``deep_after``: the cursor of the
    first page rewritten when it carries the last row's id in plain sight (or in
    base64), else found by following ``next`` links."""
    last_id = str(results[-1].get("id", ""))
    for key, value in following.items():
        if key in query or not last_id:
            continue
        rewritten = _rewrite_cursor(value, last_id, str(deep_after))
        if rewritten:
            return {**following, key: rewritten}, "cursor rewritten"
    walked = 0
    while following and walked < 2000:
        response = client.get(path, following)
        if response.status_code != 200:
            return None, None
        payload = response.json()
        walked += 1
        rows = _results(payload)
        if rows and int(rows[-1].get("id", 0)) >= deep_after:
            return _next_query(payload), f"followed {walked} next links"
        following = _next_query(payload)
    return None, None


def _rewrite_cursor(value, old, new):
    if value == old:
        return new
    for decode, encode in (
        (base64.urlsafe_b64decode, base64.urlsafe_b64encode),
        (base64.b64decode, base64.b64encode),
    ):
        try:
            text = decode(value + "=" * (-len(value) % 4)).decode()
        except ValueError:
            continue
        if old in text:
            encoded = encode(text.replace(old, new).encode()).decode()
            return encoded if value.endswith("=") else encoded.rstrip("=")
    return None


# -- entry point -------------------------------------------------------------------

STEPS = {
    "setup": step_setup,
    "baseline": step_baseline,
    "grow": lambda total: step_grow(int(total)),
    "read": step_read,
    "export": step_export,
    "api": step_api,
}


def sizes_from(text):
    return tuple(int(size) for size in text.split(",") if size.strip()) or SIZES


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows",
        default=os.environ.get("BENCH_OPENDATA_ROWS", ""),
        help="comma-separated row counts (default 100000,1000000)",
    )
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("arguments", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step:
        print(RESULT + json.dumps(STEPS[options.step](*options.arguments)), flush=True)
    else:
        orchestrate(sizes_from(options.rows))


if __name__ == "__main__":
    main()
