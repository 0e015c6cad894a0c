"""The 依申请公开 clock computed from steps (条例 第三十条、第三十三条), without a
database: every state change and what it does to the due date."""

import datetime
from types import SimpleNamespace as S

from hypothesis import given
from hypothesis import strategies as st

from clocks.calendar import WorkingCalendar
from clocks.clock import clock_of, due_soon, working_days_left
from clocks.models import State, StepKind

D = datetime.date
CAL = WorkingCalendar()
RECEIVED = D(2026, 9, 28)


def step(kind, date, days=None):
    return S(kind=kind, date=date, days=days)


def test_a_fresh_application_is_due_20_working_days_after_receipt():
    clock = clock_of(RECEIVED, [], CAL)
    assert clock.state == State.IN_PROGRESS
    assert clock.due == D(2026, 10, 30)
    assert str(clock.explanation).startswith("收到申请 2026年9月28日 + 20 个工作日")
    # 补正 is possible for 7 working days: 9/29, 9/30, 10/8, 10/9, 10/10 (调休),
    # 10/12, 10/13.
    assert clock.supplement_possible_until == D(2026, 10, 13)


def test_a_supplement_notice_stops_the_clock():
    clock = clock_of(
        RECEIVED, [step(StepKind.SUPPLEMENT_REQUESTED, D(2026, 9, 30))], CAL
    )
    assert clock.state == State.AWAITING_SUPPLEMENT
    assert clock.due is None and clock.explanation is None
    assert not clock.running and not clock.overdue_on(D(2027, 1, 1))


def test_the_supplement_restarts_the_clock_from_zero():
    clock = clock_of(
        RECEIVED,
        [
            step(StepKind.SUPPLEMENT_REQUESTED, D(2026, 9, 30)),
            step(StepKind.SUPPLEMENT_RECEIVED, D(2026, 10, 9)),
        ],
        CAL,
    )
    assert clock.state == State.IN_PROGRESS
    assert clock.restarted and clock.start == D(2026, 10, 9)
    assert clock.due == CAL.add_working_days(D(2026, 10, 9), 20) == D(2026, 11, 5)
    assert str(clock.explanation) == (
        "收到补正 2026年10月9日 + 20 个工作日，调休 10月10日 计入 → 2026年11月5日"
    )


def test_a_consultation_pauses_and_its_working_days_are_added():
    steps = [step(StepKind.CONSULTATION_STARTED, D(2026, 10, 12))]
    paused = clock_of(RECEIVED, steps, CAL)
    assert paused.state == State.CONSULTING and paused.due is None
    assert paused.paused_since == D(2026, 10, 12)
    # The third party has 15 working days (Art. 32): 10/13 … 11/2.
    assert paused.third_party_due == D(2026, 11, 2)
    # Ends Friday 10/16: 10/13–10/16 are 4 working days not counted.
    resumed = clock_of(
        RECEIVED, [*steps, step(StepKind.CONSULTATION_ENDED, D(2026, 10, 16))], CAL
    )
    assert resumed.state == State.IN_PROGRESS
    assert resumed.due == CAL.add_working_days(RECEIVED, 24) == D(2026, 11, 5)
    assert "征求第三方意见（10月12日—10月16日）4 个工作日不计" in str(
        resumed.explanation
    )


def test_an_approved_extension_adds_its_days_and_says_so():
    clock = clock_of(
        RECEIVED,
        [
            step(StepKind.EXTENSION_REQUESTED, D(2026, 10, 20), 20),
            step(StepKind.EXTENSION_APPROVED, D(2026, 10, 21), 20),
        ],
        CAL,
    )
    assert clock.extension_days == 20
    assert clock.due == CAL.add_working_days(RECEIVED, 40) == D(2026, 11, 27)
    assert str(clock.explanation).startswith(
        "收到申请 2026年9月28日 + 20 个工作日，延长 20 个工作日，不含 国庆节"
    )


def test_a_refused_or_pending_extension_changes_nothing():
    plain = clock_of(RECEIVED, [], CAL)
    for steps in (
        [step(StepKind.EXTENSION_REQUESTED, D(2026, 10, 20), 10)],
        [
            step(StepKind.EXTENSION_REQUESTED, D(2026, 10, 20), 10),
            step(StepKind.EXTENSION_REFUSED, D(2026, 10, 21)),
        ],
    ):
        assert clock_of(RECEIVED, steps, CAL).due == plain.due


def test_a_supplement_after_a_consultation_forgets_the_pause():
    clock = clock_of(
        RECEIVED,
        [
            step(StepKind.CONSULTATION_STARTED, D(2026, 9, 29)),
            step(StepKind.CONSULTATION_ENDED, D(2026, 9, 30)),
            step(StepKind.SUPPLEMENT_REQUESTED, D(2026, 9, 30)),
            step(StepKind.SUPPLEMENT_RECEIVED, D(2026, 10, 9)),
        ],
        CAL,
    )
    assert clock.pauses == ()
    assert clock.due == D(2026, 11, 5)


def test_an_answer_closes_the_clock_on_time_or_late():
    on_time = clock_of(RECEIVED, [step(StepKind.ANSWERED, D(2026, 10, 30))], CAL)
    assert on_time.state == State.ANSWERED and not on_time.answered_late()
    assert not on_time.overdue_on(D(2026, 12, 1))
    late = clock_of(RECEIVED, [step(StepKind.ANSWERED, D(2026, 11, 2))], CAL)
    assert late.answered_late()


def test_overdue_and_due_soon_count_working_days():
    clock = clock_of(RECEIVED, [], CAL)  # due Friday 2026-10-30
    assert not clock.overdue_on(D(2026, 10, 30))
    assert clock.overdue_on(D(2026, 10, 31))
    assert working_days_left(clock, D(2026, 10, 23), CAL) == 5
    assert due_soon(clock, D(2026, 10, 23), CAL)
    assert not due_soon(clock, D(2026, 10, 22), CAL)  # 6 working days left
    assert working_days_left(clock, D(2026, 11, 3), CAL) == -2
    assert not due_soon(clock, D(2026, 11, 3), CAL)  # overdue, not "soon"


received = st.dates(min_value=D(2016, 1, 1), max_value=D(2026, 6, 30))
offsets = st.integers(min_value=0, max_value=30)


@given(received, offsets, st.integers(min_value=0, max_value=40))
def test_a_consultation_never_brings_the_deadline_forward(start, after, length):
    began = start + datetime.timedelta(days=after)
    ended = began + datetime.timedelta(days=length)
    plain = clock_of(start, [], CAL)
    paused = clock_of(
        start,
        [
            step(StepKind.CONSULTATION_STARTED, began),
            step(StepKind.CONSULTATION_ENDED, ended),
        ],
        CAL,
    )
    assert paused.due >= plain.due
    # Exactly the working days of the pause are added.
    assert CAL.working_days_between(start, paused.due) == 20 + paused.pauses[0][2]


@given(received, st.integers(min_value=1, max_value=20))
def test_an_extension_adds_exactly_its_working_days(start, days):
    clock = clock_of(start, [step(StepKind.EXTENSION_APPROVED, start, days)], CAL)
    assert CAL.working_days_between(start, clock.due) == 20 + days
    assert CAL.is_working_day(clock.due)
