"""规划: the plans section and its plan documents.

Plans are a mandatory proactive category (《政府信息公开条例》第二十条第（三）项). A
plan page keeps the text as structure (blocks.py) and its indicator tables as data
(indicators.py), so the outline, the 专栏 and the figures can be read, searched and
charted instead of being one HTML blob.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content_models.disclosure.metadata import Validity
from content_models.disclosure.pages import (
    DisclosurePage,
    SectionPage,
    page_edit_handler,
)
from content_models.disclosure.periods import validate_period
from content_models.disclosure.public import is_public, public_items

from .blocks import (
    PlanBodyBlock,
    block_text,
    heading_anchor,
    outline,
    referenced_tables,
)
from .indicators import Indicator, group_into_tables
from .progress import public_progress
from .rendering import plan_context, progress_series

# Five-year plans are the norm; 2021—2035 远景 plans are the longest seen in practice.
MAX_PLAN_YEARS = 15


class PlanIndexPage(SectionPage):
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.HomePage"]
    subpage_types = ["plans.PlanPage"]
    max_count_per_parent = 1

    home_template = "plans/includes/home_plan.html"

    class Meta:
        verbose_name = _("规划栏目")
        verbose_name_plural = _("规划栏目")

    def home_summary(self):
        """The newest plan and the latest published value of its first tracked
        indicators: where the plan stands, at a glance."""
        plans = self.plans()
        if not plans:
            return None
        plan = plans[0]
        series = progress_series(
            plan.indicators.all(), public_progress(plan), plan.start_year, plan.end_year
        )
        return {"plan": plan, "series": list(series.values())[:6]}

    def plans(self):
        """Public plans under this section, newest first.

        A translated section lists each plan in its own language where a translation
        exists, else as issued: an English reader still finds every plan.
        """
        under_a_translation = reduce(
            or_,
            (
                models.Q(path__startswith=section.path, depth=section.depth + 1)
                for section in self.get_translations(inclusive=True)
            ),
        )
        candidates = public_items(PlanPage).filter(under_a_translation)
        chosen = {}
        for plan in candidates.select_related("locale"):
            current = chosen.get(plan.translation_key)
            if current is None or _prefer(plan, current, self.locale_id):
                chosen[plan.translation_key] = plan
        return sorted(
            chosen.values(),
            key=lambda p: (p.publication_date, p.pk),
            reverse=True,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plans"] = self.plans()
        return context


def _prefer(plan, current, locale_id):
    """The section's own language first, then the site's default language."""
    if plan.locale_id == locale_id:
        return True
    if current.locale_id == locale_id:
        return False
    return plan.locale.language_code == settings.LANGUAGE_CODE


class PlanPageForm(WagtailAdminPageForm):
    """Lets ``PlanPage.clean()`` see the indicators being edited, not the saved ones.

    The page form validates the page before its inline formsets, so without this the
    check that every indicator table placed in the body exists would read stale rows.
    """

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("indicators")
        if formset is not None and formset.is_valid():
            kept = [
                form.instance
                for form in formset.forms
                if form not in formset.deleted_forms
                and (form.instance.pk or form.has_changed())
            ]
            self.instance.indicators.set(kept)
        return cleaned_data


class PlanPage(DisclosurePage):
    record_kind = "plan"
    public_related = ("region", "agency__region")

    start_year = models.PositiveSmallIntegerField(_("规划期起始年"))
    end_year = models.PositiveSmallIntegerField(_("规划期终止年"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("规划区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("留空则为发布机构所在区划"),
    )
    issued_with = models.ForeignKey(
        "disclosure.ArticlePage",
        verbose_name=_("印发通知"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_plans",
        help_text=_("印发本规划的通知；一个通知可以印发多个规划"),
    )
    body = StreamField(PlanBodyBlock(), verbose_name=_("正文"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("region"),
        FieldPanel("issued_with"),
        FieldPanel("body"),
        InlinePanel("indicators", heading=_("指标"), label=_("指标")),
    ]
    edit_handler = page_edit_handler(content_panels)
    base_form_class = PlanPageForm
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("start_year"),
        index.FilterField("end_year"),
    ]
    parent_page_types = ["plans.PlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("规划")
        verbose_name_plural = _("规划")

    @property
    def in_force(self):
        return self.validity == Validity.VALID

    @property
    def period_label(self):
        return _("%(start)s—%(end)s年") % {
            "start": self.start_year,
            "end": self.end_year,
        }

    def outline(self):
        """[(level, label, title, anchor)] for the table of contents."""
        return outline(self.body)

    def indicator_tables(self):
        return group_into_tables(self.indicators.all())

    def public_text(self):
        parts = [block_text(block) for block in self.body]
        for indicator in self.indicators.all():
            parts.append(" ".join(filter(None, [indicator.area, indicator.name])))
        return "\n".join(part for part in parts if part)

    def public_sections(self):
        """[(anchor, heading, text)]: the body cut at each heading, so that a search
        hit can land on the part of a long plan that matched."""
        sections = []
        for position, block in enumerate(self.body):
            if block.block_type == "heading":
                heading = block_text(block)
                sections.append((heading_anchor(block, position), heading, []))
            elif sections:
                sections[-1][2].append(block_text(block))
        return [
            (anchor, heading, "\n".join(part for part in parts if part))
            for anchor, heading, parts in sections
        ]

    def public_region(self):
        return self.region or self.agency.region

    def public_dependents(self):
        """Published progress figures: each is public only with its plan."""
        from .progress import IndicatorProgress

        return list(IndicatorProgress.objects.filter(indicator__plan=self, live=True))

    def public_issuing_notice(self):
        notice = self.issued_with
        return notice if notice is not None and is_public(notice) else None

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self._period_errors())
        errors.update(self._table_errors())
        errors.update(self._removed_indicator_errors())
        if errors:
            raise ValidationError(errors)

    def _period_errors(self):
        start, end = self.start_year, self.end_year
        for name, year in (("start_year", start), ("end_year", end)):
            if year is not None:
                try:
                    validate_period(year)
                except ValidationError as error:
                    return {name: error.messages}
        if start is None or end is None:
            return {}
        if end < start:
            return {
                "end_year": _("规划期终止年%(end)s早于起始年%(start)s")
                % {"end": end, "start": start}
            }
        if end - start + 1 > MAX_PLAN_YEARS:
            return {
                "end_year": _("规划期%(start)s—%(end)s年共%(years)s年，超过%(max)s年")
                % {
                    "start": start,
                    "end": end,
                    "years": end - start + 1,
                    "max": MAX_PLAN_YEARS,
                }
            }
        return {}

    def _table_errors(self):
        """Every indicator table the body places must exist, and appear only once."""
        placed = referenced_tables(self.body)
        existing = {indicator.table_title for indicator in self.indicators.all()}
        problems = []
        for title in dict.fromkeys(placed):
            if title not in existing:
                problems.append(
                    _("正文引用的指标表“%(title)s”不存在，请先在“指标”中添加该表的指标")
                    % {"title": title}
                )
            elif placed.count(title) > 1:
                problems.append(
                    _("指标表“%(title)s”在正文中出现了%(count)s次，只能出现一次")
                    % {
                        "title": title,
                        "count": placed.count(title),
                    }
                )
        return {"body": problems} if problems else {}

    def _removed_indicator_errors(self):
        """Deleting an indicator would delete its published progress values with it."""
        if self.pk is None:
            return {}
        kept = {indicator.pk for indicator in self.indicators.all()}
        reported = (
            Indicator.objects.filter(plan=self, progress__isnull=False)
            .exclude(pk__in=kept)
            .values_list("name", flat=True)
            .distinct()
        )
        return (
            {
                NON_FIELD_ERRORS: [
                    _("指标“%(name)s”已有进展值，不能删除；请先删除其进展值")
                    % {"name": name}
                    for name in reported
                ]
            }
            if reported
            else {}
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(plan_context(self))
        return context
