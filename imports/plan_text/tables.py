"""Indicator tables that reached us flattened to one cell per line.

A copied 指标表 arrives as: title, header cells (some split over two lines:
``2025年`` / ``目标值``, ``指标`` / ``属性``), then the cells row by row. A first
column such as 领域 spans several rows, so its value is printed once, before the
first row it covers, and may itself be split (``殡葬`` / ``服务``).

The 序号 column is the anchor: its values run 1, 2, 3 …, which tells us where each
row starts. The most common distance between two row numbers gives the number of
cells per row, which in turn tells us how many split header fragments to join.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import IndicatorTable, Line
from .outline import match_heading
from .text import fold, is_sentence

_ANCHORS = frozenset({"序号", "编号"})
_MAX_HEADER_CELLS = 12
_MAX_LEADING_COLUMNS = 2  # columns printed before 序号, e.g. 领域
_MAX_SPAN_FRAGMENTS = 3  # a spanned cell split over at most this many lines
_SHORT_CELL = 10
_LEADING_CELL = 6
_TITLE_WORDS = ("表", "指标", "一览", "清单", "目标", "任务")
_YEAR = re.compile(r"^\d{4}年?(?:底|末)?$")
# Second halves of header cells that wrap: 2025年 / 目标值, 指标 / 属性.
_CONTINUATIONS = ("属性", "性质", "目标值", "预期值", "基期值", "现状值", "值")


@dataclass
class TableSpan:
    """A rebuilt table and the lines [start, end) it occupied."""

    start: int
    end: int
    table: IndicatorTable


def _cell(lines: list[Line], index: int) -> str:
    return fold(lines[index].text).strip() if 0 <= index < len(lines) else ""


def _is_short_cell(text: str) -> bool:
    return 0 < len(text) <= _SHORT_CELL and not is_sentence(text)


def _join_score(left: str, right: str) -> int:
    """How likely two header fragments are one wrapped cell."""
    if _YEAR.match(left) and right.endswith("值"):
        return 3
    if right in _CONTINUATIONS and len(left) <= 4:
        return 2
    return 0


def merge_header(fragments: list[str], width: int | None) -> list[str]:
    """Join wrapped header fragments until ``width`` cells remain.

    Without a width (a one-row table) only confident joins are made.
    """
    cells = list(fragments)
    while len(cells) > 1 and (width is None or len(cells) > width):
        scores = [_join_score(a, b) for a, b in zip(cells, cells[1:], strict=False)]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if width is None and scores[best] < 2:
            break
        if scores[best] == 0:
            # No rule applies: join the shortest neighbouring pair.
            best = min(range(len(scores)), key=lambda i: len(cells[i] + cells[i + 1]))
        cells[best : best + 2] = [cells[best] + cells[best + 1]]
    return cells


def _row_positions(lines: list[Line], first: int, limit: int) -> list[int]:
    """Indexes of the 序号 cells 1, 2, 3 … found by a forward search."""
    positions = [first]
    number = 2
    while True:
        window = range(positions[-1] + 1, min(positions[-1] + limit, len(lines)))
        found = next((i for i in window if _cell(lines, i) == str(number)), None)
        if found is None:
            return positions
        positions.append(found)
        number += 1


def _cells_per_row(positions: list[int]) -> int | None:
    gaps = Counter(b - a - 1 for a, b in zip(positions, positions[1:], strict=False))
    if not gaps:
        return None
    # Rows that open a new spanned group carry extra cells; the usual row is the
    # most common distance (the shorter one on a tie).
    return min(gaps, key=lambda gap: (-gaps[gap], gap))


def _find_data_start(lines: list[Line], anchor: int) -> int | None:
    for index in range(anchor + 1, min(anchor + _MAX_HEADER_CELLS + 4, len(lines))):
        if _cell(lines, index) == "1":
            return index
    return None


def _count_leading(lines: list[Line], anchor: int) -> int:
    """Header cells printed before 序号 (领域); the table title is not one."""
    leading = 0
    while leading < _MAX_LEADING_COLUMNS:
        text = _cell(lines, anchor - leading - 1)
        if not 0 < len(text) <= _LEADING_CELL or _looks_like_title(text):
            break
        if is_sentence(text) or match_heading(text):
            break
        leading += 1
    return leading


def _looks_like_title(text: str) -> bool:
    return (
        bool(text)
        and not is_sentence(text)
        and match_heading(text) is None
        and any(word in text for word in _TITLE_WORDS)
    )


def read_table(lines: list[Line], anchor: int) -> TableSpan | None:
    """Rebuild the table whose 序号 header cell is at ``anchor``, if it is one."""
    leading = _count_leading(lines, anchor)
    first = _find_data_start(lines, anchor)
    if first is None or first - leading <= anchor + 1:
        return None
    header_end = first - leading
    fragments = [_cell(lines, i) for i in range(anchor + 1, header_end)]
    if not all(len(fragment) <= 16 for fragment in fragments):
        return None
    limit = len(fragments) + 2 + _MAX_SPAN_FRAGMENTS
    width = _cells_per_row(_row_positions(lines, first, limit)) or None
    header = merge_header(fragments, width)
    width = width or len(header)
    # A header shorter than the rows lost cells in copying: name the gaps.
    header += [f"第{n}列" for n in range(len(header) + 1, width + 1)]
    columns = [_cell(lines, i) for i in range(anchor - leading, anchor + 1)] + header
    rows, end = _read_rows(lines, first, leading, width, header_end)
    start = anchor - leading
    title = ""
    if start > 0 and _looks_like_title(lines[start - 1].text):
        start -= 1
        title = lines[start].text.strip()
    return TableSpan(
        start, end, IndicatorTable(title=title, columns=columns, rows=rows)
    )


def _read_rows(
    lines: list[Line], first: int, leading: int, width: int, header_end: int
) -> tuple[list[list[str]], int]:
    """Rows from the first 序号 cell on; returns them and the index after the table."""
    spanned = [_cell(lines, i) for i in range(header_end, first)]
    rows: list[list[str]] = []
    position, number = first, 1
    while True:
        cells = [_cell(lines, i) for i in range(position + 1, position + 1 + width)]
        if len(cells) < width or any(not c for c in cells):
            return rows, position
        rows.append([*spanned, str(number), *cells])
        after = position + 1 + width
        number += 1
        if _cell(lines, after) == str(number):
            position = after
            continue
        fragments = _span_fragments(lines, after, str(number)) if leading else None
        if fragments is None:
            return rows, after
        spanned = _assign_span(spanned, fragments)
        position = after + len(fragments)


def _span_fragments(
    lines: list[Line], start: int, next_number: str
) -> list[str] | None:
    """The new spanned value printed before row ``next_number``, if it is there."""
    for count in range(1, _MAX_SPAN_FRAGMENTS + 1):
        if _cell(lines, start + count) == next_number:
            fragments = [_cell(lines, start + i) for i in range(count)]
            if all(_is_short_cell(f) and not f.isdigit() for f in fragments):
                return fragments
            return None
    return None


def _assign_span(previous: list[str], fragments: list[str]) -> list[str]:
    if len(fragments) == len(previous) and len(previous) > 1:
        return fragments
    # One spanned column whose value wrapped over several lines.
    return ["".join(fragments), *previous[1:]]


def find_tables(lines: list[Line]) -> list[TableSpan]:
    """Every flattened indicator table in ``lines``, in order."""
    spans: list[TableSpan] = []
    index = 0
    while index < len(lines):
        if _cell(lines, index) in _ANCHORS:
            span = read_table(lines, index)
            if span and span.table.rows:
                spans.append(span)
                index = span.end
                continue
        index += 1
    return spans
