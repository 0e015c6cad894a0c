"""Finance rows of a 财务公开 and their totals.

《村民委员会组织法》第三十条 puts 财务 among the items villages must publish
(monthly where transactions are many); 《城市居民委员会组织法》第十六条 asks
communities to publish their accounts promptly. Totals are computed from the rows,
never stored, so a corrected row can never leave a stale total behind.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .categories import Category, Direction

CENT = Decimal("0.01")


class FinanceRow(Orderable):
    """One line of a village's income and expense statement (金额 in 元)."""

    page = ParentalKey(
        "villages.VillageDisclosurePage",
        related_name="finance_rows",
        on_delete=models.CASCADE,
    )
    item = models.CharField(_("收支项目"), max_length=100)
    direction = models.CharField(_("收支"), max_length=8, choices=Direction.choices)
    amount = models.DecimalField(
        _("金额（元）"),
        max_digits=14,
        decimal_places=2,
        help_text=_("以元为单位，保留两位小数"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("item"), FieldPanel("direction"), FieldPanel("amount")]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("收支明细")
        verbose_name_plural = _("收支明细")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="villages_finance_amount_positive",
                violation_error_message=_("金额必须大于0元"),
            )
        ]

    def __str__(self):
        return f"{self.item} {self.get_direction_display()} {self.amount}"

    def clean(self):
        super().clean()
        if self.amount is not None and self.amount <= 0:
            raise ValidationError(
                {
                    "amount": gettext("金额应大于0元，“%(item)s”填写的是%(amount)s元")
                    % {"item": self.item, "amount": self.amount}
                }
            )


def finance_rows_problem(category, row_count):
    """Why rows do not belong on a disclosure of this category, or None.

    Shared by the model and the admin form: the form sees the rows being typed, the
    model sees rows set in code (an importer)."""
    if row_count and category != Category.FINANCE:
        return gettext(
            "只有财务公开可以填写收支明细，“%(category)s”不能带%(count)d条收支记录"
        ) % {
            "category": Category(category).label
            if category in Category.values
            else category,
            "count": row_count,
        }
    return None


@dataclass(frozen=True)
class FinanceTotals:
    income: Decimal
    expense: Decimal

    @property
    def balance(self):
        """收支结余: income less expense; negative when the period overspent."""
        return self.income - self.expense


def totals_of(rows):
    income = expense = Decimal("0.00")
    for row in rows:
        if row.amount is None:
            continue
        if row.direction == Direction.INCOME:
            income += row.amount
        elif row.direction == Direction.EXPENSE:
            expense += row.amount
    return FinanceTotals(income.quantize(CENT), expense.quantize(CENT))
