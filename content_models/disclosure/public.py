"""The public rule and the public record: is this item public now, and how does a
public thing describe itself.

Pages, search, the ledger, the catalogue and open data all ask ``is_public`` /
``public_items`` and read ``PublicRecord``, so they can never disagree about what the
public may see (docs/ARCHITECTURE.md, "The two seams").

An item is public when it is live, not expired, not behind a view restriction, and
its *public parent* is public too: a model names that parent as a relation path in
``public_parent`` (a credit-list entry's ``"organisation"``, a quarterly progress
figure's ``"indicator__plan"``), and the rule follows it all the way up.
"""

import contextvars
import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

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


def public_record(item, **fields):
    """``item``'s PublicRecord with every text masked: the one place where personal
    numbers that slipped past the guards are kept out of search snippets, ledger
    snapshots, feeds and downloads alike."""
    from . import privacy  # privacy reads lookups_cached from this module

    keep = privacy.kept_numbers(item_key(item))
    for name in ("title", "text"):
        fields[name] = privacy.mask_personal_data(fields.get(name) or "", keep=keep)
    fields.setdefault("language", _language_of(item))
    return PublicRecord(key=item_key(item), **fields)


def _language_of(item):
    from django.conf import settings

    locale = getattr(item, "locale", None)
    return locale.language_code if locale else settings.LANGUAGE_CODE


def item_key(item):
    """The stable name of an item everywhere (search, ledger, open data, audit):
    ``app_label.model:pk``."""
    return f"{item._meta.label_lower}:{item.pk}"


def is_public(item):
    """Live, not expired, not behind a view restriction, and its public parent (if
    it has one) public too."""
    if isinstance(item, Page):
        own = (
            item.live and not item.expired and not item.get_view_restrictions().exists()
        )
    else:
        own = getattr(item, "live", True) and not getattr(item, "expired", False)
    if not own:
        return False
    parent = public_parent_of(item)
    return parent is None or is_public(parent)


def public_items(model):
    """The public rows of a page or record model, as a queryset (the same rule as
    ``is_public``, parents included)."""
    if issubclass(model, Page):
        rows = model.objects.live().public().filter(expired=False)
    else:
        rows = model.objects.filter(live=True, expired=False)
    path = getattr(model, "public_parent", None)
    if path:
        parent_model = _related_model(model, path)
        # EXISTS rather than IN: SQLite then reads rows in key order instead of
        # sorting them all first (a million-row export starts at once).
        rows = rows.filter(Exists(public_items(parent_model).filter(pk=OuterRef(path))))
    return rows


def public_parent_of(item):
    """The item whose publicity this one depends on, or None."""
    path = getattr(item, "public_parent", None)
    if not path:
        return None
    parent = item
    for name in path.split("__"):
        parent = getattr(parent, name, None)
        if parent is None:
            return None
    return parent.specific if isinstance(parent, Page) else parent


def _related_model(model, path):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def public_models():
    """Every concrete model whose rows describe themselves as public records: the
    disclosure items and the home, section and index pages around them."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if hasattr(model, "as_public_record") and not model._meta.abstract
    ]


def disclosure_models():
    """The public models that carry disclosure metadata (索引号, 发布机构...): what the
    catalogue lists and search finds."""
    from .metadata import DisclosureMetadata  # metadata imports this module

    return [model for model in public_models() if issubclass(model, DisclosureMetadata)]


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
