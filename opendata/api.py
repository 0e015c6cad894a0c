"""The read API: /api/v1/<dataset> answers a page of a dataset's public rows as JSON,
filtered by the parameters the dataset offers, and /api/v1/openapi.json describes it.

Rows come from ``Dataset.select`` and ``Dataset.page`` and values from the download
formats' ``plain_value``, so the API, the files and the releases show the same cells.
Pages are cut by key (the cursor holds the last row's position), so rows added or
removed between two requests neither repeat nor skip the rows after them.

Errors and paging are those of every /api/v1 answer
(``content_models.disclosure.api``), with messages in the client's language (``lang``
parameter, else ``Accept-Language``); every parameter is checked, and one the dataset
does not offer is an error rather than silently ignored, so a watchdog never mistakes an
unfiltered answer for a filtered one.
"""

import datetime
import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from content_models.credit.entries import ListType
from content_models.disclosure import api as shared
from content_models.disclosure.api import (
    BadParameter,
    error_response,
    json_response,
    next_url,
)
from content_models.disclosure.periods import Period
from content_models.disclosure.ratelimit import rate_limited
from content_models.regions.codes import validate_region_code
from content_models.regions.models import Region

from .datasets import DATASETS
from .formats import plain_value
from .licences import add_licence_link

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
CACHE_SECONDS = 60
# Parameters every dataset takes besides the filters it offers.
PAGING = ("cursor", "page_size", "lang")


# -- the envelope: language, rate limit, then the shared errors -----------------------


def api_view(view):
    """Wrap an open-data API view: it runs in the client's language, behind the rate
    limit, inside the shared /api/v1 envelope (GET only, ``BadParameter`` as 400)."""

    @rate_limited
    @shared.api_view
    def answer(request, **kwargs):
        check_language(request)
        return view(request, **kwargs)

    @csrf_exempt  # as the shared envelope: a POST meets the JSON 405
    @functools.wraps(view)
    def wrapped(request, **kwargs):
        with translation.override(_chosen_language(request)):
            response = answer(request, **kwargs)
        if response.status_code == 200:
            add_licence_link(request, response)
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapped


def _language_codes():
    return [code for code, _name in settings.LANGUAGES]


def _chosen_language(request):
    """``lang`` when it is a language we have, else what the browser asks for."""
    chosen = request.GET.get("lang", "").strip()
    if chosen in _language_codes():
        return chosen
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def check_language(request):
    """Refuse a ``lang`` we do not have (the envelope has fallen back already)."""
    chosen = request.GET.get("lang", "").strip()
    if chosen and chosen not in _language_codes():
        raise BadParameter(
            "lang",
            _("应为以下之一：%(choices)s") % {"choices": ", ".join(_language_codes())},
        )


# -- /api/v1/<dataset> -------------------------------------------------------------


@api_view
def no_such_address(request, rest):
    """Anything else under /api/v1/: the JSON 404 (a POST: the JSON 405)."""
    return error_response(404, _("没有这个接口地址。"))


@api_view
def dataset_api(request, slug):
    dataset = DATASETS.get(slug)
    if dataset is None:
        return error_response(404, _("没有名为“%(slug)s”的数据集。") % {"slug": slug})
    params = read_params(dataset, request.GET)
    selection = dataset.select(**params["filters"])
    size = params["page_size"]
    # One row more than asked tells whether a next page exists, so a dataset of
    # exactly page_size rows has no next page that would come back empty.
    page = dataset.page(selection, after=params["after"], limit=size + 1)
    more = len(page) > size
    page = page[:size]
    names = dataset.field_names
    body = {
        "dataset": dataset.slug,
        "count": dataset.count(selection),
        "results": [
            dict(zip(names, map(plain_value, row), strict=True))
            for _position, row in page
        ],
        "next": _next_url(request, dataset, page[-1][0]) if more else None,
    }
    return json_response(body, max_age=CACHE_SECONDS)


def _next_url(request, dataset, position):
    return next_url(request, encode_cursor(dataset, position))


def encode_cursor(dataset, position):
    return shared.encode_cursor(dataset.position_text(position))


def decode_cursor(dataset, cursor):
    """The position a cursor holds; BadParameter when it holds none."""
    return shared.decode_cursor(cursor, dataset.parse_position)


# -- parameters ----------------------------------------------------------------------


def allowed_params(dataset):
    return [*dataset.offers(), *PAGING]


def read_params(dataset, query):
    """The checked parameters: {"filters": {...}, "after": position, "page_size"}.
    An empty value counts as not given (an HTML form sends its empty fields)."""
    allowed = allowed_params(dataset)
    for name in query:
        if name not in allowed:
            raise BadParameter(
                name,
                _("数据集“%(dataset)s”没有这个参数；可用的参数：%(allowed)s")
                % {"dataset": dataset.slug, "allowed": ", ".join(allowed)},
            )
        if len(query.getlist(name)) > 1:
            raise BadParameter(name, _("只能给出一次。"))
    given = {name: query[name].strip() for name in query if query[name].strip()}
    filters = {}
    for name, read in _READERS.items():
        if name in given:
            keyword, value = read(dataset, given[name])
            filters[keyword] = value
    return {
        "filters": filters,
        "after": decode_cursor(dataset, given["cursor"]) if "cursor" in given else None,
        "page_size": read_page_size(given.get("page_size")),
    }


def _problem(error):
    return "；".join(str(message) for message in error.messages)


def read_region(dataset, value):
    try:
        validate_region_code(value)
    except ValidationError as error:
        raise BadParameter("region", _problem(error)) from None
    if not Region.objects.filter(code=value).exists():
        raise BadParameter(
            "region",
            _("区划代码“%(code)s”不在本平台的行政区划中。") % {"code": value},
        )
    return "region", value


def read_period(dataset, value):
    try:
        return "period", Period.from_slug(value)
    except ValidationError as error:
        raise BadParameter("period", _problem(error)) from None


def read_list(dataset, value):
    return "list_type", _one_of("list", value, ListType.values)


def read_status(dataset, value):
    return "status", _one_of("status", value, list(dataset.statuses))


def _one_of(name, value, choices):
    if value not in choices:
        raise BadParameter(
            name, _("应为以下之一：%(choices)s") % {"choices": ", ".join(choices)}
        )
    return value


# A "+" in a query string is a space unless the client escaped it; a time whose
# offset arrives as " 08:00" meant "+08:00".
_UNESCAPED_OFFSET = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


def read_updated_since(dataset, value):
    """An ISO 8601 date or datetime; naive ones are Beijing time (TIME_ZONE), and a
    date means its first moment."""
    value = _UNESCAPED_OFFSET.sub(r"\1+\2", value)
    try:
        moment = parse_datetime(value)
        day = None if moment else parse_date(value)
    except ValueError:  # well-formed but impossible, e.g. 2025-02-30
        moment = day = None
    if day is not None:
        moment = datetime.datetime.combine(day, datetime.time())
    if moment is None:
        raise BadParameter(
            "updated_since",
            _("应为ISO 8601日期或时间，如2025-07-01或2025-07-01T08:00:00+08:00。"),
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return "updated_since", moment


def read_page_size(value):
    return shared.read_page_size(value, PAGE_SIZE, MAX_PAGE_SIZE)


# Parameter -> reader giving (the keyword of ``Dataset.filter``, its value).
_READERS = {
    "region": read_region,
    "period": read_period,
    "list": read_list,
    "status": read_status,
    "updated_since": read_updated_since,
}
