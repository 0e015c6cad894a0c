"""How an item describes itself in a line (feeds, meta description, Open Graph).

Every text goes through ``public_record``, the one place that masks personal numbers,
so a number that slipped past the guards never reaches a feed reader or a crawler."""

from dataclasses import asdict

from django.utils.text import Truncator

from content_models.disclosure.public import public_record

LENGTH = 200  # characters: a search snippet's length, a feed reader's preview


def masked(item, record, text):
    """``text`` masked as ``item``'s public record would mask it (reviewers'
    recorded exceptions included)."""
    fields = asdict(record)
    fields.pop("key")
    fields["text"] = text
    return public_record(item, **fields).text


def summary(item, record=None):
    """The item's 内容概述, masked; "" when it has none."""
    text = (getattr(item, "summary", "") or "").strip()
    if not text:
        return ""
    return masked(item, record or item.as_public_record(), text)


def short(text, length=LENGTH):
    return Truncator(" ".join((text or "").split())).chars(length)


def feed_description(item, record):
    """内容概述 when there is one, else the start of the public text (both masked)."""
    return short(summary(item, record) or record.text)
