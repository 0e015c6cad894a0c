"""The 目录 (table of contents) that repeats the headings at the top of a page.

Dropped, never merged: the headings come from the body, where they carry text.
"""

from __future__ import annotations

from .model import Line
from .outline import match_heading
from .text import fold, is_sentence

_MARKERS = frozenset({"目录", "目次"})
_MAX_ENTRY = 60
_MIN_UNMARKED_RUN = 3


def _is_marker(text: str) -> bool:
    return fold(text).replace(" ", "") in _MARKERS


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


def _marked_toc(lines: list[Line], title: str | None) -> tuple[int, int] | None:
    """[start, end) of a TOC introduced by a 目录 line."""
    start = next((i for i, line in enumerate(lines) if _is_marker(line.text)), None)
    if start is None:
        return None
    seen: set[str] = set()
    end = start + 1
    while end < len(lines):
        text = lines[end].text
        key = _key(text)
        # The body begins at running text, at the document title printed again,
        # or where the first entry comes round a second time.
        if is_sentence(text) or len(text) > _MAX_ENTRY or key in seen:
            break
        if title and key == _key(title):
            break
        seen.add(key)
        end += 1
    return start, end


def _unmarked_toc(lines: list[Line]) -> tuple[int, int] | None:
    """A run of bare headings at the top whose texts all come again later."""
    start = next((i for i, line in enumerate(lines) if match_heading(line.text)), None)
    if start is None:
        return None
    end, seen = start, set()
    while end < len(lines) and _is_bare_heading(lines[end].text):
        if _key(lines[end].text) in seen:
            break  # the body's first heading: the contents came round again
        seen.add(_key(lines[end].text))
        end += 1
    if end - start < _MIN_UNMARKED_RUN:
        return None
    later = [_key(line.text) for line in lines[end:]]
    cursor = 0
    for line in lines[start:end]:
        try:
            cursor = later.index(_key(line.text), cursor) + 1
        except ValueError:
            return None
    return start, end


def _is_bare_heading(text: str) -> bool:
    return match_heading(text) is not None and not is_sentence(text)


def drop_toc(lines: list[Line], title: str | None) -> tuple[list[Line], int]:
    """Lines without the table of contents, and how many lines it had."""
    span = _marked_toc(lines, title) or _unmarked_toc(lines)
    if span is None:
        return lines, 0
    start, end = span
    return lines[:start] + lines[end:], end - start
