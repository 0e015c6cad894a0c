"""The durable queue between publishing and the index (see ``PendingUpdate``)."""

import datetime
import logging
import time

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .documents import all_public_items, documents_for, load_item
from .engines import get_engine
from .models import PendingUpdate, Rebuild

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# After a failure, publishing stops calling the engine for a while: a burst of
# publications (an import, the demo) must not wait for an unreachable engine each time.
# process_search_queue always tries.
RETRY_AFTER_SECONDS = 30
_failed_at = {}  # engine → time.monotonic() of its last failure
# A rebuild marker older than this was left by a process that died mid-rebuild.
STALE_REBUILD = datetime.timedelta(hours=6)


def enqueue(keys):
    """Queue the keys in the caller's transaction; try to apply once it commits."""
    for key in dict.fromkeys(keys):
        PendingUpdate.objects.update_or_create(
            key=key, defaults={"queued_at": timezone.now()}
        )
    transaction.on_commit(_schedule, robust=True)


def _schedule():
    from .tasks import apply_search_updates

    apply_search_updates.enqueue()


def documents_for_key(key):
    item = load_item(key)
    return (
        documents_for(item.specific if hasattr(item, "specific") else item)
        if item
        else []
    )


def apply_pending(engine=None, force=False):
    """Apply every queued update; returns how many were applied.

    Stops at the first engine failure and leaves the rest queued (the next publish, or
    ``process_search_queue`` run by cron, tries again). A row queued again while its
    update was being applied stays queued.
    """
    if _rebuilding():
        return 0  # the rebuild applies the queue once it has switched indexes
    engine = engine or get_engine()
    if not force and _resting(engine):
        return 0
    applied = 0
    last_pk = 0
    while True:
        rows = list(
            PendingUpdate.objects.filter(pk__gt=last_pk).order_by("pk")[:BATCH_SIZE]
        )
        if not rows:
            return applied
        last_pk = rows[-1].pk
        batch, broken = {}, []
        for row in rows:
            try:
                batch[row.key] = documents_for_key(row.key)
            except Exception as error:  # one broken item must not block the queue
                logger.exception("search: cannot build documents for %s", row.key)
                broken.append((row, error))
        try:
            engine.replace(batch)
        except Exception as error:
            _failed_at[engine] = time.monotonic()
            logger.warning(
                "search: engine unavailable, %d updates wait: %s", len(rows), error
            )
            _failed(rows, error)
            return applied
        for row, error in broken:
            _failed([row], error)
        done = [row for row in rows if row.key in batch]
        if done:
            PendingUpdate.objects.filter(
                _any(Q(pk=row.pk, queued_at=row.queued_at) for row in done)
            ).delete()
        applied += len(done)


def _resting(engine):
    failed = _failed_at.get(engine)
    return failed is not None and time.monotonic() - failed < RETRY_AFTER_SECONDS


def _failed(rows, error):
    PendingUpdate.objects.filter(pk__in=[row.pk for row in rows]).update(
        attempts=F("attempts") + 1, last_error=str(error)[:2000]
    )


def _any(conditions):
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


def _rebuilding():
    return Rebuild.objects.filter(
        started_at__gt=timezone.now() - STALE_REBUILD
    ).exists()


def rebuild(engine=None):
    """Index every public item into a new index and switch to it; returns the number
    of documents. Searches keep using the old index until the switch.

    Updates queued before the rebuild read the database are covered by it; those
    queued during it are applied to the new index afterwards.
    """
    engine = engine or get_engine()
    Rebuild.objects.filter(started_at__lte=timezone.now() - STALE_REBUILD).delete()
    marker = Rebuild.objects.create()
    try:
        count = engine.rebuild(
            document for item in all_public_items() for document in documents_for(item)
        )
    finally:
        marker.delete()
    # Only now that the new index holds them: a failed rebuild leaves the old index
    # in use, and it still needs these updates.
    PendingUpdate.objects.filter(queued_at__lte=marker.started_at).delete()
    apply_pending(engine, force=True)
    return count
