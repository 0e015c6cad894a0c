"""Which public items a feed lists: everything, a section, a region or a 体裁, in one
language, newest first by first publication.

Items come from ``public_items`` of the disclosure models only; nothing here decides
what is public. Pages are taken in the feed's language; records are not translated and
appear in every language (each language's section page shows them)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.models import Page

from content_models.disclosure.models import Genre
from content_models.disclosure.public import disclosure_models, public_items
from content_models.regions.codes import descendant_prefix
from content_models.regions.models import Region

from .addresses import home_page, path_of, translated

LIMIT = 50


@dataclass
class Scope:
    title: str
    link: str  # the page the feed belongs to (a path)
    narrow: Callable  # (model, rows, language) -> rows, or None to leave the model out


def everything(request, language):
    home = home_page(request)
    localized = home.localized if home else None
    return Scope(_("全部公开信息"), path_of(localized.url) if localized else "/", _all)


def section(request, language, slug):
    """A child of the home page in this language: its pages and its family's records
    (the credit section shows the credit records, the charity section the charity
    ones)."""
    home, locale = home_page(request), translated(language)
    if home is None or locale is None:
        raise Http404
    home = Page.objects.filter(
        translation_key=home.translation_key, locale=locale
    ).first()
    page = public_items(Page).child_of(home).filter(slug=slug).first() if home else None
    if page is None:
        raise Http404
    page = page.specific
    family = page._meta.app_label

    def narrow(model, rows, language):
        if issubclass(model, Page):
            return rows.descendant_of(page)
        return rows if model._meta.app_label == family else None

    return Scope(page.title, path_of(page.url), narrow)


# How each disclosure model reaches its region, as its public_region() does; a model
# without an entry has no region (notices) and stays out of region feeds.
REGION_LOOKUPS = {
    "plans.planpage": lambda start, language: (
        Q(region__code__startswith=start)
        | Q(region__isnull=True, agency__region__code__startswith=start)
    ),
    # The village column's code is in the natural key: "zh-hans:150299100201:...".
    "villages.villagedisclosurepage": lambda start, language: Q(
        disclosure_key__startswith=f"{language}:{start}"
    ),
    "credit.creditlistentry": lambda start, language: Q(
        organisation__region__code__startswith=start
    ),
    "credit.socialorganisation": lambda start, language: Q(
        region__code__startswith=start
    ),
    "charity.charityorganisation": lambda start, language: Q(
        region__code__startswith=start
    ),
    "charity.fundraisingfiling": lambda start, language: Q(
        region__code__startswith=start
    ),
    "charity.annualreport": lambda start, language: Q(
        charity__region__code__startswith=start
    ),
    "charity.charityproject": lambda start, language: Q(
        charity__region__code__startswith=start
    ),
}


def region(request, language, code):
    """A region and everything below it (a town's feed holds its villages')."""
    place = Region.objects.filter(code=code).first()
    if place is None:
        raise Http404
    start = descendant_prefix(place.code)

    def narrow(model, rows, language):
        lookup = REGION_LOOKUPS.get(model._meta.label_lower)
        return rows.filter(lookup(start, language)) if lookup else None

    home = home_page(request)
    link = path_of(home.localized.url) if home else "/"
    title = _("%(region)s公开信息") % {"region": place.full_name or place.name}
    return Scope(title, link, narrow)


def genre(request, language, code):
    """A 体裁分类 and the ones below it."""
    kind = Genre.objects.filter(code=code).first()
    if kind is None:
        raise Http404
    ids, level = {kind.pk}, {kind.pk}
    while level:  # the tree is small and edited by hand
        level = set(Genre.objects.filter(parent__in=level).values_list("pk", flat=True))
        level -= ids
        ids |= level

    def narrow(model, rows, language):
        return rows.filter(genre__in=ids)

    home = home_page(request)
    link = path_of(home.localized.url) if home else "/"
    return Scope(_("体裁：%(genre)s") % {"genre": kind.name}, link, narrow)


def _all(model, rows, language):
    return rows


def latest(scope, language, limit=LIMIT):
    """The newest ``limit`` public items of ``scope`` in ``language``."""
    locale = translated(language)
    found = []
    for model in disclosure_models():
        rows = public_items(model)
        if issubclass(model, Page):
            rows = rows.filter(locale=locale)
        rows = scope.narrow(model, rows, language)
        if rows is None:
            continue
        rows = (
            rows.exclude(first_published_at=None)
            .select_related("agency", *model.public_related)
            .order_by("-first_published_at", "-pk")[:limit]
        )
        found.extend(rows)
    found.sort(key=lambda item: item.first_published_at, reverse=True)
    return found[:limit]
