"""One run of the link checker: find the links on public pages, check at most
``max_links`` of them (inside the site without the network, outside over HTTP within
bounds), and keep the broken ones for the dashboard."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import external
from .links import InternalChecker, public_links
from .models import BrokenLink, LinkCheckRun


@dataclass(frozen=True)
class Bounds:
    max_links: int = 2000
    timeout: float = 10.0  # seconds, per request
    per_host: int = 2  # requests to one host at a time
    workers: int = 8  # requests at a time in all


def run_link_check(bounds=Bounds(), now=None):  # noqa: B008 (frozen dataclass)
    run = LinkCheckRun.objects.create(started_at=now or timezone.now())
    links = public_links()
    chosen = links[: bounds.max_links]
    internal = [link for link in chosen if link.internal]
    outside = [link for link in chosen if not link.internal]

    broken = []
    checker = InternalChecker(internal)
    for link in internal:
        problem = checker.problem(link)
        if problem:
            broken.append(_broken(run, link, None, problem))

    outcomes = external.check_urls(
        sorted({link.url for link in outside}),
        timeout=bounds.timeout,
        per_host=bounds.per_host,
        workers=bounds.workers,
    )
    for link in outside:
        outcome = outcomes[link.url]
        if outcome.broken:
            broken.append(_broken(run, link, outcome.status, outcome.error))

    with transaction.atomic():
        BrokenLink.objects.bulk_create(broken)
        run.links_found = len(links)
        run.links_checked = len(chosen)
        run.truncated = len(links) > len(chosen)
        run.finished_at = timezone.now()
        run.save()
    return run


def _broken(run, link, status, error):
    return BrokenLink(
        run=run,
        source=link.source,
        source_title=link.title[:255],
        fix_url=link.fix_url[:255],
        url=link.url[:2000],
        internal=link.internal,
        status=status,
        error=error[:200],
    )


def latest_run():
    return LinkCheckRun.objects.exclude(finished_at=None).first()
