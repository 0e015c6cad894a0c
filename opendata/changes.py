"""Marks a dataset changed, in the same transaction as the change, whenever the
announcement of changed public items (content_models.disclosure.announcements) names
a model its rows are read from: publish, unpublish, withdrawal, deletion, a page moved
or renamed, an agency or region (whose names rows show) saved.

A write made outside publishing (a shell, a data migration, ``.update()``) announces
nothing, so a single dataset's mark is also checked against the rows' fingerprint
(``Dataset.fingerprint``: one aggregate query) whenever it is read for validators; a
fingerprint that moved bumps the mark there and then. Listeners still hear only the
announcement: the fingerprint is read from the database, not from Wagtail's signals.

Downloads answer ``ETag`` / ``Last-Modified`` from these marks (``DatasetState``).
"""

from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from content_models.disclosure.announcements import public_items_changed

from .datasets import datasets_changed_by
from .models import DatasetState


def state_of(dataset):
    """The dataset's change mark, created on first use and brought up to the rows'
    fingerprint (moved when they changed behind the announcement's back)."""
    state = states_of([dataset])[dataset.slug]
    current = dataset.fingerprint()
    if state.fingerprint != current:
        DatasetState.objects.filter(pk=state.pk).update(
            generation=F("generation") + 1,
            changed_at=timezone.now(),
            fingerprint=current,
        )
        state.refresh_from_db()
    return state


def states_of(datasets):
    """{slug: change mark} of ``datasets`` in one query (missing marks created), as
    last marked: listings read these without each dataset's fingerprint."""
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
