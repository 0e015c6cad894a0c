"""Cell text to Python values, in the forms officials write them.

Each parser raises ``CellProblem`` with a sentence the official can act on; the
report adds the row and column. Domain rules (code check characters, periods, region
codes) are not here: they are the models' and ``content_models``' own.
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content_models.disclosure.text import fold_width_in_place

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
# Whole-yuan digits the amount fields hold (DecimalField max_digits=14, 2 decimals).
MAX_AMOUNT_DIGITS = 12
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap bug)

_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
)
_EXCEL_SERIAL = re.compile(r"^\d{4,5}(?:\.0+)?$")
_YES = {"是", "y", "yes", "true", "1", "√"}
_NO = {"否", "n", "no", "false", "0", ""}


class CellProblem(ValueError):
    pass


def parse_date(text):
    text = text.strip()
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise CellProblem(
                    _("日期“%(value)s”不存在") % {"value": text}
                ) from None
    if _EXCEL_SERIAL.match(text):
        # A date cell saved to CSV as its Excel serial number (days since 1899-12-30).
        day = EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))
        if 1949 <= day.year <= 2100:
            return day
    raise CellProblem(
        _("日期“%(value)s”无法识别，请写成2025-07-01、2025/7/1或2025年7月1日")
        % {"value": text}
    )


def parse_amount(text, unit=None):
    """Amount in 元 (two decimals) from “12.5”, “125,000元” or 12.5 with unit 万元."""
    text = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    for suffix in ("万元", "元"):
        if text.endswith(suffix):
            if unit and unit != suffix:
                raise CellProblem(
                    _("金额“%(value)s”的单位与列标明的单位“%(unit)s”不一致")
                    % {"value": text, "unit": unit}
                )
            unit, text = suffix, text[: -len(suffix)]
            break
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellProblem(_("金额“%(value)s”不是数字") % {"value": text}) from None
    if not amount.is_finite():
        raise CellProblem(_("金额“%(value)s”不是数字") % {"value": text})
    # Checked before any arithmetic: 1e400 万元 has more digits than Decimal's context
    # keeps, and quantize() would raise InvalidOperation (1E+999999 × 10000: Overflow)
    # instead of saying so.
    if amount and amount.adjusted() >= MAX_AMOUNT_DIGITS:
        raise CellProblem(
            _("金额“%(value)s”过大（换算为元后不能超过%(digits)d位整数）")
            % {"value": text, "digits": MAX_AMOUNT_DIGITS}
        )
    if unit == "万元":
        amount *= TEN_THOUSAND
    if amount and amount.adjusted() >= MAX_AMOUNT_DIGITS:
        raise CellProblem(
            _("金额“%(value)s”过大（换算为元后不能超过%(digits)d位整数）")
            % {"value": text, "digits": MAX_AMOUNT_DIGITS}
        )
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(CENT):
        raise CellProblem(_("金额“%(value)s”换算为元后超过两位小数") % {"value": text})
    return amount.quantize(CENT)


def parse_unit(text):
    text = text.strip()
    if text in ("", "元", "万元"):
        return text or None
    raise CellProblem(
        _("金额单位应为“元”或“万元”，而不是“%(value)s”") % {"value": text}
    )


def parse_bool(text):
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise CellProblem(_("应填写“是”或“否”，而不是“%(value)s”") % {"value": text})


def parse_choice(text, choices):
    """The stored value of a TextChoices from its label (“活动异常名录”) or value."""
    found = _choice_values(choices, get_language()).get(text.strip())
    if found is not None:
        return found
    labels = "、".join(str(label) for label in choices.labels)
    raise CellProblem(
        _("“%(value)s”不是可选值，应为：%(labels)s") % {"value": text, "labels": labels}
    )


@functools.cache
def _choice_values(choices, language):
    """{value or label as text: value}, the first choice winning, per language:
    every row asks, and a label is translated on each ``str()``."""
    found = {}
    for value, label in choices.choices:
        found.setdefault(str(value), value)
        found.setdefault(str(label), value)
    return found


def parse_number(text, label):
    """A small whole number from “3”, “第3季度” or “7月”."""
    digits = re.sub(r"^第|季度$|月$|年$", "", fold_width_in_place(text.strip()))
    # isdigit() accepts “²”, which int() refuses; long runs would pass int()'s limit.
    if not (digits.isascii() and digits.isdecimal()) or len(digits) > 6:
        raise CellProblem(
            _("%(label)s“%(value)s”不是整数") % {"label": label, "value": text}
        )
    return int(digits)
