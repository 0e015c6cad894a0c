"""Plan documents from text or HTML copied from government websites.

``parse_plan(text, source_name=..., title=...)`` returns a ``ParseResult`` whose
``to_json()`` is the ``import_plan --json`` report; each ``PlanDocument`` also
carries its body as StreamField-ready blocks for the storage layer.
"""

from .model import (
    Block,
    Box,
    IndicatorTable,
    Injection,
    Metadata,
    NotAPlanError,
    Notice,
    OutlineEntry,
    ParseResult,
    PlanDocument,
    PlanParseError,
)
from .parser import parse_plan

__all__ = [
    "Block",
    "Box",
    "IndicatorTable",
    "Injection",
    "Metadata",
    "NotAPlanError",
    "Notice",
    "OutlineEntry",
    "ParseResult",
    "PlanDocument",
    "PlanParseError",
    "parse_plan",
]
