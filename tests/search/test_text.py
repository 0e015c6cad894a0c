"""Chinese text handling: folding, segmentation, pairs and highlighting."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def test_runs_split_a_typed_chunk_only_at_punctuation_and_script():
    assert text.runs("农村低保标准") == ["农村低保标准"]
    assert text.runs("低保、孤儿") == ["低保", "孤儿"]
    assert text.runs("2024年低保") == ["2024", "年低保"]
    assert text.runs("孤") == ["孤"]


def test_cut_gives_every_character_of_a_run_to_one_word():
    assert text.cut("农村低保标准") == ["农村", "低保", "标准"]
    assert "".join(text.cut("事实无人抚养儿童")) == "事实无人抚养儿童"
    assert text.cut("2024") == ["2024"]


@pytest.mark.parametrize(
    "raw",
    [
        "全区共有城乡低保对象１２３户，特困供养人员45人。",
        "發展　農村養老服務（試行）",
        "①号楼 ㎡ ＡＢＣ Ⅻ ﬁ e\u0301",
        "",
    ],
)
def test_fold_is_width_folding_then_simplified_then_lower_case(raw):
    # The quick path (full-width ASCII by table, NFKC only when needed) folds as
    # NFKC always would.
    from content_models.disclosure.text import fold_width

    assert text.fold(raw) == text._to_simplified.convert(fold_width(raw)).lower()


@given(st.text(max_size=60))
def test_fold_quick_path_equals_nfkc_on_any_text(raw):
    from content_models.disclosure.text import fold_width

    assert text.fold(raw) == text._to_simplified.convert(fold_width(raw)).lower()


@pytest.mark.parametrize(
    "raw",
    [
        "城乡低保标准，孤儿基本生活费",
        "代码51150299MJ0000001X号",
        "養老　服務",
        "孤",
        "",
    ],
)
def test_indexed_tokens_are_the_words_and_the_grams(raw):
    assert text.indexed_tokens(raw) == (text.words(raw), text.grams(raw))


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
