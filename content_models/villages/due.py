"""Which village and community columns still owe last quarter's disclosure.

A quarter's 村务/居务公开 is due by the 20th of the month after it ends (the common
local rule, "每季度的首个月20日前", ../shared/docs/DOMAIN.md B). Issue-by-issue deadline
clocks in working days belong to the statutory calendar; this is the plain reading a
resident sees on the home page.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from content_models.disclosure.periods import Period
from content_models.disclosure.public import public_items

from .disclosures import VillageDisclosurePage

# The default; a county sets its own with VILLAGE_DISCLOSURE_DUE_DAY. The statutory
# clocks (clocks/duties.py) read the same rule and move a deadline that falls on a
# day off to the next working day.
DUE_DAY = 20


def due_day():
    return getattr(settings, "VILLAGE_DISCLOSURE_DUE_DAY", DUE_DAY)


@dataclass(frozen=True)
class Owed:
    column: object  # a VillageIndexPage
    period: Period
    due_on: datetime.date
    overdue: bool


def last_quarter(today):
    """The most recent quarter that has ended by ``today``."""
    first_day = Period.containing(today).first_day
    return Period.containing(first_day - datetime.timedelta(days=1))


def due_on(period):
    """The day a quarter's (or a month's finances') disclosure is due by."""
    return period.last_day + datetime.timedelta(days=due_day())


def columns_owing(section, today):
    """The public columns under ``section`` without a public disclosure for the last
    quarter (any category; monthly ones in it count), in page order. Two queries."""
    from .index_pages import VillageIndexPage  # which imports this module

    period = last_quarter(today)
    columns = public_items(VillageIndexPage).child_of(section).order_by("path")
    months = range(3 * period.quarter - 2, 3 * period.quarter + 1)
    published = (
        public_items(VillageDisclosurePage)
        .descendant_of(section)
        .filter(Q(quarter=period.quarter) | Q(month__in=months), year=period.year)
        .values_list("path", flat=True)
    )
    done = {path[: -VillageIndexPage.steplen] for path in published}
    deadline = due_on(period)
    return [
        Owed(column, period, deadline, overdue=today > deadline)
        for column in columns
        if column.path not in done
    ]
