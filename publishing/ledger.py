"""The public ledger: every publication, correction and withdrawal appended to a hash
chain, so that anyone can check that nothing public was changed or removed quietly.

An entry's hash is the SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of
``{"seq", "action", "item": {"key", "type", "index_number"}, "time", "content_sha256",
"prev_hash"}``, plus ``"emergency": true`` for a publication made without review
(emergency publication); the first entry's ``prev_hash`` is 64 zeros.
``content_sha256`` is the SHA-256 of the canonical JSON snapshot of the public record
(``snapshot()``), or of the empty string for a withdrawal. ``time`` is hashed as the
API shows it (ISO 8601, UTC).
The /ledger/ page explains the same to readers and publishes a program that checks it.

Title, address and note are shown next to each entry but are not hashed; ``breaks()``
checks title and address against the hashed snapshot. The note (change note or
withdrawal reason) is covered by nothing: changing it is not detected.
"""

import dataclasses
import datetime
import hashlib
import json

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from content_models.disclosure.public import (
    is_public,
    item_key,
    public_items,
    public_models,
)

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


def snapshot(item):
    """What the public sees of the item, as canonical JSON."""
    return canonical(dataclasses.asdict(item.as_public_record()))


def hashed_fields(entry):
    """Exactly what an entry's hash covers (the recipe documented above)."""
    fields = {
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
    if entry.emergency:  # only when set, so entries made before it hash as they did
        fields["emergency"] = True
    return fields


def entry_hash(entry):
    return sha256(canonical(hashed_fields(entry)))


def latest_for(key):
    return LedgerEntry.objects.filter(item_key=key).order_by("-seq").first()


def record_changes(sender, changes, **kwargs):
    """Listener of the announcement (content_models.disclosure.announcements): bring
    each changed item's ledger up to what is public now."""
    for change in changes:
        if change.withdrawn or not is_public(change.item):
            record_withdrawal(change.item, reason=change.note)
        else:
            record_publication(change.item, change.note, emergency=change.emergency)


def record_publication(item, note="", emergency=False):
    """After ``item`` was published: a publish entry the first time (or after a
    withdrawal), a correction when what is public changed; nothing when it did not
    (an emergency publication is always recorded, as such)."""
    if not is_public(item):
        return None
    content = snapshot(item)
    last = latest_for(item_key(item))
    if last and last.action != LedgerAction.WITHDRAWAL:
        if last.content_sha256 == sha256(content) and not emergency:
            return None
        return _append(item, LedgerAction.CORRECTION, content, note, emergency)
    return _append(item, LedgerAction.PUBLISH, content, note, emergency)


def record_withdrawal(item, reason=""):
    """After ``item`` stopped being public (withdrawn or unpublished)."""
    last = latest_for(item_key(item))
    if last is None or last.action == LedgerAction.WITHDRAWAL:
        return None
    return _append(item, LedgerAction.WITHDRAWAL, "", reason)


@transaction.atomic
def _append(item, action, content, note, emergency=False):
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
        emergency=emergency,
        snapshot=content,
        content_sha256=sha256(content),
        prev_hash=previous.hash if previous else GENESIS,
    )
    entry.hash = entry_hash(entry)
    entry.save()
    return entry


# -- reading -----------------------------------------------------------------------


def history(item):
    """The item's entries, oldest first (what its page lists as 公开记录)."""
    return LedgerEntry.objects.filter(item_key=item_key(item)).order_by("seq")


def withdrawn_now(keys):
    """Of these item keys, those whose latest entry is a withdrawal (two queries)."""
    latest = (
        LedgerEntry.objects.filter(item_key__in=set(keys))
        .values("item_key")
        .annotate(last=Max("seq"))
        .values_list("last", flat=True)
    )
    return set(
        LedgerEntry.objects.filter(
            seq__in=list(latest), action=LedgerAction.WITHDRAWAL
        ).values_list("item_key", flat=True)
    )


def shows_content(entry, withdrawn=None):
    """Publish and correction entries hold a version readers can open, unless the item
    has since been withdrawn: what was taken down (perhaps for privacy) is not served
    again, while its hashes stay in the chain. ``withdrawn``: ``withdrawn_now()`` of a
    page of entries, computed once for all of them."""
    if entry.action == LedgerAction.WITHDRAWAL:
        return False
    if withdrawn is None:
        withdrawn = withdrawn_now([entry.item_key])
    return entry.item_key not in withdrawn


# -- verification ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Break:
    """Something wrong with the ledger: the entry (``seq``) and item it concerns."""

    seq: int | None
    item: str
    problem: str

    def __str__(self):
        return _("第 %(seq)s 条（%(item)s）：%(problem)s") % {
            "seq": self.seq if self.seq is not None else "—",
            "item": self.item,
            "problem": self.problem,
        }


# The entry columns people read, and where the snapshot says the same.
_SHOWN = {
    "item_key": "key",
    "item_type": "kind",
    "index_number": "index_number",
    "title": "title",
    "url": "url",
}


def breaks():
    """Everything wrong, in order: first each entry of the chain by seq, then what is
    public now against the last entry of each item. An empty result means the ledger
    verifies."""
    latest = {}
    yield from _chain_breaks(latest)
    yield from _public_breaks(latest)


def _chain_breaks(latest):
    expected_seq, previous_hash = 1, GENESIS
    for entry in LedgerEntry.objects.order_by("seq").iterator():
        before = latest.get(entry.item_key)
        for problem in _entry_problems(entry, expected_seq, previous_hash, before):
            yield Break(entry.seq, entry.item_key, problem)
        latest[entry.item_key] = entry
        expected_seq, previous_hash = entry.seq + 1, entry.hash


def _entry_problems(entry, expected_seq, previous_hash, before):
    if entry.seq != expected_seq:
        yield _("序号不连续：前面缺少第 %(seq)s 条") % {"seq": expected_seq}
    if entry.prev_hash != previous_hash:
        yield _("prev_hash 与前一条的 hash 不符")
    if entry.hash != entry_hash(entry):
        yield _("hash 与按公布方法重新计算的结果不符")
    if entry.content_sha256 != sha256(entry.snapshot):
        yield _("content_sha256 与保存的公开内容快照不符")
    yield from _sequence_problems(entry, before)
    yield from _shown_problems(entry, before)


def _sequence_problems(entry, before):
    """A correction or withdrawal follows a publication of the same item; a publication
    comes first or after a withdrawal. A deleted entry shows up here too."""
    public_before = before is not None and before.action != LedgerAction.WITHDRAWAL
    if entry.action == LedgerAction.PUBLISH and public_before:
        yield _("重复发布：该信息此前已处于公开状态")
    if entry.action != LedgerAction.PUBLISH and not public_before:
        yield _("该信息此前并未公开，不能更正或撤回")


def _shown_problems(entry, before):
    """Title and address are shown next to the hash but are not part of it: they must
    say what the hashed snapshot (or, for a withdrawal, the last version) says."""
    if entry.action != LedgerAction.WITHDRAWAL:
        try:
            shown = json.loads(entry.snapshot)
        except ValueError:
            yield _("公开内容快照不是有效的 JSON")
            return
        expected = {column: shown.get(field) for column, field in _SHOWN.items()}
    elif before is not None:
        expected = {column: getattr(before, column) for column in _SHOWN}
    else:
        return
    for column, value in expected.items():
        if getattr(entry, column) != value:
            yield _("%(column)s 与公开内容快照不符") % {"column": column}


def _public_breaks(latest):
    public_now = set()
    for item in public_now_items():
        key = item_key(item)
        public_now.add(key)
        last = latest.get(key)
        if last is None:
            yield Break(None, key, _("现在公开，但台账中没有发布记录"))
        elif last.action == LedgerAction.WITHDRAWAL:
            yield Break(last.seq, key, _("现在公开，但台账最后记录为撤回"))
        elif last.content_sha256 != sha256(snapshot(item)):
            yield Break(last.seq, key, _("现在公开的内容与台账最后一条记录不符"))
    for key, last in latest.items():
        if last.action != LedgerAction.WITHDRAWAL and key not in public_now:
            yield Break(last.seq, key, _("台账记为公开，但现在已不公开，撤回未记录"))


def public_now_items():
    """Every public item of every kind, each once: a page under its own model."""
    for model in public_models():
        if not model._meta.proxy:
            items = public_items(model)
            if issubclass(model, Page):
                items = items.exact_type(model)
            yield from items.iterator()
