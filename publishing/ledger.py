"""The public ledger: every publication, correction and withdrawal appended to a hash
chain, so that anyone can check that nothing public was changed or removed quietly.

An entry's hash is the SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of
``{"seq", "action", "item": {"key", "type", "index_number"}, "time", "content_sha256",
"prev_hash"}``; the first entry's ``prev_hash`` is 64 zeros. ``content_sha256`` is the
SHA-256 of the canonical JSON snapshot of the public record (``snapshot()``), or of the
empty string for a withdrawal. The /ledger/ page explains the same to readers.
"""

import dataclasses
import datetime
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from content_models.disclosure.public import is_public

from .models import LedgerAction, LedgerEntry

GENESIS = "0" * 64


def canonical(value):
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_iso
    )


def _iso(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def item_key(item):
    return f"{item._meta.label_lower}:{item.pk}"


def snapshot(item):
    """What the public sees of the item, as canonical JSON."""
    return canonical(dataclasses.asdict(item.as_public_record()))


def entry_hash(entry):
    return sha256(
        canonical(
            {
                "seq": entry.seq,
                "action": entry.action,
                "item": {
                    "key": entry.item_key,
                    "type": entry.item_type,
                    "index_number": entry.index_number,
                },
                "time": entry.time.isoformat(),
                "content_sha256": entry.content_sha256,
                "prev_hash": entry.prev_hash,
            }
        )
    )


def latest_for(key):
    return LedgerEntry.objects.filter(item_key=key).order_by("-seq").first()


def record_publication(item, note=""):
    """After ``item`` was published: a publish entry the first time (or after a
    withdrawal), a correction when what is public changed; nothing when it did not."""
    if not is_public(item):
        return None
    content = snapshot(item)
    last = latest_for(item_key(item))
    if last and last.action != LedgerAction.WITHDRAWAL:
        if last.content_sha256 == sha256(content):
            return None
        return _append(item, LedgerAction.CORRECTION, content, note)
    return _append(item, LedgerAction.PUBLISH, content, note)


def record_withdrawal(item, reason=""):
    """After ``item`` stopped being public (withdrawn or unpublished)."""
    last = latest_for(item_key(item))
    if last is None or last.action == LedgerAction.WITHDRAWAL:
        return None
    return _append(item, LedgerAction.WITHDRAWAL, "", reason)


@transaction.atomic
def _append(item, action, content, note):
    previous = LedgerEntry.objects.select_for_update().order_by("-seq").first()
    record = item.as_public_record()
    entry = LedgerEntry(
        seq=previous.seq + 1 if previous else 1,
        action=action,
        item_key=item_key(item),
        item_type=record.kind,
        index_number=record.index_number,
        title=record.title,
        url=record.url,
        time=timezone.now().replace(microsecond=0),
        note=note,
        snapshot=content,
        content_sha256=sha256(content),
        prev_hash=previous.hash if previous else GENESIS,
    )
    entry.hash = entry_hash(entry)
    entry.save()
    return entry
