"""Injected gambling text on hacked government pages, cut out of the lines of a plan
and reported.

What counts as injected (betting brands followed by a colon, ``加强开云体育:基层治理``)
is ``content_models.disclosure.spam_words``, shared with the publication guard;
extend ``BETTING_BRANDS`` there when a new brand shows up.
"""

from __future__ import annotations

import re

from content_models.disclosure.spam_words import (
    ADVERT_LINE,
    BRAND_INJECTION,
    LATIN_BRAND_INJECTION,
    spam_words_in,
)

from .model import Injection

# A hacked page's planted title: listed words strung together with _ , | and no
# sentence: ``91福利影院_91精品在线看_久久夜视频_…``.
_KEYWORD_SEPARATORS = re.compile(r"[_,，|丨]")
_MIN_KEYWORDS = 4
# A copying site's own advert, by what only adverts carry: a phone number
# "同号" on WeChat, or the site's own address announced as 网址.
_CONTACT_ADVERT = re.compile(
    r"微信同号|加微信|(?:网址|官网)\s*[:：]\s*(?:https?://)?www\."
)
_SENTENCE_END = re.compile(r"[。；;！？!?]")


def _is_planted_line(text: str) -> bool:
    """A whole line that is a keyword title or a contact advert, not prose."""
    if _SENTENCE_END.search(text):
        return False
    if _CONTACT_ADVERT.search(text) and len(text) <= 80 and "联系人" not in text:
        return True
    pieces = [p for p in _KEYWORD_SEPARATORS.split(text) if p.strip()]
    return len(pieces) >= _MIN_KEYWORDS and bool(spam_words_in(text))


def _ascii_word_continues(text: str, start: int) -> bool:
    """True when a Latin brand match starts inside a longer word (e.g. 'job:')."""
    return start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()


def find_injections(text: str) -> list[tuple[int, int]]:
    """Spans of injected text in one line, left to right, non-overlapping."""
    spans: list[tuple[int, int]] = []
    for pattern in (BRAND_INJECTION, LATIN_BRAND_INJECTION):
        for match in pattern.finditer(text):
            start, end = match.span()
            if _ascii_word_continues(text, start):
                continue
            if any(
                start < other_end and other_start < end
                for other_start, other_end in spans
            ):
                continue
            spans.append((start, end))
    if not spans and (ADVERT_LINE.match(text.strip()) or _is_planted_line(text)):
        spans.append((0, len(text)))
    return sorted(spans)


def strip_injections(number: int, text: str) -> tuple[str, list[Injection]]:
    """Remove injected text from a line; report each piece with the line number."""
    spans = find_injections(text)
    if not spans:
        return text, []
    found = [
        Injection(line=number, text=text[start:end].strip()) for start, end in spans
    ]
    kept, cursor = [], 0
    for start, end in spans:
        kept.append(text[cursor:start])
        cursor = end
    kept.append(text[cursor:])
    return "".join(kept).strip(), found
