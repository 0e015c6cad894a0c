"""One plan's lines to typed body blocks, outline, boxes and indicator tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from .boxes import BoxBuilder
from .model import Block, Line, OutlineEntry, PlanDocument
from .outline import NumberingChecker, assign_levels, match_box, match_heading
from .tables import find_tables


@dataclass
class _BodyState:
    document: PlanDocument
    warnings: list[str]
    box: BoxBuilder | None = None
    headings: list[tuple[str, Block]] = field(default_factory=list)
    numbering: NumberingChecker = field(default_factory=NumberingChecker)
    box_numbering: NumberingChecker = field(default_factory=NumberingChecker)

    def add(self, block: Block) -> None:
        self.document.body.append(block)

    def close_box(self) -> None:
        if self.box is None:
            return
        box = self.box.finish()
        self.document.boxes.append(box)
        self.add(("box", {"label": box.label, "title": box.title, "items": box.items}))
        self.box = None


def build_body(document: PlanDocument, lines: list[Line]) -> list[str]:
    """Fill ``document``'s body, outline, boxes and tables; return warnings."""
    state = _BodyState(document, warnings=[])
    tables = {span.start: span for span in find_tables(lines)}
    index = 0
    while index < len(lines):
        if index in tables:
            span = tables[index]
            state.close_box()
            document.indicator_tables.append(span.table)
            state.add(("indicator_table", {"title": span.table.title}))
            index = span.end
            continue
        _read_line(state, lines[index])
        index += 1
    state.close_box()
    _apply_levels(state)
    return state.warnings


def _read_line(state: _BodyState, line: Line) -> None:
    box_start = match_box(line.text)
    if box_start:
        state.close_box()
        warning = state.box_numbering.check(
            "box", box_start.number, box_start.label, line.number
        )
        if warning:
            state.warnings.append(warning)
        state.box = BoxBuilder.start(box_start.label, box_start.title)
        return
    heading = match_heading(line.text)
    if state.box is not None:
        if state.box.accepts(heading):
            state.box.add_line(line.text)
            return
        state.close_box()
    if heading is None:
        state.add(("paragraph", {"text": line.text}))
        return
    warning = state.numbering.check(
        heading.style, heading.number, heading.label, line.number
    )
    if warning:
        state.warnings.append(warning)
    block: Block = (
        "heading",
        {"level": 0, "label": heading.label, "title": heading.title},
    )
    state.headings.append((heading.style, block))
    state.add(block)
    if heading.rest:
        state.add(("paragraph", {"text": heading.rest}))


def _apply_levels(state: _BodyState) -> None:
    levels = assign_levels([style for style, _ in state.headings])
    for style, (_, value) in state.headings:
        value["level"] = levels[style]
        state.document.outline.append(
            OutlineEntry(
                level=value["level"], label=value["label"], title=value["title"]
            )
        )
