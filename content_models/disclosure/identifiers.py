"""统一社会信用代码 and 居民身份证号码: validated once, here, with python-stdnum.

GB 32100-2015 (USCC) and GB 11643 (ID numbers); ../shared/docs/DOMAIN.md section C has
the layout.
"""

from django.core.exceptions import ValidationError
from django.db import models
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


# GB 32100-2015: first character 5 = registered by 民政 (civil affairs).
CIVIL_AFFAIRS_REGISTRAR = "5"


class OrgType(models.TextChoices):
    # The values are the code's second character when the registrar is 民政.
    SOCIAL_GROUP = "1", _("社会团体")
    PRIVATE_NON_ENTERPRISE = "2", _("民办非企业单位")
    FOUNDATION = "3", _("基金会")


def org_type_problem(code, org_type):
    """None if a valid 民政 code agrees with ``org_type``, else what disagrees."""
    if not code.startswith(CIVIL_AFFAIRS_REGISTRAR) or org_type not in OrgType.values:
        return None  # an unknown org_type is reported by the field's own choices check
    kind = code[1:2]
    if kind == org_type:
        return None
    implied = OrgType(kind).label if kind in OrgType.values else _("其他组织")
    return _(
        "统一社会信用代码“%(code)s”第2位为“%(kind)s”，表示%(implied)s，"
        "与组织类型“%(org_type)s”不符（%(org_type)s应为“%(expected)s”）"
    ) % {
        "code": code,
        "kind": kind,
        "implied": implied,
        "org_type": OrgType(org_type).label,
        "expected": org_type,
    }
