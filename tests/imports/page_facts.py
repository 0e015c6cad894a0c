"""The plan-page corpus (tests/imports/pages/) and the scoring of its facts.

Each page ``<name>.txt`` (or ``.html``) is a real page copied as found; beside it,
``<name>.facts.json`` holds what a person verified by reading it (see
pages/README.md). ``facts_of(page)`` lists the facts a page states and
``check(page, fact)`` compares one with what the parser made of the page, so the
test suite (tests/imports/test_plan_pages.py) and the bench
(tests/bench/plan_pages.py) score the same facts the same way. A page added later
needs only its facts file.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imports.plan_text import ParseResult, PlanParseError, parse_plan

PAGES = Path(__file__).resolve().parent / "pages"
PAGE_SUFFIXES = (".txt", ".html")

# Metadata the facts may state, read from the first document (a notice's
# documents share the notice's metadata).
METADATA = ("published", "issuer", "source", "doc_number", "index_number")
# Per-document facts, in the order they are listed.
DOCUMENT_FACTS = ("title", "headings", "boxes", "table_rows")

# What a person reads as the same text: no spacing, full and half width alike.
_SPACE = re.compile(r"\s+")
_ISSUER_SEPARATORS = re.compile(r"[\s、,，;；]+")
# Ordinary sentences: running text a reader would miss if it were dropped.
_SENTENCE = re.compile(r"[。；;]")
_MIN_SENTENCE = 15
# A heading's number is kept apart from its text (and a long run-in heading's
# first clause stands in as its title), so sentences are compared without it.
_NUMBERING = re.compile(
    r"^(?:第.{1,3}[章节条]|[一二三四五六七八九十]+[、.]|[(（].{1,3}[)）]|\d+[.、])"
)
# Pinyin a converter glossed characters with (發(fā)): not words of the page.
_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_SPAM_PIECES = re.compile(r"[_,，|\s]+")


@dataclass(frozen=True)
class Page:
    name: str
    path: Path
    facts: dict[str, Any]

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def expected_failure(self, fact: str) -> str | None:
        return self.facts.get("expected_failures", {}).get(fact)


@dataclass(frozen=True)
class Outcome:
    page: str
    fact: str
    expected: Any
    actual: Any
    ok: bool
    expected_failure: str | None = None

    @property
    def kind(self) -> str:
        """The fact's family for the accuracy report: ``documents[1].title`` → title."""
        return re.sub(r"\[\d+\]", "", self.fact).split(".")[-1]


def corpus() -> list[Page]:
    """Every page that has a facts file, by name."""
    pages = []
    for facts_path in sorted(PAGES.glob("*.facts.json")):
        name = facts_path.name.removesuffix(".facts.json")
        path = next(
            (
                PAGES / f"{name}{suffix}"
                for suffix in PAGE_SUFFIXES
                if (PAGES / f"{name}{suffix}").exists()
            ),
            None,
        )
        if path is None:
            raise FileNotFoundError(f"{facts_path}: no page {name}.txt or {name}.html")
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        pages.append(Page(name, path, facts))
    return pages


def page_named(name: str) -> Page:
    return next(page for page in corpus() if page.name == name)


@functools.cache
def parsed(name: str) -> ParseResult | PlanParseError:
    """The parser's answer for a page: its result, or the refusal it raised."""
    page = page_named(name)
    try:
        return parse_plan(page.text, source_name=page.path.name)
    except PlanParseError as error:
        return error


def facts_of(page: Page) -> list[str]:
    """The names of the facts ``page`` states, in a stable order."""
    facts = page.facts
    if facts["kind"] == "not_a_plan":
        return ["accepted", "refusal"]
    names = ["accepted"]
    if "notice_title" in facts:
        names.append("notice_title")
    documents = facts.get("documents", [])
    names.append("document_count")
    for index, document in enumerate(documents):
        names += [
            f"documents[{index}].{key}" for key in DOCUMENT_FACTS if key in document
        ]
    names += [
        f"missing_documents[{i}]"
        for i in range(len(facts.get("missing_documents", [])))
    ]
    names += [key for key in METADATA if key in facts]
    names += [f"spam[{i}]" for i in range(len(facts.get("spam", [])))]
    return names


def _same_text(left: str | None, right: str | None) -> bool:
    return _SPACE.sub("", left or "") == _SPACE.sub("", right or "")


def _heading(entry) -> str:
    return _SPACE.sub("", entry.label + entry.title)


def _all_text(result: ParseResult) -> list[str]:
    """Every piece of text that would reach the stored pages."""
    texts = list(result.notice.paragraphs) if result.notice else []
    for document in result.documents:
        texts.append(document.title)
        for kind, value in document.body:
            if kind == "paragraph":
                texts.append(value["text"])
            elif kind == "heading":
                texts.append(value["label"] + value["title"])
            elif kind == "box":
                texts += [value["title"], *value["items"]]
        for table in document.indicator_tables:
            texts += [table.title, *(" ".join(row) for row in table.rows)]
    return texts


def _letters(text: str) -> str:
    """Only the words: what survives any re-spacing or re-punctuating."""
    return "".join(ch for ch in text if ch.isalnum())


def _actual(page: Page, fact: str, result: ParseResult) -> tuple[Any, Any, bool]:
    facts = page.facts
    first = result.documents[0] if result.documents else None
    if fact == "notice_title":
        actual = result.notice.title if result.notice else None
        return facts[fact], actual, _same_text(facts[fact], actual)
    if fact == "document_count":
        expected = len(facts.get("documents", []))
        return expected, len(result.documents), expected == len(result.documents)
    match = re.fullmatch(r"documents\[(\d+)\]\.(\w+)", fact)
    if match:
        index, key = int(match[1]), match[2]
        expected = facts["documents"][index][key]
        if index >= len(result.documents):
            return expected, None, False
        document = result.documents[index]
        if key == "title":
            return expected, document.title, _same_text(expected, document.title)
        if key == "headings":
            actual = [_heading(e) for e in document.outline if e.level == 1]
            return expected, actual, [_SPACE.sub("", h) for h in expected] == actual
        if key == "boxes":
            return expected, len(document.boxes), expected == len(document.boxes)
        actual = [len(table.rows) for table in document.indicator_tables]
        return expected, actual, expected == actual
    match = re.fullmatch(r"(missing_documents|spam)\[(\d+)\]", fact)
    if match:
        expected = facts[match[1]][int(match[2])]
        if match[1] == "missing_documents":
            # The importer must say which listed document it could not find.
            named = [w for w in result.warnings if _letters(expected) in _letters(w)]
            return expected, named, bool(named)
        # Removed means no piece of it is left anywhere, not only the whole line.
        pieces = [_letters(p) for p in _SPAM_PIECES.split(expected)]
        pieces = [p for p in pieces if len(p) >= 4]
        kept = [t for t in _all_text(result) if any(p in _letters(t) for p in pieces)]
        return expected, kept, not kept
    metadata = first.metadata if first else None
    actual = getattr(metadata, fact, None) if metadata else None
    if fact == "published":
        actual = actual.isoformat() if actual else None
        return facts[fact], actual, facts[fact] == actual
    if fact == "issuer":
        same = _ISSUER_SEPARATORS.sub("", facts[fact]) == _ISSUER_SEPARATORS.sub(
            "", actual or ""
        )
        return facts[fact], actual, same
    return facts[fact], actual, _same_text(facts[fact], actual)


def check(page: Page, fact: str) -> Outcome:
    """Compare one stated fact with what the parser made of the page."""
    answer = parsed(page.name)
    refused = isinstance(answer, PlanParseError)
    should_refuse = page.facts["kind"] == "not_a_plan"
    reason = page.expected_failure(fact)
    if fact == "accepted":
        actual = str(answer) if refused else "accepted"
        return Outcome(
            page.name, fact, not should_refuse, actual, refused == should_refuse, reason
        )
    if fact == "refusal":
        names = page.facts["refusal_names"]
        message = str(answer) if refused else None
        ok = refused and any(name in message for name in names)
        return Outcome(page.name, fact, names, message, ok, reason)
    if refused:
        return Outcome(page.name, fact, "(a parsed page)", str(answer), False, reason)
    expected, actual, ok = _actual(page, fact, answer)
    return Outcome(page.name, fact, expected, actual, ok, reason)


def lost_sentences(page: Page) -> list[str]:
    """Ordinary sentences of the page that reach no stored text.

    A sentence is an input line with sentence punctuation, at least 15
    characters long, that the facts do not call spam. Words are compared without
    spacing and punctuation, since headings are cut from their run-in text.
    """
    answer = parsed(page.name)
    if isinstance(answer, PlanParseError):
        return []
    kept = _letters("".join(_all_text(answer)))
    return [
        line
        for line in _sentences(page)
        if _letters(_GLOSS.sub("", _NUMBERING.sub("", line))) not in kept
    ]


def _sentences(page: Page) -> list[str]:
    """The page's ordinary sentences: not spam, not furniture the facts name."""
    spam = [_letters(s) for s in page.facts.get("spam", [])]
    furniture = page.facts.get("furniture", [])
    sentences = []
    for line in page.text.splitlines():
        line = line.strip()
        words = _letters(line)
        if len(line) < _MIN_SENTENCE or not _SENTENCE.search(line):
            continue
        if any(s and (s in words or words in s) for s in spam):
            continue
        if any(fragment in line for fragment in furniture):
            continue
        sentences.append(line)
    return sentences


def score_corpus() -> dict[str, Any]:
    """Per-fact accuracy over the corpus, spam removal and sentences lost."""
    pages = corpus()
    outcomes = [check(page, fact) for page in pages for fact in facts_of(page)]
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for outcome in outcomes:
        by_kind[outcome.kind]["right" if outcome.ok else "wrong"] += 1
    spam = [o for o in outcomes if o.kind == "spam"]
    lost = {page.name: lost_sentences(page) for page in pages}
    sentences = sum(_count_sentences(page) for page in pages)
    right = sum(o.ok for o in outcomes)
    return {
        "pages": len(pages),
        "sites": len({_host(page.facts.get("url", "")) for page in pages}),
        "facts": len(outcomes),
        "facts_right": right,
        "accuracy": round(right / len(outcomes), 4) if outcomes else None,
        "per_fact": {
            kind: {
                "right": counts["right"],
                "total": counts["right"] + counts["wrong"],
                "accuracy": round(
                    counts["right"] / (counts["right"] + counts["wrong"]), 4
                ),
            }
            for kind, counts in sorted(by_kind.items())
        },
        "spam_lines": len(spam),
        "spam_removed": sum(o.ok for o in spam),
        "ordinary_sentences": sentences,
        "ordinary_sentences_lost": {
            name: lines for name, lines in lost.items() if lines
        },
        "wrong": [
            {
                "page": o.page,
                "fact": o.fact,
                "expected": o.expected,
                "actual": o.actual,
                "known": o.expected_failure,
            }
            for o in outcomes
            if not o.ok
        ],
    }


def _count_sentences(page: Page) -> int:
    return 0 if page.facts["kind"] == "not_a_plan" else len(_sentences(page))


def _host(url: str) -> str:
    match = re.match(r"https?://([^/]+)", url)
    return match[1] if match else url
