"""Unmasked personal data: the one place that finds and masks it (ARCHITECTURE.md).

Name lists (低保、补贴、救助对象) are the usual content of 政务/事务公开, and county
sites have leaked full ID numbers and phone numbers in exactly these notices
(DOMAIN.md B, "Privacy for published name lists"; E, "Leaked ID numbers"). Published
text must show them masked: ID ``35*************123``, phone ``138****1234``.

Only the detection lives here; whether an 18-digit string is an ID number is decided by
``identifiers`` (python-stdnum). Village disclosures refuse such text today; the
pre-publish guards of the publishing workflow build on the same functions.
"""

import re

from django.utils.html import strip_tags
from django.utils.translation import gettext

from .identifiers import is_valid_id_number

_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def _masked_id(value):
    return f"{value[:2]}{'*' * 13}{value[-3:]}"


def _masked_mobile(value):
    return f"{value[:3]}****{value[-4:]}"


def personal_data_problems(text):
    """Sentences naming each unmasked ID or mobile number (shown masked), or []."""
    text = strip_tags(text or "")
    problems = []
    for match in _ID_CANDIDATE.finditer(text):
        if is_valid_id_number(match.group().upper()):
            problems.append(
                gettext(
                    "含有未打码的身份证号（%(masked)s），公示时只能显示前2位和后3位"
                )
                % {"masked": _masked_id(match.group())}
            )
    for match in _MOBILE.finditer(text):
        problems.append(
            gettext("含有未打码的手机号（%(masked)s），公示时应写作%(masked)s")
            % {"masked": _masked_mobile(match.group())}
        )
    return problems
