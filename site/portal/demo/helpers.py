"""Small tools the demo modules share."""

import datetime
import hashlib

from django.utils import timezone

from wagtail.models import Locale

from stdnum.cn import uscc


def credit_code(kind, region_code, seed, registrar="5"):
    """A valid 统一社会信用代码 (GB 32100-2015): registrar 5 = 民政 (kind 1 社会团体,
    2 民办非企业单位, 3 基金会) or 1 = 机构编制 (kind 1 机关), the region, and a body
    derived from the seed so that the demo is the same every time."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    digest = hashlib.sha256(seed.encode()).digest()
    body = "MJ" + "".join(alphabet[b % 31] for b in digest[:7])
    first17 = f"{registrar}{kind}{region_code[:6]}{body}"
    return first17 + uscc.calc_check_digit(first17 + "0")


def publish_page(parent, page):
    """Add ``page`` under ``parent`` and publish it through review (four eyes).

    A demo document dated in the past is recorded as first published on that day, so
    "latest" lists and feeds read like a real archive rather than all "today"."""
    page.live = False
    parent.add_child(instance=page)
    publish_reviewed(page)
    backdate(page)
    page.refresh_from_db()
    return page


def backdate(page):
    """Record a page dated in the past as first published on that day."""
    day = getattr(page, "published_on", None)
    if day:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=moment, last_published_at=moment
        )


def publish_reviewed(item):
    """Publish ``item``'s current content as the demo staff do: an editor submits it,
    other people approve every step."""
    from .review import default_review  # review builds on these helpers

    default_review().publish(item)


def publish_record(record):
    """Save a snippet record and publish it through review (four eyes)."""
    record.live = False
    record.save()
    publish_reviewed(record)
    record.refresh_from_db()
    return record


def translate_page(page, title, publish=None, **fields):
    """Publish an English translation of ``page`` (index pages: title and intro);
    ``publish(english)`` replaces the direct publication (the demo's review)."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = title
    for name, value in fields.items():
        setattr(english, name, value)
    english.save()
    if publish is None:
        publish_reviewed(english)
    else:
        publish(english)
    return english


def add_section(demo, page, english_title, **english_fields):
    """A top-level section under the Chinese home page, with its English translation."""
    publish_page(demo.home, page)
    translate_page(page, english_title, **english_fields)
    return page
