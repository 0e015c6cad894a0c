"""A 通知 that issues plans: ``关于印发《A规划》《B规划》的通知``.

Each plan named in the notice's title becomes its own document, cut from the
line where its title is printed again to the next plan's title, and remembers
the notice it came with. The notice's own text (addressees, the instruction to
implement, the signature) stays with the notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .metadata import extract_metadata, parse_date
from .model import Line, Metadata, Notice
from .text import fold, is_sentence

_NOTICE_TITLE = re.compile(r"(?:关于)?(?:印发|下发|转发|发布).*(?:通知|决定)$")
_QUOTED = re.compile(r"《([^《》]+)》")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：.、]?\s*")
_MAX_SIGNATURE = 30


@dataclass
class PlanSegment:
    title: str
    lines: list[Line]


@dataclass
class SplitNotice:
    notice: Notice
    metadata: Metadata
    plans: list[PlanSegment]
    warnings: list[str]


def _key(text: str) -> str:
    text = _ATTACHMENT.sub("", fold(text).replace(" ", ""))
    return text.strip("《》")


def is_notice_title(title: str | None) -> bool:
    return bool(title) and bool(_NOTICE_TITLE.search(fold(title).strip()))


def _signature(lines: list[Line]) -> Metadata:
    """Issuer and date from the closing ``XX民政局`` / ``2022年1月5日`` lines."""
    metadata = Metadata()
    for index, line in enumerate(lines):
        text = line.text.strip()
        if len(text) <= 14 and parse_date(text) and not is_sentence(text):
            metadata.published = metadata.published or parse_date(text)
            previous = lines[index - 1].text.strip() if index else ""
            if (
                previous
                and len(previous) <= _MAX_SIGNATURE
                and not is_sentence(previous)
            ):
                metadata.issuer = metadata.issuer or previous
    return metadata


def split_notice(title: str, lines: list[Line]) -> SplitNotice | None:
    """The plans a notice issues, or None when the text is not such a notice."""
    if not is_notice_title(title):
        return None
    names = list(dict.fromkeys(_QUOTED.findall(title)))
    if not names:
        return None
    keys = [_key(line.text) for line in lines]
    starts: list[tuple[int, str]] = []
    warnings = []
    cursor = 0
    for name in names:
        index = _title_line(keys, _key(name), {_key(n) for n in names}, cursor)
        if index is None:
            warnings.append(f"the notice issues 《{name}》 but its text was not found")
            continue
        starts.append((index, name))
        cursor = index + 1
    if not starts:
        return None
    plans = []
    for position, (index, name) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        body = [
            line for line in lines[index + 1 : end] if not _is_attachment_mark(line)
        ]
        plans.append(PlanSegment(title=name, lines=body))
    notice_lines = [
        line for line in lines[: starts[0][0]] if not _is_attachment_mark(line)
    ]
    metadata, rest = extract_metadata(notice_lines)
    signature = _signature(rest)
    metadata.issuer = metadata.issuer or signature.issuer
    metadata.published = metadata.published or signature.published
    notice = Notice(title=title, paragraphs=[line.text for line in rest])
    return SplitNotice(notice, metadata, plans, warnings)


def _title_line(keys: list[str], key: str, names: set[str], cursor: int) -> int | None:
    """Where a plan's text starts: its title followed by text, not by the next
    title (which would make it an entry in the notice's list of attachments)."""
    candidates = [i for i in range(cursor, len(keys)) if keys[i] == key]
    for index in candidates:
        following = keys[index + 1] if index + 1 < len(keys) else ""
        if following not in names:
            return index
    return candidates[-1] if candidates else None


def _is_attachment_mark(line: Line) -> bool:
    """A bare ``附件1`` line printed above an attached plan."""
    return bool(re.fullmatch(r"附件\s*\d*\s*[:：]?", fold(line.text).strip()))
