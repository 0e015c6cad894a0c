"""关怀版 (适老化): whether the reader chose it, and the switch that every page shows.

Set server-side from the cookie, so the large, plain layout needs no JavaScript."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from themes.views import care_mode_on

register = template.Library()


@register.simple_tag(takes_context=True)
def care_mode(context):
    request = context.get("request")
    return request is not None and care_mode_on(request)


@register.inclusion_tag("themes/includes/care_switch.html", takes_context=True)
def care_switch(context):
    """A link to the switch that leads back to this very address."""
    request = context.get("request")
    if request is None:
        return {}
    on = care_mode_on(request)
    url = reverse("care-mode", kwargs={"state": "off" if on else "on"})
    return {"on": on, "url": f"{url}?{urlencode({'next': request.get_full_path()})}"}
