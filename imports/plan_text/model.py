"""The parser's output: plain dataclasses, serialised by ``ParseResult.to_json``.

``to_json`` gives the shape the ``import_plan --json`` report promises; the storage
layer reads the richer fields (``body``, ``metadata``, ``notice_title``) directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# A body block is ("heading" | "paragraph" | "box" | "indicator_table", value), the
# same pairs a Wagtail StreamField accepts as raw data.
Block = tuple[str, dict[str, Any]]


class PlanParseError(ValueError):
    """The input cannot be read as a plan; the message names the source."""


class NotAPlanError(PlanParseError):
    """The page is something else (a report, a list, a table, news): refused."""


@dataclass(frozen=True)
class Line:
    """One line of input, numbered from 1 as an editor sees it in the file."""

    number: int
    text: str


@dataclass
class OutlineEntry:
    level: int
    label: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "label": self.label, "title": self.title}


@dataclass
class IndicatorTable:
    title: str
    columns: list[str]
    rows: list[list[str]]

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


@dataclass
class Box:
    """A 专栏: a numbered panel of projects set apart from the running text."""

    label: str
    title: str
    items: list[str] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return f"{self.label} {self.title}".strip()


@dataclass
class Metadata:
    """Label/value facts printed around the text by the publishing site."""

    issuer: str | None = None
    published: date | None = None
    doc_number: str | None = None
    source: str | None = None
    index_number: str | None = None
    title: str | None = None  # printed under a 标题 label
    # 组配分类, 主题分类 … keyed by the label as printed.
    classification: dict[str, str] = field(default_factory=dict)


@dataclass
class PlanDocument:
    title: str
    metadata: Metadata = field(default_factory=Metadata)
    outline: list[OutlineEntry] = field(default_factory=list)
    indicator_tables: list[IndicatorTable] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    notice_title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        meta = self.metadata
        return {
            "title": self.title,
            "issuer": meta.issuer,
            "published": meta.published.isoformat() if meta.published else None,
            "doc_number": meta.doc_number,
            "source": meta.source,
            "outline": [entry.to_dict() for entry in self.outline],
            "indicator_tables": [table.to_dict() for table in self.indicator_tables],
            "boxes": [box.caption for box in self.boxes],
            # Filled in by the importer once the draft is stored.
            "id": None,
            "url": None,
        }


@dataclass
class Injection:
    """Injected gambling text found on a hacked page, by input line."""

    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text}


@dataclass
class Notice:
    """A 通知 that issued the plans; each plan document points back to it."""

    title: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ParseResult:
    documents: list[PlanDocument] = field(default_factory=list)
    injections: list[Injection] = field(default_factory=list)
    removed_noise_lines: int = 0
    warnings: list[str] = field(default_factory=list)
    notice: Notice | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [document.to_dict() for document in self.documents],
            "injections": [injection.to_dict() for injection in self.injections],
            "removed_noise_lines": self.removed_noise_lines,
            "warnings": list(self.warnings),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)
