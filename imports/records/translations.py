"""Translations looked up once per message during an import.

A lookup that misses (a Chinese source string in the zh-hans catalogue, which is
most of ours) walks the whole fallback chain of catalogues, thirteen deep here:
about 30 µs each. An import asks for the same few labels (a record's title, a
choice's label, a problem's sentence) for every row, so within one run each
message is looked up once. The active translation is wrapped, not changed: the
same catalogues answer, and the wrapper is removed when the run ends.
"""

from contextlib import contextmanager

from django.utils import translation
from django.utils.translation import trans_real


class _Cached:
    """Answers ``gettext`` from a memo; everything else from ``translation``."""

    def __init__(self, translation_object):
        self._translation = translation_object
        self._memo = {}

    def gettext(self, message):
        try:
            return self._memo[message]
        except KeyError:
            answer = self._memo[message] = self._translation.gettext(message)
            return answer

    def __getattr__(self, name):
        return getattr(self._translation, name)


@contextmanager
def cached_translations():
    active = trans_real._active
    before = getattr(active, "value", None)
    current = before or trans_real.translation(translation.get_language())
    if isinstance(current, _Cached):  # nested: the outer run's memo serves
        yield
        return
    active.value = _Cached(current)
    try:
        yield
    finally:
        if before is None:
            del active.value
        else:
            active.value = before
