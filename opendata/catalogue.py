"""The disclosure catalogue (信息公开目录): one row per public item of every kind, read
from the item's own ``as_public_record()`` like search and the ledger, so the three
cannot disagree about an item's 索引号, title or address.

It spans many models, so it is built from model instances rather than one queryset:
its rows are ordered by model label and then primary key, and its position is the
item's key ("app.model:pk").
"""

import functools

from django.apps import apps
from django.db.models import Count, Max, Min

from wagtail.models import Page, Site

from content_models.disclosure.public import (
    disclosure_models,
    lookups_cached,
    public_items,
)

from .schema import Dataset, digest, local_date, public_value


class CatalogueDataset(Dataset):
    def watches(self, label):
        return label in self.models or label in self._labels()

    def queryset(self):
        return self.select()

    def select(self, *, updated_since=None, **unused):
        """[(label, queryset)] per model in order; only ``updated_since`` filters."""
        selection = []
        for model in self._models():
            rows = public_items(model).select_related(
                "agency", "topic", "genre", *model.public_related
            )
            if issubclass(model, Page):
                rows = rows.select_related("locale")
            if updated_since:
                rows = rows.filter(last_published_at__gte=updated_since)
            # As every dataset: only items Wagtail's publication made live.
            rows = rows.filter(live_revision__isnull=False)
            selection.append((model._meta.label_lower, rows.order_by("pk")))
        return selection

    def filter(self, selection, **filters):
        return self.select(**filters)

    def offers(self):
        return ["updated_since"]

    def published_before(self, moment):
        return [
            (label, rows.filter(first_published_at__lt=moment))
            for label, rows in self.select()
        ]

    def fingerprint(self):
        """As ``Dataset.fingerprint``, one aggregate per model, plus the addresses
        rows are written on (the Site's root and the configured base URL)."""
        found = {"root": _site_root()}
        for label, rows in self.select():
            found[label] = rows.order_by().aggregate(
                rows=Count("pk"),
                last=Max("pk"),
                updated=Max("last_published_at"),
                revision=Max("live_revision"),
            )
        return digest(found)

    def count(self, selection):
        return sum(rows.count() for _, rows in selection)

    def coverage(self):
        """From the first to the last publication of any item listed."""
        found = [
            rows.order_by().aggregate(
                first=Min("last_published_at"), last=Max("last_published_at")
            )
            for _, rows in self.select()
        ]
        found = [item for item in found if item["first"] is not None]
        if not found:
            return None
        return (
            local_date(min(item["first"] for item in found)),
            local_date(max(item["last"] for item in found)),
        )

    def rows(self, selection=None, limit=None):
        selection = self.select() if selection is None else selection
        root = _site_root()
        produced = 0
        with lookups_cached():
            for _, rows in selection:
                for item in rows.iterator(chunk_size=500):
                    if limit is not None and produced >= limit:
                        return
                    produced += 1
                    yield _row(item, root)

    def page(self, selection, after=None, limit=100):
        if after is not None:
            after_label, after_pk = after
            selection = [
                (label, rows.filter(pk__gt=after_pk) if label == after_label else rows)
                for label, rows in selection
                if label >= after_label
            ]
        rows = self.rows(selection, limit)
        return [(self.parse_position(row[0]), row) for row in rows]

    def position_text(self, position):
        label, pk = position
        return f"{label}:{pk}"

    def parse_position(self, text):
        label, _, pk = text.partition(":")
        if label not in self._labels() or not pk.isdigit():
            raise ValueError(text)
        return label, int(pk)

    def _models(self):
        return [apps.get_model(label) for label in _public_labels()]

    def _labels(self):
        return _public_labels()


@functools.cache  # the app registry is fixed once loaded
def _public_labels():
    return sorted(model._meta.label_lower for model in disclosure_models())


def _site_root():
    """(the default Site's own root URL, the configured base URL): addresses are
    written on the second, not on an installation's ``http://localhost``."""
    from .catalog import base_url

    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "", base_url())


def _row(item, root):
    record = item.as_public_record()
    url = record.url
    site_root, base = root
    if url.startswith("/"):
        url = base + url
    elif site_root and url.startswith(site_root + "/"):
        url = base + url[len(site_root) :]
    values = (
        record.key,
        record.kind,
        record.index_number,
        record.title,
        record.agency,
        record.written_on,
        record.published_on,
        item.document_number,
        item.topic.name if item.topic_id else "",
        item.genre.name if item.genre_id else "",
        item.validity,
        record.region_code,
        record.period,
        record.language,
        url,
        item.first_published_at,
        item.last_published_at,
    )
    return tuple(public_value(value) for value in values)
