"""The 村务居务公开 section and one column per village or community.

The tree is section → village (``VillageIndexPage``) → disclosures, so that a village
clerk can later be given edit and publish rights on their own village's page and
everything below it, and on nothing else (Wagtail page permissions are per subtree).
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Max
from django.db.models.functions import Coalesce, Substr, TruncDate
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page

from content_models.disclosure.pages import SectionPage
from content_models.disclosure.public import public_items
from content_models.regions.codes import VILLAGE

from .categories import Category
from .defaults import StandardTitleMixin
from .disclosures import VillageDisclosurePage
from .due import columns_owing
from .forms import VillageIndexForm
from .listing import parse_filter

PAGE_SIZE = 20


class VillageAffairsIndexPage(SectionPage):
    """村务居务公开: the one section listing every village and community by town."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.HomePage"]
    subpage_types = ["villages.VillageIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("村务居务公开栏目")

    home_template = "villages/includes/home_villages.html"

    def home_summary(self):
        """The newest disclosures, and the columns still owing last quarter's."""
        recent = (
            public_items(VillageDisclosurePage)
            .descendant_of(self)
            .order_by("-first_published_at")[:5]
        )
        today = timezone.localdate()
        return {"recent": recent, "owing": columns_owing(self, today), "today": today}

    def villages_by_town(self):
        """[(town Region, [(VillageIndexPage, latest public date or None), ...]), ...]
        in 区划代码 order."""
        villages = (
            VillageIndexPage.objects.child_of(self)
            .live()
            .public()
            .select_related("region__parent")
            .order_by("region__code")
        )
        latest = latest_disclosure_dates(self, villages)
        towns = {}
        for village in villages:
            town = village.region.parent
            towns.setdefault(town, []).append((village, latest[village.pk]))
        return list(towns.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["towns"] = self.villages_by_town()
        return context


class VillageIndexPage(StandardTitleMixin, SectionPage):
    """One village's or community's disclosure column (村务公开栏 / 居务公开栏)."""

    standard_title_fields = ("region",)

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("村（社区）"),
        on_delete=models.PROTECT,
        related_name="village_pages",
        help_text=_("选择村、社区或嘎查；每个村（社区）只有一个公开栏目"),
    )
    intro = models.TextField(_("导语"), blank=True)
    # Kept by save(): one column per region per language (enforced by the database).
    region_key = models.CharField(
        max_length=40,
        unique=True,
        editable=False,
        error_messages={"unique": _("该村（社区）在此语言下已有公开栏目")},
    )

    content_panels = [
        FieldPanel("title", help_text=_("留空则使用村（社区）名称")),
        FieldPanel("region"),
        FieldPanel("intro"),
    ]
    base_form_class = VillageIndexForm
    parent_page_types = ["villages.VillageAffairsIndexPage"]
    subpage_types = ["villages.VillageDisclosurePage"]

    class Meta:
        verbose_name = _("村（社区）公开栏目")
        verbose_name_plural = _("村（社区）公开栏目")

    @classmethod
    def standard_title_and_slug(cls, parent, values):
        region = values.get("region")
        if region is None:
            return None
        return region.name, region.code

    # -- validation ----------------------------------------------------------------

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            error.update_error_dict(errors)
        region = self.region if self.region_id else None
        if region is not None and region.level != VILLAGE:
            errors.setdefault("region", []).append(
                gettext(
                    "“%(name)s”（%(code)s）不是村（社区）级区划，请选择村、社区或嘎查"
                )
                % {"name": region.name, "code": region.code}
            )
        elif region is not None:
            taken = self._other_column_for(region)
            if taken is not None:
                errors.setdefault("region", []).append(
                    gettext("“%(name)s”（%(code)s）已有公开栏目《%(title)s》")
                    % {"name": region.name, "code": region.code, "title": taken.title}
                )
        if errors:
            raise ValidationError(errors)

    def _locale(self):
        return self.locale if self.locale_id else self.get_default_locale()

    def _other_column_for(self, region):
        locale = self._locale()
        others = VillageIndexPage.objects.filter(region=region)
        if locale is not None:
            others = others.filter(locale=locale)
        if self.pk:
            others = others.exclude(pk=self.pk)
        return others.first()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "region_key" in update_fields:
            self.region_key = f"{self._locale().language_code}:{self.region.code}"
        return super().save(*args, **kwargs)

    # -- the public list ----------------------------------------------------------

    def public_disclosures(self):
        """This column's public disclosures, newest period first.

        A translated column also lists the Chinese disclosures not yet translated (they
        link to the Chinese page): village accounts are rarely translated, and an
        English column that looks empty would misinform."""
        own = public_items(VillageDisclosurePage).child_of(self)
        source = in_default_locale(self)
        if source is not None:
            untranslated = (
                public_items(VillageDisclosurePage)
                .child_of(source)
                .exclude(translation_key__in=own.values("translation_key"))
            )
            own = own | untranslated
        # A month ends in month m, a quarter in month 3q: one scale for both.
        return own.annotate(end_month=Coalesce("month", F("quarter") * 3)).order_by(
            "-year", "-end_month", "category", "-month"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        disclosures = self.public_disclosures()
        chosen = parse_filter(request.GET)
        context["filter"] = chosen
        context["categories"] = Category.choices
        context["years"] = sorted(
            set(disclosures.order_by().values_list("year", flat=True)), reverse=True
        )
        pages = Paginator(chosen.apply(disclosures), PAGE_SIZE)
        context["disclosures"] = pages.get_page(request.GET.get("page"))
        return context


def in_default_locale(page):
    """The page in the site's default language; None for that version itself."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return None
    return page.get_translation_or_none(default)


def latest_disclosure_dates(section, columns):
    """{column pk: date of its newest public disclosure, or None} for the section's
    ``columns``, in grouped queries: the village index must not cost a query per
    village. The disclosures counted are those ``public_disclosures`` lists: a
    column's own and, in a translation, the default column's not yet translated."""
    own = public_items(VillageDisclosurePage).descendant_of(section)
    by_path = _latest_by_column(own, section)
    latest = {column.pk: by_path.get(column.path) for column in columns}
    source = in_default_locale(section)
    if source is None:
        return latest
    untranslated = (
        public_items(VillageDisclosurePage)
        .descendant_of(source)
        .exclude(translation_key__in=own.values("translation_key"))
    )
    by_source_path = _latest_by_column(untranslated, source)
    source_paths = dict(
        VillageIndexPage.objects.child_of(source).values_list("translation_key", "path")
    )
    for column in columns:
        found = by_source_path.get(source_paths.get(column.translation_key))
        if found and (latest[column.pk] is None or found > latest[column.pk]):
            latest[column.pk] = found
    return latest


def _latest_by_column(disclosures, section):
    # A disclosure's path starts with its column's path (Wagtail's materialised path).
    column_path = Substr("path", 1, (section.depth + 1) * Page.steplen)
    return dict(
        disclosures.annotate(column_path=column_path)
        .order_by()
        .values("column_path")
        .annotate(latest=Max(Coalesce("published_on", TruncDate("first_published_at"))))
        .values_list("column_path", "latest")
    )
