"""The numbers the law sets for charities, and the date arithmetic they need.

Every deadline and ratio of the charity family lives here, with its source
(../shared/docs/DOMAIN.md section D), so that models, pages and tests read the same
rule.
"""

from decimal import ROUND_HALF_UP, Decimal

from content_models.disclosure.periods import add_months, add_years  # noqa: F401

# 《慈善组织公开募捐管理办法》(民政部令第74号, 2024): a charity may hold the public
# fundraising qualification once it has been registered for one year (was two).
QUALIFICATION_WAIT_YEARS = 1

# Same 办法 第十一条: the plan is filed ten days before the campaign starts.
FILING_DAYS_BEFORE_START = 10

# 《慈善法》第七十三条: for a 重大突发事件 the plan may be filed late, but within ten
# days after the campaign starts.
EMERGENCY_FILING_DAYS_AFTER_START = 10

# 《慈善法》第七十九条: a campaign or project of a 公募 charity lasting longer than six
# months reports at least every three months, and fully within three months of its end.
LONG_ACTIVITY_MONTHS = 6
REPORT_INTERVAL_MONTHS = 3
FINAL_REPORT_MONTHS = 3

# 《慈善法》第六十一条: a 公募 foundation spends on charitable activities at least
# 70 % of the previous year's income (or of the average of the three previous
# years), and its management costs stay within 10 % of the year's total spending.
MIN_CHARITABLE_SPENDING_RATIO = Decimal("0.70")
MAX_MANAGEMENT_COST_RATIO = Decimal("0.10")


def lasts_longer_than(start, end, months):
    """True when the span from ``start`` to ``end`` (inclusive) exceeds ``months``."""
    return end >= add_months(start, months)


def ratio(part, whole):
    """``part / whole`` to four places, or None when there is nothing to divide by."""
    if part is None or not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
