"""What is public, and how a public thing describes itself.

Search and open data both read ``PublicRecord`` and ``public_items`` so that they can
never disagree about what the public may see (ARCHITECTURE.md, "One place for
each rule").
"""

import contextvars
import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True)
class PublicRecord:
    kind: str  # "plan", "village_disclosure", "credit_entry", ...
    key: str  # "app_label.model:pk", stable across edits
    title: str
    text: str
    url: str
    language: str
    index_number: str
    agency: str
    region_code: str | None
    published_on: datetime.date | None
    written_on: datetime.date | None
    period: str | None  # Period.slug
    list_type: str = ""  # credit list entries: which 名录/名单


def is_public(item):
    """Live, not expired, not behind a view restriction."""
    if isinstance(item, Page):
        return (
            item.live and not item.expired and not item.get_view_restrictions().exists()
        )
    return getattr(item, "live", True) and not getattr(item, "expired", False)


def public_items(model):
    """The public rows of a page or record model, as a queryset."""
    if issubclass(model, Page):
        return model.objects.live().public().filter(expired=False)
    return model.objects.filter(live=True, expired=False)


def public_models():
    """Every concrete model whose rows describe themselves as public records."""
    from django.apps import apps

    from .metadata import DisclosureMetadata  # metadata imports this module

    return [
        model
        for model in apps.get_models()
        if issubclass(model, DisclosureMetadata) and not model._meta.abstract
    ]


# Lookups that are the same for every item of a bulk read (the section page a record's
# address hangs from, a village column's region): remembered only inside
# ``lookups_cached()``, so an export or index rebuild does not repeat them per row while
# single-item reads always see the database as it is.
_lookups = contextvars.ContextVar("public_lookups", default=None)


@contextmanager
def lookups_cached():
    token = _lookups.set({})
    try:
        yield
    finally:
        _lookups.reset(token)


def cached_lookup(key, compute):
    """``compute()``, remembered under ``key`` inside ``lookups_cached()``."""
    memo = _lookups.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
