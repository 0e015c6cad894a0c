"""Injected gambling text on hacked government pages, cut out of the lines of a plan
and reported.

What counts as injected (betting brands followed by a colon, ``加强开云体育:基层治理``)
is ``content_models.disclosure.spam_words``, shared with the publication guard;
extend ``BETTING_BRANDS`` there when a new brand shows up.
"""

from __future__ import annotations

from content_models.disclosure.spam_words import (
    ADVERT_LINE,
    BRAND_INJECTION,
    LATIN_BRAND_INJECTION,
)

from .model import Injection


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
    if not spans and ADVERT_LINE.match(text.strip()):
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
