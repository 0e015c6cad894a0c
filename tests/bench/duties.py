"""`make bench`: the 到期与逾期 dashboard at 1× and 10× the items.

A fresh SQLite database gets a district, a town, villages with their columns and
quarterly disclosures, 主动公开 notices (drafts and published) and credit-list
decisions; the dashboard page (clocks/duty_views.py) is rendered for a superuser at
1× and again after the items grow to 10×. Figures — seconds (median of 5), SQL
queries, and their ratios against the 1× baseline of the same run — go to
var/bench/duties.json. The goal (issue 14): the same number of queries at 10×.
BENCH_DUTIES_SCALE sets the 1× size (default 1: 20 notices, 10 decisions, 5 villages).
"""

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
SCALE = int(os.environ.get("BENCH_DUTIES_SCALE", "1"))
D = datetime.date


def setup_django():
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    OUT.mkdir(parents=True, exist_ok=True)
    database = OUT / "duties.sqlite3"
    for path in OUT.glob("duties.sqlite3*"):
        path.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ["SEARCH_INDEX_DIR"] = str(OUT / "duties-search")
    import django

    django.setup()


def live(parent, page, day):
    """Add ``page`` already live (setting up data, not publishing it: no review)."""
    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = moment
    parent.add_child(instance=page)
    return page


class World:
    def __init__(self):
        from wagtail.models import Page

        from content_models.credit.models import SocialOrganisation
        from content_models.disclosure.models import (
            Agency,
            ArticleIndexPage,
            HomePage,
        )
        from content_models.regions.models import Region
        from content_models.villages.models import VillageAffairsIndexPage
        from portal.demo.helpers import credit_code

        district = Region.objects.create(code="150299000000", name="清源区", kind="区")
        self.town = Region.objects.create(
            code="150299100000", name="青山镇", kind="镇", parent=district
        )
        self.agency = Agency.objects.create(
            name="清源区民政局", credit_code=credit_code(1, "150299", "bench-agency")
        )
        root = Page.get_first_root_node()
        home = live(
            root, HomePage(title="清源区民政局", slug="bench-home"), D(2025, 1, 1)
        )
        self.notices = live(
            home, ArticleIndexPage(title="通知公告", slug="notices"), D(2025, 1, 1)
        )
        self.section = live(
            home,
            VillageAffairsIndexPage(title="村务居务公开", slug="villages"),
            D(2025, 1, 1),
        )
        self.organisation = SocialOrganisation(
            name="清源区书法家协会",
            credit_code=credit_code(1, "150299", "bench-org"),
            org_type="1",
            registering_authority="清源区民政局",
            registered_on=D(2015, 5, 16),
            agency=self.agency,
        )
        self.organisation.save()
        self.made = {"notices": 0, "decisions": 0, "villages": 0}

    def grow(self, scale):
        """Add ``scale`` × (20 notices, 10 decisions, 5 villages with 4 quarters)."""
        from content_models.credit.models import CreditListEntry
        from content_models.disclosure.models import ArticlePage
        from content_models.regions.models import Region
        from content_models.villages.categories import Category
        from content_models.villages.models import (
            VillageDisclosurePage,
            VillageIndexPage,
        )

        for _ in range(20 * scale):
            n = self.made["notices"] = self.made["notices"] + 1
            written = D(2025, 10, 1) + datetime.timedelta(days=n % 90)
            page = ArticlePage(
                title=f"通知{n}",
                slug=f"n{n}",
                agency=self.agency,
                body="<p>正文</p>",
                written_on=written,
                published_on=written + datetime.timedelta(days=20 + n % 15),
            )
            if n % 2:
                live(self.notices, page, page.published_on)
            else:
                page.live, page.published_on = False, None
                self.notices.add_child(instance=page)
        for _ in range(10 * scale):
            n = self.made["decisions"] = self.made["decisions"] + 1
            CreditListEntry(
                organisation=self.organisation,
                agency=self.agency,
                list_type="abnormal",
                reason="未按规定报送年度工作报告",
                legal_basis="《社会组织信用信息管理办法》第十条",
                deciding_authority="清源区民政局",
                decision_number=f"清民社异〔2025〕{n}号",
                listed_on=D(2025, 6, 1) + datetime.timedelta(days=n),
                live=False,
            ).save()
        for _ in range(5 * scale):
            n = self.made["villages"] = self.made["villages"] + 1
            region = Region.objects.create(
                code=f"150299100{n:03d}", name=f"第{n}村", kind="村", parent=self.town
            )
            column = live(
                self.section,
                VillageIndexPage(title=region.name, slug=region.code, region=region),
                D(2025, 1, 1),
            )
            for quarter in (1, 2, 3):
                live(
                    column,
                    VillageDisclosurePage(
                        agency=self.agency,
                        year=2025,
                        quarter=quarter,
                        category=Category.AFFAIRS,
                        body="<p>村民代表会议讨论通过巷道硬化工程。</p>",
                        published_on=D(2025, 3 * quarter + 1, 10 + n % 20),
                    ),
                    D(2025, 3 * quarter + 1, 10 + n % 20),
                )

    def items(self):
        return sum(self.made.values())


def measure(user):
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from clocks.duty_views import DutiesDashboardView

    view = DutiesDashboardView.as_view()

    def render():
        request = RequestFactory().get("/admin/clocks/duties/")
        request.user = user
        request.session = {}
        from django.contrib.messages.storage.fallback import FallbackStorage

        request._messages = FallbackStorage(request)
        response = view(request)
        response.render()
        return response

    render()  # warm caches
    with CaptureQueriesContext(connection) as queries:
        rows = len(render().context_data["rows"])
    times = []
    for _ in range(5):
        started = time.perf_counter()
        render()
        times.append(time.perf_counter() - started)
    return {"rows": rows, "queries": len(queries), "s": statistics.median(times)}


def main():
    setup_django()
    from unittest import mock

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from clocks import handling

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "b@example.org", "pw")
    world = World()
    with mock.patch.object(handling, "today", lambda: D(2026, 1, 21)):
        world.grow(SCALE)
        items_1x, one = world.items(), measure(user)
        world.grow(9 * SCALE)
        items_10x, ten = world.items(), measure(user)
    report = {
        "items_1x": items_1x,
        "items_10x": items_10x,
        "rows_1x": one["rows"],
        "rows_10x": ten["rows"],
        "queries_1x": one["queries"],
        "queries_10x": ten["queries"],
        "queries_ratio": round(ten["queries"] / one["queries"], 2),
        "seconds_1x": round(one["s"], 4),
        "seconds_10x": round(ten["s"], 4),
        "time_ratio": round(ten["s"] / one["s"], 2),
        "goal": "queries_ratio == 1.0",
    }
    (OUT / "duties.json").write_text(json.dumps(report, indent=2))
    for key, value in report.items():
        print(f"{key}: {value}")
    if report["queries_10x"] != report["queries_1x"]:
        raise SystemExit("the dashboard's queries grow with the items")


if __name__ == "__main__":
    main()
