"""Marks a dataset changed, in the same transaction as the change, whenever its rows
may have changed: publish, unpublish (withdrawals too), deletion, a page moved or
renamed, or a region or agency (whose names rows show) saved.

Downloads answer ``ETag`` / ``Last-Modified`` from these marks (``DatasetState``) with
one query instead of reading the rows.
"""

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

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


def _model_changed(instance):
    model = type(instance)
    if model._meta.proxy:
        model = model._meta.concrete_model
    mark_changed(datasets_changed_by(model._meta.label_lower))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
def page_changed(sender, instance, **kwargs):
    # Moves and slug changes change addresses in the catalogue.
    _model_changed(instance.specific_deferred)


@receiver(published)
@receiver(unpublished)
@receiver(post_delete)
def record_changed(sender, instance, **kwargs):
    _model_changed(instance)


@receiver(post_save)
def shared_saved(sender, instance, raw=False, **kwargs):
    # Plain models (regions, agencies, categories) are not published; their saves
    # show at once in every row that names them.
    if not raw and not hasattr(instance, "live"):
        _model_changed(instance)
