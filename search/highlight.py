"""Snippets of the original text around the matches, with ``<mark>``.

Matching happens on folded text (search/text.py) and is shown on the original, so a
query in simplified characters marks the traditional ones it found. Output is escaped
here; only the ``<mark>`` tags are markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import text

SNIPPET_LENGTH = 120
LEAD = 30  # characters shown before the first match
_SPACE = re.compile(r"\s+")


def terms_of(request):
    """Every term a hit may have matched, longest first (so 最低生活保障 is marked
    whole before 低保 inside it)."""
    terms = {t for clause in request.clauses for t in clause.alternatives}
    return sorted(terms, key=len, reverse=True)


def spans(original, terms):
    """Merged (start, end) ranges of ``original`` where a term occurs."""
    folded, offsets = text.fold_with_offsets(original)
    found = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            found.append((offsets[start], offsets[end - 1] + 1))
            start = folded.find(term, end)
    merged = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(original, terms):
    """The whole string, escaped, with matches marked (for titles)."""
    html = _render(original, spans(original, terms), 0, len(original))
    return mark_safe(html)  # noqa: S308 (_render escapes every piece)


def snippet(original, terms, length=SNIPPET_LENGTH):
    """About ``length`` characters around the first match, escaped and marked; the
    start of the text when nothing matched there (a title-only match)."""
    original = _SPACE.sub(" ", original).strip()
    found = spans(original, terms)
    start = max(0, found[0][0] - LEAD) if found else 0
    end = min(len(original), start + length)
    body = _render(original, found, start, end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(original) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 (escaped in _render)


def _render(original, found, start, end):
    out, position = [], start
    for span_start, span_end in found:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(escape(original[position:span_start]))
        out.append(f"<mark>{escape(original[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(original[position:end]))
    return "".join(out)
