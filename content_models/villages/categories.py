"""The four-part content model of village and residents' affairs disclosure and the
choices the disclosure form offers.

党务/政务/事务/财务 is the catalogue localities use (攀枝花 2022 实施方案,
../shared/docs/DOMAIN.md B);
the stored values are short pinyin codes so that filters and slugs stay ASCII
(``?category=caiwu``) while every label is Chinese.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    PARTY = "dangwu", _("党务公开")
    GOVERNMENT = "zhengwu", _("政务公开")
    AFFAIRS = "shiwu", _("事务公开")
    FINANCE = "caiwu", _("财务公开")


class Direction(models.TextChoices):
    INCOME = "income", _("收入")
    EXPENSE = "expense", _("支出")


def _quarter_label(quarter):
    return gettext("第%(quarter)d季度") % {"quarter": quarter}


def _month_label(month):
    return gettext("%(month)d月") % {"month": month}


# Labels are translated when shown, not at import time (a lazy ``%`` would freeze them).
QUARTER_CHOICES = [(q, lazy(_quarter_label, str)(q)) for q in range(1, 5)]
MONTH_CHOICES = [(m, lazy(_month_label, str)(m)) for m in range(1, 13)]
