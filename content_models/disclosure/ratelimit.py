"""Per-client limits on every public API and the search page: ``OPENDATA_API_RATE``
requests ("120/60" = 120 per 60 seconds; empty turns every limit off) in fixed windows
counted in Django's cache, so the count is shared by every worker when the cache is
(Redis in production; the local-memory cache counts per process, which is enough on
one machine). Each scope (the open-data API, the search API, the ledger API, the
search page) counts on its own, so a bulk download does not lock a reader out of
search.

The client is ``REMOTE_ADDR``, or the header named by ``PORTAL_CLIENT_IP_HEADER``
when the site sits behind a proxy that sets it.
"""

import functools
import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from .api import error_response


def parse_rate(text):
    """(requests, seconds) from "120/60"; None when the limit is off ("")."""
    if not text:
        return None
    try:
        requests, seconds = (int(part) for part in text.split("/"))
    except ValueError:
        requests = seconds = 0
    if requests < 1 or seconds < 1:
        raise ImproperlyConfigured(
            f"OPENDATA_API_RATE={text!r}: expected requests/seconds, e.g. 120/60"
        )
    return requests, seconds


def client_of(request):
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    if value:
        # In a list (X-Forwarded-For) only the last address was added by our own
        # proxy; the ones before it are whatever the client chose to send.
        return value.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, client, seconds, window):
    # Hashed: header values are arbitrary text, and some caches refuse odd keys.
    digest = hashlib.sha256(client.encode("utf-8", "replace")).hexdigest()[:32]
    return f"rate:{scope}:{seconds}:{window}:{digest}"


def _count(key, seconds):
    """This request's number within its window."""
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:  # the entry expired between add() and incr()
        cache.set(key, 1, timeout=seconds + 1)
        return 1


def now():
    """The clock (a function, so tests can move it)."""
    return time.time()


def limit_rate(scope, refuse=None):
    """A view decorator: answer ``refuse(request, retry_after)`` (by default 429 in
    the /api/v1 error envelope) with ``Retry-After`` once a client has used its
    requests in the current window of ``scope``; every answer says the limit and what
    is left of it."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            rate = parse_rate(getattr(settings, "OPENDATA_API_RATE", ""))
            if rate is None:
                return view(request, *args, **kwargs)
            limit, seconds = rate
            moment = now()
            window = int(moment // seconds)
            used = _count(_key(scope, client_of(request), seconds, window), seconds)
            if used > limit:
                retry_after = max(1, math.ceil((window + 1) * seconds - moment))
                response = (refuse or _refuse_api)(request, retry_after)
                response["Retry-After"] = str(retry_after)
            else:
                response = view(request, *args, **kwargs)
            response["X-RateLimit-Limit"] = str(limit)
            response["X-RateLimit-Remaining"] = str(max(0, limit - used))
            return response

        return wrapped

    return decorate


def _refuse_api(request, retry_after):
    return too_many_requests(retry_after)


# The open-data read API (opendata/api.py, openapi.json).
rate_limited = limit_rate("opendata")


def too_many_requests(retry_after):
    response = error_response(
        429,
        _("请求过于频繁，请在%(seconds)d秒后再试。") % {"seconds": retry_after},
    )
    response["Retry-After"] = str(retry_after)
    return response
