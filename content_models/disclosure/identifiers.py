"""统一社会信用代码 and 居民身份证号码: validated once, here, with python-stdnum.

GB 32100-2015 (USCC) and GB 11643 (ID numbers); DOMAIN.md section C has the layout.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


def normalise_credit_code(value):
    """Upper case, no spaces or separators: how codes are stored and compared."""
    return uscc.compact(value or "")


def credit_code_problem(value):
    """None if the code is valid, else a sentence saying what is wrong."""
    try:
        uscc.validate(value)
    except InvalidChecksum:
        return _("统一社会信用代码“%(code)s”的校验码不正确") % {"code": value}
    except StdnumError:
        return _(
            "统一社会信用代码“%(code)s”格式不正确（应为18位，不含I、O、Z、S、V）"
        ) % {"code": value}
    return None


def validate_credit_code(value):
    problem = credit_code_problem(value)
    if problem:
        raise ValidationError(problem, code="credit_code")


def is_valid_id_number(value):
    """An 18-digit 身份证号 whose check digit and birth date are right."""
    return ric.is_valid(value)
