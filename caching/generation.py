"""The page cache's generation: one token for the whole site, part of every cache key.

A public page can show many items (the home page, section lists, feeds, sitemaps, the
village index), while the announcement names the items that changed, not the pages
that show them. Rather than guess which pages an item reaches, every announcement
starts a new generation: the cached pages of the old one are never read again and
age out of the cache. A generation also ends with the local day, because pages read
the date (credit entries in force today, the quarter a village owes).

The token is random, not a counter, so a generation lost from the cache (evicted,
Redis restarted) is replaced by a new one and can never bring old pages back. It is
kept in the page cache itself: every worker and every management command that
publishes must therefore share that cache (Redis, or files on one machine).

``born`` (whole seconds, rising strictly from one generation to the next) is the
``Last-Modified`` of every page cached in it.
"""

import math
import secrets
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.utils import timezone

CACHE_ALIAS = "pages"
KEY = "page-generation"


@dataclass(frozen=True)
class Generation:
    token: str
    born: int  # seconds since the epoch
    day: str  # the local date it belongs to


def page_cache():
    return caches[CACHE_ALIAS]


def current():
    """The generation in force; a new one when there is none or the day changed."""
    found = page_cache().get(KEY)
    today = timezone.localdate().isoformat()
    if isinstance(found, Generation) and found.day == today:
        return found
    return start_new(after=found if isinstance(found, Generation) else None)


def start_new(after=None):
    """Begin a new generation, so every page is rendered afresh. Called after the
    commit of each announcement (caching/listeners.py)."""
    if after is None:
        found = page_cache().get(KEY)
        after = found if isinstance(found, Generation) else None
    born = math.ceil(time.time())
    if after is not None:
        # Strictly later than the last one, so a page kept by a reader in the same
        # second never looks current under If-Modified-Since.
        born = max(born, after.born + 1)
    generation = Generation(
        token=secrets.token_hex(8), born=born, day=timezone.localdate().isoformat()
    )
    page_cache().set(KEY, generation, timeout=None)
    return generation
