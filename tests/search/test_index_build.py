"""The embedded index build (issue 17): each text folded once, analysed in batches by
worker processes, written by several writer threads — and the same documents as the
build before it, which folded every field's text again for its words and its pairs."""

import datetime

import opencc
import pytest
import rjieba
from hypothesis import given, settings
from hypothesis import strategies as st

from content_models.disclosure.text import fold_width
from search import text
from search.engines import embedded
from search.engines.embedded import EmbeddedEngine, as_tantivy
from search.query import from_params
from search.results import run

from .conftest import document

_simplified = opencc.OpenCC("t2s")


def fold_before(value):
    return _simplified.convert(fold_width(value)).lower()


def words_before(value):
    tokens = []
    for run_ in text._RUN.findall(fold_before(value)):
        is_han = text.is_han(run_)
        tokens.extend(rjieba.cut_for_search(run_, False) if is_han else [run_])
    return tokens


def grams_before(value):
    tokens = []
    for run_ in text._RUN.findall(fold_before(value)):
        if text.is_han(run_) and len(run_) > 1:
            tokens.extend(run_[i : i + 2] for i in range(len(run_) - 1))
        else:
            tokens.append(run_)
    return tokens


TEXTS = [
    "城乡低保标准提高到每人每月８５０元，农村低保标准同步提高。",
    "發展農村養老服務（試行）　第２條",
    "统一社会信用代码：51150299MJ0000001X。①号楼 ㎡",
    "孤",
    "",
    "，。、",
    "e\u0301 ﬁ Ⅻ ＡＢＣ协会２０２４年度报告",
]
# Han, Latin, digits, full-width forms, punctuation and compatibility characters.
ALPHABET = st.sampled_from(
    list("社会组织低保城乡養老服務孤儿abcXYZ019ＡＢ１２，。、（） 　①㎡ﬁ\u0301")
)


@pytest.mark.parametrize("value", TEXTS)
def test_the_fields_are_the_words_and_pairs_of_the_build_before(value):
    assert text.indexed_fields(value, value) == (
        " ".join(words_before(value)),
        " ".join(words_before(value)),
        " ".join(grams_before(value)),
        " ".join(grams_before(value)),
    )


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.text(ALPHABET, max_size=80))
def test_any_text_indexes_as_before(title, body):
    doc = document("x", title, body)
    before = as_tantivy(doc).to_dict()
    assert before["title_words"] == [" ".join(words_before(title))]
    assert before["text_grams"] == [" ".join(grams_before(body))]
    # Analysed in a batch (as worker processes do), the same document.
    (fields,) = text.indexed_batch([(title, body)])
    assert as_tantivy(doc, fields).to_dict() == before


def corpus():
    titles = ["城乡低保标准", "社会组织年度报告", "發展養老服務", "组织社会力量"]
    return [
        document(
            f"d{n}",
            titles[n % len(titles)] + str(n),
            TEXTS[n % len(TEXTS)],
            published=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            kind=("article", "plan")[n % 2],
        )
        for n in range(23)
    ]


QUERIES = ["低保", "社会组织", "养老服务", "2024", "孤", "51150299mj0000001x", ""]


def answers(engine):
    result = {}
    for q in QUERIES:
        found = run(from_params({"q": q, "page_size": "100"}, "zh-hans", {}), engine)
        result[q] = (found.total, [hit for hit in found.hits], found.facets)
    return result


def test_a_rebuild_in_batches_by_worker_processes_holds_the_same_documents(
    tmp_path, monkeypatch
):
    documents = corpus()
    monkeypatch.setattr(embedded, "_ANALYSERS", 0)
    inline = EmbeddedEngine(tmp_path / "inline")
    assert inline.rebuild(iter(documents)) == len(documents)
    # Batches of 4: six batches, analysed by a worker process, kept in order.
    monkeypatch.setattr(embedded, "_BATCH", 4)
    monkeypatch.setattr(embedded, "_ANALYSERS", 1)
    batched = EmbeddedEngine(tmp_path / "batched")
    assert batched.rebuild(iter(documents)) == len(documents)
    assert answers(batched) == answers(inline)
    assert answers(batched)[""][0] == len(documents)


def test_a_small_rebuild_starts_no_worker_process(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("a worker pool for one batch")

    monkeypatch.setattr(embedded, "ProcessPoolExecutor", refuse)
    engine = EmbeddedEngine(tmp_path / "small")
    assert engine.rebuild(corpus()[:5]) == 5
    assert engine.rebuild([]) == 0


def test_a_failing_document_source_leaves_the_previous_index(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "_BATCH", 4)
    monkeypatch.setattr(embedded, "_ANALYSERS", 1)
    engine = EmbeddedEngine(tmp_path / "index")
    engine.rebuild(corpus()[:3])

    def broken():
        yield from corpus()[:10]
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        engine.rebuild(broken())
    assert answers(engine)[""][0] == 3
