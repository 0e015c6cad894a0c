"""专栏 boxes: numbered panels of projects that interrupt the running text.

A box runs from its ``专栏N`` line until a heading that is not its next item
(a 第X节, a new 一、, an item number out of sequence) or the next box or table.
Items are numbered 1. / 01 / (1); the first one is sometimes run onto the box's
title line and later ones onto the end of the previous item's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Box
from .outline import Heading, match_heading
from .text import fold

ITEM_STYLES = ("arabic", "padded", "paren_arabic")

# The first item run onto the title: "…提升工程01 提升…", "…工程1.提升…".
_FIRST_ITEM = re.compile(r"(?<=[^\d\s(])\s*(?:01|1[.、]|\(1\))\s*(?=[^\d\s.])")
_SENTENCE_END = "。；;!！?？"


def _next_item_pattern(style: str, number: int) -> re.Pattern[str]:
    """The next item's label where it follows a sentence end mid-line."""
    label = {
        "padded": rf"{number:02d}(?=\s*[^\d\s.%])",
        "arabic": rf"{number}[.、](?!\d)",
        "paren_arabic": rf"\({number}\)",
    }[style]
    return re.compile(rf"(?<=[{_SENTENCE_END}])\s*(?={label})")


@dataclass
class BoxBuilder:
    box: Box
    item_style: str | None = None
    next_number: int = 1
    items: list[list[str]] = field(default_factory=list)

    @classmethod
    def start(cls, label: str, title_line: str) -> BoxBuilder:
        match = _FIRST_ITEM.search(fold(title_line))
        builder = cls(Box(label=label, title=title_line.strip()))
        if match and match.start() > 0:
            builder.box.title = title_line[: match.start()].strip()
            builder.add_line(title_line[match.start() :].strip())
        return builder

    def accepts(self, heading: Heading | None) -> bool:
        """Whether a heading line continues this box (as its next item)."""
        if heading is None:
            return True
        if heading.style not in ITEM_STYLES:
            return False
        if self.item_style not in (None, heading.style):
            return False
        return heading.number == self.next_number

    def add_line(self, text: str) -> None:
        if self.item_style is None:
            # The first item fixes the numbering style the later ones must follow.
            first = match_heading(text, ITEM_STYLES)
            if first and self.accepts(first):
                self.item_style = first.style
        for piece in self._split_run_on(text):
            heading = match_heading(piece, ITEM_STYLES)
            if heading and self.accepts(heading):
                self.item_style = heading.style
                self.next_number = heading.number + 1
                self.items.append([piece])
            elif not self.box.title and not self.items:
                self.box.title = piece
            elif self.items:
                self.items[-1].append(piece)
            else:
                self.items.append([piece])

    def _split_run_on(self, text: str) -> list[str]:
        if self.item_style is None:
            return [text]
        pieces, number = [text], self.next_number
        own = match_heading(text, (self.item_style,))
        if own and own.number == number:
            number += 1  # the line opens with that item; look for the one after
        while True:
            match = _next_item_pattern(self.item_style, number).search(fold(pieces[-1]))
            if not match:
                return [piece for piece in pieces if piece]
            last = pieces.pop()
            pieces += [last[: match.start()].strip(), last[match.end() :].strip()]
            number += 1

    def finish(self) -> Box:
        self.box.items = ["\n".join(lines) for lines in self.items]
        return self.box
