"""Quarterly progress of a plan's indicators (规划实施进展).

How editors maintain them: each value is a snippet of its own, with drafts, revisions,
locking, preview and workflows (the bakerydemo ``Person`` mixin stack), listed in the
admin under 规划 → 指标进展 and filterable by plan, year and quarter.

Why a snippet and not an InlinePanel on the plan page: figures are reported every
quarter, often by another office, long after the plan was issued. Entering them on the
page would make each quarter a new revision of the plan document itself and send the
whole plan through review again; as snippets, a quarter's figures are reviewed and
published on their own, and the plan text stays as issued.

Why not ``PublishedRecord``: a progress value is a figure inside the plan's own
disclosure (the plan page carries the 索引号, 发布机构 and dates). Giving every
quarterly figure its own 索引号 would fill the 公开目录
(《政府信息公开条例》第十二条) with hundreds of entries per plan and use up
serials that can never be reused.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from content_models.disclosure.periods import Period, validate_period
from content_models.disclosure.public import public_items, public_record
from content_models.disclosure.publication import GuardedPublication

QUARTERS = [
    (1, _("第一季度")),
    (2, _("第二季度")),
    (3, _("第三季度")),
    (4, _("第四季度")),
]


def format_number(value):
    """A Decimal as people write it: 57.30 → 57.3, 100.0000 → 100 (the figure in the
    public record's text, which search and the ledger read, and on the page)."""
    if value is None:
        return ""
    return f"{value.normalize():f}"


def _default_language_indicators():
    # Editors report against the plan as issued (the default language); translations
    # share each indicator's key and show the same figures.
    return {"plan__locale__language_code": settings.LANGUAGE_CODE}


class IndicatorProgress(
    GuardedPublication,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    models.Model,
):
    indicator = models.ForeignKey(
        "plans.Indicator",
        verbose_name=_("指标"),
        on_delete=models.CASCADE,
        related_name="progress",
        limit_choices_to=_default_language_indicators,
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"), choices=QUARTERS)
    value = models.DecimalField(_("进展值"), max_digits=14, decimal_places=4)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="plans_progress"
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="plans_progress",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("quarter")]),
        FieldPanel("value"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        verbose_name = _("指标进展")
        verbose_name_plural = _("指标进展")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                name="plans_progress_unique_period",
                violation_error_message=_("该指标在这一季度已有进展值"),
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="plans_progress_quarter_1_to_4",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        """名称: the indicator and the quarter, e.g. 护理型床位占比（2024年第2季度）."""
        return f"{self.indicator.name}（{self.period_label}）"

    @property
    def display_value(self):
        return format_number(self.value)

    @property
    def revisions(self):
        return self._revisions

    @property
    def period(self):
        return Period(self.year, quarter=self.quarter)

    @property
    def period_label(self):
        try:
            return str(self.period)
        except ValidationError:
            return f"{self.year}-Q{self.quarter}"

    period_label.fget.short_description = _("期间")

    # -- how a published figure describes itself (content_models.disclosure.public) --

    record_kind = "indicator_progress"
    public_parent = "indicator__plan"  # a figure is public only with its plan
    public_related = ("indicator__plan__agency",)

    def as_public_record(self):
        plan = self.indicator.plan
        first = self.first_published_at
        return public_record(
            self,
            kind=self.record_kind,
            title=self.title,
            text=" ".join(
                part
                for part in (self.display_value, self.indicator.unit, self.note)
                if part
            ),
            url=self.public_url(),
            index_number=plan.index_number,
            agency=plan.agency.name,
            region_code=plan.region.code if plan.region_id else None,
            published_on=timezone.localdate(first) if first else None,
            written_on=None,
            period=self.period.slug,
        )

    def public_url(self):
        """The plan page, at this indicator's progress figure."""
        plan = self.indicator.plan
        return f"{plan.url}#progress-{self.indicator.translation_key.hex[:8]}"

    def clean(self):
        super().clean()
        if self.year is None or self.quarter is None:
            return  # the field itself already says it is required
        # Year and quarter ranges are periods.py's rules; here they only get a field.
        for field, args in (
            ("year", (self.year,)),
            ("quarter", (self.year, self.quarter)),
        ):
            try:
                validate_period(*args)
            except ValidationError as error:
                raise ValidationError({field: error.messages}) from None
        if self.indicator_id is None:
            return
        errors = self._period_errors()
        if errors:
            raise ValidationError(errors)

    def _period_errors(self):
        plan = self.indicator.plan
        errors = {}
        period = self.period
        if self.year > plan.end_year:
            errors["year"] = _("年度%(year)s晚于规划期末%(end)s年") % {
                "year": self.year,
                "end": plan.end_year,
            }
        elif self.year < plan.start_year:
            errors["year"] = _(
                "年度%(year)s早于规划期初%(start)s年（基期数据请填在指标的基期值中）"
            ) % {
                "year": self.year,
                "start": plan.start_year,
            }
        present = Period.containing(timezone.localdate())
        if "year" not in errors and period > present:
            errors["quarter"] = _("%(period)s尚未到来，当前为%(present)s") % {
                "period": period,
                "present": present,
            }
        return errors

    def get_preview_template(self, request, mode_name):
        return "plans/indicatorprogress.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["record"] = self
        return context


def public_progress(plan):
    """Published values for a plan's indicators, in any of its translations (an
    indicator keeps its key when the page is translated)."""
    keys = [indicator.translation_key for indicator in plan.indicators.all()]
    return (
        public_items(IndicatorProgress)
        .filter(
            indicator__translation_key__in=keys,
            indicator__plan__translation_key=plan.translation_key,
        )
        .select_related("indicator")
        .order_by("year", "quarter")
    )
