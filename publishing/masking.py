"""一键打码: mask every ID, mobile and bank-card number in an item's draft.

The masking rule itself is ``content_models.disclosure.privacy``'s; this module applies
it to the fields, stream blocks and child rows the guards read (guards/texts.py) and
saves the result as a new draft revision. Numbers a reviewer recorded as not personal
data for the item are left as they are. It never publishes: the masked draft goes
through review and the guards like any other. Attachments are files, not text: their
problems tell the editor to replace the file.
"""

from django.db import transaction

from content_models.disclosure.privacy import (
    find_personal_data,
    kept_numbers,
    mask_personal_data,
)
from content_models.disclosure.public import item_key

from .guards.texts import child_rows, stream_fields, text_fields


def mask_text(text, keep=()):
    """``150102198001011234`` → ``150102********1234``, ``13812345678`` →
    ``138****5678``, bank cards → ``6222***********1234``; the rest unchanged."""
    return mask_personal_data(text, keep)


@transaction.atomic
def mask_item(item, user=None):
    """Mask the latest draft of ``item`` and save it as a new revision.

    Returns how many numbers were masked (0: nothing saved)."""
    # Read the row again: the caller's copy may not know the latest revision.
    draft = type(item)._default_manager.get(pk=item.pk).get_latest_revision_as_object()
    keep = kept_numbers(item_key(item))
    count = _mask_fields(draft, keep)
    for field in stream_fields(type(draft)):
        count += _mask_stream(draft, field.name, keep)
    for _relation, rows in child_rows(draft):
        for row in rows:
            count += _mask_fields(row, keep)
    if count:
        draft.save_revision(user=user, log_action=True, clean=False)
    return count


def _mask_fields(obj, keep):
    count = 0
    for field in text_fields(type(obj)):
        value = getattr(obj, field.name)
        if value:
            count += len(find_personal_data(value, keep))
            setattr(obj, field.name, mask_text(value, keep))
    return count


def _mask_stream(obj, name, keep):
    """Mask the stream's stored form (its JSON), every string inside a block value."""
    raw = getattr(obj, name).get_prep_value()
    counter = [0]
    masked = _mask_json(raw, counter, keep)
    if counter[0]:
        setattr(obj, name, masked)
    return counter[0]


def _mask_json(value, counter, keep, key=None):
    if isinstance(value, str):
        if key in ("id", "type"):  # block bookkeeping, not text
            return value
        counter[0] += len(find_personal_data(value, keep))
        return mask_text(value, keep)
    if isinstance(value, list):
        return [_mask_json(item, counter, keep) for item in value]
    if isinstance(value, dict):
        return {
            name: _mask_json(item, counter, keep, name) for name, item in value.items()
        }
    return value
