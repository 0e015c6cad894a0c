"""Full-width and half-width forms: the one folding rule, for search, the plan parser
and indicator values.

Government pages and spreadsheets typed on Chinese input methods mix ＡＢＣ１２３ with
ABC123 and （一） with (一). Two strengths of the same rule:

- ``fold_width`` is Unicode compatibility folding (NFKC): full-width letters, digits
  and punctuation become half-width, and so do the other compatibility forms (① → 1,
  ㎡ → m2). It may change a string's length. Search folds documents and queries with
  it; indicator values are read as numbers after it.
- ``fold_width_in_place`` folds only what maps one character to one — the full-width
  ASCII block and the ideographic space, exactly as ``fold_width`` folds them — so
  offsets found in the folded text are valid in the original (the plan parser cuts
  titles out of the text as written).

Only the standard library is used, so the pure plan parser may import this module.
"""

import unicodedata

# Full-width ASCII (U+FF01..U+FF5E) maps one-to-one onto U+0021..U+007E; the
# ideographic space (U+3000) is a full-width space.
FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULL_TO_HALF[0x3000] = 0x20


def fold_width(text):
    """``text`` with full-width and other compatibility forms folded (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def fold_width_in_place(text):
    """``text`` with full-width ASCII and the ideographic space made half-width, one
    character for one."""
    return text.translate(FULL_TO_HALF)
