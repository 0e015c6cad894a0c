"""慈善组织年报: the yearly work and financial report (《慈善法》第七十八条) and
the spending ratios 第六十一条 sets for foundations with the public fundraising
qualification."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from content_models.disclosure.metadata import edit_handler_with_metadata
from content_models.disclosure.periods import Period, validate_period
from content_models.disclosure.records import PublishedRecord

from . import links, rules

AMOUNT_FIELDS = (
    "total_income",
    "donation_income",
    "total_spending",
    "charitable_spending",
    "management_costs",
    "net_assets",
)


def _amount(label):
    return models.DecimalField(label, max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class Assessment:
    """One year's 第六十一条 figures; a ratio is None when it cannot be computed."""

    applies: bool  # a 公募 foundation that year: the limits bind
    management_ratio: Decimal | None
    spending_ratio: Decimal | None  # against the previous year's income
    spending_ratio_three_years: Decimal | None  # against the three-year average

    @property
    def management_over_limit(self):
        return bool(
            self.applies
            and self.management_ratio is not None
            and self.management_ratio > rules.MAX_MANAGEMENT_COST_RATIO
        )

    @property
    def spending_under_minimum(self):
        """Below 70 % of last year's income, and of the three-year average if known:
        the law is met by either measure."""
        if not self.applies or self.spending_ratio is None:
            return False
        measures = [
            r for r in (self.spending_ratio, self.spending_ratio_three_years) if r
        ]
        return all(r < rules.MIN_CHARITABLE_SPENDING_RATIO for r in measures)

    @property
    def management_percent(self):
        return _percent(self.management_ratio)

    @property
    def spending_percent(self):
        return _percent(self.spending_ratio)


def _percent(value):
    return None if value is None else (value * 100).quantize(Decimal("0.1"))


class AnnualReport(links.SectionRoutes, PublishedRecord):
    record_kind = "charity_annual_report"
    public_related = ("charity__region",)
    public_parent = "charity"  # public only with its charity

    charity = models.ForeignKey(
        "charity.CharityOrganisation",
        verbose_name=_("慈善组织"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    total_income = _amount(_("本年收入合计（元）"))
    donation_income = _amount(_("其中：捐赠收入（元）"))
    total_spending = _amount(_("本年费用合计（元）"))
    charitable_spending = _amount(_("其中：慈善活动支出（元）"))
    management_costs = _amount(_("其中：管理费用（元）"))
    net_assets = _amount(_("年末净资产（元）"))
    audited = models.BooleanField(
        _("财务会计报告经审计"),
        default=False,
        help_text=_(
            "具有公开募捐资格的慈善组织，其财务会计报告须经审计（《慈善法》第七十八条）"
        ),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("年度报告全文"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("charity"), FieldPanel("year")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("total_income"), FieldPanel("donation_income")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("total_spending"),
                        FieldPanel("charitable_spending"),
                        FieldPanel("management_costs"),
                    ]
                ),
                FieldPanel("net_assets"),
            ],
            heading=_("财务数据"),
        ),
        FieldPanel("audited"),
        FieldPanel("document"),
    ]
    edit_handler = edit_handler_with_metadata(panels)
    search_fields = [
        index.SearchField("summary"),
        index.FilterField("year"),
        index.FilterField("live"),
        index.RelatedFields("charity", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["charity__name", "-year"]
        verbose_name = _("慈善组织年报")
        verbose_name_plural = _("慈善组织年报")
        constraints = [
            models.UniqueConstraint(
                fields=["charity", "year"], name="charity_one_report_a_year"
            ),
            models.CheckConstraint(
                condition=Q(total_income__gte=0)
                & Q(donation_income__gte=0)
                & Q(total_spending__gte=0)
                & Q(charitable_spending__gte=0)
                & Q(management_costs__gte=0)
                & Q(net_assets__gte=0),
                name="charity_report_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(donation_income__lte=F("total_income")),
                name="charity_report_donations_within_income",
            ),
            models.CheckConstraint(
                condition=Q(
                    total_spending__gte=F("charitable_spending") + F("management_costs")
                ),
                name="charity_report_parts_within_spending",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        name = self.charity.name if self.charity_id else ""
        return _("%(name)s%(year)s年度报告") % {"name": name, "year": self.year}

    def assess(self, incomes=None):
        """The 第六十一条 assessment; ``incomes`` maps year → total income of the
        charity's public reports (read from the database when not given)."""
        if incomes is None:
            incomes = self._previous_incomes()
        previous = incomes.get(self.year - 1)
        three = [incomes.get(self.year - n) for n in (1, 2, 3)]
        average = sum(three) / 3 if all(v is not None for v in three) else None
        return Assessment(
            applies=self.charity.is_public_fundraising_foundation(self.year),
            management_ratio=rules.ratio(self.management_costs, self.total_spending),
            spending_ratio=rules.ratio(self.charitable_spending, previous),
            spending_ratio_three_years=rules.ratio(self.charitable_spending, average),
        )

    def _previous_incomes(self):
        rows = AnnualReport.objects.filter(
            charity_id=self.charity_id,
            live=True,
            year__range=(self.year - 3, self.year - 1),
        ).values_list("year", "total_income")
        return dict(rows)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        errors.update(self._year_problems())
        errors.update(self._amount_problems())
        if (
            self.charity_id
            and self.year
            and not self.audited
            and self._must_be_audited()
        ):
            errors["audited"] = _(
                "%(charity)s在%(year)s年度具有公开募捐资格，财务会计报告须经审计"
            ) % {"charity": self.charity.name, "year": self.year}
        if errors:
            raise ValidationError(errors)

    def _must_be_audited(self):
        since = self.charity.public_fundraising_since
        return bool(since and since.year <= self.year)

    def _year_problems(self):
        if self.year is None:
            return {}
        try:
            validate_period(self.year)
        except ValidationError as error:
            return {"year": error.messages}
        if self.year >= timezone.localdate().year:
            return {
                "year": _("%(year)s年度尚未结束，不能提交年报") % {"year": self.year}
            }
        if not self.charity_id:
            return {}
        registered = self.charity.registered_on
        if registered and self.year < registered.year:
            return {
                "year": _("年度%(year)s早于%(charity)s的登记年份%(registered)s")
                % {
                    "year": self.year,
                    "charity": self.charity.name,
                    "registered": registered.year,
                }
            }
        duplicate = AnnualReport.objects.filter(
            charity_id=self.charity_id, year=self.year
        )
        if duplicate.exclude(pk=self.pk).exists():
            return {
                "year": _("%(charity)s的%(year)s年度报告已存在")
                % {"charity": self.charity.name, "year": self.year}
            }
        return {}

    def _amount_problems(self):
        errors = {}
        for name in AMOUNT_FIELDS:
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("%(field)s不能为负数：%(amount)s元") % {
                    "field": self._meta.get_field(name).verbose_name,
                    "amount": value,
                }
        if errors:
            return errors
        income, donations = self.total_income, self.donation_income
        if income is not None and donations is not None and donations > income:
            errors["donation_income"] = _(
                "捐赠收入%(donations)s元超过本年收入合计%(income)s元"
            ) % {"donations": donations, "income": income}
        parts = (self.charitable_spending, self.management_costs)
        if (
            self.total_spending is not None
            and None not in parts
            and sum(parts) > self.total_spending
        ):
            errors["charitable_spending"] = _(
                "慈善活动支出与管理费用之和%(parts)s元超过本年费用合计%(total)s元"
            ) % {"parts": sum(parts), "total": self.total_spending}
        return errors

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        self.assessment = self.assess()
        context["reports"] = [self]
        return context

    def public_text(self):
        return " ".join(filter(None, [str(self.title), self.summary]))

    def public_period(self):
        return Period(self.year)

    def public_region(self):
        return self.charity.region
