"""The rules' table and its date arithmetic."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from inspection import rules


def test_every_rule_names_its_source_and_limits_are_those_of_2019():
    assert {rule.code for rule in rules.RULES} == {
        "home_not_updated",
        "news_stale",
        "notices_stale",
        "long_stale",
        "empty_column",
        "unanswered",
        "broken_link",
    }
    for rule in rules.RULES:
        assert str(rule.source).startswith(("单项否决", "扣分"))
    assert rules.HOME_NOT_UPDATED.limit == 0
    assert rules.NEWS_STALE.limit == rules.NOTICES_STALE.limit == 5
    assert rules.LONG_STALE.limit == 10
    assert rules.EMPTY_COLUMN.limit == 5


def test_a_rule_fails_the_site_only_above_its_limit():
    assert not rules.EMPTY_COLUMN.fails_site(5)
    assert rules.EMPTY_COLUMN.fails_site(6)
    assert rules.HOME_NOT_UPDATED.fails_site(1)
    assert not rules.BROKEN_LINK.fails_site(1000)  # points, never a veto


def test_months_before_keeps_the_day_or_takes_the_month_end():
    assert rules.months_before(datetime.date(2026, 8, 31), 6) == datetime.date(
        2026, 2, 28
    )
    assert rules.months_before(datetime.date(2024, 8, 31), 6) == datetime.date(
        2024, 2, 29
    )
    assert rules.months_before(datetime.date(2026, 1, 15), 3) == datetime.date(
        2025, 10, 15
    )
    assert rules.months_before(datetime.date(2026, 3, 31), 12) == datetime.date(
        2025, 3, 31
    )


@given(
    st.dates(datetime.date(1901, 1, 1), datetime.date(2999, 12, 31)), st.integers(0, 24)
)
def test_months_before_is_that_many_months_back(day, months):
    earlier = rules.months_before(day, months)
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day == min(day.day, earlier.day) and earlier.day <= day.day


def test_default_kinds_by_page_type():
    assert rules.default_kind("disclosure.ArticleIndexPage") == rules.ColumnKind.NOTICES
    assert rules.default_kind("plans.planindexpage") == rules.ColumnKind.OTHER
