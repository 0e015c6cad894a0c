"""Small tools the demo modules share."""

import copy
import datetime
import hashlib
import json
import re
from collections import Counter

from django.utils import timezone

from wagtail.models import Locale
from wagtail_localize.models import (
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

from stdnum.cn import uscc

# CJK ideographs (with extension A and the compatibility block): what an English page
# must not show, except where a demo names it as kept (a 文号 such as 清民发〔2025〕12号).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


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
    """A top-level section under the Chinese home page, with its English translation
    made in wagtail-localize and published through review."""
    publish_page(demo.home, page)
    english = localize_page(
        page, {"title": english_title, **english_fields}, demo.review.editor
    )
    demo.review.publish(english, demo.review.editor)
    return page


def localize_page(page, english, user, keep=(), links=None, glossary=None):
    """Translate ``page`` into English as an editor does in wagtail-localize, and
    return the English draft (not live: the demo's review publishes it).

    The page is submitted for translation (a ``TranslationSource`` and its segments),
    each segment gets its English text as a ``StringTranslation`` by ``user``, and
    ``Translation.save_target`` writes the draft. The admin therefore shows the
    English page as a wagtail-localize translation, up to date, that an editor opens
    and changes segment by segment; when the Chinese page changes, the translation
    is updated the same way.

    ``english`` holds the page's English field values in the source's shape (the
    same StreamField block ids, the same paragraphs in rich text): a segment's
    English is the segment at the same place of the page with those values. A
    segment found nowhere there is looked up by its text in ``glossary``, else kept.
    ``keep`` names the segment paths (or fields) that may stay Chinese; any other
    segment still holding Chinese is refused with its path. ``links`` maps a
    synchronised foreign key to the page it names in English (a segment override,
    as an editor sets on the translation's "synchronised values" tab).
    """
    page = page.specific
    locale = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.update_or_create_from_instance(page)
    _translate_strings(source, page, english, user, locale, set(keep), glossary or {})
    for field_name, target in (links or {}).items():
        context = TranslationContext.objects.get(object=source.object, path=field_name)
        SegmentOverride.objects.update_or_create(
            locale=locale,
            context=context,
            defaults={"data_json": json.dumps(target.pk), "last_translated_by": user},
        )
    translation, _created = LocalizeTranslation.objects.get_or_create(
        source=source, target_locale=locale
    )
    translation.save_target(user=user, publish=False)
    return translation.get_target_instance().specific


def _translate_strings(source, page, english, user, locale, keep, glossary):
    example = copy.copy(page)  # the page with its English values, never saved
    for name, value in english.items():
        setattr(example, name, value)
    wanted = _strings_by_place(
        segment
        for segment in extract_segments(example)
        if isinstance(segment, StringSegmentValue)
    )
    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    places = _places(segment.context.path for segment in segments)
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=locale, context__in=[segment.context for segment in segments]
        )
    }
    problems, new = [], []
    for segment, place in zip(segments, places, strict=True):
        path, original = segment.context.path, segment.string.data
        text = wanted.get(place, original)
        if not _kept(path, keep):
            if text == original:  # not in the example, or not changed there
                text = glossary.get(original, original)
            if HAN.search(text):
                problems.append(f"{path}: {text[:40]}")
        row = existing.get((segment.string_id, segment.context_id))
        if row is None:
            new.append(
                StringTranslation(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    data=text,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    last_translated_by=user,
                )
            )
        elif row.data != text:
            row.data, row.last_translated_by = text, user
            row.save(update_fields=["data", "last_translated_by", "updated_at"])
    if problems:
        raise ValueError(
            f"“{page.title}” (page {page.pk}) has no English for: "
            + "; ".join(problems)
        )
    StringTranslation.objects.bulk_create(new)


def _places(paths):
    """(path, n): the n-th segment at a path (rich text has one path for all its
    paragraphs), so that the source and its English example line up."""
    seen = Counter()
    places = []
    for path in paths:
        places.append((path, seen[path]))
        seen[path] += 1
    return places


def _strings_by_place(segments):
    segments = list(segments)
    return {
        place: segment.string.data
        for place, segment in zip(
            _places(segment.path for segment in segments), segments, strict=True
        )
    }


def _kept(path, keep):
    return path in keep or path.partition(".")[0] in keep
