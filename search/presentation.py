"""The search page's parts: result entries, facet links, active filters, sorting and
page numbers, each a link that keeps the rest of the search (views.py renders them)."""

import math
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy

from content_models.credit.entries import ListType
from content_models.disclosure.metadata import Validity
from content_models.regions.codes import DISTRICT, level_of, lineage
from content_models.regions.models import Region

from .documents import KIND_LABELS
from .highlight import marked, snippet, terms_of
from .query import MAX_RESULT_WINDOW, SearchRequest

# What each parameter is called on the page (facets, active filters, errors).
PARAMETER_LABELS = {
    "q": gettext_lazy("检索词"),
    "type": gettext_lazy("类型"),
    "region": gettext_lazy("地区"),
    "year": gettext_lazy("年份"),
    "agency": gettext_lazy("发布机构"),
    "list": gettext_lazy("信用名录"),
    "validity": gettext_lazy("有效性"),
    "date_from": gettext_lazy("开始日期"),
    "date_to": gettext_lazy("结束日期"),
    "sort": gettext_lazy("排序"),
    "page": gettext_lazy("页码"),
    "page_size": gettext_lazy("每页条数"),
    "lang": gettext_lazy("语言"),
}
FACETS = ("type", "region", "year", "agency", "list", "validity")
SORT_LABELS = {"relevance": gettext_lazy("按相关度"), "date": gettext_lazy("按日期")}
# Filter parameters, as the SearchRequest attribute each one fills.
FILTERS = {
    "type": "kinds",
    "region": "region",
    "year": "year",
    "agency": "agency",
    "list": "list_type",
    "validity": "validity",
    "date_from": "date_from",
    "date_to": "date_to",
}


def page_context(path, query, result):
    names = _region_names(query, result)
    links = Links(path, query)
    terms = terms_of(query)
    return {
        "query": query,
        "result": result,
        "searched": True,
        "hits": [_hit(hit, terms, names) for hit in result.hits],
        "facets": _facets(query, result.facets, names, links),
        "active": _active_filters(query, names, links),
        "clear_all": links.without(*FILTERS) if query.filtered else "",
        "hidden": links.hidden(),
        "sorts": _sorts(query, links) if query.clauses else [],
        "pages": _pages(query, result.total, links),
    }


class Links:
    """Addresses of this search with some parameters changed; any change of what is
    searched starts again at page 1."""

    def __init__(self, path, query):
        self.path = path
        self.params = {
            "q": query.q,
            "type": ",".join(query.kinds),
            "region": query.region,
            "year": query.year or "",
            "agency": query.agency,
            "list": query.list_type,
            "validity": query.validity,
            "date_from": query.date_from.isoformat() if query.date_from else "",
            "date_to": query.date_to.isoformat() if query.date_to else "",
            "sort": "" if query.sort == "relevance" else query.sort,
            "page_size": (
                "" if query.page_size == SearchRequest.page_size else query.page_size
            ),
        }

    def url(self, **changes):
        merged = {**self.params, **changes}
        kept = {
            name: value for name, value in merged.items() if value not in ("", None)
        }
        return f"{self.path}?{urlencode(kept)}" if kept else self.path

    def without(self, *names):
        return self.url(**dict.fromkeys(names, ""))

    def page(self, number):
        return self.url(page=number if number > 1 else "")

    def hidden(self):
        """The parameters the search form keeps as hidden fields (the form itself
        shows q and the dates)."""
        shown = {"q", "date_from", "date_to"}
        return [
            (name, value)
            for name, value in self.params.items()
            if name not in shown and value not in ("", None)
        ]


def _hit(hit, terms, names):
    return {
        "title": marked(hit.title, terms),
        "snippet": snippet(hit.text, terms) if hit.text.strip() else "",
        "url": hit.url,
        "context": hit.context,
        "label": KIND_LABELS.get(hit.kind, hit.kind),
        "published": hit.published,
        "region": _region_name(hit.region, names),
    }


def _region_names(query, result):
    """{code: name} of every region the page names, in one query."""
    codes = set(result.facets.get("region", {}))
    for code in [query.region, *(hit.region for hit in result.hits)]:
        if code:
            codes.update(lineage(code))
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def _region_name(code, names):
    """A district by its name; a town or village with the names below the district,
    as Region.full_name writes them (青山镇红旗村)."""
    if not code:
        return ""
    below = [c for c in lineage(code) if level_of(c) != DISTRICT] or [code]
    return "".join(names.get(c, "") for c in below) or code


def _facets(query, facets, names, links):
    groups = []
    for name in FACETS:
        counts = facets.get(name, {})
        options = [
            _option(name, value, count, query, names, links)
            for value, count in _ordered(name, counts)
        ]
        path = _region_path(query, names, links) if name == "region" else []
        if options or path:
            groups.append(
                {
                    "name": name,
                    "label": PARAMETER_LABELS[name],
                    "options": options,
                    "path": path,
                }
            )
    return groups


def _ordered(name, counts):
    if name == "year":
        return sorted(counts.items(), reverse=True)
    if name == "validity":  # 有效, 已修订, 已废止, 已失效: the order of the choices
        order = {value: position for position, value in enumerate(Validity.values)}
        return sorted(counts.items(), key=lambda pair: order.get(pair[0], len(order)))
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def _option(name, value, count, query, names, links):
    """A facet value as a link that adds it to the filters, or removes it when it is
    already one of them."""
    if name == "type":
        selected = value in query.kinds
        kinds = (
            [k for k in query.kinds if k != value]
            if selected
            else [*query.kinds, value]
        )
        url = links.url(type=",".join(kinds))
    else:
        selected = str(getattr(query, FILTERS[name]) or "") == value
        url = links.without(name) if selected else links.url(**{name: value})
    return {
        "label": _value_label(name, value, names),
        "count": count,
        "url": url,
        "selected": selected,
    }


def _value_label(name, value, names):
    if name == "type":
        return KIND_LABELS.get(value, value)
    if name == "region":
        return names.get(value, value)
    if name == "list":
        return ListType(value).label if value in ListType.values else value
    if name == "validity":
        return Validity(value).label if value in Validity.values else value
    return str(value)


def _region_path(query, names, links):
    """The regions above the selected one, as links one level up the drill-down."""
    if not query.region:
        return []
    above = [code for code in lineage(query.region) if code != query.region]
    return [
        {"label": names.get(code, code), "url": links.url(region=code)}
        for code in above
    ]


def _active_filters(query, names, links):
    """Each filter in use, with a link that removes it."""
    active = [
        {
            "label": PARAMETER_LABELS["type"],
            "value": KIND_LABELS.get(kind, kind),
            "remove": links.url(type=",".join(k for k in query.kinds if k != kind)),
        }
        for kind in query.kinds
    ]
    for name in (
        "region",
        "year",
        "agency",
        "list",
        "validity",
        "date_from",
        "date_to",
    ):
        value = getattr(query, FILTERS[name])
        if not value:
            continue
        if name == "region":
            shown = _region_name(value, names)
        elif name in ("date_from", "date_to"):
            shown = value.isoformat()
        else:
            shown = _value_label(name, str(value), names)
        active.append(
            {
                "label": PARAMETER_LABELS[name],
                "value": shown,
                "remove": links.without(name),
            }
        )
    return active


def _sorts(query, links):
    return [
        {
            "label": label,
            "url": links.url(sort="" if sort == "relevance" else sort),
            "current": query.sort == sort,
        }
        for sort, label in SORT_LABELS.items()
    ]


def _pages(query, total, links):
    """Previous/next and the page numbers around this one (first and last always),
    with None where numbers are left out; None when everything fits on one page."""
    last = min(math.ceil(total / query.page_size), MAX_RESULT_WINDOW // query.page_size)
    if last == 0 or (last == 1 and query.page == 1):
        return None
    near = range(query.page - 2, query.page + 3)
    numbers = sorted({1, last, *(n for n in near if 1 <= n <= last)})
    items, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            items.append(None)
        items.append(
            {
                "number": number,
                "url": links.page(number),
                "current": number == query.page,
            }
        )
        previous = number
    return {
        "items": items,
        "last": last,
        "last_url": links.page(last),
        "previous": links.page(query.page - 1) if 1 < query.page <= last else "",
        "next": links.page(query.page + 1) if query.page < last else "",
        "beyond": query.page > last,
    }
