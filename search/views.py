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
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import synonyms
from .documents import KIND_LABELS
from .engines import EngineUnavailable
from .highlight import snippet, terms_of
from .presentation import FACETS, PARAMETER_LABELS, page_context
from .query import BadParameter, from_params
from .results import run

logger = logging.getLogger(__name__)

TEMPLATE = "search/search_page.html"
SUGGESTIONS = 8
API_CACHE_SECONDS = 60


# -- the page -------------------------------------------------------------------------


def noindex(view):
    """Tell search engines to keep the page out of their index (header and meta)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@require_safe
@noindex
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
    except EngineUnavailable:
        logger.warning("search engine unavailable", exc_info=True)
        return _render(request, 503, q=query.q, unavailable=True)
    return _render(request, q=query.q, **page_context(request.path, query, result))


def _render(request, status=200, **context):
    return render(request, TEMPLATE, context, status=status)


# -- the API --------------------------------------------------------------------------


def api_view(answer):
    """An API view: ``answer(params, language)`` gives the body; the ``lang``
    parameter, errors as JSON, brief public caching and open CORS are handled here, so
    that watchdogs' tools can call it from anywhere."""

    @require_safe
    @functools.wraps(answer)
    def view(request):
        try:
            language = _api_language(request.GET)
        except BadParameter as error:
            return _api_error(400, error.name, error.message)
        with translation.override(language):
            try:
                body = answer(request, language)
            except BadParameter as error:
                return _api_error(400, error.name, error.message)
            except EngineUnavailable:
                logger.warning("search engine unavailable", exc_info=True)
                return _api_error(503, None, _("搜索服务暂时不可用，请稍后再试。"))
        response = _cors(JsonResponse(body, json_dumps_params={"ensure_ascii": False}))
        patch_cache_control(response, public=True, max_age=API_CACHE_SECONDS)
        return response

    return view


def _api_language(params):
    language = params.get("lang", "").strip() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    if language not in codes:
        with translation.override(settings.LANGUAGE_CODE):
            raise BadParameter(
                "lang", _("应为以下之一：%(choices)s") % {"choices": ", ".join(codes)}
            )
    return language


def _api_error(status, parameter, message):
    body = {"error": {"parameter": parameter, "message": str(message)}}
    response = JsonResponse(
        body, status=status, json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, no_store=True)
    return _cors(response)


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


@api_view
def search_api(request, language):
    """``{"total", "took_ms", "page", "page_size", "hits": [{"title", "url", "type",
    "snippet", "published", "region"}], "facets": {"type", "region", "year",
    "agency", "list"}}``; ``snippet`` is escaped text with ``<mark>`` around
    matches."""
    query = from_params(request.GET, language, synonyms.current())
    result = run(query)
    terms = terms_of(query)
    return {
        "total": result.total,
        "took_ms": float(result.took_ms),
        "page": query.page,
        "page_size": query.page_size,
        "hits": [
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
        "facets": {name: result.facets.get(name, {}) for name in FACETS},
    }


@api_view
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
