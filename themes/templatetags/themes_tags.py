"""Template tags that only format: they read what the template already has."""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def home_url(context):
    site = Site.find_for_request(context["request"])
    if site is None:
        return "/"
    root = site.root_page.localized
    return root.get_url(context["request"]) or "/"


@register.inclusion_tag("themes/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "current": page}
    ancestors = page.get_ancestors().filter(depth__gt=1).specific()
    return {"ancestors": list(ancestors), "current": page}


@register.inclusion_tag("themes/includes/languages.html", takes_context=True)
def language_links(context, page=None):
    """A link per language to this page's translation, or to that language's home.

    On a routable section (a credit entry at /credit/entries/7/) the route is kept, so
    the link leads to the same record in the other language."""
    current = translation.get_language()
    translations, route = {}, ""
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live()
        }
        path, own_url = context["request"].path, page.url or ""
        if own_url and path.startswith(own_url):
            route = path[len(own_url) :]
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.url + route
        else:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return {"links": links}


@register.filter
def yuan(amount):
    """An amount in 元 as accounts print it, 1,234,567.00, in every language: Django's
    zh-hans locale does not group digits, and finance tables need it."""
    if amount is None or amount == "":
        return "—"
    try:
        return f"{Decimal(amount):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return "—"
