"""gzip and brotli for HTML, XML and JSON, and who must not get them.

BREACH: a compressed body that holds a secret (a CSRF token, anything of a signed-in
user) beside text an attacker chooses leaks the secret through its length. So a
response that sets the CSRF cookie (every page with a form does, see
``django.middleware.csrf.get_token``) and every answer to a request with a session
cookie leave uncompressed; public pages hold no secret.
"""

import gzip
import re

from django.conf import settings

import brotli

TYPES = re.compile(
    r"^(?:text/(?:html|xml|plain|css|csv)|application/(?:json|xml|ld\+json|"
    r"rss\+xml|atom\+xml|geo\+json|javascript))\b"
)
MIN_SIZE = 200  # below this the headers cost more than the saving
# Quality: brotli 5 and gzip 6 compress an HTML page in about the same time, brotli
# about a tenth smaller.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
ENCODINGS = ("br", "gzip")


def compress(body, encoding):
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    # mtime=0: the same page compresses to the same bytes in every worker.
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def accepted(request):
    """The encoding to answer with (brotli first), or "" for none."""
    offered = request.META.get("HTTP_ACCEPT_ENCODING", "")
    names = {}
    for part in offered.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                quality = 0.0
        names[name.strip().lower()] = quality
    for encoding in ENCODINGS:
        if names.get(encoding, 0) > 0:
            return encoding
    return ""


def may_compress(request, response):
    if response.streaming or response.has_header("Content-Encoding"):
        return False
    if not TYPES.match(response.get("Content-Type", "")):
        return False
    if len(response.content) < MIN_SIZE:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if settings.CSRF_COOKIE_NAME in response.cookies:
        return False
    # A token written into a form by other means than get_token's cookie.
    return b"csrfmiddlewaretoken" not in response.content
