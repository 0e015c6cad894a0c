"""Is the site kept up to date: the home page and every column, read in a fixed
number of queries whatever the number of pages.

A column is a section page that holds pages (通知公告, 规划计划, a village's 村务公开
column); registry sections whose records are not pages (credit lists, charity) are
not columns here. What counts is only what the public rule says is public
(``public_items``): a draft, expired or restricted page neither updates a column nor
fills it. Only the default language is inspected: the rules judge the Chinese site,
and English translations follow it.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

from content_models.disclosure.pages import HomePage, SectionPage
from content_models.disclosure.public import disclosure_models, public_items

from .flags import Flag
from .models import ColumnSetting
from .rules import (
    EMPTY_COLUMN,
    HOME_NOT_UPDATED,
    STALE_RULE,
    ColumnKind,
    default_kind,
)


def home_flags(now):
    """The home page, flagged when no public document under it is newer than the
    rule's window."""
    public = _public_pages()
    homes = (
        public.type(HomePage)
        .annotate(newest=_newest_document(public))
        .values("pk", "title", "newest")
    )
    start = HOME_NOT_UPDATED.window.start(now)
    return [
        _stale_flag(HOME_NOT_UPDATED, home)
        for home in homes
        if home["newest"] is None or home["newest"] < start
    ]


def column_findings(now):
    """(stale, empty): flags for columns not updated within their kind's window and
    for columns with no public page in them."""
    public = _public_pages()
    rows = (
        public.type(*column_models())
        .not_type(HomePage)
        .annotate(
            newest=_newest_document(public),
            filled=Exists(
                public.filter(
                    path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
                )
            ),
            kind=Subquery(
                ColumnSetting.objects.filter(page=OuterRef("pk")).values("kind")[:1]
            ),
        )
        .order_by("path")
        .values(
            "pk",
            "title",
            "newest",
            "filled",
            "kind",
            "content_type__app_label",
            "content_type__model",
        )
    )
    stale, empty = [], []
    for row in rows:
        if not row["filled"]:
            empty.append(_empty_flag(row))
            continue
        kind = row["kind"] or default_kind(
            f"{row['content_type__app_label']}.{row['content_type__model']}"
        )
        rule = STALE_RULE[ColumnKind(kind)]
        if row["newest"] is not None and row["newest"] < rule.window.start(now):
            stale.append(_stale_flag(rule, row))
    return stale, empty


def column_models():
    """Every section page type that holds pages."""
    return [
        model
        for model in _concrete_subclasses(SectionPage)
        if model is not HomePage and model.allowed_subpage_models()
    ]


def _concrete_subclasses(base):
    for model in base.__subclasses__():
        if not model._meta.abstract:
            yield model
        yield from _concrete_subclasses(model)


def _public_pages():
    return public_items(Page).filter(locale=Locale.get_default())


def _newest_document(public):
    """When the newest public document under a page (never a column) was first
    published: republishing an old item is not new information."""
    documents = [model for model in disclosure_models() if issubclass(model, Page)]
    return Subquery(
        public.type(*documents)
        .filter(path__startswith=OuterRef("path"), depth__gt=OuterRef("depth"))
        .exclude(first_published_at=None)
        .order_by("-first_published_at")
        .values("first_published_at")[:1]
    )


def _edit_url(pk):
    return reverse("wagtailadmin_pages:edit", args=[pk])


def _stale_flag(rule, row):
    newest = row["newest"]
    if newest is None:
        detail = _("从未发布过信息")
    else:
        detail = _("最近更新：%(date)s") % {
            "date": date_format(localtime(newest), "Y-m-d")
        }
    return Flag(rule, row["title"], _edit_url(row["pk"]), detail, newest)


def _empty_flag(row):
    return Flag(
        EMPTY_COLUMN, row["title"], _edit_url(row["pk"]), _("栏目中没有公开的内容")
    )
