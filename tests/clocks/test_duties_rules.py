"""The duty rules of active disclosure (clocks/duties.py), each counted through the
calendar across year ends, festivals and 调休 weekends, and the four states."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clocks import duties, village_duties
from clocks.calendar import Adjustment, WorkingCalendar
from content_models.disclosure.periods import Period

D = datetime.date
CAL = WorkingCalendar()


def test_proactive_20_working_days_cross_the_new_year_and_count_its_tiaoxiu_sunday():
    # 2026-01-01..03 off, Sunday 2026-01-04 worked (调休).
    explanation = CAL.explain(D(2025, 12, 25), duties.PROACTIVE_DAYS, event="成文")
    assert explanation.due == D(2026, 1, 23)
    assert D(2026, 1, 4) in explanation.working_weekends
    assert "元旦" in str(explanation) and "调休 2026年1月4日 计入" in str(explanation)


def test_catalogue_10_working_days_skip_national_day_and_count_both_tiaoxiu():
    # 2025: Sep 28 (Sun) and Oct 11 (Sat) worked, Oct 1–8 off.
    explanation = CAL.explain(D(2025, 9, 26), duties.CATALOGUE_DAYS)
    assert explanation.due == D(2025, 10, 16)
    assert explanation.working_weekends == (D(2025, 9, 28), D(2025, 10, 11))


def test_publicity_7_working_days_over_spring_festival():
    # 2026: Feb 15–23 off; Feb 14 and Feb 28 (Saturdays) worked.
    explanation = CAL.explain(D(2026, 2, 12), 7, event="公示开始")
    assert explanation.due == D(2026, 2, 28)
    assert "春节" in str(explanation)


def test_credit_5_working_days_across_the_year_end():
    explanation = CAL.explain(D(2025, 12, 29), duties.CREDIT_DAYS)
    assert explanation.due == D(2026, 1, 6)


def test_village_quarter_due_on_the_20th_after_it():
    deadline = duties.village_deadline(Period(2025, quarter=3), CAL)
    assert deadline.due == deadline.nominal == D(2025, 10, 20)
    assert str(deadline).endswith("2025年10月20日")


def test_village_monthly_finances_due_after_each_month():
    assert duties.village_deadline(Period(2026, month=1), CAL).due == D(2026, 2, 24)
    # Feb 20 2026 falls in the Spring Festival holiday (Feb 15–23): moved to Feb 24.


def test_village_day_is_a_setting_and_a_day_off_moves_to_the_next_working_day(
    settings,
):
    settings.VILLAGE_DISCLOSURE_DUE_DAY = 1
    national_day = duties.village_deadline(Period(2025, quarter=3), CAL)
    assert national_day.nominal == D(2025, 10, 1)
    assert national_day.due == D(2025, 10, 9)
    assert "国庆节" in str(national_day) and "顺延" in str(national_day)
    # Across the year end: Jan 1 2026 is 元旦, Sunday Jan 4 is a 调休 working day.
    new_year = duties.village_deadline(Period(2025, quarter=4), CAL)
    assert new_year.due == D(2026, 1, 4)


def test_charity_report_by_31_may_moved_past_the_dragon_boat_festival():
    # 2025-05-31 is a Saturday and 端午节 (May 31–Jun 2 off).
    deadline = duties.charity_deadline(2024, CAL)
    assert deadline.nominal == D(2025, 5, 31)
    assert deadline.due == D(2025, 6, 3)
    assert "端午节" in str(deadline)
    assert duties.charity_deadline(2025, CAL).due == D(2026, 6, 1)  # a Sunday


def test_an_administrators_adjustment_moves_a_calendar_day_deadline():
    calendar = WorkingCalendar([Adjustment(D(2025, 10, 20), False, "临时放假")])
    deadline = duties.village_deadline(Period(2025, quarter=3), calendar)
    assert deadline.due == D(2025, 10, 21)
    assert "临时放假" in str(deadline)


@pytest.mark.parametrize(
    ("done_on", "today", "state"),
    [
        (None, D(2025, 10, 20), duties.DUE),  # the last day itself is in time
        (None, D(2025, 10, 21), duties.OVERDUE),
        (D(2025, 10, 20), D(2026, 1, 1), duties.ON_TIME),
        (D(2025, 10, 21), D(2026, 1, 1), duties.LATE),
    ],
)
def test_every_state(done_on, today, state):
    assert duties.state_of(D(2025, 10, 20), done_on, today) == state


@given(
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 1)),
    days=st.integers(min_value=0, max_value=30),
)
def test_a_calendar_day_deadline_is_a_working_day_on_or_after_it(start, days):
    deadline = duties.on_working_day(CAL, "规则", start + datetime.timedelta(days))
    assert CAL.is_working_day(deadline.due)
    assert deadline.due >= deadline.nominal
    assert all(not day.working for day in deadline.skipped)
    assert len(deadline.skipped) == (deadline.due - deadline.nominal).days


def test_recent_periods_end_before_today_and_span_the_year_end():
    quarters = village_duties.recent_periods(D(2026, 1, 21))
    assert [str(q.slug) for q in quarters] == [
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
    ]
    months = village_duties.recent_periods(D(2026, 1, 21), monthly=True)
    assert months[0].slug == "2025-01" and months[-1].slug == "2025-12"
