"""Which requests may be answered from the page cache, which responses may be kept,
and the key a page is kept under.

A page is kept for everyone who would be shown the same bytes: same scheme and host
(pages carry absolute addresses), same path and query, same language (from the path,
as ``i18n_patterns(prefix_default_language=False)`` decides it) and the same 关怀版
choice (a cookie). Whatever could make a response personal keeps it out: a session
or messages cookie (a signed-in editor, a flashed message), a cookie being set (the
CSRF token of a form), ``Cache-Control: private``/``no-store``, a query that is not
one of the known list parameters.
"""

import hashlib
import re

from django.conf import settings
from django.utils import translation
from django.utils.cache import cc_delim_re

from themes.views import CARE_COOKIE, care_mode_on

# Addresses never kept, whatever they answer: the admin and documents (permissions),
# the APIs and open data (their own validators, files written by commands that do not
# announce), search (its index is updated after the commit, by a task), the 依申请公开
# pages (personal data), switches and monitoring.
NEVER = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?"
    r"(?:admin|documents|api|opendata|search|requests|care|healthz)(?:/|$)"
)
# What a public page may be, by content type.
KEPT_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
)
# The query parameters of the public lists (pages, filters); any other parameter, or
# a long value, and the answer is not kept (an unbounded key space, or a reflection).
QUERY_KEYS = {"page", "list", "qualification", "category", "year"}
MAX_QUERY_VALUE = 40


def served_elsewhere(path):
    """Static files and uploads: the web server's or WhiteNoise's, never ours."""
    return path.startswith((settings.STATIC_URL, settings.MEDIA_URL))


def may_answer(request):
    """Whether ``request`` may be answered from, and stored in, the page cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if NEVER.match(request.path_info):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    # Cross-origin scripts get CORS headers only when they send an Origin.
    if "HTTP_ORIGIN" in request.META:
        return False
    return _query_is_known(request.GET)


def _query_is_known(query):
    for key, values in query.lists():
        if key not in QUERY_KEYS or len(values) != 1:
            return False
        if len(values[0]) > MAX_QUERY_VALUE:
            return False
    return True


def language_of(request):
    """The language LocaleMiddleware will choose for this path."""
    return (
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )


def key_for(request, generation, host=None):
    """The cache key of ``request``'s page in ``generation``; hashed, because paths
    and queries are arbitrary text and some caches refuse odd keys."""
    parts = "\n".join(
        [
            request.scheme,
            host or request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            language_of(request),
            "care" if care_mode_on(request) else "",
        ]
    )
    digest = hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{generation.token}:{digest}"


def may_keep(request, response):
    """Whether ``response`` (final: masked, with its headers) may be kept."""
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    if response.has_header("Content-Encoding"):
        return False
    if not response.get("Content-Type", "").startswith(KEPT_TYPES):
        return False
    if getattr(request, "LANGUAGE_CODE", None) not in (None, language_of(request)):
        return False  # the language was not the path's: do not guess
    control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not control & {"private", "no-store", "no-cache"} and not _varies_on_more(
        response
    )


def _varies_on_more(response):
    """A response that says it varies on something the key does not hold."""
    varies = {
        header.strip().lower()
        for header in cc_delim_re.split(response.get("Vary", ""))
        if header.strip()
    }
    # Cookie: the key holds the only cookie a kept page reads (CARE_COOKIE); the
    # language is the path's; encodings are chosen when answering.
    return bool(varies - {"cookie", "accept-language", "accept-encoding", "origin"})


__all__ = ["CARE_COOKIE", "key_for", "may_answer", "may_keep", "served_elsewhere"]
