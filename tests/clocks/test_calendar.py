"""The working-day calendar: the State Council's schedule from chinese-calendar, the
administrators' adjustments over it, and deadlines that explain themselves."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clocks import calendar
from clocks.calendar import Adjustment, WorkingCalendar, add_working_days
from clocks.models import CalendarAdjustment

D = datetime.date
LIBRARY = WorkingCalendar()


def test_the_2026_national_day_example_reads_as_the_law_wants_it():
    # 2026: 国庆节 10月1日—7日 (中秋节 fell on 9月25日—27日); 9月20日 and 10月10日
    # are 调休 working days (国办发明电〔2025〕7号, as chinese-calendar 1.11 records).
    explanation = LIBRARY.explain(D(2026, 9, 28), 20)
    assert explanation.due == D(2026, 10, 30)
    assert str(explanation) == (
        "收到申请 2026年9月28日 + 20 个工作日，不含 国庆节（10月1日—10月7日），"
        "调休 10月10日 计入 → 2026年10月30日"
    )


def test_2025_national_day_and_mid_autumn_share_one_run():
    explanation = LIBRARY.explain(D(2025, 9, 25), 20)
    assert str(explanation) == (
        "收到申请 2025年9月25日 + 20 个工作日，不含 国庆节、中秋节（10月1日—10月8日），"
        "调休 9月28日、10月11日 计入 → 2025年10月29日"
    )


def test_counting_starts_the_day_after_receipt():
    # A Monday application: the Tuesday is day 1.
    assert LIBRARY.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)
    # Received on a Saturday: Monday is day 1.
    assert LIBRARY.add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 9)
    assert LIBRARY.add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        LIBRARY.add_working_days(D(2026, 3, 2), -1)


def test_spring_festival_2026_and_its_two_working_saturdays():
    # 春节 2月15日—23日; 2月14日 (Sat) and 2月28日 (Sat) are working days.
    assert LIBRARY.is_working_day(D(2026, 2, 14))
    assert LIBRARY.is_working_day(D(2026, 2, 28))
    assert not LIBRARY.is_working_day(D(2026, 2, 23))  # a Monday off
    explanation = LIBRARY.explain(D(2026, 2, 10), 20)
    assert explanation.due == D(2026, 3, 16)
    assert str(explanation) == (
        "收到申请 2026年2月10日 + 20 个工作日，不含 春节（2月15日—2月23日），"
        "调休 2月14日、2月28日 计入 → 2026年3月16日"
    )


def test_across_the_year_end_names_the_new_year_with_its_year():
    # 2025-12-31 + 1 working day: 元旦 2026-01-01..03, then Sunday 1月4日 is a
    # working day (调休).
    assert LIBRARY.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 4)
    explanation = LIBRARY.explain(D(2025, 12, 30), 3)
    assert str(explanation) == (
        "收到申请 2025年12月30日 + 3 个工作日，不含 元旦（2026年1月1日—2026年1月3日），"
        "调休 2026年1月4日 计入 → 2026年1月5日"
    )


def test_a_deadline_without_holidays_says_only_the_sum():
    assert str(LIBRARY.explain(D(2026, 3, 2), 5)) == (
        "收到申请 2026年3月2日 + 5 个工作日 → 2026年3月9日"
    )


def test_a_year_nobody_announced_is_counted_monday_to_friday_and_says_so():
    assert not LIBRARY.knows(2027)
    explanation = LIBRARY.explain(D(2026, 12, 28), 5)
    assert explanation.due == D(2027, 1, 4)
    assert explanation.provisional_years == (2027,)
    assert str(explanation).endswith(
        "→ 2027年1月4日（2027年节假日安排尚未录入，暂按周一至周五计算）"
    )


def test_adjustments_teach_the_calendar_a_new_year():
    adjusted = WorkingCalendar(
        [
            Adjustment(D(2027, 1, 1), False, "元旦"),
            Adjustment(D(2027, 2, 20), True, "春节"),  # a Saturday at work
        ]
    )
    assert adjusted.knows(2027)
    assert adjusted.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    explanation = adjusted.explain(D(2027, 2, 18), 2)
    assert explanation.due == D(2027, 2, 20)
    assert explanation.provisional_years == ()
    assert str(explanation) == (
        "收到申请 2027年2月18日 + 2 个工作日，调休 2月20日 计入 → 2027年2月20日"
    )


def test_an_adjustment_overrides_the_library():
    # A local decision: 2026-03-03 off, written as such in explanations.
    adjusted = WorkingCalendar([Adjustment(D(2026, 3, 3), False, "临时停工")])
    assert adjusted.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 4)
    assert "不含 临时停工（3月3日）" in str(adjusted.explain(D(2026, 3, 2), 1))


def test_weekdays_off_around_a_weekend_form_one_run():
    adjusted = WorkingCalendar(
        [
            Adjustment(D(2027, 2, 5), False, "春节"),  # Friday
            Adjustment(D(2027, 2, 8), False, "春节"),  # Monday
        ]
    )
    explanation = adjusted.explain(D(2027, 2, 4), 2)
    assert explanation.due == D(2027, 2, 10)
    assert "不含 春节（2月5日—2月8日）" in str(explanation)


def test_the_database_table_is_the_calendar(db):
    CalendarAdjustment.objects.create(
        date=D(2027, 1, 1), is_working_day=False, note="元旦"
    )
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert WorkingCalendar.current().knows(2027)


def test_english_explanation(db):
    from django.utils import translation

    with translation.override("en"):
        text = str(LIBRARY.explain(D(2026, 9, 28), 20))
    assert "2026" in text and "→" in text


# -- properties -----------------------------------------------------------------------

dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2027, 12, 31))
counts = st.integers(min_value=0, max_value=60)


@given(start=dates, n=counts, more=st.integers(min_value=0, max_value=30))
def test_later_counts_never_give_earlier_deadlines(start, n, more):
    assert LIBRARY.add_working_days(start, n) <= LIBRARY.add_working_days(
        start, n + more
    )


@given(start=dates, later=st.integers(min_value=0, max_value=40), n=counts)
def test_later_starts_never_give_earlier_deadlines(start, later, n):
    assert LIBRARY.add_working_days(start, n) <= LIBRARY.add_working_days(
        start + datetime.timedelta(days=later), n
    )


@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_a_deadline_is_a_working_day_with_n_working_days_up_to_it(start, n):
    due = LIBRARY.add_working_days(start, n)
    assert LIBRARY.is_working_day(due)
    assert LIBRARY.working_days_between(start, due) == n
    assert LIBRARY.working_days_between(start, due - datetime.timedelta(days=1)) == (
        n - 1
    )


@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_the_explanation_lists_only_days_it_skipped_or_counted(start, n):
    explanation = LIBRARY.explain(start, n)
    for run in explanation.holidays:
        assert start < run.first <= run.last <= explanation.due
        assert not LIBRARY.is_working_day(run.first)
        assert not LIBRARY.is_working_day(run.last)
    for date in explanation.working_weekends:
        assert date.weekday() >= 5 and LIBRARY.is_working_day(date)
        assert start < date <= explanation.due


def test_every_festival_the_library_names_has_chinese():
    import chinese_calendar

    names = set(chinese_calendar.holidays.values())
    assert names <= set(calendar.FESTIVALS)
