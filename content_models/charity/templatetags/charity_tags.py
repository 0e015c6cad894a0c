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
