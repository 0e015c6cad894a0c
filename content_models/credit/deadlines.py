"""Date arithmetic for the credit lists: the days on which a listing may or must be
looked at again (DOMAIN.md section C, 《社会组织信用信息管理办法》民政部令第60号).

These are reminders for editors, never legal advice printed to the public: the
removal rules in the draft text and the final text differ in detail, and a new
listing ground during a listing restarts the period.
"""

import calendar
import datetime
from dataclasses import dataclass


def add_months(day, months):
    """The same day ``months`` later; the last day of the month when that day is
    missing (a listing on 8月31日 reaches six months on 2月28日 or 29日)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def add_years(day, years):
    """“满N年” counted to the anniversary; 2月29日 falls back to 2月28日."""
    return add_months(day, 12 * years)


@dataclass(frozen=True)
class Deadline:
    label: str
    day: datetime.date
    note: str = ""

    def is_reached(self, today):
        return today >= self.day
