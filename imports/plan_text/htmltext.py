"""Saved web pages to text lines, with the standard library's HTML parser.

Block elements and ``<br>`` end a line and every table cell becomes a line of its
own, so an HTML page reaches the rest of the parser in the same shape as text copied
from a browser (one paragraph, heading or table cell per line).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LOOKS_LIKE_HTML = re.compile(
    r"<(?:!doctype|html|head|body|div|p|br|table|td|span|h[1-6])\b", re.IGNORECASE
)

_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    }
)
# Their text is never part of the document.
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text[:5000]))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            # Source line breaks inside a paragraph are layout, not structure.
            self.parts.append(re.sub(r"\s*\n\s*", " ", data))


def html_to_text(markup: str) -> str:
    """Visible text of ``markup``, one block or table cell per line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    return re.sub(r"\n\s*\n+", "\n", text).strip("\n")
