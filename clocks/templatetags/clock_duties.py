"""The village page's clock for residents (themes/templates/clocks/includes/
village_due.html)."""

from django import template

from clocks import handling
from clocks.calendar import WorkingCalendar
from clocks.village_duties import village_clock

register = template.Library()


@register.simple_tag
def village_due(column):
    """The column's VillageClock, or None."""
    return village_clock(column, handling.today(), WorkingCalendar.current())
