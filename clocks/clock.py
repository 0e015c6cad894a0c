"""The 依申请公开 clock (条例 第三十条、第三十三条), computed from an application's
steps: nothing is stored, so a change of the calendar recomputes every open deadline.

- 20 working days after the day the application was received (Art. 33);
- a 补正 notice stops the clock; the supplement's arrival restarts it from zero
  ("自收到补正的申请之日起计算", Art. 30): earlier pauses no longer matter;
- an approved extension adds at most 20 working days (Art. 33);
- time spent consulting a third party is not counted (Art. 33): the working days
  after the consultation began up to the day it ended are added.
"""

import dataclasses
import datetime

from django.utils.translation import gettext as _

from .calendar import date_span
from .models import State, StepKind

ANSWER_DAYS = 20
MAX_EXTENSION_DAYS = 20
SUPPLEMENT_NOTICE_DAYS = 7  # 补正 must be asked within 7 working days (Art. 30)
THIRD_PARTY_DAYS = 15  # a third party gives its view within 15 working days (Art. 32)
DUE_SOON_DAYS = 5


@dataclasses.dataclass(frozen=True)
class Clock:
    state: str
    start: datetime.date  # received, or the supplement's arrival
    restarted: bool  # start is the supplement's arrival
    extension_days: int
    pauses: tuple  # ((began, ended, working days), …) since start
    paused_since: datetime.date | None  # a consultation still going on
    due: datetime.date | None  # None while the clock is stopped
    explanation: object  # calendar.Explanation, or None while stopped
    answered_on: datetime.date | None
    supplement_possible_until: datetime.date
    # While a consultation goes on: the day the third party's view is due (Art. 32;
    # silence after it does not stop the clock being paused, staff end it).
    third_party_due: datetime.date | None = None

    @property
    def running(self):
        return self.state == State.IN_PROGRESS

    def overdue_on(self, today):
        return self.running and today > self.due

    def answered_late(self):
        return self.answered_on is not None and self.answered_on > self.due


def clock_of(received_on, steps, calendar):
    """The clock of an application received on ``received_on`` with ``steps``
    (objects with ``kind``, ``date``, ``days``, in order)."""
    state, start, restarted = State.IN_PROGRESS, received_on, False
    extension, pauses, paused_since, answered_on = 0, [], None, None
    for step in steps:
        kind = step.kind
        if kind == StepKind.SUPPLEMENT_REQUESTED:
            state = State.AWAITING_SUPPLEMENT
        elif kind == StepKind.SUPPLEMENT_RECEIVED:
            state, start, restarted = State.IN_PROGRESS, step.date, True
            pauses, paused_since = [], None
        elif kind == StepKind.CONSULTATION_STARTED:
            state, paused_since = State.CONSULTING, step.date
        elif kind == StepKind.CONSULTATION_ENDED:
            began = max(paused_since, start)
            pauses.append(
                (began, step.date, calendar.working_days_between(began, step.date))
            )
            state, paused_since = State.IN_PROGRESS, None
        elif kind == StepKind.EXTENSION_APPROVED:
            extension += step.days
        elif kind == StepKind.ANSWERED:
            state, answered_on = State.ANSWERED, step.date
    stopped = state in (State.AWAITING_SUPPLEMENT, State.CONSULTING)
    explanation = None
    if not stopped:
        explanation = calendar.explain(
            start,
            ANSWER_DAYS,
            event=_("收到补正") if restarted else _("收到申请"),
            clauses=_clauses(extension, pauses, start.year),
            extra_days=extension + sum(days for _b, _e, days in pauses),
        )
    return Clock(
        state=state,
        start=start,
        restarted=restarted,
        extension_days=extension,
        pauses=tuple(pauses),
        paused_since=paused_since,
        due=explanation.due if explanation else None,
        explanation=explanation,
        answered_on=answered_on,
        supplement_possible_until=calendar.add_working_days(
            received_on, SUPPLEMENT_NOTICE_DAYS
        ),
        third_party_due=calendar.add_working_days(paused_since, THIRD_PARTY_DAYS)
        if paused_since
        else None,
    )


def _clauses(extension, pauses, year):
    clauses = []
    if extension:
        clauses.append(_("延长 %(days)s 个工作日") % {"days": extension})
    for began, ended, days in pauses:
        clauses.append(
            _("征求第三方意见（%(dates)s）%(days)s 个工作日不计")
            % {"dates": date_span(began, ended, year), "days": days}
        )
    return clauses


def working_days_left(clock, today, calendar):
    """Working days from ``today`` to the due date (negative once overdue)."""
    if today <= clock.due:
        return calendar.working_days_between(today, clock.due)
    return -calendar.working_days_between(clock.due, today)


def due_soon(clock, today, calendar):
    return (
        clock.running
        and not clock.overdue_on(today)
        and working_days_left(clock, today, calendar) <= DUE_SOON_DAYS
    )
