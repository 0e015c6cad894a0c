"""Headings in every numbering style Chinese plans use, and their levels.

Styles rank in the conventional order 第X章 > 第X节 > 一、 > （一） > 1. > 01 > （1）.
A document's levels are relative: level 1 is the highest style it actually uses,
so an excerpt that starts at 第X节 without chapters still begins at level 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import CN_NUMERALS, cn_to_int, first_sentence, fold, is_sentence

_CN = f"[{CN_NUMERALS}]+"

# (style, pattern on the folded line); "title" is what follows the numbering.
_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第\s*(?P<num>{_CN}|\d+)\s*章\s*(?P<title>.*)$")),
    ("section", re.compile(rf"^第\s*(?P<num>{_CN}|\d+)\s*节\s*(?P<title>.*)$")),
    ("cn", re.compile(rf"^(?P<num>{_CN})\s*[、.]\s*(?P<title>\S.*)$")),
    ("paren_cn", re.compile(rf"^\(\s*(?P<num>{_CN})\s*\)\s*(?P<title>\S.*)$")),
    (
        "arabic",
        re.compile(r"^(?P<num>\d{1,2})\s*(?P<sep>[.、])(?!\d)\s*(?P<title>\S.*)$"),
    ),
    ("padded", re.compile(r"^(?P<num>0\d)\s*[.、]?\s*(?P<title>[^\d\s.%].*)$")),
    ("paren_arabic", re.compile(r"^\(\s*(?P<num>\d{1,2})\s*\)\s*(?P<title>\S.*)$")),
)
STYLE_RANK = {style: rank for rank, (style, _) in enumerate(_STYLES)}

_BOX = re.compile(rf"^专栏\s*(?P<num>\d+|{_CN})\s*[:.、]?\s*(?P<title>.*)$")

# A heading line is short; longer lines are a heading run into its first paragraph.
MAX_TITLE = 60


@dataclass
class Heading:
    style: str
    number: int
    label: str
    title: str
    rest: str = ""  # running text after a run-in heading, kept as a paragraph


def _label(style: str, number_text: str, sep: str) -> str:
    # (一) and （一） are the same label: the folded form is the canonical one.
    return {
        "chapter": f"第{number_text}章",
        "section": f"第{number_text}节",
        "cn": f"{number_text}、",
        "paren_cn": f"({number_text})",
        "arabic": f"{number_text}{sep}",
        "padded": number_text,
        "paren_arabic": f"({number_text})",
    }[style]


def match_heading(text: str, styles: tuple[str, ...] | None = None) -> Heading | None:
    """The heading ``text`` starts with, if it is one (optionally of given styles)."""
    folded = fold(text)
    for style, pattern in _STYLES:
        if styles is not None and style not in styles:
            continue
        match = pattern.match(folded)
        if not match:
            continue
        number = cn_to_int(match.group("num"))
        if number is None:
            continue
        raw_title = text[match.start("title") :].strip()
        sep = match.groupdict().get("sep") or "."
        title, rest = _split_run_in(style, raw_title)
        if style in ("chapter", "section") and not title:
            continue
        return Heading(
            style, number, _label(style, match.group("num"), sep), title, rest
        )
    return None


def _split_run_in(style: str, raw_title: str) -> tuple[str, str]:
    """Title and trailing text of a heading line such as ``1.标题。正文……``."""
    if not is_sentence(raw_title) and len(raw_title) <= MAX_TITLE:
        return raw_title.rstrip("。.;；"), ""
    lead, rest = first_sentence(raw_title)
    if len(lead) > MAX_TITLE:
        # No short lead sentence: the whole line is a numbered paragraph; its
        # first clause stands in as the title.
        clause = re.split(r"[,，:：]", lead, maxsplit=1)[0]
        return clause[:MAX_TITLE], raw_title
    return lead, rest


@dataclass
class BoxStart:
    label: str
    number: int
    title: str


def match_box(text: str) -> BoxStart | None:
    match = _BOX.match(fold(text))
    if not match:
        return None
    number = cn_to_int(match.group("num")) or 0
    title = text[match.start("title") :].strip()
    return BoxStart(f"专栏{match.group('num')}", number, title)


def assign_levels(styles_in_order: list[str]) -> dict[str, int]:
    """Level of each style found, 1 for the highest-ranked one present."""
    present = sorted(set(styles_in_order), key=STYLE_RANK.__getitem__)
    return {style: level for level, style in enumerate(present, start=1)}


class NumberingChecker:
    """Warns when numbering skips or repeats (一、二、四 or 3. after 3.).

    Counters below a heading restart when that heading appears. The first number
    of a style before any parent heading is taken as given, because excerpts start
    in the middle (an excerpt may open at 第六节).
    """

    def __init__(self) -> None:
        self._last: dict[str, int] = {}
        self._has_parent: set[str] = set()

    def check(self, style: str, number: int, label: str, line: int) -> str | None:
        rank = STYLE_RANK.get(style)
        if rank is not None:
            for lower, lower_rank in STYLE_RANK.items():
                if lower_rank > rank:
                    self._last.pop(lower, None)
                    self._has_parent.add(lower)
        previous = self._last.get(style)
        self._last[style] = number
        if previous is None:
            expected = 1 if style in self._has_parent else None
        else:
            expected = previous + 1
        if expected is None or number == expected:
            return None
        problem = "repeats" if previous == number else "skips"
        return (
            f"line {line}: numbering {problem} at '{label}' "
            f"(expected {expected}, found {number})"
        )
