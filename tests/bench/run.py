"""`make bench`: measured figures, written to var/bench/*.json (never asserted in tests).

Now: the time to migrate and load the demo into a fresh SQLite database, and the latency
of rendering each public section (p50/p95 over repeated requests). Search and open-data
export are measured by tests/bench/search.py and tests/bench/opendata.py.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "bench.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def bench_pages(repeat=30):
    from django.test import Client

    from wagtail.models import Page

    client = Client()
    pages = list(Page.objects.live().filter(depth__gt=1, depth__lte=3).specific())
    pages += list(Page.objects.live().filter(depth=4).specific()[:5])
    results = []
    for page in pages:
        url = page.url
        client.get(url)  # warm caches once
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            status = client.get(url).status_code
            times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise SystemExit(
                f"{url} answered {status}: a benchmark of errors means nothing"
            )
        results.append(
            {
                "url": url,
                "status": status,
                "requests": repeat,
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(percentile(times, 0.95), 2),
            }
        )
    return results


def main():
    setup_django()
    from django.core.management import call_command

    from portal import demo

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    demo.load()
    loaded = time.perf_counter()
    report = {
        "database": "sqlite",
        "migrate_s": round(migrated - start, 2),
        "demo_load_s": round(loaded - migrated, 2),
        "pages": bench_pages(),
    }
    (OUT / "pages.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"migrate {report['migrate_s']} s, demo load {report['demo_load_s']} s")
    for row in report["pages"]:
        print(
            f"{row['p50_ms']:8.2f} ms p50 {row['p95_ms']:8.2f} ms p95  {row['status']} {row['url']}"
        )
    print(f"written to {OUT / 'pages.json'}")


if __name__ == "__main__":
    main()
