"""The announcement: which public items changed.

The signal and its message live on the ground floor so that every room may listen,
but only ``publishing`` announces: it is the only room that watches Wagtail and the
database for changes to what the public sees (``publishing/events.py``). It decides
which items a change reaches (the item itself, the records of an organisation,
everything under a moved page, every item naming a renamed agency or region) and
announces them once through ``public_items_changed``. The ledger, search's queue and
open data's change marks listen to this signal and to nothing else, so they cannot
disagree about what changed (Whitehall's service coordinator;
../shared/docs/STYLE.md).

Receivers run inside the transaction that made the change, and each decides from the
database what an item is now (public or not), so hearing of an item twice is harmless.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.dispatch import Signal

from .public import item_key

# Sent with ``changes`` (a tuple of ``Change``) and ``models`` (the labels of every
# model whose rows changed, shared tables such as regions included).
public_items_changed = Signal()


@dataclass(frozen=True)
class Change:
    """One item whose public state or text may have changed."""

    item: object  # the instance (before deletion, for a deleted item)
    note: str = ""  # change note, or the reason of a withdrawal or deletion
    # The item itself was taken down (unpublished, withdrawn or deleted), whatever
    # the database still says inside the transaction.
    withdrawn: bool = False
    emergency: bool = False  # published by an emergency publication, unreviewed

    @property
    def key(self):
        return item_key(self.item)


@dataclass
class _Batch:
    changes: dict = field(default_factory=dict)  # key → Change
    models: set = field(default_factory=set)
    notes: dict = field(default_factory=dict)  # key → note given in advance

    def add(self, changes, models):
        for change in changes:
            # The later change of an item wins, keeping a note given earlier.
            earlier = self.changes.get(change.key)
            note = change.note or self.notes.get(change.key)
            if not note and earlier is not None:
                note = earlier.note
            self.changes[change.key] = replace(change, note=note or "")
        self.models |= set(models)

    def note(self, item, text):
        """Give the change ``item`` is about to make a note (a withdrawal reason)."""
        self.notes[item_key(item)] = text


_batch = contextvars.ContextVar("announcement_batch", default=None)


def announce(changes, models=()):
    """Announce ``changes``; inside ``batch()`` they are gathered and announced once
    when the batch ends."""
    changes = list(changes)
    models = {*models, *(_label(change.item) for change in changes)}
    if not changes and not models:
        return
    pending = _batch.get()
    if pending is not None:
        pending.add(changes, models)
        return
    once = _Batch()
    once.add(changes, models)
    _send(once)


@contextmanager
def batch():
    """Gather every announcement made inside into one (an import, a withdrawal, a
    bulk action); nothing is announced if the block raises."""
    if _batch.get() is not None:  # already inside a batch: it announces
        yield _batch.get()
        return
    pending = _Batch()
    token = _batch.set(pending)
    try:
        yield pending
    finally:
        _batch.reset(token)
    _send(pending)


def _send(pending):
    if pending.changes or pending.models:
        public_items_changed.send(
            sender=Change,
            changes=tuple(pending.changes.values()),
            models=frozenset(pending.models),
        )


def _label(instance):
    model = type(instance)
    return model._meta.concrete_model._meta.label_lower
