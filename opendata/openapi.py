"""/api/v1/openapi.json: the read API described in OpenAPI 3.1, generated from the
dataset definitions so it cannot drift from what the API answers. Titles and
descriptions are Chinese, with English beside them in ``x-title-en`` and
``x-description-en`` (OpenAPI has no place for a second language).
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from content_models.credit.entries import ListType
from content_models.disclosure.api import ERROR_CODES
from content_models.disclosure.periods import PERIOD_PATTERN

from .api import CACHE_SECONDS, MAX_PAGE_SIZE, PAGE_SIZE, api_view, json_response
from .datasets import DATASETS
from .schema import BOOLEAN, DATE, DATETIME, INTEGER, NUMBER, STRING

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0.0"

TYPES = {
    STRING: {"type": "string"},
    INTEGER: {"type": "integer"},
    NUMBER: {"type": "number"},
    BOOLEAN: {"type": "boolean"},
    DATE: {"type": "string", "format": "date"},
    DATETIME: {"type": "string", "format": "date-time"},
}

# The envelope of every /api/v1 error (content_models.disclosure.api).
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "parameter", "message"],
            "properties": {
                "code": {"type": "string", "enum": sorted(set(ERROR_CODES.values()))},
                "parameter": {"type": ["string", "null"]},
                "message": {"type": "string"},
            },
        },
    },
}


@api_view
def openapi(request):
    response = json_response(document(request))
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def document(request):
    schemas = {"Error": _described(dict(ERROR_SCHEMA), _("错误"))}
    paths = {}
    for dataset in DATASETS.values():
        schemas[_row_name(dataset)] = row_schema(dataset)
        schemas[_page_name(dataset)] = page_schema(dataset)
        paths[f"/api/v1/{dataset.slug}"] = {"get": operation(dataset)}
    info = {"version": API_VERSION}
    _described(
        info,
        _("民政信息公开开放数据接口"),
        _(
            "按数据集读取已公开的数据，可按区划、期间、名录、状态和更新时间筛选，"
            "按游标翻页。每个客户端的请求次数有限，超出时答复429并在Retry-After中"
            "给出需等待的秒数。"
        ),
    )
    return {
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": shared_parameters(),
            "responses": error_responses(),
            "headers": rate_headers(),
        },
    }


# -- texts in two languages ----------------------------------------------------------


def in_both(text):
    """(Chinese, English) of a lazy text."""
    texts = []
    for language in (settings.LANGUAGE_CODE, "en"):
        with translation.override(language):
            texts.append(str(text))
    return texts


def _described(target, title=None, description=None, *, key="title"):
    """Put Chinese texts in ``target`` and English in the ``x-...-en`` keys."""
    for name, text in ((key, title), ("description", description)):
        if text:
            chinese, english = in_both(text)
            target[name] = chinese
            target[f"x-{name}-en"] = english
    return target


# -- rows and pages ------------------------------------------------------------------


def _row_name(dataset):
    return f"{dataset.slug}.row"


def _page_name(dataset):
    return f"{dataset.slug}.page"


def _ref(kind, name):
    return {"$ref": f"#/components/{kind}/{name}"}


def field_schema(column):
    """A Table Schema field as JSON Schema; a field that may be empty is nullable."""
    schema = dict(TYPES[column.type])
    constraints = column.constraints()
    if "enum" in constraints:
        schema["enum"] = list(constraints["enum"])
    if "pattern" in constraints:
        schema["pattern"] = constraints["pattern"]
    if not column.required:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"].append(None)
    return _described(schema, column.title, column.description)


def row_schema(dataset):
    schema = {
        "type": "object",
        # Every field is always present; an empty one is null.
        "required": dataset.field_names,
        "properties": {column.name: field_schema(column) for column in dataset.fields},
        "additionalProperties": False,
    }
    return _described(schema, dataset.title, dataset.description)


def page_schema(dataset):
    return {
        "type": "object",
        "required": ["dataset", "count", "results", "next"],
        "properties": {
            "dataset": {"type": "string", "const": dataset.slug},
            "count": _described(
                {"type": "integer", "minimum": 0},
                description=_("符合筛选条件的行数（全部页合计）"),
            ),
            "results": {
                "type": "array",
                "maxItems": MAX_PAGE_SIZE,
                "items": _ref("schemas", _row_name(dataset)),
            },
            "next": _described(
                {"type": ["string", "null"], "format": "uri"},
                description=_("下一页的完整地址；已是最后一页时为null"),
            ),
        },
    }


# -- the operation of each dataset ----------------------------------------------------


def operation(dataset):
    result = {
        "operationId": "list_" + dataset.slug.replace("-", "_"),
        "tags": ["datasets"],
        "parameters": parameters(dataset),
        "responses": {
            "200": _described(
                {
                    "headers": {
                        "X-RateLimit-Limit": _ref("headers", "X-RateLimit-Limit"),
                        "X-RateLimit-Remaining": _ref(
                            "headers", "X-RateLimit-Remaining"
                        ),
                    },
                    "content": {
                        "application/json": {
                            "schema": _ref("schemas", _page_name(dataset))
                        }
                    },
                },
                description=_("一页数据"),
            ),
            "400": _ref("responses", "BadRequest"),
            "404": _ref("responses", "NotFound"),
            "405": _ref("responses", "MethodNotAllowed"),
            "429": _ref("responses", "TooManyRequests"),
        },
    }
    return _described(result, dataset.title, dataset.description, key="summary")


def parameters(dataset):
    """The dataset's own filters, then paging and language."""
    offered = dataset.offers()
    listed = []
    for name in ("region", "period", "list"):
        if name in offered:
            listed.append(_ref("parameters", name))
    if "status" in offered:
        listed.append(status_parameter(dataset))
    if "updated_since" in offered:
        listed.append(_ref("parameters", "updated_since"))
    listed += [_ref("parameters", name) for name in ("cursor", "page_size", "lang")]
    return listed


def _query(name, schema, description, example=None):
    # The server reads an empty value as not given (an HTML form sends its empty
    # fields): the document says so, or an empty ``region=`` contradicts its pattern.
    parameter = {
        "name": name,
        "in": "query",
        "required": False,
        "allowEmptyValue": True,
        "schema": schema,
    }
    if example is not None:
        parameter["example"] = example
    return _described(parameter, description=description)


def status_parameter(dataset):
    return _query(
        "status",
        {"type": "string", "enum": list(dataset.statuses)},
        _("只列出处于该状态的行"),
    )


def shared_parameters():
    languages = [code for code, _name in settings.LANGUAGES]
    return {
        "region": _query(
            "region",
            {"type": "string", "pattern": r"^\d{12}$"},
            _("12位统计用区划代码：只列出该区划及其下级区划的行"),
            "130102000000",
        ),
        "period": _query(
            "period",
            {"type": "string", "pattern": f"^{PERIOD_PATTERN}$"},
            _("年度、季度或月份，写作2025、2025-Q3或2025-07"),
            "2025-Q3",
        ),
        "list": _query(
            "list",
            {"type": "string", "enum": list(ListType.values)},
            _("名录类型：abnormal为活动异常名录，serious为严重违法失信名单"),
        ),
        "updated_since": _query(
            "updated_since",
            {"type": "string"},
            _(
                "只列出此时刻以后更新的行：ISO 8601日期或时间，"
                "未写时区的按北京时间；只写日期的从当天零时起"
            ),
            "2025-07-01T08:00:00+08:00",
        ),
        "cursor": _query(
            "cursor",
            {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
            _("翻页游标：取自上一页答复的“next”地址，不要自行构造"),
        ),
        "page_size": _query(
            "page_size",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": PAGE_SIZE,
            },
            _("每页行数"),
        ),
        "lang": _query(
            "lang",
            {"type": "string", "enum": languages, "default": settings.LANGUAGE_CODE},
            _("错误信息的语言；不给时按Accept-Language"),
        ),
    }


def _error_response(description, headers=None):
    response = _described(
        {"content": {"application/json": {"schema": _ref("schemas", "Error")}}},
        description=description,
    )
    if headers:
        response["headers"] = headers
    return response


def error_responses():
    return {
        "BadRequest": _error_response(
            _(
                "参数有误：未知参数、本数据集不支持的参数或取值不合要求，parameter给出参数名"
            )
        ),
        "NotFound": _error_response(_("没有这个数据集")),
        "MethodNotAllowed": _error_response(_("只接受GET请求")),
        "TooManyRequests": _error_response(
            _("请求过于频繁"),
            {
                "Retry-After": _ref("headers", "Retry-After"),
                "X-RateLimit-Limit": _ref("headers", "X-RateLimit-Limit"),
                "X-RateLimit-Remaining": _ref("headers", "X-RateLimit-Remaining"),
            },
        ),
    }


def rate_headers():
    def header(description):
        return _described(
            {"schema": {"type": "integer", "minimum": 0}}, description=description
        )

    return {
        "Retry-After": header(_("还需等待的秒数")),
        "X-RateLimit-Limit": header(_("每个时间窗内允许的请求数")),
        "X-RateLimit-Remaining": header(_("本时间窗内还可发出的请求数")),
    }
