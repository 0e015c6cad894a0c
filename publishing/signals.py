"""Publications and withdrawals go into the ledger in the same transaction."""

from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from content_models.disclosure.metadata import DisclosureMetadata

from . import ledger


def _item(instance):
    instance = instance.specific if isinstance(instance, Page) else instance
    return instance if isinstance(instance, DisclosureMetadata) else None


@receiver(page_published)
def page_was_published(sender, instance, revision=None, **kwargs):
    _published(instance, revision)


@receiver(published)
def record_was_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, Page):  # pages also send page_published
        _published(instance, revision)


def _published(instance, revision):
    item = _item(instance)
    if item is not None:
        ledger.record_publication(item)


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    item = _item(instance)
    if item is not None:
        ledger.record_withdrawal(item)


@receiver(unpublished)
def record_was_unpublished(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        item = _item(instance)
        if item is not None:
            ledger.record_withdrawal(item)
