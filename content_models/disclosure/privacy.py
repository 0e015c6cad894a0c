"""Unmasked personal data: the one place that finds and masks it (ARCHITECTURE.md).

Name lists (低保、补贴、救助对象) are the usual content of 政务/事务公开, and county
sites have leaked full ID numbers, phone numbers and bank-card numbers in exactly these
notices (DOMAIN.md B, "Privacy for published name lists"; E, "Leaked ID numbers").
Published text must show them masked: ID ``150102********1234``, mobile
``138****1234``, bank card ``6222***********1234``.

Whether an 18-digit string is an ID number is decided by ``identifiers``
(python-stdnum). Village disclosures refuse such text in ``clean()``; the pre-publish
guards (publishing/guards) and the masking action build on the same functions.
"""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext

from stdnum import luhn
from stdnum.cn import uscc

from .identifiers import is_valid_id_number

# A run of digits standing alone: not part of a longer number, a code with letters
# (统一社会信用代码, 索引号) or an amount with decimals. Bank cards are also written
# in groups of four.
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.])"
    r"(\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|\d{17}[\dXx]|\d{11,19})"
    r"(?![0-9A-Za-z]|\.\d)"
)
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Card numbers start with 3 (JCB, AmEx), 4 (Visa), 5 (Mastercard), 6 (银联 62, 60) or
# 9 (domestic cards); dates and serials written as digits start with 1 or 2.
_CARD_PREFIX = "345689"

ID_NUMBER, MOBILE, BANK_CARD = "id", "mobile", "bank_card"


@dataclass(frozen=True)
class Finding:
    kind: str  # ID_NUMBER, MOBILE or BANK_CARD
    start: int
    end: int
    value: str
    masked: str

    def sentence(self):
        """What is wrong, showing the number masked (never the number itself)."""
        templates = {
            ID_NUMBER: gettext("含有未打码的身份证号，公示时应写作%(masked)s"),
            MOBILE: gettext("含有未打码的手机号，公示时应写作%(masked)s"),
            BANK_CARD: gettext("含有未打码的银行卡号，公示时应写作%(masked)s"),
        }
        return templates[self.kind] % {"masked": self.masked}


def mask_id_number(value):
    return f"{value[:6]}{'*' * 8}{value[-4:]}"


def mask_mobile(value):
    return f"{value[:3]}****{value[-4:]}"


def mask_bank_card(value):
    digits = _digits(value)
    return f"{digits[:4]}{'*' * (len(digits) - 8)}{digits[-4:]}"


def _digits(value):
    return re.sub(r"[ -]", "", value)


def _kind_of(value):
    digits = _digits(value)
    if len(digits) == 18 and is_valid_id_number(digits.upper()):
        return ID_NUMBER
    if len(digits) == 11 and _MOBILE.fullmatch(digits):
        return MOBILE
    if _is_bank_card(digits):
        return BANK_CARD
    return None


def _is_bank_card(digits):
    return (
        digits.isdigit()
        and 13 <= len(digits) <= 19
        and digits[0] in _CARD_PREFIX
        and luhn.is_valid(digits)
        # An all-digit 统一社会信用代码 may pass the Luhn check by chance.
        and not (len(digits) == 18 and uscc.is_valid(digits))
    )


_MASKERS = {
    ID_NUMBER: mask_id_number,
    MOBILE: mask_mobile,
    BANK_CARD: mask_bank_card,
}


def find_personal_data(text):
    """Every unmasked ID, mobile or bank-card number in ``text``, in order."""
    findings = []
    for match in _NUMBER.finditer(text or ""):
        kind = _kind_of(match.group())
        if kind is not None:
            findings.append(
                Finding(
                    kind,
                    match.start(),
                    match.end(),
                    match.group(),
                    _MASKERS[kind](match.group()),
                )
            )
    return findings


def mask_personal_data(text):
    """``text`` with every number ``find_personal_data`` finds replaced by its masked
    form; everything else (HTML tags included) unchanged."""
    if not text:
        return text
    parts, position = [], 0
    for finding in find_personal_data(text):
        parts.append(text[position : finding.start])
        parts.append(finding.masked)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def personal_data_problems(text):
    """Sentences naming each unmasked number (shown masked) in text or HTML, or []."""
    return [
        finding.sentence() for finding in find_personal_data(strip_tags(text or ""))
    ]
