"""The footer from ``PortalSettings``: what an administrator filled in, nothing else;
its free text in the page's language (``PortalSettings.texts``)."""

from django import template

from wagtail.models import Site

from themes.models import PortalSettings

register = template.Library()


@register.inclusion_tag("themes/includes/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return {"portal": None}
    portal = PortalSettings.for_request(request)
    return {"portal": portal, "texts": portal.texts()}
