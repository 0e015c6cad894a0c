"""The spam word lists and patterns live in content_models.disclosure.spam_words; the
publication guard and the plan importer read them there."""

import pytest

from content_models.disclosure import spam_words
from content_models.disclosure.spam_words import (
    BRAND_INJECTION,
    LEGITIMATE_PHRASES,
    SPAM_WORDS,
    spam_words_in,
)
from imports.plan_text import spam as plan_spam
from publishing.guards import spam as guard_spam


def test_listed_words_are_found_in_any_case():
    assert spam_words_in("欢迎光临CASINO娱乐城") == ["娱乐城", "casino"]


@pytest.mark.parametrize("phrase", LEGITIMATE_PHRASES)
def test_legitimate_phrases_are_not_spam(phrase):
    assert spam_words_in(f"本年度{phrase}工作总结") == []


def test_a_brand_followed_by_a_colon_is_an_injection():
    assert BRAND_INJECTION.search("加强开云体育:基层治理")
    assert not BRAND_INJECTION.search("社区体育指导员：开展全民健身")


def test_the_guard_and_the_importer_use_the_shared_module():
    assert guard_spam.spam_words_in is spam_words.spam_words_in
    assert not hasattr(guard_spam, "SPAM_WORDS")
    assert not hasattr(plan_spam, "BRANDS")
    assert plan_spam.find_injections("加强开云体育:基层治理") == [(2, 7)]


def test_the_word_list_has_no_duplicates():
    assert len(set(SPAM_WORDS)) == len(SPAM_WORDS)
    assert len(set(spam_words.BETTING_BRANDS)) == len(spam_words.BETTING_BRANDS)
