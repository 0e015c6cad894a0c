"""Links to records served as routes of a section page (the charity section's
organisations, filings, projects and annual reports).

The section gives the template ``section_url``, the address of the section page being
shown (on an admin preview, the default-language section's), and each record its
``section_route``; the link is the one appended to the other, so a page in English links
to English routes.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def on_section(context, route):
    """``route`` on the section being shown, or "" when there is none to link to."""
    base = context.get("section_url") or ""
    return base + route if base else ""
