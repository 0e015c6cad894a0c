"""Check the links on public pages (run it from cron, e.g. nightly)."""

from django.core.management.base import BaseCommand

from inspection.link_check import Bounds, run_link_check


class Command(BaseCommand):
    help = "检查公开页面上的链接（站内不联网，站外有界），把失效链接记入网站自查。"

    def add_arguments(self, parser):
        defaults = Bounds()
        parser.add_argument("--max-links", type=int, default=defaults.max_links)
        parser.add_argument("--timeout", type=float, default=defaults.timeout)
        parser.add_argument("--per-host", type=int, default=defaults.per_host)
        parser.add_argument("--workers", type=int, default=defaults.workers)

    def handle(self, *args, max_links, timeout, per_host, workers, **options):
        bounds = Bounds(
            max_links=max(0, max_links),
            timeout=max(0.1, timeout),
            per_host=max(1, per_host),
            workers=max(1, workers),
        )
        run = run_link_check(bounds)
        self.stdout.write(
            f"checked {run.links_checked} of {run.links_found} links, "
            f"{run.broken_links.count()} broken"
            + (" (truncated: raise --max-links)" if run.truncated else "")
        )
