"""Views of any dataset, Datasette-style: /opendata/<dataset>/table/ for people,
/opendata/<dataset>/table.csv and table.json for machines, with the same query:

- ``?field=value`` or ``?field__op=value`` filters on any declared field, ``op`` one of
  ``OPS`` (``in`` takes a comma-separated list, ``isnull`` true or false, an empty cell
  counting as null);
- ``_sort=field`` (``-field`` descending) sorts by a field read straight from the
  database; ``_search=text`` finds the rows whose text fields contain ``text``;
- ``_page`` and ``_size`` page the HTML view; the files hold the whole view.

Everything comes from the declarations (``datasets.py`` on ``schema.py``): a field's
type says how its value is read, its ``choices`` make it a facet, its ``source`` says
whether the database can do the work. Every parameter is checked against them and a
wrong one is a ``BadParameter`` naming it, never a 500 and never silently ignored.

Rows always come from ``Dataset.queryset()`` (the public rows) and through
``Dataset.rows()`` (masked cells), and the conditions are decided on those public
cells. The database only narrows the rows first where that cannot change the answer:
numbers, dates and enumerated codes exactly; text with a condition of its own
(``contains``, ``exact``) as a pre-filter that is checked again on the masked cell, so a
filter cannot find a row by a personal number that open data shows masked. A text
typed with separators inside a masked number may therefore be missed by the
pre-filter; nothing hidden is ever revealed.
"""

import datetime
import decimal
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content_models.disclosure.api import BadParameter, bad_parameter_response
from content_models.disclosure.ratelimit import limit_rate, rate_limited
from content_models.disclosure.text import fold_width

from .datasets import DATASETS
from .formats import FORMATS, TEXT_WRITERS, plain_value
from .licences import add_licence_link
from .schema import BOOLEAN, DATE, DATETIME, INTEGER, NUMBER, STRING
from .usage import DOWNLOADS, counted

OPS = ("exact", "contains", "gt", "gte", "lt", "lte", "in", "isnull")
SORT, SEARCH, PAGE, SIZE = "_sort", "_search", "_page", "_size"
PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
MAX_VALUE = 200  # characters of one value
MAX_LIST = 50  # values of one ``in``
INT_RANGE = (-(2**63) + 1, 2**63 - 1)  # what every database can compare
NUMBER_TEXT = re.compile(r"-?\d{1,18}(\.\d{1,8})?")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
TRUE, FALSE = ("true", "1"), ("false", "0")


@dataclass(frozen=True)
class Condition:
    column: object  # the schema Field
    op: str
    value: object  # parsed: a value of the field's type, a tuple for ``in``, a bool
    text: str  # as given, for links

    @property
    def parameter(self):
        return (
            self.column.name if self.op == "exact" else f"{self.column.name}__{self.op}"
        )

    def holds(self, cell):
        """Whether the public ``cell`` meets the condition."""
        empty = cell is None or cell == ""
        if self.op == "isnull":
            return empty == self.value
        if empty:
            return False
        if self.op == "contains":
            return _folded(self.value) in _folded(str(cell))
        if self.op == "in":
            return cell in self.value
        if self.op == "exact":
            return cell == self.value
        try:
            return {
                "gt": cell > self.value,
                "gte": cell >= self.value,
                "lt": cell < self.value,
                "lte": cell <= self.value,
            }[self.op]
        except TypeError:  # a cell the declaration did not promise
            return False


@dataclass
class View:
    dataset: object
    conditions: list = field(default_factory=list)
    sort: object = None  # the Field, or None for the primary key's order
    descending: bool = False
    search: str = ""
    page: int = 1
    size: int = PAGE_SIZE

    def query(self, **changes):
        """This view's query (without paging unless given), for links and files."""
        pairs = [(condition.parameter, condition.text) for condition in self.conditions]
        if self.sort is not None:
            pairs.append((SORT, ("-" if self.descending else "") + self.sort.name))
        if self.search:
            pairs.append((SEARCH, self.search))
        for name, value in changes.items():
            pairs = [pair for pair in pairs if pair[0] != name]
            if value not in (None, ""):
                pairs.append((name, str(value)))
        return urlencode(pairs)


# -- reading the query ----------------------------------------------------------------


def read_view(dataset, query):
    """The view a query asks for; BadParameter naming the first wrong parameter."""
    columns = {column.name: column for column in dataset.fields}
    view = View(dataset)
    for name in query:
        values = query.getlist(name)
        if len(values) > 1:
            raise BadParameter(name, _("只能给出一次。"))
        value = values[0]
        if name == "lang":
            continue  # the page's language, as everywhere on the site
        if name == SORT:
            view.sort, view.descending = _read_sort(dataset, columns, value)
        elif name == SEARCH:
            view.search = _read_text(SEARCH, value).strip()
        elif name == PAGE:
            view.page = _read_count(PAGE, value, 1, 10**6)
        elif name == SIZE:
            view.size = _read_count(SIZE, value, 1, MAX_PAGE_SIZE)
        else:
            view.conditions.append(_read_condition(columns, name, value))
    return view


def _read_condition(columns, name, text):
    field_name, _sep, op = name.partition("__")
    op = op or "exact"
    column = columns.get(field_name)
    if column is None:
        raise BadParameter(
            name,
            _("没有这个字段；可用的字段：%(fields)s") % {"fields": ", ".join(columns)},
        )
    if op not in OPS:
        raise BadParameter(
            name, _("没有这种条件；可用的条件：%(ops)s") % {"ops": ", ".join(OPS)}
        )
    if op == "isnull":
        return Condition(column, op, _read_bool(name, text), text)
    if op == "contains" and column.type != STRING:
        raise BadParameter(name, _("只有文本字段可以用contains。"))
    if op in ("gt", "gte", "lt", "lte") and column.type == BOOLEAN:
        raise BadParameter(name, _("是/否字段不能比较大小。"))
    if op == "in":
        parts = text.split(",")
        if len(parts) > MAX_LIST:
            raise BadParameter(name, _("最多%(count)d个值。") % {"count": MAX_LIST})
        value = tuple(_read_value(name, column, part) for part in parts)
        return Condition(column, op, value, text)
    return Condition(column, op, _read_value(name, column, text), text)


def _read_value(name, column, text):
    """``text`` as a value of the column's type."""
    text = _read_text(name, text)
    kind = column.type
    if kind == STRING:
        if column.choices is not None and text not in column.choices.values:
            raise BadParameter(
                name,
                _("应为以下之一：%(choices)s")
                % {"choices": ", ".join(column.choices.values)},
            )
        return text
    text = text.strip()
    if kind == INTEGER:
        if re.fullmatch(r"-?\d{1,19}", text) and (
            INT_RANGE[0] <= int(text) <= INT_RANGE[1]
        ):
            return int(text)
        raise BadParameter(name, _("应为整数。"))
    if kind == NUMBER:
        if NUMBER_TEXT.fullmatch(text):
            return decimal.Decimal(text)
        raise BadParameter(name, _("应为数值，例如1200.50。"))
    if kind == BOOLEAN:
        return _read_bool(name, text)
    if kind == DATE:
        return _read_date(name, text)
    if kind == DATETIME:
        return _read_datetime(name, text)
    raise BadParameter(name, _("这个字段不能筛选。"))


def _read_text(name, text):
    if len(text) > MAX_VALUE:
        raise BadParameter(name, _("最长%(count)d个字符。") % {"count": MAX_VALUE})
    if CONTROL.search(text):
        raise BadParameter(name, _("不能含有控制字符。"))
    return text


def _read_bool(name, text):
    text = text.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise BadParameter(name, _("应为true或false。"))


def _read_date(name, text):
    try:
        value = parse_date(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(name, _("应为日期，写作YYYY-MM-DD。"))
    return value


def _read_datetime(name, text):
    try:
        value = parse_datetime(text)
    except ValueError:
        value = None
    if value is None:
        day = _read_date(name, text)  # a day means its first moment
        value = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _read_count(name, text, least, most):
    text = text.strip()
    if text.isascii() and text.isdigit() and least <= int(text) <= most:
        return int(text)
    raise BadParameter(
        name,
        _("应为%(least)d到%(most)d之间的整数。") % {"least": least, "most": most},
    )


def _read_sort(dataset, columns, text):
    descending = text.startswith("-")
    name = text[1:] if descending else text
    column = columns.get(name)
    if column is None or not _direct(dataset, column):
        sortable = [c.name for c in dataset.fields if _direct(dataset, c)]
        raise BadParameter(
            SORT,
            _("不能按这个字段排序；可排序的字段：%(fields)s")
            % {"fields": ", ".join(sortable) or "—"},
        )
    return column, descending


# -- running the view -----------------------------------------------------------------


def _queryable(dataset):
    """Whether the dataset's rows come from one queryset (the catalogue's do not)."""
    return dataset.rows_from is not None


def _direct(dataset, column):
    """Whether the cell is a database column as stored (the database can compare it)."""
    return _queryable(dataset) and column.convert is None and len(column.sources) == 1


def _text_columns(dataset):
    return [column for column in dataset.fields if column.type == STRING]


def _exact_in_database(dataset, condition):
    """Whether the database decides the condition exactly as the public cell would:
    masking changes only text, and never an enumerated code."""
    column = condition.column
    if not _direct(dataset, column):
        return False
    if column.type != STRING:
        return True
    return column.choices is not None and condition.op in ("exact", "in", "isnull")


def _narrowing(dataset, condition):
    """A Q the public cells meeting ``condition`` all meet in the database, or None."""
    column = condition.column
    if not _direct(dataset, column):
        return None
    path = column.sources[0]
    if condition.op == "isnull":
        empty = Q(**{f"{path}__isnull": True})
        if column.type == STRING:
            empty |= Q(**{path: ""})
        return empty if condition.value else ~empty
    if column.type == STRING:
        if condition.op == "exact" and "*" not in condition.value:
            return Q(**{path: condition.value})
        if condition.op == "in" and not any("*" in value for value in condition.value):
            return Q(**{f"{path}__in": condition.value})
        if condition.op == "contains" and "*" not in condition.value:
            return Q(**{f"{path}__icontains": fold_width(condition.value)})
        if not _exact_in_database(dataset, condition):
            return None
    return Q(**{f"{path}__{condition.op}": condition.value})


def _search_narrowing(dataset, text):
    columns = [c for c in _text_columns(dataset) if _direct(dataset, c)]
    if len(columns) != len(_text_columns(dataset)) or "*" in text:
        return None  # a text field the database cannot read: decided on the cells
    found = Q()
    for column in columns:
        found |= Q(**{f"{column.sources[0]}__icontains": fold_width(text)})
    return found


def _folded(text):
    return fold_width(text).casefold()


def selection(view):
    """(the public rows narrowed by the database, whether the database's answer is
    already the view's answer)."""
    dataset = view.dataset
    rows = dataset.queryset()
    if not _queryable(dataset):
        return rows, not view.conditions and not view.search
    exact = True
    for condition in view.conditions:
        narrowing = _narrowing(dataset, condition)
        if narrowing is not None:
            rows = rows.filter(narrowing)
        exact = exact and _exact_in_database(dataset, condition)
    if view.search:
        narrowing = _search_narrowing(dataset, view.search)
        if narrowing is not None:
            rows = rows.filter(narrowing)
        exact = False
    if view.sort is not None:
        path = view.sort.sources[0]
        rows = rows.order_by(f"-{path}" if view.descending else path, "pk")
    return rows, exact


def matching_rows(view, rows=None):
    """The view's public rows (tuples in field order), decided on the public cells."""
    dataset = view.dataset
    rows = selection(view)[0] if rows is None else rows
    positions = {column.name: index for index, column in enumerate(dataset.fields)}
    checks = [(positions[c.column.name], c) for c in view.conditions]
    texts = [positions[column.name] for column in _text_columns(dataset)]
    wanted = _folded(view.search) if view.search else ""
    for row in dataset.rows(rows):
        if not all(condition.holds(row[index]) for index, condition in checks):
            continue
        if wanted and not any(
            isinstance(row[index], str) and wanted in _folded(row[index])
            for index in texts
        ):
            continue
        yield row


def facet_columns(dataset):
    return [column for column in dataset.fields if column.choices is not None]


@dataclass
class Result:
    rows: list
    count: int
    facets: list  # [(Field, [(value, label, count)])]


def run(view):
    """One page of the view, the number of rows in it and the facet counts."""
    dataset = view.dataset
    rows, exact = selection(view)
    facets = facet_columns(dataset)
    start = (view.page - 1) * view.size
    if exact and _queryable(dataset):
        count = dataset.count(rows)
        page = list(dataset.rows(rows[start : start + view.size]))
        counts = {
            column.name: _database_facet(rows, column)
            for column in facets
            if _direct(dataset, column)
        }
        for column in facets:
            if column.name not in counts:  # a converted code: counted on the cells
                counts.update(_cell_facets(view, rows, [column]))
    else:
        count, page, counts = _scan(view, rows, facets, start)
    return Result(
        rows=page,
        count=count,
        facets=[
            (column, _facet_rows(column, counts[column.name])) for column in facets
        ],
    )


def _database_facet(rows, column):
    path = column.sources[0]
    found = rows.order_by().values_list(path).annotate(n=Count("pk"))
    return Counter({value: n for value, n in found})


def _cell_facets(view, rows, columns):
    index = {column.name: i for i, column in enumerate(view.dataset.fields)}
    counts = {column.name: Counter() for column in columns}
    for row in matching_rows(view, rows):
        for column in columns:
            counts[column.name][row[index[column.name]]] += 1
    return counts


def _scan(view, rows, facets, start):
    index = {column.name: i for i, column in enumerate(view.dataset.fields)}
    counts = {column.name: Counter() for column in facets}
    page, count = [], 0
    for row in matching_rows(view, rows):
        if start <= count < start + view.size:
            page.append(row)
        count += 1
        for column in facets:
            counts[column.name][row[index[column.name]]] += 1
    return count, page, counts


def _facet_rows(column, counts):
    labels = dict(column.choices.choices)
    return [
        (value, labels.get(value, value), counts[value])
        for value in column.choices.values
        if counts.get(value)
    ]


# -- the views ------------------------------------------------------------------------


def _dataset_or_404(slug):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404(slug) from None


def _too_many(request, retry_after):
    return HttpResponse(
        _("请求过于频繁，请在%(seconds)d秒后再试。") % {"seconds": retry_after},
        status=429,
        content_type="text/plain; charset=utf-8",
    )


# A search or a filter on a converted field reads every row of the dataset: the page
# shares the per-client limit of the public APIs (its own scope).
@limit_rate("opendata-tables", refuse=_too_many)
@require_safe
def table_page(request, slug):
    """The HTML view: a page of rows, the facets and links to the same view as
    files. A wrong parameter is explained on the page (400)."""
    dataset = _dataset_or_404(slug)
    context = {"dataset": dataset, "ops": OPS, "columns": dataset.fields}
    try:
        view = read_view(dataset, request.GET)
    except BadParameter as error:
        context["error"] = error
        return render(request, "opendata/table.html", context, status=400)
    result = run(view)
    pages = max(1, -(-result.count // view.size))
    context.update(
        view=view,
        result=result,
        rows=[[_shown(value) for value in row] for row in result.rows],
        pages=pages,
        previous_query=view.query(_page=view.page - 1, _size=_size_text(view))
        if view.page > 1
        else None,
        next_query=view.query(_page=view.page + 1, _size=_size_text(view))
        if view.page < pages
        else None,
        headers=_headers(view),
        facets=_facet_links(view, result),
        active=[
            (condition, view.query(**{condition.parameter: None}))
            for condition in view.conditions
        ],
        file_query=view.query(),
        sortable=[c.name for c in dataset.fields if _direct(dataset, c)],
    )
    return render(request, "opendata/table.html", context)


def _size_text(view):
    return view.size if view.size != PAGE_SIZE else None


def _shown(value):
    value = plain_value(value)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return "" if value is None else value


def _headers(view):
    """Each column with the view sorted by it (the other way when it already is)."""
    headers = []
    for column in view.dataset.fields:
        header = {"column": column, "query": None, "sort": "none"}
        if _direct(view.dataset, column):
            current = view.sort is not None and view.sort.name == column.name
            descending = current and not view.descending
            header["query"] = view.query(
                _sort=("-" if descending else "") + column.name
            )
            if current:
                header["sort"] = "descending" if view.descending else "ascending"
        headers.append(header)
    return headers


def _facet_links(view, result):
    chosen = {c.column.name: c.value for c in view.conditions if c.op == "exact"}
    return [
        {
            "column": column,
            "values": [
                {
                    "value": value,
                    "label": label,
                    "count": count,
                    "selected": chosen.get(column.name) == value,
                    "query": view.query(**{column.name: value, PAGE: None}),
                }
                for value, label, count in values
            ],
        }
        for column, values in result.facets
    ]


@rate_limited
@counted(DOWNLOADS)
@require_safe
def table_file(request, slug, fmt):
    """The whole view as CSV or JSON, streamed: the same address always answers the
    same view of the current public rows."""
    dataset = _dataset_or_404(slug)
    try:
        view = read_view(dataset, request.GET)
        for name in (PAGE, SIZE):
            if name in request.GET:
                raise BadParameter(name, _("文件包含整个视图，不分页。"))
    except BadParameter as error:
        return bad_parameter_response(error)
    media_type, _compressible = FORMATS[fmt]
    chunks = (
        chunk.encode("utf-8")
        for chunk in TEXT_WRITERS[fmt](dataset, matching_rows(view))
    )
    response = StreamingHttpResponse(chunks, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-view.{fmt}"'
    return add_licence_link(request, response)
