"""Working days of mainland China, and deadlines counted in them.

The State Council's holiday schedule (放假安排, with its 调休: weekend days that are
working days) comes from ``chinese-calendar``; an administrator's table of
adjustments (``CalendarAdjustment``) overrides it day by day and covers the years the
library does not know yet (the schedule is announced each November, after the
library's release). A year neither knows is counted Monday to Friday and every
deadline reaching into it says so ("provisional").

Why chinese-calendar rather than ``holidays``: both agree on every working day of
2010–2026, but ``holidays`` answers for years nobody has announced yet (a guess with
no 调休, given as if it were the schedule), and names days "Day off (substituted from
…)"; chinese-calendar raises for unknown years and names each day's festival, which
is what a deadline's explanation must show.

Deadlines follow 条例 Art. 33's wording ("自收到申请之日起20个工作日内"): counting
starts on the day after the start date.
"""

import dataclasses
import datetime

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import chinese_calendar

# chinese-calendar's names, in the words of the State Council's notices.
FESTIVALS = {
    "New Year's Day": gettext_lazy("元旦"),
    "Spring Festival": gettext_lazy("春节"),
    "Tomb-sweeping Day": gettext_lazy("清明节"),
    "Labour Day": gettext_lazy("劳动节"),
    "Dragon Boat Festival": gettext_lazy("端午节"),
    "National Day": gettext_lazy("国庆节"),
    "Mid-autumn Festival": gettext_lazy("中秋节"),
    "Anti-Fascist 70th Day": gettext_lazy("抗战胜利70周年纪念日"),
}
LIBRARY_YEARS = frozenset(day.year for day in chinese_calendar.holidays)
ONE_DAY = datetime.timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class Day:
    date: datetime.date
    working: bool
    # The festival of a day off that is not an ordinary weekend day, or the
    # administrator's note; for a working weekend (调休), the festival it serves.
    name: str = ""
    provisional: bool = False  # a year nobody has told the calendar about

    @property
    def holiday(self):
        return not self.working and bool(self.name)

    @property
    def working_weekend(self):
        return self.working and self.date.weekday() >= 5


@dataclasses.dataclass(frozen=True)
class Adjustment:
    """One administrator's correction: the day is (or is not) a working day."""

    date: datetime.date
    working: bool
    note: str = ""


class WorkingCalendar:
    """The calendar: the library's schedule with ``adjustments`` laid over it."""

    def __init__(self, adjustments=()):
        self.adjustments = {adjustment.date: adjustment for adjustment in adjustments}
        self.adjusted_years = frozenset(day.year for day in self.adjustments)

    @classmethod
    def current(cls):
        """The calendar as administrators have adjusted it (one query)."""
        from .models import CalendarAdjustment

        return cls(
            Adjustment(date, working, note)
            for date, working, note in CalendarAdjustment.objects.values_list(
                "date", "is_working_day", "note"
            )
        )

    def knows(self, year):
        """Whether the year's schedule is known (library or administrators)."""
        return year in LIBRARY_YEARS or year in self.adjusted_years

    def day(self, date):
        adjustment = self.adjustments.get(date)
        if adjustment is not None:
            return Day(date, adjustment.working, adjustment.note)
        weekend = date.weekday() >= 5
        if date.year not in LIBRARY_YEARS:
            return Day(date, not weekend, provisional=not self.knows(date.year))
        if date in chinese_calendar.holidays:
            return Day(date, False, _festival(chinese_calendar.holidays[date]))
        if date in chinese_calendar.workdays:
            return Day(date, True, _festival(chinese_calendar.workdays[date]))
        return Day(date, not weekend)

    def is_working_day(self, date):
        return self.day(date).working

    def add_working_days(self, start, n):
        """The ``n``-th working day after ``start`` (``start`` itself never counts;
        n = 0 gives ``start``)."""
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        date = start
        while n:
            date += ONE_DAY
            if self.is_working_day(date):
                n -= 1
        return date

    def working_days_between(self, start, end):
        """How many working days lie after ``start`` up to and including ``end``."""
        count, date = 0, start
        while date < end:
            date += ONE_DAY
            count += self.is_working_day(date)
        return count

    def days_after(self, start, end):
        """Each Day after ``start`` up to and including ``end``."""
        date = start
        while date < end:
            date += ONE_DAY
            yield self.day(date)

    def explain(self, start, n, event=None, clauses=(), extra_days=0):
        """The deadline ``n`` (+ ``extra_days`` not named in the sum, e.g. paused
        time described by ``clauses``) working days after ``start``, with what the
        calendar used to find it."""
        due = self.add_working_days(start, n + extra_days)
        return Explanation(
            event=event if event is not None else _("收到申请"),
            start=start,
            days=n,
            due=due,
            days_used=tuple(self.days_after(start, due)),
            clauses=tuple(clauses),
        )


def _festival(name):
    return str(FESTIVALS.get(name, name))


def add_working_days(start, n):
    """``n`` working days after ``start``, by the calendar administrators keep."""
    return WorkingCalendar.current().add_working_days(start, n)


# -- explanations ---------------------------------------------------------------------


def long_date(date):
    return dateformat.format(date, _("Y年n月j日"))


def short_date(date, year=None):
    """Month and day; the year too when it differs from ``year``."""
    if year is not None and date.year != year:
        return long_date(date)
    return dateformat.format(date, _("n月j日"))


def date_span(first, last, year=None):
    if first == last:
        return short_date(first, year)
    return _("%(first)s—%(last)s") % {
        "first": short_date(first, year),
        "last": short_date(last, year),
    }


@dataclasses.dataclass(frozen=True)
class HolidayRun:
    """Consecutive days off (weekends inside a festival included) and their names."""

    names: tuple
    first: datetime.date
    last: datetime.date


@dataclasses.dataclass(frozen=True)
class Explanation:
    """How a deadline was computed, from the days the calendar actually used:
    "收到申请 2026年9月28日 + 20 个工作日，不含 国庆节（10月1日—10月7日），
    调休 10月10日 计入 → 2026年10月30日"."""

    event: str
    start: datetime.date
    days: int
    due: datetime.date
    days_used: tuple  # every Day after start up to due
    clauses: tuple = ()  # extensions, paused time: "延长 20 个工作日"

    @property
    def holidays(self):
        runs, current = [], None
        for day in self.days_used:
            off_festival = not day.working and (
                day.name or (current and day.date.weekday() >= 5)
            )
            if off_festival and current and current["last"] + ONE_DAY == day.date:
                current["last"] = day.date
                if day.name and day.name not in current["names"]:
                    current["names"].append(day.name)
            elif day.holiday:
                current = {"names": [day.name], "first": day.date, "last": day.date}
                runs.append(current)
            elif day.working:
                current = None
        return tuple(
            HolidayRun(tuple(run["names"]), run["first"], _last_named(run, self))
            for run in runs
        )

    @property
    def working_weekends(self):
        return tuple(day.date for day in self.days_used if day.working_weekend)

    @property
    def provisional_years(self):
        return tuple(
            sorted({day.date.year for day in self.days_used if day.provisional})
        )

    def __str__(self):
        year = self.start.year
        separator = _("、")
        text = _("%(event)s %(start)s + %(days)s 个工作日") % {
            "event": self.event,
            "start": long_date(self.start),
            "days": self.days,
        }
        for clause in self.clauses:
            text += _("，") + str(clause)
        if self.holidays:
            text += _("，不含 %(holidays)s") % {
                "holidays": separator.join(
                    _("%(names)s（%(dates)s）")
                    % {
                        "names": separator.join(run.names),
                        "dates": date_span(run.first, run.last, year),
                    }
                    for run in self.holidays
                )
            }
        if self.working_weekends:
            text += _("，调休 %(dates)s 计入") % {
                "dates": separator.join(
                    short_date(date, year) for date in self.working_weekends
                )
            }
        text += " → " + long_date(self.due)
        if self.provisional_years:
            text += _("（%(years)s年节假日安排尚未录入，暂按周一至周五计算）") % {
                "years": separator.join(str(y) for y in self.provisional_years)
            }
        return text


def _last_named(run, explanation):
    """A run ends on its last day off; trailing ordinary weekend days after the
    festival's own days are not part of it."""
    last = run["last"]
    named = {day.date for day in explanation.days_used if day.name and not day.working}
    while last > run["first"] and last not in named:
        last -= ONE_DAY
    return last
