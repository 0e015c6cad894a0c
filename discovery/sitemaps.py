"""sitemap.xml: every public page and every public record with an address of its own,
with ``hreflang`` alternates where another language shows it too.

An index (``/sitemap.xml``) names one sitemap for the pages and one per record model,
each paged at ``LIMIT`` addresses, so a million credit-list entries stay readable."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q

from wagtail.models import Page

from content_models.disclosure.public import (
    disclosure_models,
    lookups_cached,
    public_items,
)

from .addresses import home_page, path_of, rebase, section_bases

LIMIT = 5000


class PageSitemap(Sitemap):
    """Public pages of every language under the site's home page and its
    translations."""

    limit = LIMIT

    def __init__(self, request):
        self.request = request

    def items(self):
        home = home_page(self.request)
        if home is None:
            return Page.objects.none()
        homes = home.get_translations(inclusive=True)
        under_a_home = reduce(or_, (Q(path__startswith=h.path) for h in homes))
        rows = public_items(Page).filter(under_a_home)
        return rows.defer_streamfields().order_by("path")

    def location(self, page):
        return path_of(page.url)

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        root = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        keys = {url["item"].translation_key for url in urls}
        versions = {}
        for version in (
            public_items(Page)
            .filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("locale__language_code")
        ):
            versions.setdefault(version.translation_key, []).append(version)
        for url in urls:
            same = versions.get(url["item"].translation_key, [])
            if len(same) > 1:
                url["alternates"] = [
                    {
                        "lang_code": version.locale.language_code,
                        "location": root + path_of(version.url),
                    }
                    for version in same
                ]
        return urls


class RecordSitemap(Sitemap):
    """The public rows of one record model (credit-list entries, charity records…)
    that have an address of their own; each is shown on every language's section."""

    limit = LIMIT

    def __init__(self, request, model):
        self.request, self.model = request, model

    def items(self):
        return public_items(self.model).order_by("pk")

    def location(self, record):
        return path_of(record.public_url())

    def lastmod(self, record):
        return record.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        with lookups_cached():
            urls = super().get_urls(page=page, site=site, protocol=protocol)
            root = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
            others = {
                code: section_bases(code, self.request)
                for code, _name in settings.LANGUAGES
                if code != settings.LANGUAGE_CODE
            }
            for url in urls:
                path = self.location(url["item"])
                alternates = [
                    {"lang_code": code, "location": root + rebase(path, bases)}
                    for code, bases in others.items()
                    if rebase(path, bases) != path
                ]
                if alternates:
                    url["alternates"] = [
                        {"lang_code": settings.LANGUAGE_CODE, "location": root + path},
                        *alternates,
                    ]
        return [url for url in urls if url["location"] != root]


def sitemaps(request):
    """{section name: sitemap}: the pages, then each record model (records carrying
    disclosure metadata have an address of their own on their section page)."""
    found = {"pages": PageSitemap(request)}
    for model in disclosure_models():
        if not issubclass(model, Page):
            name = model._meta.label_lower.replace(".", "-")
            found[name] = RecordSitemap(request, model)
    return found
