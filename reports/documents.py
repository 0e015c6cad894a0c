"""What the portal published, as the 年报's table 2 and the 网站报表 count it.

Only public items are counted (``public_items``: live, not withdrawn, parents
public), published before the end of the period, pages in the report's language.

规章 and 行政规范性文件 are the items whose 体裁分类 carries that name (the bureau's
taxonomy is edited by administrators; no national list exists, DOMAIN.md A2):
本年制发 by 成文日期 (else 发布日期) in the year, 本年废止 by the day an item was
repealed or ran out (已废止, 已失效), 现行有效 when it was in force on the last day
of the period (有效 now, or repealed, revised or expired only after that day)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from content_models.disclosure.metadata import Validity
from content_models.disclosure.pages import SectionPage
from content_models.disclosure.public import (
    disclosure_models,
    public_items,
    public_models,
)

GENRE_NAMES = {
    "regulations": ("规章",),
    "normative": ("行政规范性文件", "规范性文件"),
}
ENDED = (Validity.REPEALED, Validity.EXPIRED)


def _in_language(model, rows, period):
    if issubclass(model, Page) and period.locale_id is not None:
        rows = rows.filter(locale_id=period.locale_id)
    return rows


def published_by_end(model, period):
    """Public items of ``model`` that were online before the period ended."""
    rows = public_items(model).filter(first_published_at__lt=period.end_moment)
    return _in_language(model, rows, period).order_by("pk")


def _published_in(period):
    return Q(published_on__range=(period.start, period.end)) | Q(
        published_on=None,
        first_published_at__gte=period.start_moment,
        first_published_at__lt=period.end_moment,
    )


def _of_genre(kind):
    return Q(genre__name__in=GENRE_NAMES[kind])


def made(kind):
    """本年制发: written (else published) in the period."""

    def select(period):
        written = Q(written_on__range=(period.start, period.end)) | Q(
            written_on=None, published_on__range=(period.start, period.end)
        )
        return [
            published_by_end(model, period).filter(_of_genre(kind), written)
            for model in disclosure_models()
        ]

    return select


def repealed(kind):
    """本年废止: repealed or ran out in the period."""

    def select(period):
        return [
            published_by_end(model, period).filter(
                _of_genre(kind),
                validity__in=ENDED,
                validity_changed_on__range=(period.start, period.end),
            )
            for model in disclosure_models()
        ]

    return select


def in_force(kind):
    """现行有效: made by the end of the period and not yet ended on that day."""

    def select(period):
        made_by_end = Q(written_on__lte=period.end) | Q(
            written_on=None, published_on__lte=period.end
        )
        still_valid = Q(validity=Validity.VALID) | Q(validity_changed_on__gt=period.end)
        return [
            published_by_end(model, period)
            .filter(_of_genre(kind), still_valid)
            .filter(made_by_end | Q(written_on=None, published_on=None))
            for model in disclosure_models()
        ]

    return select


def published_items(model):
    """Items of one type published (发布日期, else first publication) in the period."""

    def select(period):
        return [published_by_end(model, period).filter(_published_in(period))]

    return select


def all_published_items(period):
    return [
        published_by_end(model, period).filter(_published_in(period))
        for model in disclosure_models()
    ]


def catalogued_items(period):
    """Items with a 索引号: what the 信息公开目录 lists."""
    return [rows.exclude(index_number="") for rows in all_published_items(period)]


def section_models():
    return [
        model
        for model in public_models()
        if issubclass(model, SectionPage)
        and model._meta.label != "disclosure.HomePage"
        and getattr(model, "is_column", True)  # a report page is not a column
    ]


def sections(period):
    """Public columns and sections (专栏) online at the end of the period."""
    return [published_by_end(model, period) for model in section_models()]


def new_sections(period):
    return [
        rows.filter(first_published_at__gte=period.start_moment)
        for rows in sections(period)
    ]


def type_label(model):
    return model._meta.verbose_name_plural or _("其他")
