"""The pipeline: raw text or HTML in, ``ParseResult`` out.

Order matters: broken characters and injected spam go first (spam also hides in
titles), then furniture, then the page head (title, metadata), the table of
contents, the split of a notice into its plans, and finally each plan's body.
"""

from __future__ import annotations

from pathlib import PurePath

from .body import build_body
from .cleaning import clean_lines
from .head import issuer_in_title, read_head
from .htmltext import html_to_text, looks_like_html
from .kinds import names_a_document, refusal
from .metadata import merge
from .model import (
    Line,
    Metadata,
    NotAPlanError,
    ParseResult,
    PlanDocument,
    PlanParseError,
)
from .notices import split_notice
from .text import fold
from .toc import drop_toc

_FALLBACK_TITLE = "未命名规划"


def parse_plan(
    text: str, *, source_name: str = "", title: str | None = None
) -> ParseResult:
    """Parse a plan page copied from a government website.

    ``text`` is plain text or a saved HTML page. ``source_name`` (a file name or
    URL) appears in errors and stands in for a title the page lacks; ``title``
    overrides the title found on the page. Raises ``PlanParseError`` when there is
    no text to parse, and ``NotAPlanError`` (naming why) when the page is not a
    plan or notice: a report, a list of names, a table, a news report.
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
    head = read_head(cleaned.lines, source)
    page_title, metadata, lines = head.title, head.metadata, head.rest
    # An operator's --title that names a kind of document says what the page is.
    reason = refusal(title if names_a_document(title) else page_title, lines)
    if reason:
        raise NotAPlanError(f"{source}: not a plan or notice: {reason}")
    result.warnings.extend(head.warnings)
    result.removed_noise_lines += head.dropped
    lines, toc_lines = drop_toc(lines, page_title)
    result.removed_noise_lines += toc_lines
    chosen_title = title or page_title or _title_from_source(source_name)
    if not (title or page_title):
        result.warnings.append(
            f"{source}: no title found on the page; using '{chosen_title}'"
        )
    repeats = {key for key in (_key(page_title), _key(chosen_title)) if key}
    repeats |= head.repeats
    _split_documents(result, page_title, chosen_title, metadata, lines, repeats)
    return result


def _split_documents(
    result: ParseResult,
    page_title: str | None,
    title: str,
    metadata: Metadata,
    lines: list[Line],
    repeats: set[str],
) -> None:
    split = split_notice(page_title, lines)
    if split is None:
        _issuer_from_title(result, metadata, page_title)
        result.documents.append(_document(result, title, metadata, lines, repeats))
        return
    result.notice = split.notice
    result.warnings.extend(split.warnings)
    shared = merge(metadata, split.metadata)
    if split.metadata.issuer and not metadata.issuer:
        result.warnings.append(
            f"issuer '{shared.issuer}' taken from the notice's signature"
        )
    if split.metadata.published and not metadata.published:
        result.warnings.append(
            f"publication date {shared.published.isoformat()} taken from the "
            "notice's signature"
        )
    _issuer_from_title(result, shared, page_title)
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


def _issuer_from_title(
    result: ParseResult, metadata: Metadata, title: str | None
) -> None:
    """No labelled or signed issuer: the one the title names (``X关于…``)."""
    issuer = issuer_in_title(title)
    if metadata.issuer is None and issuer:
        metadata.issuer = issuer
        result.warnings.append(f"issuer '{issuer}' taken from the title")


def _key(text: str | None) -> str:
    return fold(text or "").replace(" ", "")


def _title_from_source(source_name: str) -> str:
    stem = PurePath(source_name).stem if source_name else ""
    return stem or _FALLBACK_TITLE
