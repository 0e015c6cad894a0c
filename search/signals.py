"""Search listens to the announcement of changed public items and queues their index
updates (docs/ARCHITECTURE.md: publishing announces, search listens)."""

from django.dispatch import receiver

from content_models.disclosure.announcements import public_items_changed

from .documents import KIND_LABELS
from .queue import enqueue


@receiver(public_items_changed, dispatch_uid="search.queue")
def queue_index_updates(sender, changes, **kwargs):
    # Only kinds the public searches; a moved section announces its items itself.
    keys = [
        change.key
        for change in changes
        if getattr(change.item, "record_kind", None) in KIND_LABELS
    ]
    if keys:
        enqueue(keys)
