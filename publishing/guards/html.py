"""What the spam and accessibility guards need to know about a piece of HTML: its
links (and whether they are hidden), its images and its tables.

Injected spam on government sites hides its links from readers but not from search
engines (../shared/docs/DOMAIN.md E): ``display:none``, ``visibility:hidden``,
``font-size:0``, text pushed off-screen, the ``hidden`` attribute — on the link or on
anything around it.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_HIDING_STYLE = re.compile(
    r"display\s*:\s*none"
    r"|visibility\s*:\s*hidden"
    r"|font-size\s*:\s*0(?![.\d]*[1-9])"
    r"|opacity\s*:\s*0(?![.\d]*[1-9])"
    r"|(?:left|top|right|text-indent)\s*:\s*-\d{3,}",
    re.IGNORECASE,
)
# Elements that never have an end tag, so they never enclose anything.
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Link:
    href: str
    hidden: bool
    text: str = ""


@dataclass
class Table:
    has_header: bool = False


@dataclass
class Structure:
    links: list = field(default_factory=list)
    images: list = field(default_factory=list)  # [{attribute: value}] of img / embed
    tables: list = field(default_factory=list)


def hides(attributes):
    return "hidden" in attributes or bool(
        _HIDING_STYLE.search(attributes.get("style") or "")
    )


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = Structure()
        self._open = []  # [(tag, hidden)]
        self._links = []  # links whose text is being read
        self._tables = []

    @property
    def _hidden(self):
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        hidden = self._hidden or hides(attributes)
        if tag == "a" and "href" in attributes:
            link = Link(attributes["href"].strip(), hidden)
            self.found.links.append(link)
            self._links.append(link)
        elif tag == "img" or (
            tag == "embed" and attributes.get("embedtype") == "image"
        ):
            self.found.images.append(attributes)
        elif tag == "table":
            self._tables.append(Table())
            self.found.tables.append(self._tables[-1])
        elif tag == "th" and self._tables:
            self._tables[-1].has_header = True
        if tag not in _VOID:
            self._open.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Close up to the matching tag: pasted HTML is often not well formed.
        for position in range(len(self._open) - 1, -1, -1):
            if self._open[position][0] == tag:
                del self._open[position:]
                break
        if tag == "a" and self._links:
            self._links.pop()
        elif tag == "table" and self._tables:
            self._tables.pop()

    def handle_data(self, data):
        for link in self._links:
            link.text += data


def read_html(html):
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return reader.found
