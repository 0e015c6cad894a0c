"""One periodic disclosure of a village or community: 村务公开 / 居务公开.

The law behind each rule (../shared/docs/DOMAIN.md B):

* 《村民委员会组织法》第三十条: general items at least quarterly, finances monthly where
  transactions are many, major matters at once. Hence a disclosure covers a quarter, or
  (财务公开 only) a month.
* The content model 党务/政务/事务/财务 (``categories.Category``).
* 第三十二条: the 村（居）务监督委员会 reviews what is published; the review
  note is part of the text, and Wagtail's workflow can hold the page for that
  review before it goes live.

A village, its period and its category identify a disclosure: an importer upserts on
that key, so only one page may carry it (``disclosure_key``, unique in the database).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content_models.disclosure.pages import DisclosurePage, page_edit_handler
from content_models.disclosure.periods import Period, validate_period
from content_models.disclosure.privacy import kept_numbers, personal_data_problems
from content_models.disclosure.public import cached_lookup, item_key

from .categories import MONTH_CHOICES, QUARTER_CHOICES, Category
from .defaults import StandardTitleMixin
from .finance import finance_rows_problem, totals_of
from .forms import VillageDisclosureForm
from .required import missing_content


def standard_title(region, period, category, language=None):
    """「红旗村2025年第3季度财务公开」: the title a disclosure gets when none is typed.

    Written in the page's language (Chinese unless told otherwise), whatever language
    the editor's admin interface uses."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return f"{region.name}{period}{Category(category).label}"


def period_or_errors(year, quarter, month):
    """(Period, {}) or (None, {field: [messages]}).

    The rules are ``periods.validate_period``'s; here we only decide which form field
    the message belongs to, by checking the parts one at a time."""
    if year is None:
        return None, {}  # the required-field error is reported already
    steps = (
        ("year", {}),
        ("quarter", {"quarter": quarter}),
        ("month", {"month": month}),
        ("month", {"quarter": quarter, "month": month}),
    )
    for field, parts in steps:
        try:
            validate_period(year, **parts)
        except ValidationError as error:
            return None, {field: error.messages}
    if quarter is None and month is None:
        return None, {
            "quarter": [
                gettext(
                    "请填写季度或月份之一：村（居）务每季度至少公开一次，财务可按月公开"
                )
            ]
        }
    return Period(year, quarter, month), {}


class VillageDisclosurePage(StandardTitleMixin, DisclosurePage):
    """村（居）务公开: a quarter's (or, for finances, a month's) disclosure of a
    village.

    Lives under its ``VillageIndexPage``, so a village clerk's rights granted on that
    page cover every disclosure of the village and nothing else."""

    record_kind = "village_disclosure"
    standard_title_fields = ("year", "quarter", "month", "category")

    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(
        _("季度"),
        null=True,
        blank=True,
        choices=QUARTER_CHOICES,
        help_text=_("季度与月份填写其一"),
    )
    month = models.PositiveSmallIntegerField(
        _("月份"),
        null=True,
        blank=True,
        choices=MONTH_CHOICES,
        help_text=_("仅财务公开可按月公开"),
    )
    category = models.CharField(_("公开类别"), max_length=8, choices=Category.choices)
    body = RichTextField(
        _("公开内容"),
        blank=True,
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        help_text=_(
            "公示名单中的姓名、身份证号、手机号必须打码，如张**、150102********1234"
        ),
    )
    # The natural key, kept by save(): locale, village code, period and category.
    disclosure_key = models.CharField(
        max_length=80,
        unique=True,
        editable=False,
        error_messages={"unique": _("该村（社区）同一期间的同类公开已经存在")},
    )

    content_panels = [
        FieldPanel("title", help_text=_("留空则按“村名+期间+类别”自动生成")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("year"), FieldPanel("quarter"), FieldPanel("month")]
                ),
                FieldPanel("category"),
            ],
            heading=_("公开期间和类别"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "finance_rows", heading=_("收支明细（仅财务公开）"), label=_("收支")
        ),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
    ]
    edit_handler = page_edit_handler(content_panels)
    base_form_class = VillageDisclosureForm
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("year"),
        index.FilterField("category"),
    ]
    parent_page_types = ["villages.VillageIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("村（居）务公开")
        verbose_name_plural = _("村（居）务公开")

    # -- what the page is about ------------------------------------------------------

    @property
    def period(self):
        try:
            return Period(self.year, self.quarter, self.month)
        except (ValidationError, TypeError):
            return None

    @property
    def village_page(self):
        parent = self.parent_for_validation()
        return (
            parent if isinstance(parent, Page) and hasattr(parent, "region") else None
        )

    @property
    def finance_totals(self):
        return totals_of(self.finance_rows.all())

    @classmethod
    def standard_title_and_slug(cls, parent, values):
        region = getattr(parent, "region", None)
        period, errors = period_or_errors(
            values.get("year"), values.get("quarter"), values.get("month")
        )
        category = values.get("category")
        if region is None or period is None or category not in Category.values:
            return None
        return standard_title(
            region, period, category
        ), f"{period.slug}-{category}".lower()

    # -- public record hooks (disclosure.metadata) ---------------------------------

    def public_text(self):
        return " ".join(part for part in (self.summary, strip_tags(self.body)) if part)

    def public_region(self):
        if not self.path:
            return self._village_region()
        column = self.path[: -self.steplen]  # pages of one column share their region
        return cached_lookup(("village-region", column), self._village_region)

    def _village_region(self):
        village = self.village_page
        return village.region if village else None

    def public_period(self):
        return self.period

    # -- validation --------------------------------------------------------------

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            error.update_error_dict(errors)
        period, period_errors = period_or_errors(self.year, self.quarter, self.month)
        for field, messages in period_errors.items():
            errors.setdefault(field, []).extend(messages)
        for field, message in self._category_problems():
            errors.setdefault(field, []).append(message)
        if period is not None:
            for field, message in self._period_problems(period):
                errors.setdefault(field, []).append(message)
        for problem in personal_data_problems(self.body, keep=self._kept()):
            errors.setdefault("body", []).append(
                gettext("公开内容%(problem)s") % {"problem": problem}
            )
        for field, message in self._content_problems():
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    def _kept(self):
        """Numbers a reviewer recorded as not personal data (with a reason)."""
        return kept_numbers(item_key(self)) if self.pk else frozenset()

    def _pending_or_saved(self, relation):
        # The admin form hands over the children being typed (``pending_<relation>``);
        # otherwise read the relation, which also holds children set in code.
        pending = getattr(self, f"pending_{relation}", None)
        return list(getattr(self, relation).all()) if pending is None else pending

    def _content_problems(self):
        # A draft saved in the admin may be unfinished, as Wagtail lets required fields
        # wait; submitting and publishing validate in full.
        if getattr(self, "defer_required_content", False):
            return
        for field, problem in missing_content(
            self.category,
            self.body,
            len(self._pending_or_saved("finance_rows")),
            len(self._pending_or_saved("attachments")),
        ):
            yield field, f"{problem.message}（{problem.fix}）"

    def _category_problems(self):
        if (
            self.month is not None
            and self.category
            and self.category != Category.FINANCE
        ):
            yield (
                "month",
                gettext(
                    "“%(category)s”每季度公开，不能按月（%(month)s月）公开；只有财务公开可以按月公开"
                )
                % {"category": self.get_category_display(), "month": self.month},
            )
        rows = self._pending_or_saved("finance_rows")
        problem = finance_rows_problem(self.category, len(rows))
        if problem:
            yield "category", problem
        for row in rows:
            for problem in personal_data_problems(row.note, keep=self._kept()):
                yield (
                    "category",
                    gettext("收支备注“%(item)s”%(problem)s")
                    % {
                        "item": row.item,
                        "problem": problem,
                    },
                )

    def _period_problems(self, period):
        field = "month" if self.month else "quarter"
        # 《村民委员会组织法》第三十条 asks for what happened: a period that has
        # not begun has nothing to disclose, and a future date would be a
        # 虚假发布日期 (../shared/docs/DOMAIN.md A3).
        if period.first_day > timezone.localdate():
            yield (
                field,
                gettext("公开期间“%(period)s”尚未开始，不能发布未来期间的公开")
                % {"period": period},
            )
        duplicate = self._sibling_with_same_key()
        if duplicate is not None:
            yield (
                "category",
                gettext(
                    "%(period)s的%(category)s已经存在（《%(title)s》），请编辑原有页面，不要重复发布"
                )
                % {
                    "period": period,
                    "category": self.get_category_display(),
                    "title": duplicate.title,
                },
            )

    def _sibling_with_same_key(self):
        parent = self.parent_for_validation()
        if parent is None or not self.category:
            return None
        siblings = VillageDisclosurePage.objects.child_of(parent).filter(
            year=self.year,
            quarter=self.quarter,
            month=self.month,
            category=self.category,
        )
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        return siblings.first()

    # -- the natural key -----------------------------------------------------------

    def build_disclosure_key(self):
        village = self.village_page
        locale = self.locale if self.locale_id else self.get_default_locale()
        region_code = village.region.code if village else "-"
        period_slug = self.period.slug if self.period else "-"
        return f"{locale.language_code}:{region_code}:{period_slug}:{self.category}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "disclosure_key" in update_fields:
            self.disclosure_key = self.build_disclosure_key()
        return super().save(*args, **kwargs)
