"""Unmasked personal data: the one place that finds and masks it (docs/ARCHITECTURE.md).

Name lists (低保、补贴、救助对象) are the usual content of 政务/事务公开, and county
sites have leaked full ID numbers, phone numbers and bank-card numbers in exactly these
notices (../shared/docs/DOMAIN.md B, "Privacy for published name lists"; E, "Leaked ID
numbers").
Published text must show them masked: ID ``150102********1234``, mobile
``138****1234``, bank card ``6222***********1234``.

The search errs on the side of privacy: a number is found however it is written —
grouped with spaces, hyphens, no-break, full-width or zero-width spaces, in full-width
digits — and an ID number is recognised by a plausible region and birth date whatever
its check character. A reviewer can record that one number of one item is not
personal data (``PersonalDataException``); callers pass those numbers as ``keep``.
Village disclosures refuse such text in ``clean()``; the pre-publish guards
(publishing/guards) and the masking action build on the same functions.
"""

import datetime
import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext

from stdnum import luhn
from stdnum.cn import uscc

# What may stand between the groups of one number: spaces of every width (no-break,
# thin, full-width), zero-width characters, hyphens and dashes, and the HTML entities
# for the invisible ones (rich text stores some spaces as entities).
_SEP_CHARACTERS = (
    r"[ \t\u00a0\u00ad\u2000-\u200d\u2010-\u2015\u202f\u205f\u2060\u2212"
    r"\u3000\ufeff\uff0d-]"
)
# Inline markup may split a number (``138<b>1234</b>5678``) and is read through, unless
# its attributes hold digits (``<a href="tel:…">``, where the number is found itself);
# block markup separates texts (table cells, paragraphs), which must not run together.
_INLINE_TAG_NAMES = (
    r"(?:a|abbr|b|bdi|bdo|code|em|font|i|mark|s|small|span|strong|sub|sup|u)"
)
_INLINE_TAG_WITHOUT_DIGITS = rf"</?(?i:{_INLINE_TAG_NAMES})\b[^<>\d]*>"
_SEP = (
    rf"(?:{_SEP_CHARACTERS}"
    r"|&(?i:nbsp|ensp|emsp|thinsp|hairsp|shy|zwsp|#160|#xa0|#8201|#x2009"
    rf"|#8203|#x200b|#12288|#x3000);|{_INLINE_TAG_WITHOUT_DIGITS})"
)
_GLYPH = r"\d++[XxＸｘ]?"  # \d is any decimal digit, full-width ones included
_LAST_X = r"[XxＸｘ]"  # an ID's X may be typed apart: 150102 19900307 123 X
_LETTER_OR_DIGIT = r"[\dA-Za-zＡ-Ｚａ-ｚ]"
# A run of digit groups not glued to a letter, a digit or a decimal point before it.
_CHAIN = re.compile(
    rf"(?<![\dA-Za-zＡ-Ｚａ-ｚ.．]){_GLYPH}(?:{_SEP}{{1,3}}+(?:{_GLYPH}|{_LAST_X}))*+"
)
_PIECE = re.compile(rf"({_SEP}+)|({_GLYPH}|{_LAST_X})")
# After a number: part of a code with letters, a longer run or an amount (".00").
_GLUED = re.compile(rf"{_LETTER_OR_DIGIT}|[.．]\d")
# Cheap test first: eleven digits, separators allowed, is the shortest number found.
# Any short entity counts as a separator here: simpler, hence faster, than _SEP.
_MAYBE = re.compile(
    rf"\d(?:(?:{_SEP_CHARACTERS}|&[#\w]{{2,7}};|</?[A-Za-z][^<>\d]*>){{0,3}}+\d){{10}}"
)
_SEPARATORS = re.compile(_SEP)

# A mobile, perhaps behind China's calling code written in one piece with it
# (``8613812345678``, ``+86１３８…``, ``008613812345678``).
_MOBILE = re.compile(r"(?:(?:00)?86)?1[3-9]\d{9}")
# GB/T 2260 province-level codes: the first two digits of every ID number.
_PROVINCES = frozenset(
    ("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35")
    + ("36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54")
    + ("61", "62", "63", "64", "65", "71", "81", "82", "83", "91")
)
# Card numbers start with 3 (JCB, AmEx), 4 (Visa), 5 (Mastercard), 6 (银联 62, 60) or
# 9 (domestic cards); dates and serials written as digits start with 1 or 2.
_CARD_PREFIX = "345689"
_LONGEST = 19  # bank cards; nothing longer is personal data

ID_NUMBER, MOBILE, BANK_CARD = "id", "mobile", "bank_card"


@dataclass(frozen=True)
class Finding:
    kind: str  # ID_NUMBER, MOBILE or BANK_CARD
    start: int
    end: int
    value: str  # as written, separators included
    masked: str
    number: str = ""  # half-width digits, no separators, upper-case X

    def sentence(self):
        """What is wrong, showing the number masked (never the number itself)."""
        templates = {
            ID_NUMBER: gettext("含有未打码的身份证号，公示时应写作%(masked)s"),
            MOBILE: gettext("含有未打码的手机号，公示时应写作%(masked)s"),
            BANK_CARD: gettext("含有未打码的银行卡号，公示时应写作%(masked)s"),
        }
        return templates[self.kind] % {"masked": self.masked}


def normalise_number(value):
    """``１３８ 1234-5678`` → ``13812345678``: half-width, no separators, X upper."""
    characters = []
    for character in _SEPARATORS.sub("", value):
        digit = unicodedata.decimal(character, None)
        characters.append(
            str(digit)
            if digit is not None
            else unicodedata.normalize("NFKC", character).upper()
        )
    return "".join(characters)


def mask_id_number(value):
    digits = normalise_number(value)
    return f"{digits[:6]}{'*' * (len(digits) - 10)}{digits[-4:]}"


def mask_mobile(value):
    digits = normalise_number(value)  # a calling code in front is kept as written
    return f"{digits[:-8]}****{digits[-4:]}"


def mask_bank_card(value):
    digits = normalise_number(value)
    return f"{digits[:4]}{'*' * (len(digits) - 8)}{digits[-4:]}"


_MASKERS = {
    ID_NUMBER: mask_id_number,
    MOBILE: mask_mobile,
    BANK_CARD: mask_bank_card,
}


def mask_number(number):
    """A recorded number as it may be shown anywhere: its masked form, or all but
    the last four characters hidden when it no longer reads as personal data."""
    findings = find_personal_data(number)
    return findings[0].masked if findings else f"{'*' * (len(number) - 4)}{number[-4:]}"


def _birth_date(yyyymmdd):
    try:
        born = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None
    return born if born.year >= 1900 and born <= datetime.date.today() else None


def _looks_like_id(number):
    """Plausible region and birth date: 18 digits (last may be X) or the old 15."""
    if number[:2] not in _PROVINCES:
        return False
    if len(number) == 18:
        return _birth_date(number[6:14]) is not None
    return len(number) == 15 and _birth_date("19" + number[6:12]) is not None


def _has_right_check(number):
    """GB 11643's check character (computed here: python-stdnum's ``ric`` also looks
    the region up in its table, and raises for some codes)."""
    total = sum(int(digit) * pow(2, 17 - i, 11) for i, digit in enumerate(number[:17]))
    return number[17] == "10X98765432"[total % 11]


def _is_credit_code(number):
    # All-digit 统一社会信用代码: its own check character and that of the embedded
    # 组织机构代码 (GB 11714), so that a real ID with a forged last character does not
    # pass as one by chance.
    if len(number) != 18 or not uscc.is_valid(number):
        return False
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        int(digit) * weight for digit, weight in zip(number[8:16], weights, strict=True)
    )
    check = (11 - total % 11) % 11
    return number[16] == ("X" if check == 10 else str(check))


def _is_bank_card(number, sizes):
    return (
        16 <= len(number) <= _LONGEST
        and number.isdigit()
        and number[0] in _CARD_PREFIX
        # Written in one piece or in groups of four: other groupings of 16+ digits
        # are tables of figures far more often than cards.
        and (len(sizes) == 1 or set(sizes[:-1]) == {4})
        and luhn.is_valid(number)
        # An all-digit 统一社会信用代码 may pass the Luhn check by chance.
        and not (len(number) == 18 and uscc.is_valid(number))
    )


def _kind_of(number, sizes):
    if not number[:-1].isdigit() or number[-1:] not in "0123456789X":
        return None
    if (
        len(number) == 18
        and _looks_like_id(number)
        and (_has_right_check(number) or not _is_credit_code(number))
    ):
        return ID_NUMBER
    if not number.isdigit():
        return None
    if len(number) == 15 and _looks_like_id(number):
        return ID_NUMBER
    if _MOBILE.fullmatch(number):
        return MOBILE
    return BANK_CARD if _is_bank_card(number, sizes) else None


def _groups(text, chain):
    """(start, end, digits) of each digit group of a chain, minus a glued last one."""
    groups = [
        (piece.start(), piece.end(), normalise_number(piece.group()))
        for piece in _PIECE.finditer(text, chain.start(), chain.end())
        if piece.group(2)
    ]
    if _GLUED.match(text, chain.end()):
        groups.pop()
    return groups


def _longest_number(groups, first):
    """(last group, kind, number) of the longest personal number starting at group
    ``first``, or (first, None, None)."""
    parts = []
    for _start, _end, digits in groups[first:]:
        parts.append(digits)
        if sum(map(len, parts)) >= _LONGEST:
            break
    for count in range(len(parts), 0, -1):
        number = "".join(parts[:count])
        kind = _kind_of(number, [len(part) for part in parts[:count]])
        if kind is not None:
            return first + count - 1, kind, number
    return first, None, None


def _chain_findings(text, groups, keep):
    first = 0
    while first < len(groups):
        last, kind, number = _longest_number(groups, first)
        if kind is not None and number not in keep:
            start, end = groups[first][0], groups[last][1]
            masked = _MASKERS[kind](number)
            yield Finding(kind, start, end, text[start:end], masked, number)
        first = last + 1


def may_hold_personal_data(text):
    """False when ``text`` cannot hold a number ``find_personal_data`` finds; cheap."""
    return bool(text) and len(text) >= 11 and _MAYBE.search(text) is not None


def find_personal_data(text, keep=()):
    """Every unmasked ID, mobile or bank-card number in ``text``, in order; numbers
    whose normalised digits are in ``keep`` (reviewer exceptions) are left out."""
    if not may_hold_personal_data(text):
        return []
    findings = []
    for chain in _CHAIN.finditer(text):
        findings.extend(_chain_findings(text, _groups(text, chain), keep))
    return findings


def mask_personal_data(text, keep=()):
    """``text`` with every number ``find_personal_data`` finds replaced by its masked
    form (half-width, no separators); the rest (HTML tags included) unchanged."""
    if not may_hold_personal_data(text):
        return text
    parts, position = [], 0
    for finding in find_personal_data(text, keep):
        parts.append(text[position : finding.start])
        parts.append(finding.masked)
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


_INLINE_TAG = re.compile(rf"</?{_INLINE_TAG_NAMES}\b[^>]*>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"<[^>]*>")


def html_text(value):
    """The text a reader sees in HTML, for finding numbers (offsets are not kept)."""
    return html.unescape(_OTHER_TAG.sub("\n", _INLINE_TAG.sub("", value or "")))


def personal_data_problems(text, keep=()):
    """Sentences naming each unmasked number (shown masked) in text or HTML, or []."""
    return [finding.sentence() for finding in find_personal_data(html_text(text), keep)]


def kept_numbers(item_key):
    """The numbers reviewers recorded as not personal data for one item
    (``"app_label.model:pk"``); the whole table is read once inside
    ``lookups_cached()``."""
    from .public import cached_lookup

    return cached_lookup(("privacy", "kept_numbers"), _kept_by_item).get(
        item_key, frozenset()
    )


def _kept_by_item():
    from .personal_data_exceptions import PersonalDataException

    kept = {}
    for item_key, number in PersonalDataException.objects.values_list(
        "item_key", "number"
    ):
        kept.setdefault(item_key, set()).add(number)
    return {key: frozenset(numbers) for key, numbers in kept.items()}
