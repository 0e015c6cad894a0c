"""Whole public pages from the cache, with validators and compression.

First in MIDDLEWARE, so a kept page is answered before sessions, CSRF, locale or the
database are touched, and what is kept is the final response: masked by
MaskPersonalDataMiddleware, with the headers every other middleware added. What may
be kept and under which key is ``caching/rules.py``; when a page stops being current
is ``caching/generation.py`` (a new generation after every publishing announcement).

Every public answer gets ``ETag`` and ``Cache-Control``; kept pages also
``Last-Modified`` (their generation's start). Conditional GETs are answered 304. A kept
page is stored once per encoding (identity, gzip, brotli), compressed when it is kept.
"""

import functools
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from . import compression, generation, rules

logger = logging.getLogger(__name__)

# Shared caches may keep a public page but must ask again before each reuse: a
# publication can come at any moment and we cannot reach their copies.
PUBLIC_CONTROL = "public, no-cache"
PRIVATE_CONTROL = "private, no-cache"
KEEP_FOR = 7 * 24 * 60 * 60  # seconds; a generation ends long before, at midnight
# Headers a response carries for its own bytes, set anew for each answer.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified"}


@dataclass(frozen=True)
class KeptPage:
    status: int
    headers: tuple  # (name, value) pairs
    bodies: dict  # encoding ("" for none) → bytes
    etag: str
    born: int  # the generation's start: Last-Modified


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if rules.served_elsewhere(path) or path.startswith(_admin_prefix()):
            return self.get_response(request)
        current = key = None
        if enabled() and rules.may_answer(request):
            host = request.get_host()  # a host not allowed answers 400 here
            try:
                current = generation.current()
                key = rules.key_for(request, current, host)
                kept = generation.page_cache().get(key)
            except Exception:  # the cache is down: serve uncached, never stale
                logger.exception("page cache unavailable")
                current = key = kept = None
            if isinstance(kept, KeptPage):
                return _answer(request, kept)
        response = self.get_response(request)
        if key is not None and rules.may_keep(request, response):
            kept = _keep(response, current)
            try:
                generation.page_cache().set(key, kept, timeout=KEEP_FOR)
            except Exception:
                logger.exception("page cache unavailable")
            return _answer(request, kept)
        return _finish(request, response)


def _keep(response, current):
    body = response.content
    bodies = {"": body}
    if compression.TYPES.match(response.get("Content-Type", "")) and (
        len(body) >= compression.MIN_SIZE
    ):
        for encoding in compression.ENCODINGS:
            bodies[encoding] = compression.compress(body, encoding)
    headers = tuple(
        (name, value)
        for name, value in response.items()
        if name.lower() not in OWN_HEADERS and name.lower() != "cache-control"
    )
    return KeptPage(
        status=response.status_code,
        headers=headers,
        bodies=bodies,
        # Weak: one validator for every encoding of the same page.
        etag=f'W/"{hashlib.sha256(body).hexdigest()[:32]}"',
        born=current.born,
    )


def _answer(request, kept):
    """A kept page as a response: 304 when the reader's copy is current."""
    encoding = compression.accepted(request)
    if encoding not in kept.bodies:
        encoding = ""
    body = kept.bodies[encoding]
    response = HttpResponse(body, status=kept.status)
    for name, value in kept.headers:
        response[name] = value
    response["ETag"] = kept.etag
    response["Last-Modified"] = http_date(kept.born)
    response["Cache-Control"] = PUBLIC_CONTROL
    if encoding:
        response["Content-Encoding"] = encoding
    if len(kept.bodies) > 1:
        patch_vary_headers(response, ("Accept-Encoding",))
    patch_vary_headers(response, ("Cookie",))  # 关怀版
    response["Content-Length"] = str(len(body))
    not_modified = get_conditional_response(
        request, etag=kept.etag, last_modified=kept.born, response=response
    )
    if not_modified is not response:
        return not_modified
    if request.method == "HEAD":
        response.content = b""
        response["Content-Length"] = str(len(body))
    return response


def _finish(request, response):
    """An answer that is not kept: validators and compression where they are safe."""
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.streaming
    ):
        return response
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = PRIVATE_CONTROL
    if not response.has_header("ETag") and not response.has_header("Content-Encoding"):
        response["ETag"] = f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    not_modified = get_conditional_response(
        request, etag=response.get("ETag"), response=response
    )
    if not_modified is not response:
        return not_modified
    if compression.may_compress(request, response):
        encoding = compression.accepted(request)
        patch_vary_headers(response, ("Accept-Encoding",))
        if encoding:
            body = compression.compress(response.content, encoding)
            response.content = body
            response["Content-Encoding"] = encoding
            response["Content-Length"] = str(len(body))
            etag = response.get("ETag", "")
            if etag and not etag.startswith("W/"):
                response["ETag"] = f"W/{etag}"  # as Django's GZipMiddleware does
    return response


@functools.cache
def _admin_prefix():
    return reverse("wagtailadmin_home")
