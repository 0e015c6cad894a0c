"""Label/value metadata printed above (or around) a published document.

Sites print it one pair per line, several pairs run together on one line
(``发布时间: 2022年02月01日 16:09    来源: 九原区发改委``), or as a flattened
table with the label on one line and the value on the next.
"""

from __future__ import annotations

import re
from datetime import date

from .model import Line, Metadata
from .text import fold

# Longest labels first so 信息来源 wins over 来源.
_FIELDS = {
    "issuer": ("发布机构", "发文机关", "发布单位", "发文单位"),
    "published": ("发布日期", "发布时间", "成文日期", "印发日期", "日期"),
    "doc_number": ("发布文号", "发文字号", "文号"),
    "source": ("信息来源", "来源"),
    "index_number": ("索引号",),
    "classification": ("组配分类", "主题分类", "体裁分类", "服务对象分类", "主题词"),
}
_LABEL_FIELD = {label: key for key, labels in _FIELDS.items() for label in labels}
_LABELS = sorted(_LABEL_FIELD, key=len, reverse=True)
_LABEL_ALT = "|".join(_LABELS)

# A label starts the line or follows whitespace; the colon may be missing when the
# page was a two-column table.
_PAIR = re.compile(rf"(?:^|(?<=\s))({_LABEL_ALT})\s*[:：]\s*")
_LABEL_ONLY = re.compile(rf"^({_LABEL_ALT})\s*[:：]?$")
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
# 民发〔2021〕12号, 九政办发[2022]3号 — a document number on a line of its own.
_DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,12}[〔\[(（【]\d{4}[〕\])）】]\s*\d+\s*号$"
)


def parse_date(text: str) -> date | None:
    match = _DATE.search(fold(text))
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def is_metadata_line(text: str) -> bool:
    folded = fold(text)
    pair = _PAIR.match(folded)
    return bool((pair and pair.start() == 0) or _LABEL_ONLY.match(folded))


def _pairs(text: str) -> list[tuple[str, str]]:
    """All (label, value) pairs on one line; a value ends at the next label."""
    folded = fold(text)
    matches = list(_PAIR.finditer(folded))
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        pairs.append((match.group(1), text[match.end() : end].strip()))
    return pairs


def _store(metadata: Metadata, label: str, value: str) -> None:
    key = _LABEL_FIELD[label]
    if not value:
        return
    if key == "published":
        if metadata.published is None:
            metadata.published = parse_date(value)
    elif key == "classification":
        metadata.classification.setdefault(label, value)
    elif getattr(metadata, key) is None:
        setattr(metadata, key, value)


def extract_metadata(lines: list[Line]) -> tuple[Metadata, list[Line]]:
    """Metadata from label/value lines; returns it and the lines that remain.

    Only the lines given are searched: callers pass the page head, because a line
    such as ``来源：国家统计局`` under a table in the body is a note, not metadata.
    """
    metadata = Metadata()
    kept: list[Line] = []
    index = 0
    while index < len(lines):
        text = lines[index].text
        folded = fold(text)
        label_only = _LABEL_ONLY.match(folded)
        next_text = lines[index + 1].text if index + 1 < len(lines) else ""
        if label_only and next_text and not is_metadata_line(next_text):
            _store(metadata, label_only.group(1), next_text.strip())
            index += 2
            continue
        if is_metadata_line(text):
            for label, value in _pairs(text):
                _store(metadata, label, value)
        elif _DOC_NUMBER.match(folded.replace(" ", "")) and not metadata.doc_number:
            metadata.doc_number = text.replace(" ", "")
        else:
            kept.append(lines[index])
        index += 1
    return metadata, kept


def merge(primary: Metadata, fallback: Metadata) -> Metadata:
    """Fields of ``primary``, filled in from ``fallback`` where missing."""
    merged = Metadata(
        classification={**fallback.classification, **primary.classification}
    )
    for key in ("issuer", "published", "doc_number", "source", "index_number"):
        setattr(merged, key, getattr(primary, key) or getattr(fallback, key))
    return merged
