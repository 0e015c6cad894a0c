"""What every /api/v1 answer shares — search (``search/views.py``), the ledger
(``publishing/views.py``) and the open-data read API (``opendata/api.py``): one error
envelope, one ``BadParameter`` and one way of paging.

Errors are JSON with the HTTP status, never cached::

    {"error": {"code": "bad_parameter", "parameter": "page_size", "message": "…"}}

``code`` is one of ``ERROR_CODES``' values; ``parameter`` names the offending query
parameter, or is null; ``message`` is in the client's language.

Lists page by cursor: ``page_size`` and an opaque ``cursor`` taken from the previous
answer's ``next`` address; an answer is ``{"results": [...], "next": url or null}``
(plus what the endpoint adds, such as ``count``). Each endpoint decides what its cursor
holds (a key, a position in a ranked list) and encodes it with ``encode_cursor``, so
clients never build one and rows added between two requests never repeat the rows
after them.

Every answer, errors included, may be read by scripts on any site (CORS): watchdogs'
tools call the API from anywhere, and it only ever serves what is public. That policy is
not written here but once for every public machine address (the API, the open-data
files, releases, catalogue and feeds) by django-cors-headers: ``CORS_*`` in
``portal/settings/base.py``, which also lists the headers a script may read
(``Retry-After`` and ``X-RateLimit-*`` of a 429 among them).
"""

import base64
import binascii
import functools

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

ERROR_CODES = {
    400: "bad_parameter",
    404: "not_found",
    405: "method_not_allowed",
    429: "too_many_requests",
    503: "unavailable",
}


class BadParameter(ValueError):
    """A query parameter the API refuses; answered as 400 naming it."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def json_response(body, status=200, max_age=None):
    """JSON as written (Chinese unescaped); cached publicly for ``max_age`` seconds
    when given."""
    response = JsonResponse(
        body, status=status, json_dumps_params={"ensure_ascii": False}
    )
    if max_age is not None:
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def error_body(status, message, parameter=None):
    return {
        "error": {
            "code": ERROR_CODES.get(status, "error"),
            "parameter": parameter,
            "message": str(message),
        }
    }


def error_response(status, message, parameter=None):
    """The error envelope with ``status``; never cached."""
    response = json_response(error_body(status, message, parameter), status=status)
    patch_cache_control(response, no_store=True)
    return response


def bad_parameter_response(error):
    return error_response(
        400,
        _("参数“%(parameter)s”：%(problem)s")
        % {"parameter": error.name, "problem": error.message},
        error.name,
    )


def api_view(view):
    """An /api/v1 view: GET and HEAD only (405 otherwise), ``BadParameter`` answered
    as 400 in the envelope. Exempt from CSRF: the API changes nothing and reads no
    session, and a POST must meet the JSON 405, not Django's HTML 403."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, _("只接受GET请求。"))
            response["Allow"] = "GET, HEAD"
            return response
        try:
            response = view(request, *args, **kwargs)
        except BadParameter as error:
            response = bad_parameter_response(error)
        return response

    return wrapped


# -- paging ---------------------------------------------------------------------------


def refuse_unknown(query, allowed):
    """BadParameter for a parameter not in ``allowed`` or given twice: a client never
    mistakes an unfiltered answer for a filtered one, nor ``page=2`` for paging."""
    allowed = list(allowed)
    for name in query:
        if name not in allowed:
            raise BadParameter(
                name,
                _("没有这个参数；可用的参数：%(allowed)s")
                % {"allowed": ", ".join(allowed)},
            )
        if len(query.getlist(name)) > 1:
            raise BadParameter(name, _("只能给出一次。"))


def read_page_size(value, default, most):
    """``page_size``: an integer from 1 to ``most``; ``default`` when not given."""
    value = (value or "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= most:
        raise BadParameter(
            "page_size", _("应为1到%(most)d之间的整数。") % {"most": most}
        )
    return int(value)


def encode_cursor(text):
    """An opaque cursor holding ``text`` (URL-safe, no padding)."""
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor, parse=str):
    """``parse`` of the text a cursor holds; BadParameter when it holds none (``parse``
    raises ValueError for text it does not accept)."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return parse(text.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadParameter(
            "cursor", _("无效的翻页游标，请使用上一页答复中“next”给出的地址。")
        ) from None


def next_url(request, cursor):
    """This request's address with ``cursor`` in place of its own."""
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
