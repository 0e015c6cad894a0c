"""Marks a dataset changed, in the same transaction as the change, whenever the
announcement of changed public items (content_models.disclosure.announcements) names
a model its rows are read from: publish, unpublish, withdrawal, deletion, a page moved
or renamed, an agency or region (whose names rows show) saved.

Downloads answer ``ETag`` / ``Last-Modified`` from these marks (``DatasetState``) with
one query instead of reading the rows.
"""

from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from content_models.disclosure.announcements import public_items_changed

from .datasets import datasets_changed_by
from .models import DatasetState


def state_of(dataset):
    """The dataset's change mark, created on first use."""
    return states_of([dataset])[dataset.slug]


def states_of(datasets):
    """{slug: change mark} of ``datasets`` in one query (missing marks created)."""
    slugs = [dataset.slug for dataset in datasets]
    found = {state.slug: state for state in DatasetState.objects.filter(slug__in=slugs)}
    for slug in slugs:
        if slug not in found:
            found[slug], _ = DatasetState.objects.get_or_create(
                slug=slug, defaults={"changed_at": timezone.now()}
            )
    return found


def mark_changed(datasets):
    if not datasets:
        return
    slugs = [dataset.slug for dataset in datasets]
    states_of(datasets)
    DatasetState.objects.filter(slug__in=slugs).update(
        generation=F("generation") + 1, changed_at=timezone.now()
    )


@receiver(public_items_changed, dispatch_uid="opendata.changes")
def public_items_changed_marks(sender, models, **kwargs):
    changed = {}
    for label in models:
        for dataset in datasets_changed_by(label):
            changed[dataset.slug] = dataset
    mark_changed(list(changed.values()))
