"""Chinese text handling: folding, segmentation, pairs and highlighting."""

import pytest

from search import text
from search.highlight import marked, snippet, spans


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("養老服務", "养老服务"),
        ("ＡＢＣ１２３", "abc123"),
        ("51150299MJ0000001X", "51150299mj0000001x"),
        ("發展　農村", "发展 农村"),  # ideographic space becomes a plain one
    ],
)
def test_fold(raw, folded):
    assert text.fold(raw) == folded


def test_words_use_search_mode_segmentation():
    assert "生活费" in text.words("孤儿基本生活费")
    assert "生活" in text.words("孤儿基本生活费")
    # Numbers stay whole; unknown names fall apart into characters (HMM off: the
    # same tokens every time), which the character pairs make up for.
    assert text.words("清民发〔2024〕3号") == ["清", "民", "发", "2024", "3", "号"]


def test_grams_pair_every_han_run_and_keep_codes_whole():
    assert text.grams("城乡低保，孤") == ["城乡", "乡低", "低保", "孤"]
    assert text.grams("代码51150299MJ0000001X") == ["代码", "51150299mj0000001x"]


def test_query_words_split_an_unspaced_chunk_and_drop_particles():
    assert text.query_words("农村低保标准") == ["农村", "低保", "标准"]
    assert text.query_words("低保的标准") == ["低保", "标准"]
    assert text.query_words("孤") == ["孤"]


def test_split_terms_accepts_chinese_and_latin_separators():
    assert text.split_terms("低保，最低生活保障、 城乡低保;ABC") == [
        "低保",
        "最低生活保障",
        "城乡低保",
        "abc",
    ]


def test_offsets_map_folded_matches_onto_the_original():
    original = "①養老服務"  # ① folds to "1": same length
    assert spans(original, ["养老"]) == [(1, 3)]
    widened = "㎡養老"  # ㎡ folds to "m2": two characters for one
    assert spans(widened, ["养老"]) == [(1, 3)]


def test_overlapping_matches_are_marked_once():
    assert marked("最低生活保障", ["最低生活保障", "低保", "生活"]) == (
        "<mark>最低生活保障</mark>"
    )


def test_snippet_without_a_match_shows_the_start():
    shown = snippet("甲" * 200, ["乙"], length=10)
    assert shown == "甲" * 10 + "…"
