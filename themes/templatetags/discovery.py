"""The head tags that help readers and crawlers find a page (canonical address,
description, Open Graph, feed links) and the 分享 block.

Texts come from the item's public record (``discovery.summaries``), so they are masked
as everything public is; links to feeds and the QR code are this site's own."""

from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from discovery.addresses import home_page
from discovery.summaries import short, summary

register = template.Library()

OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}


@register.simple_tag(takes_context=True)
def discovery_head(context):
    """Everything discovery_head.html prints, as plain values."""
    request = context.get("request")
    if request is None:
        return {}
    page, record = context.get("page"), context.get("record")
    item = record if record is not None else page
    url = canonical_url(request)
    return {
        "canonical": url,
        "title": title_of(item) or _("民政信息公开"),
        "description": description_of(item, page),
        "type": "article" if hasattr(item, "index_number") else "website",
        "locale": OG_LOCALES.get(get_language(), get_language()),
        "site_name": _("民政信息公开"),
        "feeds": feeds_for(request, page),
    }


@register.inclusion_tag("themes/includes/share.html", takes_context=True)
def share_block(context):
    """分享: this page's address to copy and its QR code (drawn by this site)."""
    request = context.get("request")
    if request is None:
        return {"share": None}
    url = request.build_absolute_uri(request.path)
    qr = reverse("share-qr") + "?" + urlencode({"url": url})
    return {"share": {"url": url, "qr": qr}}


def canonical_url(request):
    """This address without its query (tracking parameters, filters); a search
    keeps only its words."""
    url = request.build_absolute_uri(request.path)
    match = getattr(request, "resolver_match", None)
    words = request.GET.get("q", "").strip()
    if match is not None and match.view_name == "search:page" and words:
        url += "?" + urlencode({"q": words})
    return url


def title_of(item):
    if item is None:
        return ""
    if hasattr(item, "as_public_record"):
        return item.as_public_record().title  # masked
    return getattr(item, "title", "")


def description_of(item, page):
    """内容概述 (masked); for a record its public text; else the section's 导语."""
    if item is None or not hasattr(item, "as_public_record"):
        return ""
    record = item.as_public_record()
    text = summary(item, record)
    if not text and not isinstance(item, Page):
        text = record.text
    if not text and record.kind == "section":
        text = record.text  # a section page's own 导语
    if not text:
        text = _section_intro(page if page is not item else item)
    return short(text, 160)


def _section_intro(page):
    """The 导语 of the nearest section above ``page`` (or of ``page`` itself when it
    is the section a record is shown on), masked."""
    if not isinstance(page, Page):
        return ""
    for ancestor in page.get_ancestors(inclusive=True).specific().reverse():
        if hasattr(ancestor, "as_public_record"):
            record = ancestor.as_public_record()
            if record.kind == "section" and record.text:
                return record.text
    return ""


def feeds_for(request, page):
    """Feed links: the whole site's on every page; a section's on the section page
    (and on the records shown at its routes); a village column's region feed."""
    feeds = feed_links("all", _("全部公开信息"))
    if not isinstance(page, Page):
        return feeds
    home = home_page(request)
    if home is not None and page.depth == home.depth + 1:
        feeds += feed_links("section", page.title, key=page.slug)
    page = page.specific
    region = getattr(page, "region", None)
    if region is not None and not hasattr(page, "index_number"):  # a column, not a plan
        feeds += feed_links("region", region.name, key=region.code)
    return feeds


def feed_links(scope, name, key=None):
    kwargs = {"key": key} if key is not None else {}
    links = []
    for kind, mime, label in (
        ("rss", "application/rss+xml", "RSS"),
        ("atom", "application/atom+xml", "Atom"),
    ):
        try:
            href = reverse(f"feed-{scope}-{kind}", kwargs=kwargs)
        except NoReverseMatch:  # a slug the address cannot carry
            continue
        title = _("%(scope)s（%(format)s）") % {"scope": name, "format": label}
        links.append({"type": mime, "href": href, "title": title})
    return links
