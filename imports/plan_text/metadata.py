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

# Labels as sites print them (matched on folded text, so traditional forms too).
# The order within a field is its rank: a 发布日期 wins over a 成文日期,
# since the page says when it was published.
_FIELDS = {
    "issuer": (
        "发布机构",
        "发文机关",
        "发文机构",
        "发布单位",
        "发文单位",
        "所属机构",
    ),
    "published": (
        "发布日期",
        "发布时间",
        "发表时间",
        "日期",
        "生成日期",
        "发文日期",
        "成文日期",
        "印发日期",
    ),
    "doc_number": ("发布文号", "发文字号", "文号"),
    "source": ("信息来源", "来源"),
    "index_number": ("信息索引号", "索引号"),
    # The title as a metadata table prints it (``| 标题:民政局…工作计划 | |``):
    # the page's title when no line of the head is one.
    "title": ("标题", "文件标题"),
    "classification": ("组配分类", "主题分类", "体裁分类", "服务对象分类", "主题词"),
    # Printed among the metadata but not kept: they only end the value before them
    # (``县政府办 有效性: 有效``, ``发布时间:… 阅读次数:编辑:…``). 时间 alone is
    # often a copying site's own posting time, so it is not taken as published.
    "ignored": (
        "有效性",
        "公开方式",
        "公开形式",
        "公文目录",
        "统一编号",
        "责任部门",
        "内容概述",
        "浏览次数",
        "阅读次数",
        "访问次数",
        "点击次数",
        "浏览量",
        "访问量",
        "编辑",
        "作者",
        "时间",
        "字号",
        "字体",
        "分享",
        "下载地址",
    ),
}
_LABEL_FIELD = {label: key for key, labels in _FIELDS.items() for label in labels}
_RANK = {
    label: rank for labels in _FIELDS.values() for rank, label in enumerate(labels)
}


def _spaced(label: str) -> str:
    # Labels are spaced out to align them: 索 引 号, 文  号.
    return r"\s*".join(re.escape(ch) for ch in label)


_LABEL_ALT = "|".join(
    _spaced(label) for label in sorted(_LABEL_FIELD, key=len, reverse=True)
)
# A label with a colon may follow its neighbour's value directly
# (``发布日期:2023-03-21访问次数:``); without a colon it must stand apart
# (``组配分类 通知公告 发布机构 县民政局``).
_PAIR = re.compile(rf"({_LABEL_ALT})\s*[:：]\s*")
_SPACED_PAIR = re.compile(rf"(?:^|(?<=\s))({_LABEL_ALT})(?:\s*[:：]\s*|\s+|$)")
_LABEL_ONLY = re.compile(rf"^({_LABEL_ALT})\s*[:：]?$")
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CN_DIGITS = "〇○零一二三四五六七八九"
# 二○○九年六月十五日: signatures of older documents are written in numerals.
_CN_DATE = re.compile(
    rf"([{_CN_DIGITS}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月"
    rf"\s*([一二三四五六七八九十]{{1,3}})\s*日"
)
# 民发〔2021〕12号, 九政办发[2022]3号, (苏政办发〔2022〕60号) — on a line of its own.
_DOC_NUMBER = re.compile(
    r"^[(（]?([\u4e00-\u9fff]{1,12}[〔\[(（【]\d{4}[〕\])）】]\s*\d+\s*号)[)）]?$"
)
# Text before the first label that is still part of the metadata line: a widget
# and the posting date (``文字:[大][中][小] 2022/8/10    浏览次数:1830``).
_MAX_PREFIX = 24


def _key(label: str) -> str:
    return re.sub(r"\s+", "", label)


_CN_VALUE = {ch: n for n, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}


def _cn_number(numeral: str) -> int:
    """二○○九 → 2009 digit by digit; 十五, 二十三 → 15, 23."""
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)
    return int("".join(str(_CN_VALUE[ch]) for ch in numeral))


def parse_date(text: str) -> date | None:
    folded = fold(text)
    match = _DATE.search(folded)
    if match:
        parts = [int(part) for part in match.groups()]
    else:
        match = _CN_DATE.search(folded)
        if not match:
            return None
        parts = [_cn_number(match[1]), _cn_number(match[2]), _cn_number(match[3])]
    try:
        return date(*parts)
    except ValueError:
        return None


def _matches(folded: str) -> list[re.Match[str]]:
    """The labels of a metadata line, left to right."""
    colon = list(_PAIR.finditer(folded))
    spaced = list(_SPACED_PAIR.finditer(folded))
    # Labels without colons count only on a line that starts with one and holds
    # at least two of them, as a flattened two-column table does.
    starts_with_label = bool(spaced) and spaced[0].start() == 0
    if starts_with_label and (len(spaced) >= 2 or (not colon and len(folded) <= 40)):
        return spaced
    return colon


def is_metadata_line(text: str) -> bool:
    folded = fold(text).strip()
    if _LABEL_ONLY.match(folded):
        return True
    matches = _matches(folded)
    if not matches:
        return False
    prefix = folded[: matches[0].start()]
    return matches[0].start() == 0 or (
        len(prefix) <= _MAX_PREFIX and not any(ch in prefix for ch in "。;；")
    )


def carries_metadata(text: str) -> bool:
    """Whether a line holds a value for a field the parser keeps."""
    return any(
        label and value and _LABEL_FIELD[label] != "ignored"
        for label, value in _pairs(text)
    )


def _pairs(text: str) -> list[tuple[str, str]]:
    """All (label, value) pairs on one line; a value ends at the next label."""
    folded = fold(text)
    matches = _matches(folded)
    pairs = []
    if matches and matches[0].start() > 0:
        pairs.append(("", text[: matches[0].start()].strip()))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        pairs.append((_key(match.group(1)), text[match.end() : end].strip()))
    return pairs


def _store(metadata: Metadata, label: str, value: str, ranks: dict) -> None:
    if not label:
        # Text before the first label: only a bare posting date is kept, ranked last.
        day = parse_date(value)
        if day and metadata.published is None:
            metadata.published = day
            ranks["published"] = len(_FIELDS["published"])
        return
    key = _LABEL_FIELD[label]
    # In a flattened table row a value ends at its cell (``| 发文机关:民政局 | …``).
    value = value.split("|", 1)[0].strip()
    if not value or key == "ignored":
        return
    if key == "published":
        day = parse_date(value)
        if day and _RANK[label] < ranks.get("published", len(_FIELDS["published"]) + 1):
            metadata.published = day
            ranks["published"] = _RANK[label]
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
    ranks: dict[str, int] = {}
    kept: list[Line] = []
    index = 0
    while index < len(lines):
        text = lines[index].text
        folded = fold(text)
        label_only = _LABEL_ONLY.match(folded)
        next_text = lines[index + 1].text if index + 1 < len(lines) else ""
        if label_only and next_text and not is_metadata_line(next_text):
            _store(metadata, _key(label_only.group(1)), next_text.strip(), ranks)
            index += 2
            continue
        compact = text.replace(" ", "")
        doc_number = _DOC_NUMBER.match(fold(compact))
        if is_metadata_line(text):
            for label, value in _pairs(text):
                _store(metadata, label, value, ranks)
        elif doc_number and not metadata.doc_number:
            # Cut from the text as printed: folding reads 號 as 号 but keeps offsets.
            metadata.doc_number = compact[doc_number.start(1) : doc_number.end(1)]
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
