"""The pipeline: raw text or HTML in, ``ParseResult`` out.

Order matters: broken characters and injected spam go first (spam also hides in
titles), then furniture, then the page head (title, metadata), the table of
contents, the split of a notice into its plans, and finally each plan's body.
"""

from __future__ import annotations

from pathlib import PurePath

from .body import build_body
from .cleaning import clean_lines
from .htmltext import html_to_text, looks_like_html
from .metadata import extract_metadata, is_metadata_line, merge, parse_date
from .model import Line, Metadata, ParseResult, PlanDocument, PlanParseError
from .notices import split_notice
from .outline import match_box, match_heading
from .text import fold, is_sentence
from .toc import drop_toc

_MAX_TITLE = 80
_FALLBACK_TITLE = "未命名规划"
_DOCUMENT_KINDS = ("规划", "计划", "方案", "纲要", "通知", "意见", "办法", "决定")


def parse_plan(
    text: str, *, source_name: str = "", title: str | None = None
) -> ParseResult:
    """Parse a plan page copied from a government website.

    ``text`` is plain text or a saved HTML page. ``source_name`` (a file name or
    URL) appears in errors and stands in for a title the page lacks; ``title``
    overrides the title found on the page. Raises ``PlanParseError`` when there is
    no text to parse.
    """
    source = source_name or "<input>"
    if not text or not text.strip():
        raise PlanParseError(f"{source}: the input is empty; there is no plan to parse")
    if looks_like_html(text):
        text = html_to_text(text)
    cleaned = clean_lines(text)
    result = ParseResult(
        injections=cleaned.injections,
        removed_noise_lines=cleaned.removed_noise_lines,
        warnings=cleaned.warnings,
    )
    if not cleaned.lines:
        raise PlanParseError(
            f"{source}: nothing is left after removing site furniture; "
            "is this the page of a plan?"
        )
    page_title, metadata, lines = _read_head(cleaned.lines)
    lines, toc_lines = drop_toc(lines, page_title)
    result.removed_noise_lines += toc_lines
    chosen_title = title or page_title or _title_from_source(source_name)
    if not (title or page_title):
        result.warnings.append(
            f"{source}: no title found on the page; using '{chosen_title}'"
        )
    repeats = {key for key in (_key(page_title), _key(chosen_title)) if key}
    _split_documents(result, chosen_title, metadata, lines, repeats)
    return result


def _split_documents(
    result: ParseResult,
    title: str,
    metadata: Metadata,
    lines: list[Line],
    repeats: set[str],
) -> None:
    split = split_notice(title, lines)
    if split is None:
        result.documents.append(_document(result, title, metadata, lines, repeats))
        return
    result.notice = split.notice
    result.warnings.extend(split.warnings)
    shared = merge(metadata, split.metadata)
    for plan in split.plans:
        document = _document(result, plan.title, shared, plan.lines, {_key(plan.title)})
        document.notice_title = split.notice.title
        result.documents.append(document)


def _document(
    result: ParseResult,
    title: str,
    metadata: Metadata,
    lines: list[Line],
    repeats: set[str],
) -> PlanDocument:
    # Pages print the title again above the text; those copies are furniture.
    kept = [line for line in lines if _key(line.text) not in repeats]
    result.removed_noise_lines += len(lines) - len(kept)
    document = PlanDocument(title=title, metadata=merge(metadata, Metadata()))
    result.warnings.extend(build_body(document, kept))
    return document


def _read_head(lines: list[Line]) -> tuple[str | None, Metadata, list[Line]]:
    """Title and metadata from the lines before the text starts; the rest."""
    end = next(
        (i for i, line in enumerate(lines) if _starts_text(line.text)), len(lines)
    )
    metadata, head = extract_metadata(lines[:end])
    candidates = [line for line in head if _is_title(line.text)]
    # A site name or breadcrumb may come first; the title names a kind of document.
    title_line = next(
        (line for line in candidates if any(w in line.text for w in _DOCUMENT_KINDS)),
        candidates[0] if candidates else None,
    )
    if title_line is not None:
        head = [line for line in head if line is not title_line]
    title = title_line.text.strip() if title_line else None
    return title, metadata, head + lines[end:]


def _starts_text(text: str) -> bool:
    if is_metadata_line(text):
        return False
    folded = fold(text).replace(" ", "")
    return (
        folded in ("目录", "目次")
        or is_sentence(text)
        or match_heading(text) is not None
        or match_box(text) is not None
    )


def _is_title(text: str) -> bool:
    text = text.strip()
    return (
        4 <= len(text) <= _MAX_TITLE
        and not is_sentence(text)
        and not (len(text) <= 20 and parse_date(text))
    )


def _key(text: str | None) -> str:
    return fold(text or "").replace(" ", "")


def _title_from_source(source_name: str) -> str:
    stem = PurePath(source_name).stem if source_name else ""
    return stem or _FALLBACK_TITLE
