"""统计用区划代码: the 12-digit statistical division codes (国家统计局).

Layout: 2 province + 2 city + 2 county + 3 town + 3 village. A district's code ends in
six zeros, a town's in three; a village's does not. The level is read from the code,
so it is never stored twice.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DISTRICT, TOWN, VILLAGE = 1, 2, 3
_CODE = re.compile(r"^\d{12}$")


def validate_region_code(code):
    if not isinstance(code, str) or not _CODE.match(code):
        raise ValidationError(
            _("区划代码“%(code)s”应为12位数字"),
            code="region_code",
            params={"code": code},
        )
    if code[4:6] == "00":
        raise ValidationError(
            _("区划代码“%(code)s”不是区县及以下的代码"),
            code="region_code_level",
            params={"code": code},
        )


def level_of(code):
    """1 district, 2 town/subdistrict, 3 village/community."""
    if code.endswith("000000"):
        return DISTRICT
    if code.endswith("000"):
        return TOWN
    return VILLAGE


def parent_prefix(code):
    """The part of the code its parent's code must share (and pad with zeros)."""
    return {TOWN: code[:6], VILLAGE: code[:9]}.get(level_of(code), "")


def descendant_prefix(code):
    """Codes starting with this belong to the region or lie below it."""
    return {DISTRICT: code[:6], TOWN: code[:9]}.get(level_of(code), code)


def lineage(code):
    """The codes of the district, town and village a code lies in, top down."""
    level = level_of(code)
    codes = [code[:6] + "000000"]
    if level >= TOWN:
        codes.append(code[:9] + "000")
    if level == VILLAGE:
        codes.append(code)
    return codes
