"""The banner above a document that is no longer in force (已修订, 已废止, 已失效):
the day it changed and, when the public may open it, the document now in force.

Which replacement the public may see is the model's rule
(``DisclosureMetadata.replacement``, on ``is_public``); this tag only draws it.
"""

from django import template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html

from content_models.disclosure.metadata import Validity

register = template.Library()

# The banner's wording per state (the template holds the sentences).
STATES = {
    Validity.REVISED: "revised",
    Validity.REPEALED: "repealed",
    Validity.EXPIRED: "expired",
}


@register.inclusion_tag("themes/includes/validity_banner.html", takes_context=True)
def validity_banner(context, item):
    """``{% validity_banner page %}``: nothing for a document in force."""
    state = STATES.get(getattr(item, "validity", Validity.VALID))
    if state is None:
        return {"state": None}
    changed_on = item.validity_changed_on
    replacement = item.replacement(translation.get_language())
    request = context.get("request")
    return {
        "state": state,
        "label": item.get_validity_display(),
        "day": (
            format_html(
                '<time datetime="{}">{}</time>',
                changed_on.isoformat(),
                date_format(changed_on, "DATE_FORMAT"),
            )
            if changed_on
            else ""
        ),
        "replacement": (
            {"title": replacement.title, "url": replacement.get_url(request)}
            if replacement is not None
            else None
        ),
    }
