"""`make bench`: publishing through review, one item at a time against a batch.

The same number of new social-organisation records (drafts written by the demo's
clerk) go through the bureau's three-step review twice: one by one through
Wagtail's workflow API (what an approval in the page or snippet editor does), and as
batches through publishing/bulk_review.py (批量审核通过). Both paths run every rule
(four eyes, the guards, the ledger, the announcement). Figures, records per second
and the ratio, go to var/bench/review.json; the goal (issue 17) is ≥ 50 records/s
in bulk. BENCH_REVIEW_RECORDS sets the count per path (default 200).
"""

import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
COUNT = int(os.environ.get("BENCH_REVIEW_RECORDS", "200"))


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "review.sqlite3"
    for path in OUT.glob("review.sqlite3*"):
        path.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ["SEARCH_INDEX_DIR"] = str(OUT / "review-search")
    import django

    django.setup()


def drafts(demo, label, count):
    """``count`` new organisations saved as drafts (not timed)."""
    from content_models.credit.models import SocialOrganisation
    from portal.demo.helpers import credit_code

    records = []
    for n in range(count):
        record = SocialOrganisation(
            name=f"清源区{label}第{n}志愿服务协会",
            credit_code=credit_code(1, "150299", f"bench-{label}-{n}"),
            org_type="1",
            registering_authority="清源区民政局",
            registered_on=datetime.date(2020, 1, 1),
            agency=demo.agency,
            published_on=datetime.date.today(),
            written_on=datetime.date.today(),
            topic=demo.topics["mz-shzz"],
            genre=demo.genres["md"],
            live=False,
        )
        record.full_clean()
        record.save()
        records.append(record)
    return records


def main():
    setup_django()
    from django.core.management import call_command
    from django.db import transaction

    from content_models.credit.models import SocialOrganisation
    from portal import demo as demo_module
    from publishing.models import LedgerEntry

    call_command("migrate", verbosity=0)
    call_command("rebuild_public_index", verbosity=0)  # both paths index for real
    demo = demo_module.build()
    review, clerk = demo.review, demo.review.social_organisations

    one_by_one = drafts(demo, "逐条", COUNT)
    started = time.perf_counter()
    with transaction.atomic():
        for record in one_by_one:
            review.publish(record, clerk)
    single_s = time.perf_counter() - started

    batch = drafts(demo, "批量", COUNT)
    started = time.perf_counter()
    with transaction.atomic(), review.batch():
        for record in batch:
            review._defer(record, clerk)
    bulk_s = time.perf_counter() - started

    live = SocialOrganisation.objects.filter(live=True, pk__in=[r.pk for r in batch])
    if (
        live.count() != COUNT
        or LedgerEntry.objects.filter(
            item_key__in=[f"credit.socialorganisation:{r.pk}" for r in batch]
        ).count()
        != COUNT
    ):
        raise SystemExit("the batch did not publish every record: nothing to report")
    report = {
        "records_per_path": COUNT,
        "one_by_one_s": round(single_s, 2),
        "one_by_one_records_per_s": round(COUNT / single_s, 1),
        "bulk_s": round(bulk_s, 2),
        "bulk_records_per_s": round(COUNT / bulk_s, 1),
        "bulk_vs_one_by_one": round(single_s / bulk_s, 2),
        "goal_bulk_records_per_s": 50,
    }
    (OUT / "review.json").write_text(json.dumps(report, indent=2))
    for key, value in report.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
