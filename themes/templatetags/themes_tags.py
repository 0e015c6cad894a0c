"""Template tags that only format: they read what the template already has."""

from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings
from django.urls import translate_url
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
    the link leads to the same record in the other language. A view of our own (search,
    ledger, open data) links to the same address and query in the other language."""
    request = context["request"]
    if not isinstance(page, Page) and _own_view(request):
        path = request.get_full_path()
        return {"links": _links(lambda code: translate_url(path, code))}
    translations, route = {}, ""
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live()
        }
        path, own_url = request.path, page.url or ""
        if own_url and path.startswith(own_url):
            route = path[len(own_url) :]

    def url(code):
        target = translations.get(code)
        if target is not None:
            return target.url + route
        return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"

    return {"links": _links(url)}


def _own_view(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name != "wagtail_serve"


def _links(url_for):
    current = translation.get_language()
    return [
        {"code": code, "name": name, "url": url_for(code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


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
