"""Links from charity templates to charity records, in the language being shown."""

from django import template

from ..links import record_url
from ..pages import CharityIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def charity_url(context, record):
    """The record's route on the section page being viewed (so English pages link to
    English routes); in an admin preview, its address on the Chinese section."""
    page = context.get("page")
    section = page if isinstance(page, CharityIndexPage) else None
    return record_url(record, section)


@register.filter
def yuan(value):
    """An amount in 元 with thousands separators and two decimals (1,234,567.00): the
    zh-hans locale of Django does not group digits, and financial tables need it."""
    if value is None or value == "":
        return "—"
    return f"{value:,.2f}"
