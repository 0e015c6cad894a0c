"""Where the public reads an item, in a given language.

Pages have an address per translation. Records (credit lists, charity) are not
translated: ``public_url()`` is their route on the Chinese section page, and the
English section page shows the same records at the same routes, so their English
address is that route on the English section.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Locale, Page, Site

from content_models.disclosure.public import public_items


def path_of(url):
    """The path (and query) of ``url``: one site, so the host is the request's."""
    parts = urlsplit(url or "")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def home_page(request=None):
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_page if site else None


def section_bases(language, request=None):
    """{Chinese section address: this language's section address} for the sections
    (children of the home page) translated into ``language``."""
    home = home_page(request)
    if home is None or language == settings.LANGUAGE_CODE:
        return {}
    sections = list(public_items(Page).child_of(home))
    translations = public_items(Page).filter(
        locale__language_code=language,
        translation_key__in=[section.translation_key for section in sections],
    )
    own = {page.translation_key: path_of(page.url) for page in translations}
    return {
        path_of(section.url): own[section.translation_key]
        for section in sections
        if section.translation_key in own and section.url
    }


def rebase(url, bases):
    """``url`` moved from the longest matching Chinese section onto its translation."""
    path = path_of(url)
    for start in sorted(bases, key=len, reverse=True):
        if path.startswith(start):
            return bases[start] + path[len(start) :]
    return path


def address(item, bases):
    """The item's path for readers of the language ``bases`` was made for: a page's
    own address (feeds pick pages of that language), a record's rebased route."""
    if isinstance(item, Page):
        return path_of(item.url)
    return rebase(item.public_url(), bases)


def translated(language):
    """The Locale of ``language``, or None when the site has no such locale."""
    return Locale.objects.filter(language_code=language).first()
