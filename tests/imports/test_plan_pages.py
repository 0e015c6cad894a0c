"""The plan parser on the corpus of real pages in tests/imports/pages/.

Every fact a person verified on a page is one test; facts the parser still gets
wrong are listed in the page's facts file under ``expected_failures`` with the
reason, and run as strict xfails: fixing one turns the suite red until the entry
is removed. The same facts are scored by ``tests/bench/plan_pages.py``.
"""

import pytest

from tests.imports.page_facts import (
    check,
    corpus,
    facts_of,
    lost_sentences,
    score_corpus,
)

PAGES = corpus()


def _fact_cases():
    cases = []
    for page in PAGES:
        for fact in facts_of(page):
            reason = page.expected_failure(fact)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(
                pytest.param(page, fact, id=f"{page.name}:{fact}", marks=marks)
            )
    return cases


@pytest.mark.parametrize(("page", "fact"), _fact_cases())
def test_page_fact(page, fact):
    outcome = check(page, fact)
    assert outcome.ok, (
        f"{page.name}: {fact}: expected {outcome.expected!r}, got {outcome.actual!r}"
    )


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_no_ordinary_sentence_is_removed(page):
    assert lost_sentences(page) == []


def test_the_corpus_is_wide_enough():
    pages = [page for page in PAGES if not page.name.startswith("seed-")]
    kinds = {page.facts["kind"] for page in PAGES}
    assert len(PAGES) >= 25
    assert len({page.facts["url"].split("/")[2] for page in pages}) >= 15
    assert kinds == {"document", "notice", "not_a_plan"}
    assert any(page.facts.get("spam") for page in PAGES)
    assert any(len(page.facts.get("missing_documents", [])) for page in PAGES)


def test_every_expected_failure_names_a_stated_fact():
    for page in PAGES:
        unknown = set(page.facts.get("expected_failures", {})) - set(facts_of(page))
        assert not unknown, (
            f"{page.name}: expected_failures for unknown facts {unknown}"
        )


def test_score_report_counts_every_fact():
    report = score_corpus()
    assert report["facts"] == sum(len(facts_of(page)) for page in PAGES)
    assert sum(k["total"] for k in report["per_fact"].values()) == report["facts"]
    assert report["spam_lines"] == sum(len(p.facts.get("spam", [])) for p in PAGES)
