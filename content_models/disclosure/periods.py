"""Reporting periods: a year, a quarter of a year, or a month of a year.

村务公开 is at least quarterly and finances monthly where transactions are many
(《村民委员会组织法》第三十条, ../shared/docs/DOMAIN.md B). Every period rule lives
here.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A period's machine form, 2025, 2025-Q3 or 2025-07, matched as a whole string. Plain
# groups and no anchors, so the same text serves as a Frictionless field pattern (XML
# Schema regular expressions, implicitly anchored) and, between ^ and $, as an OpenAPI
# pattern (ECMA 262).
PERIOD_PATTERN = r"\d{4}(-Q[1-4]|-\d{2})?"
_SLUG = re.compile(PERIOD_PATTERN)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None
    month: int | None = None

    def __post_init__(self):
        validate_period(self.year, self.quarter, self.month)

    @classmethod
    def containing(cls, day, *, monthly=False):
        if monthly:
            return cls(day.year, month=day.month)
        return cls(day.year, quarter=(day.month - 1) // 3 + 1)

    @property
    def first_day(self):
        if self.month:
            return datetime.date(self.year, self.month, 1)
        return datetime.date(self.year, 3 * (self.quarter or 1) - 2, 1)

    @property
    def last_day(self):
        if self.month:
            end_month = self.month
        elif self.quarter:
            end_month = 3 * self.quarter
        else:
            end_month = 12
        following = datetime.date(self.year + end_month // 12, end_month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def next(self):
        if self.month:
            return Period(self.year + self.month // 12, month=self.month % 12 + 1)
        if self.quarter:
            return Period(self.year + self.quarter // 4, quarter=self.quarter % 4 + 1)
        return Period(self.year + 1)

    def __str__(self):
        if self.month:
            return _("%(year)d年%(month)d月") % {"year": self.year, "month": self.month}
        if self.quarter:
            return _("%(year)d年第%(quarter)d季度") % {
                "year": self.year,
                "quarter": self.quarter,
            }
        return _("%(year)d年") % {"year": self.year}

    @classmethod
    def from_slug(cls, text):
        """The period a slug names (2025, 2025-Q3, 2025-07); ValidationError if none."""
        match = _SLUG.fullmatch(text or "")
        if not match:
            raise ValidationError(
                _("期间“%(text)s”应写作2025、2025-Q3或2025-07") % {"text": text}
            )
        year, part = int(text[:4]), match.group(1) or ""
        if part.startswith("-Q"):
            return cls(year, quarter=int(part[2:]))
        return cls(year, month=int(part[1:]) if part else None)

    @property
    def slug(self):
        """Stable machine form: 2025, 2025-Q3, 2025-07."""
        if self.month:
            return f"{self.year}-{self.month:02d}"
        if self.quarter:
            return f"{self.year}-Q{self.quarter}"
        return str(self.year)


def validate_period(year, quarter=None, month=None):
    if not isinstance(year, int) or not 1949 <= year <= 2100:
        raise ValidationError(_("年度“%(year)s”不在1949至2100之间") % {"year": year})
    if quarter is not None and month is not None:
        raise ValidationError(_("期间只能是季度或月份之一，不能同时填写"))
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValidationError(
            _("季度应为1至4，而不是%(quarter)s") % {"quarter": quarter}
        )
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(_("月份应为1至12，而不是%(month)s") % {"month": month})


def add_months(day, months):
    """The same day ``months`` later, clamped to the end of a shorter month: a
    deadline counted from 31 August reaches six months on 28 (or 29) February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day, years):
    """“满N年” counted to the anniversary; 29 February falls back to 28 February."""
    return add_months(day, 12 * years)
