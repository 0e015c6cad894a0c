"""The public search: the page (/search/, /en/search/), the JSON API
(/api/v1/search) and suggestions as you type (/api/v1/search/suggest).

Views read parameters (search/query.py), run one search (search/results.py) and
present the answer; what a query means and how it ranks is decided elsewhere.
Search pages are never indexed and never repeat the query in a title or heading:
spammers link to government search URLs with their text as the query.
"""

import dataclasses
import functools
import logging

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content_models.disclosure.api import (
    BadParameter,
    bad_parameter_response,
    decode_cursor,
    encode_cursor,
    error_response,
    json_response,
    next_url,
    read_page_size,
    refuse_unknown,
)
from content_models.disclosure.api import api_view as shared_api_view
from content_models.disclosure.ratelimit import limit_rate

from . import synonyms
from .documents import KIND_LABELS
from .engines import EngineUnavailable
from .highlight import snippet, terms_of
from .presentation import FACETS, PARAMETER_LABELS, page_context
from .query import MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SearchRequest, from_params
from .results import run

logger = logging.getLogger(__name__)

TEMPLATE = "search/search_page.html"
SUGGESTIONS = 8
API_CACHE_SECONDS = 60
# When to try again after a 503: long enough for a cron run of process_search_queue
# or an operator's rebuild, short enough that a reader is not sent away for long.
RETRY_AFTER_SECONDS = 120


# -- the page -------------------------------------------------------------------------


def noindex(view):
    """Tell search engines to keep the page out of their index (header and meta)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def _too_many(request, retry_after):
    message = _("请求过于频繁，请在%(seconds)d秒后再试。") % {"seconds": retry_after}
    return _render(request, 429, q=request.GET.get("q", ""), error=message)


@require_safe
@noindex
@limit_rate("search-page", refuse=_too_many)
def search_page(request):
    typed = request.GET.get("q", "")
    try:
        query = from_params(request.GET, translation.get_language(), synonyms.current())
    except BadParameter as error:
        message = _("%(parameter)s：%(message)s") % {
            "parameter": PARAMETER_LABELS.get(error.name, error.name),
            "message": error.message,
        }
        return _render(request, 400, q=typed, error=message)
    if not query.clauses and not query.filtered:
        return _render(request, q=query.q)  # the form and a hint
    try:
        result = run(query)
    except EngineUnavailable as error:
        return unavailable(_render(request, 503, q=query.q, unavailable=True), error)
    return _render(request, q=query.q, **page_context(request.path, query, result))


def unavailable(response, error):
    """A 503 answer: logged for the operator (the reason: missing or damaged index,
    unreachable cluster), and telling clients when to come back."""
    logger.error("search engine unavailable: %s", error)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _render(request, status=200, **context):
    return render(request, TEMPLATE, context, status=status)


# -- the API --------------------------------------------------------------------------

# Every parameter the search API reads; any other is refused.
API_PARAMETERS = (
    "q",
    "type",
    "region",
    "year",
    "agency",
    "list",
    "validity",
    "date_from",
    "date_to",
    "sort",
    "cursor",
    "page_size",
    "lang",
)
SUGGEST_PARAMETERS = ("q", "lang")


def api_view(parameters):
    """An API view reading ``parameters``: ``answer(request, language)`` gives the
    body; the ``lang`` parameter and brief public caching are handled here, and the
    error envelope, GET only and open CORS by the shared /api/v1 envelope
    (``content_models.disclosure.api``), so that watchdogs' tools can call it from
    anywhere."""

    def decorate(answer):
        @limit_rate("search")
        @shared_api_view
        @functools.wraps(answer)
        def view(request):
            try:
                language = _api_language(request.GET)
            except BadParameter as error:
                with translation.override(settings.LANGUAGE_CODE):
                    return bad_parameter_response(error)
            with translation.override(language):
                try:
                    refuse_unknown(request.GET, parameters)
                    body = answer(request, language)
                except BadParameter as error:
                    return bad_parameter_response(error)
                except EngineUnavailable as error:
                    return unavailable(
                        error_response(503, _("搜索服务暂时不可用，请稍后再试。")),
                        error,
                    )
            return json_response(body, max_age=API_CACHE_SECONDS)

        return view

    return decorate


def _api_language(params):
    language = params.get("lang", "").strip() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    if language not in codes:
        with translation.override(settings.LANGUAGE_CODE):
            raise BadParameter(
                "lang", _("应为以下之一：%(choices)s") % {"choices": ", ".join(codes)}
            )
    return language


def _read_cursor(text):
    """The position a search cursor holds: the number of results before the page."""
    if not text.isascii() or not text.isdigit():
        raise ValueError(text)
    return int(text)


def _paged(request, language):
    """The SearchRequest of an API call: filters as for the page, paging by cursor."""
    params = request.GET.copy()
    cursor = params.pop("cursor", [""])[-1].strip()
    page_size = read_page_size(
        params.pop("page_size", [""])[-1], SearchRequest.page_size, MAX_PAGE_SIZE
    )
    start = decode_cursor(cursor, _read_cursor) if cursor else 0
    if start + page_size > MAX_RESULT_WINDOW:
        raise BadParameter(
            "cursor",
            _("只能翻阅前%(n)s条结果，请缩小范围") % {"n": MAX_RESULT_WINDOW},
        )
    query = from_params(params, language, synonyms.current())
    return dataclasses.replace(query, page_size=page_size, start=start)


@api_view(API_PARAMETERS)
def search_api(request, language):
    """``{"count", "took_ms", "results": [{"title", "url", "type", "snippet",
    "published", "region"}], "next", "facets": {"type", "region", "year", "agency",
    "list", "validity"}}``; ``snippet`` is escaped text with ``<mark>`` around
    matches; ``next`` is the address of the following page (cursor paging), or null."""
    query = _paged(request, language)
    result = run(query)
    terms = terms_of(query)
    end = query.offset + len(result.hits)
    more = end < min(result.total, MAX_RESULT_WINDOW) and bool(result.hits)
    return {
        "count": result.total,
        "took_ms": float(result.took_ms),
        "results": [
            {
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "type": hit.kind,
                "snippet": str(snippet(hit.text, terms)),
                "published": hit.published.isoformat() if hit.published else None,
                "region": hit.region or None,
            }
            for hit in result.hits
        ],
        "next": next_url(request, encode_cursor(str(end))) if more else None,
        "facets": {name: result.facets.get(name, {}) for name in FACETS},
    }


@api_view(SUGGEST_PARAMETERS)
def suggest_api(request, language):
    """``{"suggestions": [{"title", "url", "type", "label", "context"}]}``: titles
    (and organisation names) containing what has been typed so far; ``label`` names the
    type and ``context`` the plan a section belongs to, for display."""
    query = from_params({"q": request.GET.get("q", "")}, language, synonyms.current())
    if not query.clauses:
        return {"suggestions": []}
    query = dataclasses.replace(
        query, titles_only=True, facets=False, page_size=SUGGESTIONS
    )
    return {
        "suggestions": [
            {
                "title": hit.title,
                "url": hit.url,
                "type": hit.kind,
                "label": str(KIND_LABELS.get(hit.kind, hit.kind)),
                "context": hit.context,
            }
            for hit in run(query).hits
        ]
    }
