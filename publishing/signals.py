"""Everything that changes what the public sees goes into the ledger, in the same
transaction: publications, withdrawals and deletions, and the changes that reach an
item from elsewhere (a page moved or renamed above it, an organisation or agency whose
name it shows). ``record_publication`` adds nothing when the public content did not
change, so a receiver may safely over-report."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from wagtail.models import Page, TaskState
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from content_models.disclosure.metadata import DisclosureMetadata
from content_models.disclosure.models import Agency

from . import ledger


def _item(instance):
    instance = instance.specific if isinstance(instance, Page) else instance
    return instance if isinstance(instance, DisclosureMetadata) else None


def change_note(revision):
    """The editor's change note for a correction. Wagtail has no change-note field on
    publish; the comment a reviewer writes when approving the revision ("批准并附言")
    is the note the workflow already keeps, so the latest one is used."""
    if revision is None:
        return ""
    state = (
        TaskState.objects.filter(revision=revision, status=TaskState.STATUS_APPROVED)
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return state.comment if state else ""


@receiver(page_published)
def page_was_published(sender, instance, revision=None, **kwargs):
    _published(instance, revision)


@receiver(published)
def record_was_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, Page):  # pages also send page_published
        _published(instance, revision)


def _published(instance, revision):
    item = _item(instance)
    if item is None:
        return
    ledger.record_publication(item, note=change_note(revision))
    dependents = getattr(item, "public_dependents", None)
    if dependents:  # e.g. an organisation's new name shown in its list entries
        for dependent in dependents():
            ledger.record_publication(dependent)


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    _withdrawn(instance)


@receiver(unpublished)
def record_was_unpublished(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        _withdrawn(instance)


@receiver(pre_delete)
def item_deleting(sender, instance, **kwargs):
    """Deleting a public item takes it away from the public like a withdrawal does
    (Wagtail sends no unpublish signal when it deletes a live page)."""
    if isinstance(instance, DisclosureMetadata):
        ledger.record_withdrawal(instance, reason=_("已删除"))


def _withdrawn(instance):
    item = _item(instance)
    if item is not None:
        ledger.record_withdrawal(item)


@receiver(post_page_move)
@receiver(page_slug_changed)
def pages_moved(sender, instance, **kwargs):
    """Every address under a moved or renamed page changes."""
    pages = Page.objects.descendant_of(instance, inclusive=True).live().specific()
    _changed(page for page in pages if isinstance(page, DisclosureMetadata))


@receiver(post_save, sender=Agency)
def agency_saved(sender, instance, created=False, **kwargs):
    """Every public item shows its agency's name."""
    if not created:
        _changed(ledger.public_now_items(agency=instance))


def _changed(items):
    for item in items:
        ledger.record_publication(item)
