"""Publishing events queue index updates (ARCHITECTURE.md: publishing announces,
search listens)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from content_models.disclosure.metadata import DisclosureMetadata

from .documents import item_key
from .queue import enqueue


def _searchable(instance):
    return isinstance(instance, DisclosureMetadata)


def _with_dependents(instance):
    """The item and the public items whose documents repeat its words (an
    organisation's name in its list entries)."""
    yield instance
    dependents = getattr(instance, "public_dependents", None)
    if dependents:
        yield from dependents()


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    _changed(instance.specific)


@receiver(published)
@receiver(unpublished)
def record_changed(sender, instance, **kwargs):
    if not isinstance(instance, Page):  # pages also send page_(un)published
        _changed(instance)


def _changed(instance):
    if _searchable(instance):
        enqueue(item_key(item) for item in _with_dependents(instance))


@receiver(post_delete)
def item_deleted(sender, instance, **kwargs):
    if _searchable(instance):
        enqueue([item_key(instance)])


@receiver(post_page_move)
@receiver(page_slug_changed)
def pages_moved(sender, instance, **kwargs):
    """Every address under a moved or renamed page changes."""
    pages = Page.objects.descendant_of(instance, inclusive=True).specific()
    enqueue(item_key(page) for page in pages if _searchable(page))
