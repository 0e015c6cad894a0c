"""The stretch of time a report counts: its year, cut short by the stated cut-off."""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """The report's year up to ``cut_off`` (the day the figures are counted to),
    in the report's language (pages are counted in one language only, so a
    translation is not counted twice)."""

    year: int
    cut_off: datetime.date
    locale_id: int | None = None

    @property
    def start(self):
        return datetime.date(self.year, 1, 1)

    @property
    def end(self):
        return min(datetime.date(self.year, 12, 31), self.cut_off)

    @property
    def start_moment(self):
        return _midnight(self.start)

    @property
    def end_moment(self):
        """The first moment after the period (publication times are datetimes)."""
        return _midnight(self.end + datetime.timedelta(days=1))


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def year_end(year):
    return datetime.date(year, 12, 31)
