"""村（居）务公开 duties: each village column's quarters (and months, where it
discloses finances monthly), and the clock its residents see. The rule's deadline
is ``duties.village_deadline``."""

import dataclasses

from django.utils.translation import gettext as _

from wagtail.models import Locale

from content_models.disclosure.agencies import Agency
from content_models.disclosure.periods import Period
from content_models.disclosure.public import public_items
from content_models.regions.codes import TOWN
from content_models.villages.categories import Category
from content_models.villages.due import last_quarter
from content_models.villages.models import VillageDisclosurePage, VillageIndexPage

from .calendar import ONE_DAY
from .duties import (
    DUE,
    LATE,
    ON_TIME,
    OVERDUE,
    VILLAGE_QUARTERS,
    VILLAGE_RULE,
    Duty,
    Scope,
    _duty,
    scope_of,
    village_deadline,
)


def recent_periods(today, monthly=False, quarters=VILLAGE_QUARTERS):
    """The periods that have ended by ``today`` within the last ``quarters`` quarters,
    oldest first (months when ``monthly``)."""
    first = last_quarter(today)
    for _i in range(quarters - 1):
        first = Period.containing(first.first_day - ONE_DAY)
    periods = []
    day = first.first_day
    while True:
        period = Period.containing(day, monthly=monthly)
        if period.last_day >= today:
            return periods
        periods.append(period)
        day = period.last_day + ONE_DAY


def _village_columns(columns=None):
    if columns is None:
        default = Locale.get_default()
        columns = public_items(VillageIndexPage).filter(locale=default)
    return list(columns.select_related("region__parent").order_by("path"))


def village_disclosures(columns, since_year):
    """{column path: [(period, category, published day)]} of public disclosures.
    One query."""
    found = {column.path: [] for column in columns}
    if not columns:
        return found
    rows = public_items(VillageDisclosurePage).filter(year__gte=since_year)
    if len(columns) == 1:
        rows = rows.child_of(columns[0])
    else:
        rows = rows.filter(locale=columns[0].locale_id)
    rows = rows.only(
        "path",
        "year",
        "quarter",
        "month",
        "category",
        "published_on",
        "first_published_at",
    )
    steplen = VillageIndexPage.steplen
    for page in rows:
        parent = page.path[:-steplen]
        if parent in found:
            period = Period(page.year, page.quarter, page.month)
            found[parent].append((period, page.category, page.publication_date))
    return found


def village_duties(today, calendar, columns=None):
    """Each column's quarters (and, where it discloses finances monthly, months) that
    ended within the last VILLAGE_QUARTERS quarters. Three queries."""
    columns = _village_columns(columns)
    quarters = recent_periods(today)
    if not quarters:
        return []
    published = village_disclosures(columns, quarters[0].year)
    agencies = _town_agencies()
    rows = []
    for column in columns:
        scope = scope_of(None, agencies.get(column.region.parent_id), column.region)
        disclosed = published[column.path]
        for period in quarters:
            done = [
                day
                for (when, _category, day) in disclosed
                if day and _within(when, period)
            ]
            rows.append(_village_duty(column, period, done, today, calendar, scope))
        if any(when.month and cat == Category.FINANCE for when, cat, _d in disclosed):
            for month in recent_periods(today, monthly=True):
                done = [
                    day
                    for (when, cat, day) in disclosed
                    if day and when == month and cat == Category.FINANCE
                ]
                rows.append(_village_duty(column, month, done, today, calendar, scope))
    return rows


def _within(when, quarter):
    if when.quarter:
        return when.year == quarter.year and when.quarter == quarter.quarter
    return (
        when.month is not None
        and when.year == quarter.year
        and (when.month - 1) // 3 + 1 == quarter.quarter
    )


def _village_duty(column, period, done, today, calendar, scope):
    if period.month:
        title = _("%(village)s%(period)s财务公开") % {
            "village": column.region.name,
            "period": period,
        }
    else:
        title = _("%(village)s%(period)s村（居）务公开") % {
            "village": column.region.name,
            "period": period,
        }
    return _duty(
        VILLAGE_RULE,
        title,
        village_deadline(period, calendar),
        min(done) if done else None,
        today,
        scope,
        period=period,
    )


def _town_agencies():
    """{town region id: its agency} (the first by name). One query."""
    agencies = {}
    for agency in Agency.objects.filter(region__isnull=False).select_related(
        "region__parent"
    ):
        if agency.region.level == TOWN:
            agencies.setdefault(agency.region_id, agency)
    return agencies


# -- a village's clock, for its residents ----------------------------------------------


@dataclasses.dataclass(frozen=True)
class VillageClock:
    """What a village page tells residents: the next disclosure due (possibly already
    overdue) and whether the last one came out late."""

    next: Duty  # a quarter not yet disclosed: overdue, or the coming one
    last: Duty | None  # the latest quarter disclosed (ON_TIME or LATE)


def village_clock(column, today, calendar):
    """The clock of one village column (its Chinese column's disclosures, whatever
    the page's language). Four queries."""
    default = Locale.get_default()
    if column.locale_id != default.pk:
        column = column.get_translation_or_none(default)
        if column is None:
            return None
    quarters = [
        duty
        for duty in village_duties(
            today, calendar, VillageIndexPage.objects.filter(pk=column.pk)
        )
        if duty.period.quarter
    ]
    # The latest ended quarter while it is owed, else the quarter running now.
    if quarters and quarters[-1].state in (DUE, OVERDUE):
        upcoming = quarters[-1]
    else:
        current = Period.containing(today)
        upcoming = _duty(
            VILLAGE_RULE,
            str(current),
            village_deadline(current, calendar),
            None,
            today,
            Scope(),
            period=current,
        )
    done = [duty for duty in quarters if duty.state in (ON_TIME, LATE)]
    return VillageClock(next=upcoming, last=done[-1] if done else None)
