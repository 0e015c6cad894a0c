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
from .outline import match_heading
from .text import fold, is_sentence

_NOTICE_TITLE = re.compile(r"(?:关于)?(?:印发|下发|转发|发布).*(?:通知|决定)$")
# The name a notice issues when the title does not quote it: 关于印发兴宁市征收土地
# 管理办法的通知.
_UNQUOTED = re.compile(r"(?:印发|下发|转发|发布)(?P<name>.+?)的(?:通知|决定)$")
_QUOTED = re.compile(r"《([^《》]+)》")
# 附件1, 附件:1. and the bare 2. of a list of attachments.
_ATTACHMENT = re.compile(r"^(?:附件\s*\d*\s*[:：.、]?\s*)?(?:\d{1,2}\s*[.、]\s*)?")
# Marks a title may lose in copying: quotes, the 《》 around it.
_UNMARKED = str.maketrans("", "", "“”\"‘’'《》〈〉「」")
# A clause of the notice that issues what it quotes (现将《…》印发给你们, 我们制定了
# 《…》…现予印发, 《…》已经…同意); clauses citing a basis or a repeal do not.
_CLAUSE = re.compile(r"[,，。;；]")
_ISSUING = re.compile(r"现将|现予|制定了|制订了|已经.*(?:同意|通过)")
_NOT_ISSUING = re.compile(r"根据|依据|按照|贯彻|落实|废止|参照")
_MAX_NOTICE_LINES = 40
_MAX_SIGNATURE = 30
_MAX_TITLE_PARTS = 3


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
    return text.translate(_UNMARKED)


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


def _title_names(title: str | None) -> list[str]:
    if not is_notice_title(title):
        return []
    quoted = list(dict.fromkeys(_QUOTED.findall(title)))
    if quoted:
        return quoted
    match = _UNQUOTED.search(fold(title).strip())
    if not match:
        return []
    name = title[match.start("name") : match.end("name")].strip()
    if name.startswith("〈") and name.endswith("〉"):
        name = name[1:-1]
    return [name] if name else []


def _body_names(lines: list[Line]) -> list[str]:
    """Names the notice's own sentences issue, before its first heading."""
    names = []
    for line in lines[:_MAX_NOTICE_LINES]:
        if match_heading(line.text):
            break
        for clause in _CLAUSE.split(line.text):
            folded = fold(clause)
            if _ISSUING.search(folded) and not _NOT_ISSUING.search(folded):
                names += _QUOTED.findall(clause)
    return list(dict.fromkeys(names))


def _merge_names(title_names: list[str], body_names: list[str]) -> list[str]:
    """Title names, completed and corrected by the names the text quotes.

    ``关于印发多规合一业务协同平台运行规则的通知`` issues what its text calls
    《厦门市多规合一业务协同平台运行规则》: the longer, quoted name wins.
    """
    names = list(title_names)
    for name in body_names:
        same = next(
            (
                i
                for i, known in enumerate(names)
                if _key(name).endswith(_key(known)) or _key(known).endswith(_key(name))
            ),
            None,
        )
        if same is None:
            names.append(name)
        elif len(_key(name)) >= len(_key(names[same])):
            names[same] = name
    return names


def split_notice(title: str | None, lines: list[Line]) -> SplitNotice | None:
    """The plans a notice issues, or None when the text is not such a notice.

    A page without a title is a notice when its text issues what it quotes
    (现将《…》印发给你们); its notice is then named after what it issues.
    """
    if title and not is_notice_title(title):
        return None
    names = _merge_names(_title_names(title), _body_names(lines))
    if not names:
        return None
    keys = [_key(line.text) for line in lines]
    name_keys = {_key(n) for n in names}
    starts: list[tuple[int, int, str]] = []
    warnings = []
    cursor = 0
    for name in names:
        found = _title_line(keys, _key(name), name_keys, cursor)
        if found is None:
            warnings.append(f"the notice issues 《{name}》 but its text was not found")
            continue
        index, span = found
        period = _period_line(lines, index + span)
        if period:
            # The period printed under the name is the title's: 《…规划》 then
            # (2021-2025年) on a line of its own.
            name, span = name + period, span + 1
        starts.append((index, span, name))
        cursor = index + span
    if not starts:
        return None
    plans = []
    for position, (index, span, name) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        body = [
            line for line in lines[index + span : end] if not _is_attachment_mark(line)
        ]
        plans.append(PlanSegment(title=name, lines=body))
        if span > 1:
            warnings.append(
                f"line {lines[index].number}: the title of 《{name}》 was printed "
                f"over {span} lines"
            )
    notice_lines = [
        line for line in lines[: starts[0][0]] if not _is_attachment_mark(line)
    ]
    metadata, rest = extract_metadata(notice_lines)
    signature = _signature(rest)
    metadata.issuer = metadata.issuer or signature.issuer
    metadata.published = metadata.published or signature.published
    if not title:
        title = "关于印发" + "".join(f"《{n}》" for n in names) + "的通知"
        warnings.append(f"the notice has no title on the page; it is called '{title}'")
    notice = Notice(title=title, paragraphs=[line.text for line in rest])
    return SplitNotice(notice, metadata, plans, warnings)


def _title_line(
    keys: list[str], key: str, names: set[str], cursor: int
) -> tuple[int, int] | None:
    """Where a plan's text starts, and over how many lines its title is printed.

    The title must be followed by text, not by the next title (which would make it
    an entry in the notice's list of attachments), and may be broken over lines
    (the city and period on one, the plan's name on the next).
    """
    candidates = []
    for index in range(cursor, len(keys)):
        joined = ""
        for span in range(1, _MAX_TITLE_PARTS + 1):
            if index + span > len(keys):
                break
            joined += keys[index + span - 1]
            if joined == key:
                candidates.append((index, span))
                break
            if not key.startswith(joined) or not joined:
                break
    for index, span in candidates:
        following = keys[index + span] if index + span < len(keys) else ""
        previous = keys[index - 1] if index else ""
        if following not in names and previous not in names:
            return index, span
    return None


_PERIOD = re.compile(r"[(（]\s*\d{4}\s*[-—–~～至]+\s*\d{4}\s*年?\s*[)）]")


def _period_line(lines: list[Line], index: int) -> str | None:
    """The text of ``lines[index]`` when it is only a period, ``(2021-2025年)``."""
    if index >= len(lines):
        return None
    text = lines[index].text.strip()
    return text if _PERIOD.fullmatch(fold(text)) else None


def _is_attachment_mark(line: Line) -> bool:
    """A bare ``附件1`` line printed above an attached plan."""
    return bool(re.fullmatch(r"附件\s*\d*\s*[:：]?", fold(line.text).strip()))
