"""The links the public can follow: found in the text of public pages and records
(rich text, StreamFields, web-address fields), and the ones that lead inside the
site checked against the site itself, without the network.

Rich text keeps a link to a page or document as ``<a linktype="page" id="3">`` and
any other link as ``<a href="…">``; StreamFields keep the same HTML inside JSON. A
link inside the site is broken when it leads to nothing the public may see (the
public rule decides), not only to nothing at all.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.db.models import URLField
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from content_models.disclosure.public import is_public, public_items, public_models

SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Link:
    source: str  # the page or record the link is on (``item_key``)
    title: str  # its title, as staff know it
    fix_url: str  # its admin edit page
    url: str  # as written; "page:3" and "document:5" for rich text's own links
    internal: bool


def public_links():
    """Every distinct link on a public page or record, in a stable order: one query
    per model that has rich text, StreamFields or web addresses."""
    hosts = _site_hosts()
    finder = AdminURLFinder()
    links = {}
    for model, fields in _linking_fields():
        for key, title, fix_url, values in _sources(model, fields, finder):
            for value in values:
                for url in _links_in(value):
                    link = _classify(key, title, fix_url, url, hosts)
                    if link is not None:
                        links.setdefault((key, link.url), link)
    return list(links.values())


def _linking_fields():
    record_models = set(public_models())
    for model in apps.get_models():
        if not (issubclass(model, Page) or model in record_models):
            continue
        # Local fields only: a parent model's fields are read with the parent.
        fields = [
            field.name
            for field in model._meta.local_fields
            if isinstance(field, RichTextField | StreamField | URLField)
        ]
        if fields:
            yield model, fields


def _sources(model, fields, finder):
    label = model._meta.label_lower
    if issubclass(model, Page):
        rows = public_items(model).order_by("pk").values_list("pk", "title", *fields)
        for pk, title, *values in rows:
            edit = reverse("wagtailadmin_pages:edit", args=[pk])
            yield f"{label}:{pk}", title, edit, values
    else:
        # Records name themselves in __str__; there are few with links.
        for record in public_items(model).order_by("pk"):
            values = [getattr(record, name) for name in fields]
            edit = finder.get_edit_url(record) or ""
            yield f"{label}:{record.pk}", str(record), edit, values


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        attrs = dict(attrs)
        kind = attrs.get("linktype")
        if kind in ("page", "document") and attrs.get("id"):
            self.urls.append(f"{kind}:{attrs['id']}")
        elif attrs.get("href"):
            self.urls.append(attrs["href"].strip())


def _links_in(value):
    anchors = _Anchors()
    for text in _texts(value):
        if "<a" in text:
            anchors.feed(text)
        elif text.startswith(("http://", "https://")):  # a URLField
            anchors.urls.append(text.strip())
    anchors.close()
    return anchors.urls


def _texts(value):
    """The strings of a rich text value or of a StreamField's raw data."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "raw_data"):  # a StreamValue
        yield from _texts(list(value.raw_data))
    elif hasattr(value, "source"):  # a RichText
        yield value.source


def _classify(key, title, fix_url, url, hosts):
    if url.startswith(("page:", "document:")):
        return Link(key, title, fix_url, url, internal=True)
    parts = urlsplit(url)
    if parts.scheme in SCHEMES and parts.hostname:
        internal = parts.hostname.lower() in hosts
        return Link(key, title, fix_url, url, internal=internal)
    if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        return Link(key, title, fix_url, url, internal=True)
    return None  # mailto:, tel:, #anchors and relative oddities are not checked


def _site_hosts():
    return {site.hostname.lower() for site in Site.objects.all()}


class InternalChecker:
    """Checks links inside the site against the database and the URL configuration,
    remembering what it has looked up during one run."""

    def __init__(self, links):
        pages = [int(link.url[5:]) for link in links if link.url.startswith("page:")]
        documents = [
            int(link.url[9:]) for link in links if link.url.startswith("document:")
        ]
        self.public_pages = set(
            public_items(Page).filter(pk__in=pages).values_list("pk", flat=True)
        )
        self.documents = set(
            get_document_model()
            .objects.filter(pk__in=documents)
            .values_list("pk", flat=True)
        )
        self.factory = RequestFactory()

    def problem(self, link):
        """None when the link works, else what is wrong with it."""
        if link.url.startswith("page:"):
            if int(link.url[5:]) in self.public_pages:
                return None
            return _("链接的页面不存在或未公开")
        if link.url.startswith("document:"):
            if int(link.url[9:]) in self.documents:
                return None
            return _("链接的文件不存在")
        # Django resolves decoded paths (/通知公告/ arrives as %E9%80%9A...).
        return self._path_problem(unquote(urlsplit(link.url).path) or "/")

    def _path_problem(self, path):
        language = _language_of(path)
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                return _("站内地址不存在")
            if match.url_name != "wagtail_serve":
                return None  # a view of ours (search, open data...): it exists
            # Wagtail's route captures the page path as a positional argument.
            page_path = match.args[0] if match.args else match.kwargs.get("path", "")
            return self._page_problem(path, page_path or "")

    def _page_problem(self, path, page_path):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return _("站内地址不存在")
        components = [part for part in page_path.split("/") if part]
        request = self.factory.get(path)
        try:
            route = site.root_page.localized.specific.route(request, components)
        except Http404:
            return _("站内地址不存在")
        if not is_public(route.page):
            return _("链接的页面不存在或未公开")
        return None


def _language_of(path):
    """The language whose URL prefix the path carries (the default has none)."""
    first = path.strip("/").split("/", 1)[0]
    codes = {code.lower() for code, _name in settings.LANGUAGES}
    return first if first.lower() in codes else settings.LANGUAGE_CODE
