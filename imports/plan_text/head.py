"""The page head: the title and metadata printed before the text starts.

Sites print the title once or several times (a headline, the title again in 《》,
after a 文号), break a long title over two or three lines, or leave it out and
start at the addressees. The title chosen is the candidate that best names a kind
of document (``…的通知``, ``…规划``), preferring one that names its issuer before
关于; every guess is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kinds import title_kind
from .metadata import extract_metadata, is_metadata_line, parse_date
from .model import Line, Metadata
from .outline import match_box, match_heading
from .text import fold, is_sentence

_MAX_TITLE = 80
# A title that lists its issuers (广东省民政厅 广东省高级人民法院 … 关于…的实施意见)
# runs long; it still has no sentence in it.
_MAX_LONG_TITLE = 250
_MAX_TITLE_PART = 40  # a line broken off a longer title
_MAX_PARTS = 3
_MAX_BARE_DATE = 30
# 厦府〔2017〕327号《厦门市人民政府关于印发…的通知》: the number a copy puts first.
_LEADING_DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,12}[〔\[(（【]\d{4}[〕\])）】]\s*\d+\s*号\s*"
)
_ISSUER_BEFORE = re.compile(r"^(?P<issuer>\S.{1,29}?)\s*关于")


@dataclass
class Head:
    title: str | None
    metadata: Metadata
    rest: list[Line]
    # Texts printed in the head that repeat the title (a headline, the 《》 form).
    repeats: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    # Lines above the title (site name, breadcrumbs, weather and other widgets)
    # and a bare posting date: furniture, left out of the document.
    dropped: int = 0
    date_line: Line | None = None


def key(text: str | None) -> str:
    return fold(text or "").replace(" ", "")


def plain_title(text: str) -> str:
    """A title line without the 文号 a copy puts first or the 《》 around it."""
    text = text.strip()
    number = _LEADING_DOC_NUMBER.match(fold(text))
    if number:
        text = text[number.end() :]
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    return text.strip()


def issuer_in_title(title: str | None) -> str | None:
    """``X关于印发…的通知`` names its issuer X before 关于."""
    text = plain_title(title or "")
    match = _ISSUER_BEFORE.match(fold(text))
    return text[: match.end("issuer")] if match else None


def _is_long_title(text: str) -> bool:
    folded = fold(text)
    return (
        len(text) <= _MAX_LONG_TITLE
        and "关于" in folded
        and not any(ch in folded for ch in "。;；")
        and bool(title_kind(text))
    )


def starts_text(text: str) -> bool:
    """Whether the document's own text begins at this line."""
    if is_metadata_line(text) or _is_long_title(text):
        return False
    folded = key(text)
    return (
        folded in ("目录", "目次")
        or is_sentence(text)
        or folded.endswith((":", "："))  # the addressees of a notice
        or match_heading(text) is not None
        or match_box(text) is not None
    )


def _is_title(text: str, limit: int = _MAX_TITLE) -> bool:
    text = text.strip()
    return (
        4 <= len(text) <= limit
        and not is_sentence(text)
        and not key(text).endswith((":", "："))
        and not (len(text) <= 20 and parse_date(text))
    )


def _score(text: str) -> int:
    score = 3 if title_kind(text) else 0
    if "关于" in fold(text):
        score += 1 + bool(issuer_in_title(text))
    return score + (len(text) >= 8)


def _candidates(head: list[Line]) -> list[tuple[str, list[Line]]]:
    """Each head line that may be the title, and lines joined into one."""
    found = []
    for index, line in enumerate(head):
        text = plain_title(line.text)
        if _is_title(text) or _is_long_title(text):
            found.append((text, [line]))
        parts = [line]
        joined = text
        # A title broken over lines: the first parts name no kind of document.
        while (
            len(parts) < _MAX_PARTS
            and index + len(parts) < len(head)
            and not title_kind(joined)
            and len(parts[-1].text.strip()) <= _MAX_TITLE_PART
        ):
            following = plain_title(head[index + len(parts)].text)
            if title_kind(following) and "关于" in fold(following):
                break  # a whole title of its own, under a site or agency name
            parts.append(head[index + len(parts)])
            joined = "".join(plain_title(p.text) for p in parts)
            if title_kind(joined) and _is_title(joined, _MAX_TITLE + _MAX_TITLE_PART):
                found.append((joined, list(parts)))
                break
    return found


def read_head(lines: list[Line], source: str) -> Head:
    """Title and metadata from the lines before the text starts; the rest."""
    end = next(
        (i for i, line in enumerate(lines) if starts_text(line.text)), len(lines)
    )
    metadata, head = extract_metadata(lines[:end])
    result = Head(title=None, metadata=metadata, rest=head + lines[end:])
    candidates = _candidates(head)
    if candidates:
        best = max(
            range(len(candidates)),
            key=lambda i: (_score(candidates[i][0]), -len(candidates[i][1]), -i),
        )
        title, used = candidates[best]
        result.title = title
        if len(used) > 1:
            result.warnings.append(
                f"{source}: the title was printed over {len(used)} lines "
                f"(from line {used[0].number}); joined as '{title}'"
            )
        if not title_kind(title):
            result.warnings.append(
                f"{source}: line {used[0].number} taken as the title although it "
                "names no kind of document"
            )
        title_key = key(title)
        used_ids = {id(line) for line in used}
        first_used = next(i for i, line in enumerate(head) if id(line) in used_ids)
        result.dropped += first_used
        kept = []
        for line in head[first_used:]:
            own = key(plain_title(line.text))
            if id(line) in used_ids:
                continue
            # A headline or the title printed again (in full or without its issuer).
            repeated = own == title_key or (len(own) >= 8 and title_key.endswith(own))
            if own and repeated:
                result.repeats.add(key(line.text))
                continue
            kept.append(line)
        head = kept
        result.rest = head + lines[end:]
    if result.title is None and metadata.title:
        result.title = metadata.title
        result.warnings.append(
            f"{source}: no title line; the title printed under 标题 was taken"
        )
    if metadata.published is None:
        _bare_date(result, head, source)
        result.rest = [line for line in head if line is not result.date_line]
        result.rest += lines[end:]
    return result


def _bare_date(result: Head, head: list[Line], source: str) -> None:
    """A posting date printed without a label (``文字:[大][中][小] 2022/8/10``)."""
    for line in head:
        text = line.text.strip()
        day = parse_date(text)
        if day and len(text) <= _MAX_BARE_DATE and not is_sentence(text):
            result.metadata.published = day
            result.date_line = line
            result.dropped += 1
            result.warnings.append(
                f"{source}: line {line.number}: the date {day.isoformat()} printed "
                "without a label was taken as the publication date"
            )
            return
