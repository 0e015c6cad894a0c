"""Chinese text for search: one folding and one segmentation, used for documents and
queries alike, by every engine (docs/ARCHITECTURE.md, "One place for each rule").

A document's text is indexed twice, as tokens an engine splits on whitespace:

- ``words``: rjieba's search-mode words (城乡 最低 生活 保障 ...), which rank real word
  matches first;
- ``grams``: overlapping character pairs of every Chinese run (城乡 乡最 最低 ...). A
  word of two characters or more is a phrase of pairs, so 低保 is found inside
  城乡低保标准 however the segmenter cut it: recall does not depend on the dictionary.

Folding makes 養老服務 match 养老服务 and full-width ＡＢＣ１２３ match abc123; the
width part is ``content_models.disclosure.text.fold_width``, shared with the rest of
the portal.
"""

import re
import unicodedata
from functools import lru_cache
from operator import add

import opencc
import rjieba

from content_models.disclosure.text import FULL_TO_HALF, fold_width

_to_simplified = opencc.OpenCC("t2s")

# After folding: runs of Han characters, and runs of Latin letters and digits (codes,
# 文号 numbers, years). Everything else separates tokens.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_HAN}]+|[0-9a-z]+")
_HAN_RUN = re.compile(rf"[{_HAN}]+")
# The same runs, Han in the first group and the rest in the second: one pass tells
# them apart (indexing reads every character of the corpus through it).
_HAN_OR_OTHER = re.compile(rf"([{_HAN}]+)|([0-9a-z]+)")


def fold(text):
    """Full/half width, traditional→simplified and case folded; same length in
    nearly all text (see ``fold_with_offsets`` for the rest)."""
    return _to_simplified.convert(_fold_width(text)).lower()


# What FULL_TO_HALF folds. Only these runs are translated: str.translate looks up
# every character, and nearly all of ours are Han.
_FULL_WIDTH = re.compile(f"[{''.join(map(chr, FULL_TO_HALF))}]+")


def _halve(match):
    return match[0].translate(FULL_TO_HALF)


def _fold_width(text):
    """``fold_width``, three times quicker on the texts we index: the full-width ASCII
    block is folded by table (as NFKC folds it), and NFKC runs only when something
    is left for it to fold (Unicode's quick check says whether)."""
    halved = _FULL_WIDTH.sub(_halve, text)
    if unicodedata.is_normalized("NFKC", halved):
        return halved
    return fold_width(halved)


@lru_cache(maxsize=65536)
def _fold_char(char):
    return fold(char)


def fold_with_offsets(text):
    """(folded, offsets) where ``offsets[i]`` is the position in ``text`` of folded
    character ``i``, for showing matches found in folded text on the original."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, range(len(text))
    parts, offsets = [], []
    for position, char in enumerate(text):
        piece = _fold_char(char)
        parts.append(piece)
        offsets.extend([position] * len(piece))
    return "".join(parts), offsets


def is_han(token):
    return bool(_HAN_RUN.fullmatch(token))


def _runs(folded):
    return _RUN.findall(folded)


def words(text):
    """Search-mode words of the text, folded."""
    return indexed_tokens(text)[0]


def grams(text):
    """Overlapping character pairs of each Han run (a lone character stays single);
    Latin/digit runs stay whole."""
    tokens = []
    for han, other in _HAN_OR_OTHER.findall(fold(text)):
        tokens.extend(_pairs(han) if han else (other,))
    return tokens


def _pairs(han):
    return map(add, han[:-1], han[1:]) if len(han) > 1 else (han,)


def indexed_tokens(text):
    """(words, grams) of a text, folded once: what every engine indexes."""
    words, grams = [], []
    for han, other in _HAN_OR_OTHER.findall(fold(text)):
        if not han:
            words.append(other)
            grams.append(other)
            continue
        words.extend(rjieba.cut_for_search(han, False))
        grams.extend(_pairs(han))
    return words, grams


def indexed_fields(title, text):
    """(title words, text words, title pairs, text pairs), each joined by spaces as
    the engines index them."""
    title_words, title_grams = indexed_tokens(title)
    text_words, text_grams = indexed_tokens(text)
    return (
        " ".join(title_words),
        " ".join(text_words),
        " ".join(title_grams),
        " ".join(text_grams),
    )


def indexed_batch(pairs):
    """``indexed_fields`` of each (title, text): the work a rebuild hands to other
    processes (this module imports no Django, so they start quickly)."""
    return [indexed_fields(title, text) for title, text in pairs]


def runs(text):
    """The runs of a text, folded: Han characters, or Latin letters and digits (a
    query's chunk is matched run by run, each as one run of characters)."""
    return _runs(fold(text))


def cut(run):
    """Dictionary words of a folded run, each character in exactly one."""
    return rjieba.cut(run, False) if is_han(run) else [run]


def lone_character_pattern(term):
    """A pattern over ``grams`` terms when ``term`` is one Han character (the pairs
    that start or end with it, or it alone); None for anything longer, which is a
    phrase of its pairs."""
    tokens = grams(term)
    if len(tokens) != 1 or len(tokens[0]) != 1 or not is_han(tokens[0]):
        return None
    char = re.escape(tokens[0])
    return f"{char}.|.{char}|{char}"


_TERM_SEPARATORS = re.compile(r"[\s,、;]+")


def split_terms(value):
    """Folded terms of an editor's list (commas, 、, semicolons or spaces between)."""
    return [term for term in _TERM_SEPARATORS.split(fold(value)) if term]
