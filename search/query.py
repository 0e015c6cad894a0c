"""A public search request, read and checked once for the HTML page and the API alike,
and the results every engine answers with.

Engines receive ``Clause`` objects, never the raw query string: what a query means
(quoted phrases, runs of an unspaced chunk, synonyms) is decided here, once.

Spaces separate what may lie apart; what is typed without a space must be found as
typed. 社会组织 is one run of characters, never 社会 somewhere and 组织 somewhere
else (which matched nearly twice the records that speak of 社会组织). Punctuation
typed inside a chunk separates runs, as it does in the indexed text.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from content_models.disclosure.api import BadParameter
from content_models.disclosure.metadata import Validity
from content_models.regions.codes import validate_region_code

from . import text
from .documents import KIND_LABELS

SORTS = ("relevance", "date")
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200
# Deep pages are what scrapers ask for; residents refine instead.
MAX_RESULT_WINDOW = 10_000

_QUOTED_OR_CHUNK = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)')


@dataclass(frozen=True)
class Clause:
    """Something every result must contain: any one of ``alternatives`` (the term as
    typed, then its synonyms), each matched as a contiguous run of characters."""

    alternatives: tuple[str, ...]


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    language: str = "zh-hans"
    clauses: tuple[Clause, ...] = ()
    kinds: tuple[str, ...] = ()
    region: str = ""
    year: int | None = None
    agency: str = ""
    list_type: str = ""
    validity: str = ""  # one of metadata.Validity
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    # The API pages by cursor: the position of the first result, instead of ``page``.
    start: int | None = None
    facets: bool = True
    titles_only: bool = False  # suggestions as you type

    @property
    def offset(self):
        if self.start is not None:
            return self.start
        return (self.page - 1) * self.page_size

    @property
    def filtered(self):
        """Names of the filters in use, so a page without results can offer to drop
        them."""
        names = (
            "kinds",
            "region",
            "year",
            "agency",
            "list_type",
            "validity",
            "date_from",
            "date_to",
        )
        return [name for name in names if getattr(self, name)]


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    title: str
    text: str
    url: str
    published: datetime.date | None
    region: str
    agency: str
    context: str = ""


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    took_ms: float = 0.0


def parse_clauses(q, synonyms):
    """The clauses of a query string. ``synonyms`` maps a folded term to the folded
    terms that mean the same (itself included)."""
    clauses = []
    for match in _QUOTED_OR_CHUNK.finditer(q):
        quoted = next((g for g in match.groups()[:3] if g is not None), None)
        if quoted is not None:
            term = text.fold(quoted).strip()
            if text.grams(term):
                clauses.append(_clause(term, synonyms))
            continue
        chunk = text.fold(match.group(4))
        if chunk in synonyms:
            clauses.append(_clause(chunk, synonyms))
            continue
        clauses.extend(_clause(run, synonyms) for run in text.runs(chunk))
    return tuple(dict.fromkeys(clauses))


def _clause(term, synonyms):
    """The term, then its synonyms: those of the whole term, else the term with one
    of its words replaced by each of that word's synonyms
    (农村低保 → 农村最低生活保障)."""
    if term in synonyms:
        return Clause(tuple(dict.fromkeys((term, *synonyms[term]))))
    alternatives = [term]
    for word in text.cut(term):
        for other in synonyms.get(word, ()):
            alternatives.append(term.replace(word, other))
    return Clause(tuple(dict.fromkeys(alternatives)))


def from_params(params, language, synonyms):
    """A SearchRequest from query parameters; BadParameter names the first bad one."""
    q = params.get("q", "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise BadParameter(
            "q", _("检索词过长（最多%(n)s个字符）") % {"n": MAX_QUERY_LENGTH}
        )
    clauses = parse_clauses(q, synonyms)
    page = _integer(params, "page", 1, minimum=1)
    page_size = _integer(params, "page_size", 20, minimum=1, maximum=MAX_PAGE_SIZE)
    if page * page_size > MAX_RESULT_WINDOW:
        raise BadParameter(
            "page", _("只能翻阅前%(n)s条结果，请缩小范围") % {"n": MAX_RESULT_WINDOW}
        )
    request = SearchRequest(
        q=q,
        language=language,
        clauses=clauses,
        kinds=_kinds(params),
        region=_region(params),
        year=_integer(params, "year", None, minimum=1949, maximum=2200),
        agency=params.get("agency", "").strip()[:200],
        list_type=_choice(params, "list", ("abnormal", "serious")),
        validity=_choice(params, "validity", Validity.values),
        date_from=_date(params, "date_from"),
        date_to=_date(params, "date_to"),
        sort=_choice(params, "sort", SORTS) or "relevance",
        page=page,
        page_size=page_size,
    )
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise BadParameter("date_from", _("开始日期不能晚于结束日期"))
    return request


def _values(params, name):
    getlist = getattr(params, "getlist", None)
    raw = getlist(name) if getlist else [params.get(name, "")]
    return [v.strip() for value in raw for v in value.split(",") if v.strip()]


def _kinds(params):
    kinds = _values(params, "type")
    for kind in kinds:
        if kind not in KIND_LABELS:
            raise BadParameter(
                "type",
                _("未知的类型“%(value)s”，可选：%(choices)s")
                % {"value": kind, "choices": ", ".join(KIND_LABELS)},
            )
    return tuple(dict.fromkeys(kinds))


def _region(params):
    code = params.get("region", "").strip()
    if not code:
        return ""
    try:
        validate_region_code(code)
    except ValidationError:
        raise BadParameter("region", _("区划代码应为12位数字")) from None
    return code


def _integer(params, name, default, minimum, maximum=None):
    raw = params.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, _("应为整数")) from None
    if maximum is None and value < minimum:
        raise BadParameter(name, _("应不小于%(min)s") % {"min": minimum})
    if maximum is not None and not minimum <= value <= maximum:
        raise BadParameter(
            name, _("应在%(min)s到%(max)s之间") % {"min": minimum, "max": maximum}
        )
    return value


def _choice(params, name, choices):
    value = params.get(name, "").strip()
    if value and value not in choices:
        raise BadParameter(
            name,
            _("应为以下之一：%(choices)s") % {"choices": ", ".join(choices)},
        )
    return value


def _date(params, name):
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(name, _("日期格式应为YYYY-MM-DD")) from None
