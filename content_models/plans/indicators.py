"""Indicator tables (指标表) kept as data, one row per indicator.

Real plans print their indicators in 专栏 or 附表 with the columns 领域 / 序号 / 指标 /
单位 / 2020年基期值 / 2025年目标值 / 属性 (../shared/docs/DOMAIN.md, "Implications" item
8). Values are stored exactly as written (``≥55``, ``〔5.5〕``,
``不低于居民上年度人均消费支出增速``) because the wording is part of the commitment; the
numeric part is derived for charts only.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin

from content_models.disclosure.text import fold_width

# A number as plans print it: an optional comparison (≥, 不低于 ...), optional 〔〕 for
# five-year cumulative figures, an optional % and 以上/以下. Anything else is text.
_NUMBER = re.compile(
    r"^(?:>=|<=|[≥≤><≧≦]|不低于|不少于|不高于|不超过|达到|约)?"
    r"[〔\[(【]?([+-]?\d+(?:\.\d+)?)[〕\])】]?"
    r"(?:%|‰)?(?:以上|以下|左右)?$"
)


def numeric_part(text):
    """The number inside a value as written, or None when it is not a number."""
    if not text:
        return None
    compact = re.sub(r"[\s,]", "", fold_width(text))
    match = _NUMBER.match(compact)
    if not match:
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:
        return None


class Attribute(models.TextChoices):
    # 约束性 indicators are binding on government; 预期性 ones are targets to aim for.
    EXPECTED = "预期性", _("预期性")
    BINDING = "约束性", _("约束性")


class Indicator(TranslatableMixin, Orderable):
    # Translatable (wagtail-localize's defaults: text translated, years and attribute
    # synchronised): a translated plan gets its own rows in its language with the
    # same ``translation_key``. Progress values hang on the source's rows and are
    # found through that key, so an English plan shows the figures entered once.
    plan = ParentalKey(
        "plans.PlanPage",
        verbose_name=_("规划"),
        related_name="indicators",
        on_delete=models.CASCADE,
    )
    table_title = models.CharField(
        _("所属指标表"),
        max_length=200,
        help_text=_(
            "同一表的指标填写相同的表名，如“专栏1 “十四五”民政事业主要发展指标”"
        ),
    )
    area = models.CharField(_("领域"), max_length=100, blank=True)
    name = models.CharField(_("指标"), max_length=300)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    baseline_value = models.CharField(_("基期值"), max_length=100, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("基期年份"), null=True, blank=True
    )
    target_value = models.CharField(
        _("目标值"), max_length=200, help_text=_("按规划原文填写，如 ≥55、100、〔5.5〕")
    )
    target_year = models.PositiveSmallIntegerField(
        _("目标年份"), null=True, blank=True, help_text=_("留空则为规划期末年份")
    )
    attribute = models.CharField(_("属性"), max_length=4, choices=Attribute.choices)

    panels = [
        FieldPanel("table_title"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("name"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_year")]),
        FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_year")]),
        FieldPanel("attribute"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "table_title", "name"],
                name="plans_indicator_unique_name_per_table",
                violation_error_message=_("同一指标表中指标名称不能重复"),
            ),
        ]

    def __str__(self):
        plan = getattr(self, "plan", None)
        return f"{plan.title} · {self.name}" if plan else self.name

    @property
    def baseline_number(self):
        return numeric_part(self.baseline_value)

    @property
    def target_number(self):
        return numeric_part(self.target_value)

    @property
    def effective_target_year(self):
        return self.target_year or self.plan.end_year

    @property
    def is_binding(self):
        return self.attribute == Attribute.BINDING

    def clean(self):
        super().clean()
        errors = {}
        if self.baseline_value and not self.baseline_year:
            errors["baseline_year"] = _("填写了基期值“%(value)s”时须填写基期年份") % {
                "value": self.baseline_value
            }
        plan = getattr(self, "plan", None)
        if plan is not None and plan.start_year and plan.end_year:
            errors.update(self._year_errors(plan))
        if errors:
            raise ValidationError(errors)

    def _year_errors(self, plan):
        errors = {}
        if (
            self.target_year
            and not plan.start_year <= self.target_year <= plan.end_year
        ):
            errors["target_year"] = _(
                "目标年份%(year)s不在规划期%(start)s—%(end)s年之内"
            ) % {
                "year": self.target_year,
                "start": plan.start_year,
                "end": plan.end_year,
            }
        target = self.target_year or plan.end_year
        if self.baseline_year and self.baseline_year >= target:
            errors["baseline_year"] = _("基期年份%(year)s应早于目标年份%(target)s") % {
                "year": self.baseline_year,
                "target": target,
            }
        return errors


@dataclass
class IndicatorTable:
    """One printed table: its title and its rows in order."""

    title: str
    rows: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"table-{self.rows[0].translation_key.hex[:8]}" if self.rows else "table"

    @property
    def has_baseline(self):
        return any(row.baseline_value for row in self.rows)

    @property
    def has_area(self):
        return any(row.area for row in self.rows)

    # Printed plans put the year in the column head (2020年基期值, 2025年目标值) when
    # every row shares it; only a table with mixed years needs a year in each cell.
    @property
    def common_baseline_year(self):
        years = {row.baseline_year for row in self.rows if row.baseline_value}
        return years.pop() if len(years) == 1 else None

    @property
    def common_target_year(self):
        years = {row.effective_target_year for row in self.rows}
        return years.pop() if len(years) == 1 else None


def group_into_tables(indicators):
    """Rows grouped by ``table_title``, tables in the order their first row appears."""
    tables = {}
    for indicator in sorted(indicators, key=lambda i: i.sort_order or 0):
        tables.setdefault(
            indicator.table_title, IndicatorTable(indicator.table_title)
        ).rows.append(indicator)
    return list(tables.values())
