"""Full/half-width folding lives in content_models.disclosure.text; search, the plan
parser and indicator values fold with it."""

import unicodedata

import pytest

from content_models.disclosure.text import (
    FULL_TO_HALF,
    fold_width,
    fold_width_in_place,
)
from content_models.plans.indicators import numeric_part
from imports.plan_text.text import fold as plan_fold
from search.text import fold as search_fold


def test_full_width_ascii_and_the_ideographic_space_fold():
    assert fold_width("ＡＢＣ１２３（一）　") == "ABC123(一) "
    assert fold_width_in_place("ＡＢＣ１２３（一）　") == "ABC123(一) "


def test_in_place_folding_keeps_every_offset():
    text = "第１条　①低保（２０２５）"
    assert len(fold_width_in_place(text)) == len(text)
    assert fold_width_in_place(text)[text.index("（")] == "("


@pytest.mark.parametrize("code", sorted(FULL_TO_HALF))
def test_both_strengths_agree_where_a_character_maps_to_one(code):
    assert chr(FULL_TO_HALF[code]) == unicodedata.normalize("NFKC", chr(code))
    assert fold_width_in_place(chr(code)) == fold_width(chr(code))


def test_compatibility_forms_fold_only_in_full_strength():
    assert fold_width("①㎡") == "1m2"
    assert fold_width_in_place("①㎡") == "①㎡"


def test_search_plan_parser_and_indicators_fold_the_same_widths():
    assert search_fold("ＡＢＣ１２３") == "abc123"
    assert plan_fold("（一）２０２５\u00a0年") == "(一)2025 年"
    assert numeric_part("≥５５％") == 55
