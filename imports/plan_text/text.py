"""Character-level rules shared by every step of the plan parser.

Scraped government pages mix full-width and half-width forms of the same characters
(（一） and (一), ２０２５ and 2025). Parsing compares the *folded* form; the body keeps
Chinese punctuation as the author wrote it and only folds letters and digits.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from content_models.disclosure.text import FULL_TO_HALF

REPLACEMENT_CHAR = "\ufffd"

# The width folding that maps one character to one (content_models.disclosure.text),
# so folding never changes a string's length: offsets found in the folded text are
# valid in the original, which lets us cut titles out of the text as written.
_FULL_TO_HALF = {**FULL_TO_HALF, 0x00A0: 0x20}  # no-break space, common in copied HTML

_ALNUM_ONLY = {
    code: target
    for code, target in _FULL_TO_HALF.items()
    if chr(target).isalnum() or target == 0x20
}

_SPACES = re.compile(r"[ \t\u2000-\u200b\u202f\u205f]+")
# A space next to punctuation is a copy-paste artefact, never meaningful in Chinese.
_SPACE_BEFORE_PUNCT = re.compile(r" +(?=[,，。.;；:：、)）\]】!！?？”])")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(（\[【“]) +")
# Pages run through a simplified-to-traditional converter that glosses characters
# with pinyin: 發(fā)布, 區(qū)民政局. A gloss always carries a tone mark, which no
# plan's own text puts in brackets after a Chinese character.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"
)
_LEADING_BULLETS = re.compile(r"^(?:[•·▪●◆■□◇○]\s*|[-–*]\s+)+")

CN_NUMERALS = "零〇一二三四五六七八九十百两"
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGIT.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})

SENTENCE_END = "。！？；!?;"


# Copies of government pages are often run through a simplified→traditional
# converter (發布日期, 關于印發…的通知). Matching reads them simplified, with the
# conversion search uses (OpenCC t2s, search/text.py), one character at a time so
# that offsets stay valid.
_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=16384)
def _simplified(char: str) -> str:
    converted = _TO_SIMPLIFIED.convert(char)
    return converted if len(converted) == 1 else char


def fold(text: str) -> str:
    """Fold full-width ASCII, odd spaces and traditional characters, for matching
    only; the result has the same length as ``text``."""
    halved = text.translate(_FULL_TO_HALF)
    return _HAN.sub(lambda match: _simplified(match.group()), halved)


def fold_alnum(text: str) -> str:
    """Fold full-width letters and digits but keep Chinese punctuation as written."""
    return text.translate(_ALNUM_ONLY)


def normalise_line(text: str) -> str:
    """Collapse stray spaces and list bullets while keeping the words as written."""
    text = fold_alnum(text)
    text = _PINYIN_GLOSS.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    text = _LEADING_BULLETS.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    return _SPACE_AFTER_OPEN.sub("", text)


def cn_to_int(numeral: str) -> int | None:
    """Value of a Chinese or Arabic numeral as used in headings (一 .. 九十九, 1..)."""
    if numeral.isdigit():
        return int(numeral)
    if not numeral or any(ch not in CN_NUMERALS for ch in numeral):
        return None
    total, current = 0, 0
    for ch in numeral:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGIT[ch]
    return total + current


def first_sentence(text: str) -> tuple[str, str]:
    """Split a run-in heading (``不断完善社会救助制度。建立…``) into lead and rest.

    An ASCII full stop counts as a sentence end only between non-digits, since
    scraped pages write ``提档升级.强化`` but also ``0.3万人``.
    """
    for index, ch in enumerate(text):
        is_stop = ch in SENTENCE_END or ch == "．"
        if ch == ".":
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            is_stop = not (before.isdigit() and after.isdigit())
        if is_stop:
            return text[:index].strip(), text[index + 1 :].strip()
    return text.strip(), ""


def is_sentence(text: str) -> bool:
    """True when a line reads as running text rather than a label or title."""
    return any(ch in text for ch in "。；;") or len(text) > 80
