"""What goes into the public index: one or more documents per public item.

Documents are built only from ``as_public_record()`` (disclosure/public.py), so search
shows exactly what the pages and open data show. A plan also gives one document per
section, so that a hit lands on the part that matched.
"""

import datetime
from dataclasses import dataclass, replace

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from content_models.disclosure.public import (
    disclosure_models,
    is_public,
    lookups_cached,
    public_items,
)
from content_models.regions.codes import lineage

# The result types the public can filter on, by ``record_kind``.
KIND_LABELS = {
    "plan": _("规划"),
    "article": _("公开文件"),
    "village_disclosure": _("村务居务公开"),
    "credit_entry": _("信用名录"),
    "social_organisation": _("社会组织"),
    "charity_organisation": _("慈善组织"),
    "fundraising_filing": _("募捐方案备案"),
    "charity_annual_report": _("慈善组织年度报告"),
    "charity_project": _("慈善项目"),
}


@dataclass(frozen=True)
class SearchDocument:
    id: str  # unique in the index
    key: str  # the item's key; a plan's section documents share it
    kind: str
    language: str
    title: str
    text: str
    url: str
    published: datetime.date | None
    region: str  # 12-digit code or ""
    agency: str
    list_type: str
    context: str = ""  # shown above the title: the plan a section belongs to
    validity: str = ""  # 有效性 of a document (metadata.Validity), "" for none

    @property
    def year(self):
        return self.published.year if self.published else None

    @property
    def region_path(self):
        return lineage(self.region) if self.region else []


def documents_for(item):
    """The documents of one item: none unless it is public now."""
    if not is_public(item):
        return []
    # Labels inside a record's text (名录 names, organisation types) in the item's own
    # language, whatever language the request that published it was in.
    locale = getattr(item, "locale", None)
    language = locale.language_code if locale else settings.LANGUAGE_CODE
    with translation.override(language):
        return _documents(item)


def _documents(item):
    record = item.as_public_record()
    if record.kind not in KIND_LABELS or not record.url:
        return []  # not reachable yet (its section page is not published)
    main = SearchDocument(
        id=record.key,
        key=record.key,
        kind=record.kind,
        language=record.language,
        title=record.title,
        text=record.text,
        url=record.url,
        published=record.published_on,
        region=record.region_code or "",
        agency=record.agency,
        list_type=record.list_type,
        # Not part of the public record (the ledger hashes that): read beside it, as
        # the open-data catalogue does.
        validity=getattr(item, "validity", ""),
    )
    sections = getattr(item, "public_sections", None)
    if sections is None:
        return [main]
    # The plan's own document keeps title and summary; its text lives in the sections.
    parts = [
        SearchDocument(
            id=f"{record.key}#{anchor}",
            key=record.key,
            kind=record.kind,
            language=record.language,
            title=heading,
            text=text,
            url=f"{record.url}#{anchor}",
            published=record.published_on,
            region=main.region,
            agency=record.agency,
            list_type="",
            context=record.title,
            validity=main.validity,
        )
        for anchor, heading, text in sections()
    ]
    summary = getattr(item, "summary", "")
    return [replace(main, text=summary), *parts]


def all_public_items():
    """Every public item, for a rebuild: pages through the tree, records per model."""
    with lookups_cached():  # section pages and column regions once per rebuild
        for model in disclosure_models():
            rows = public_items(model).select_related("agency", *model.public_related)
            if issubclass(model, Page):
                rows = rows.select_related("locale")
            yield from rows.iterator(chunk_size=500)


def load_item(key):
    """The item a key names, or None when it no longer exists."""
    label, _, pk = key.partition(":")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model._default_manager.filter(pk=pk).first()
