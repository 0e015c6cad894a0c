"""Reading the filters of a village's disclosure list from the query string.

Anything a visitor types is either a known value or ignored with a notice: a bad
parameter never causes an error page, and it is never echoed back (search spam abuses
pages that repeat query text, ../shared/docs/DOMAIN.md E).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from content_models.disclosure.periods import validate_period

from .categories import Category


@dataclass
class DisclosureFilter:
    category: str | None = None
    year: int | None = None
    notices: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.category or self.year)

    def apply(self, queryset):
        if self.category:
            queryset = queryset.filter(category=self.category)
        if self.year:
            queryset = queryset.filter(year=self.year)
        return queryset


def parse_filter(params):
    result = DisclosureFilter()
    category = params.get("category", "").strip()
    if category:
        if category in Category.values:
            result.category = category
        else:
            result.notices.append(gettext("公开类别参数无效，已显示全部类别。"))
    year = params.get("year", "").strip()
    if year:
        try:
            value = int(year)
            validate_period(value)
        except (ValueError, ValidationError):
            result.notices.append(gettext("年度参数无效，已显示全部年度。"))
        else:
            result.year = value
    return result
