"""Store parsed plan documents as PlanPage drafts (the storage half of import_plan).

The parser (``imports.plan_text``) turns a scraped page into plain data; this module
maps that data onto the plan models: metadata onto the disclosure fields, the body
onto StreamField blocks, and each indicator table onto ``Indicator`` rows read by
what its column headers mean. Everything one import writes happens in a single
transaction, so a failure half-way leaves the database as it was.

A re-import of the same source saves a new revision of the page it created before
(matched by 索引号 when the page prints one, else by title in the same section), so
editors review a change instead of finding a copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from wagtail.log_actions import log

from content_models.disclosure.agencies import Agency
from content_models.disclosure.identifiers import normalise_credit_code
from content_models.disclosure.pages import ArticleIndexPage, ArticlePage
from content_models.disclosure.publication import problems_of
from content_models.plans.indicators import Attribute, Indicator
from content_models.plans.pages import PlanIndexPage, PlanPage

from .plan_text import ParseResult, PlanDocument
from .plan_text.model import IndicatorTable
from .plan_text.text import cn_to_int, fold


class PlanStoreError(Exception):
    """The parsed plans cannot be stored; the message says what to supply or fix."""


@dataclass
class StoredPage:
    page: object
    created: bool

    @property
    def url(self):
        """The public address once live; until then the admin page to review it."""
        if self.page.live:
            return self.page.get_url()
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


@dataclass
class StoreReport:
    plans: list[StoredPage] = field(default_factory=list)
    notices: list[StoredPage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plan_section():
    """The first plans section (规划栏目); imports need one to put plans under."""
    section = PlanIndexPage.objects.order_by("path").first()
    if section is None:
        raise PlanStoreError(
            "there is no plans section (PlanIndexPage); create one in the admin first"
        )
    return section


def find_agency(name_or_code):
    """An agency by its exact name or its 统一社会信用代码, or None."""
    text = (name_or_code or "").strip()
    if not text:
        return None
    by_name = Agency.objects.filter(name=text).first()
    if by_name is not None:
        return by_name
    return Agency.objects.filter(credit_code=normalise_credit_code(text)).first()


def section_agency(section):
    """The section's default agency: the one agency its existing plans share."""
    agencies = set(
        PlanPage.objects.child_of(section).values_list("agency_id", flat=True)
    )
    return Agency.objects.get(pk=agencies.pop()) if len(agencies) == 1 else None


def resolve_agency(issuer, section, explicit=None):
    """--agency if given, else the printed 发布机构, else the section's default."""
    if explicit:
        agency = find_agency(explicit)
        if agency is None:
            raise PlanStoreError(
                f"--agency {explicit!r}: no agency with that name or code"
            )
        return agency
    agency = find_agency(issuer) or section_agency(section)
    if agency is None:
        printed = (
            f"the page names {issuer!r}, which" if issuer else "the page names none and"
        )
        raise PlanStoreError(
            f"cannot tell the issuing agency: {printed} matches no agency, and the "
            "plans section has no default; pass --agency NAME_OR_CODE"
        )
    return agency


@transaction.atomic
def store_plans(
    result: ParseResult, *, section, agency=None, region=None, user=None, submit=False
) -> StoreReport:
    """Create or update a PlanPage per parsed document, and the notice issuing them.

    ``agency`` is the --agency value (name or code) or None. Without ``submit`` the
    new revision waits as a draft; with it, ``user`` submits it to its review
    workflow. An import never publishes: that takes other people's approval.
    """
    report = StoreReport()
    notice = None
    if result.notice is not None and result.documents:
        notice = _store_notice(result, section, agency, user, submit, report)
    for document in result.documents:
        owner = resolve_agency(document.metadata.issuer, section, agency)
        stored = _store_plan(
            document, section, owner, region, notice, user, submit, report.warnings
        )
        report.plans.append(stored)
    return report


# -- plans ------------------------------------------------------------------------


def _existing_plan(document, section):
    plans = PlanPage.objects.child_of(section)
    number = document.metadata.index_number
    if number:
        found = plans.filter(index_number=number).first()
        if found is not None:
            return found
    return plans.filter(Q(title=document.title) | Q(draft_title=document.title)).first()


def _store_plan(document, section, agency, region, notice, user, submit, warnings):
    existing = _existing_plan(document, section)
    page = existing.get_latest_revision_as_object() if existing else PlanPage()
    page.title = _clip(document.title, 255, "title", warnings)
    _apply_metadata(page, document, agency, warnings)
    page.start_year, page.end_year = plan_period(document, warnings)
    if region is not None:
        page.region = region
    if notice is not None:
        page.issued_with = notice
    page.body = body_blocks(document, warnings)
    previous = {(i.table_title, i.name): i for i in page.indicators.all()}
    page.indicators = indicator_rows(document, warnings, previous)
    if existing is None:
        page.live = False
        section.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user, log_action=False)
    else:
        page.save_revision(user=user, log_action=True)
    if submit:
        _submit(page, user)
    return StoredPage(page, created=existing is None)


def _apply_metadata(page, document, agency, warnings):
    meta = document.metadata
    page.agency = agency
    page.published_on = meta.published
    page.document_number = _clip(meta.doc_number or "", 100, "文号", warnings)
    page.source = _clip(meta.source or "", 200, "信息来源", warnings)
    if meta.index_number and len(meta.index_number) <= 64:
        page.index_number = meta.index_number
    elif meta.index_number:
        warnings.append(
            f"{document.title}: 索引号 {meta.index_number!r} is too long; "
            "a new one is allocated"
        )


_YEAR_RANGE = re.compile(
    r"((?:19|20)\d\d)\s*(?:年)?\s*[—–\-－~～至到]+\s*((?:19|20)\d\d)"
)
_FIVE_YEAR = re.compile(r"([一二三四五六七八九十]+)五")


_TEXT_YEAR = re.compile(r"((?:19|20)\d\d)年")


def _text_of(document):
    return "\n".join(
        value["text"] if kind == "paragraph" else value.get("title", "")
        for kind, value in document.body
    )


def plan_period(document: PlanDocument, warnings) -> tuple[int, int]:
    """The plan period from its title (2021—2025年, “十四五”), else its targets."""
    title = fold(document.title)
    years = _YEAR_RANGE.search(title)
    if years:
        return int(years.group(1)), int(years.group(2))
    five = _FIVE_YEAR.search(title)
    number = cn_to_int(five.group(1)) if five else None
    if number and number >= 3:
        # The 3rd five-year plan began in 1966 after the 1963—1965 adjustment years.
        start = 1966 + 5 * (number - 3)
        return start, start + 4
    targets = [
        year
        for table in document.indicator_tables
        for column in table.columns
        if _role(column) == "target" and (year := _year(column))
    ]
    if targets:
        return max(targets) - 4, max(targets)
    # An excerpt may lack its title; the latest year its text aims at is the end.
    aimed = [int(year) for year in _TEXT_YEAR.findall(_text_of(document))]
    if aimed:
        warnings.append(
            f"{document.title}: the title names no period; taking the five years "
            f"ending {max(aimed)}, the latest year in the text — check it"
        )
        return max(aimed) - 4, max(aimed)
    raise PlanStoreError(
        f"{document.title}: cannot tell the plan period; name it in the title "
        "(e.g. 2021—2025年 or “十四五”) with --title"
    )


# -- body -------------------------------------------------------------------------

_ITEM_LABEL = re.compile(r"^\s*(\d{1,2}\s*[.．、]|\d{2}(?=\s)|[（(]\d{1,2}[)）])\s*")


def body_blocks(document: PlanDocument, warnings) -> list[dict]:
    """The parser's (kind, value) pairs as raw PlanBodyBlock data."""
    blocks = []
    for kind, value in document.body:
        if kind == "heading":
            level = min(max(int(value["level"]), 1), 4)
            if level != value["level"]:
                warnings.append(
                    f"{document.title}: heading {value['title']!r} at level "
                    f"{value['level']} is stored at level {level}"
                )
            value = {
                "level": str(level),
                "label": _clip(value["label"], 20, "heading label", warnings),
                "title": _clip(value["title"], 200, "heading", warnings),
            }
        elif kind == "paragraph":
            value = value["text"]
        elif kind == "box":
            value = {
                "label": _clip(value["label"], 20, "box label", warnings),
                "title": _clip(value["title"], 200, "box title", warnings),
                "items": [_box_item(item) for item in value["items"]],
            }
        elif kind == "indicator_table":
            value = {"table_title": value["title"], "note": ""}
        else:
            warnings.append(f"{document.title}: unknown block {kind!r} left out")
            continue
        blocks.append({"type": kind, "value": value})
    return blocks


def _box_item(text):
    """``01 小标题\\n内容`` or ``1.内容`` as a BoxItemBlock value."""
    match = _ITEM_LABEL.match(text)
    label = match.group(1).replace(" ", "") if match else ""
    rest = text[match.end() :] if match else text
    first, _newline, remainder = rest.partition("\n")
    if remainder and len(first) <= 200:
        return {"label": label, "title": first.strip(), "text": remainder.strip()}
    return {"label": label, "title": "", "text": rest.strip()}


# -- indicators -------------------------------------------------------------------


def _year(header):
    found = re.search(r"((?:19|20)\d\d)", header)
    return int(found.group(1)) if found else None


def _role(header):
    """What a column holds, from its header as officials write it."""
    text = fold(header).replace(" ", "")
    if "属性" in text:
        return "attribute"
    if text in ("序号", "编号", "No.", "No"):
        return "number"
    if "领域" in text or text in ("类别", "分类", "类型"):
        return "area"
    if "单位" in text:
        return "unit"
    if any(word in text for word in ("基期", "基准", "现状", "基数")):
        return "baseline"
    if "目标" in text or ("规划" in text and _year(text)):
        return "target"
    if "指标" in text:
        return "name"
    return None


def _columns(table: IndicatorTable, title, warnings):
    roles = {}
    for position, header in enumerate(table.columns):
        role = _role(header)
        if role is None and re.fullmatch(r"(?:19|20)\d\d年?", fold(header).strip()):
            role = "year"
        if role is None or role in roles:
            warnings.append(
                f"{title}: table {table.title!r}: column {header!r} is not imported"
            )
            continue
        roles[role] = position
    # A bare 2020年 / 2025年 pair: the later year is the target, the earlier the base.
    if "year" in roles and "target" not in roles:
        roles["target"] = roles.pop("year")
    elif "year" in roles and "baseline" not in roles:
        roles["baseline"] = roles.pop("year")
    return roles


def _attribute(text):
    if "约束" in text:
        return Attribute.BINDING
    if "预期" in text:
        return Attribute.EXPECTED
    return ""


def indicator_rows(document: PlanDocument, warnings, previous=None) -> list[Indicator]:
    """Indicator rows for every table, keeping the identity of rows seen before.

    ``previous`` maps (table_title, name) to the page's current rows: reusing their
    pk and key keeps progress values attached to the indicator across re-imports.
    """
    previous = previous or {}
    rows = []
    for table in document.indicator_tables:
        roles = _columns(table, document.title, warnings)
        if "name" not in roles:
            warnings.append(
                f"{document.title}: table {table.title!r} has no 指标 "
                "column; its rows are not imported"
            )
            continue
        headers = table.columns
        seen = set()
        for cells in table.rows:
            row = _indicator(table, cells, roles, headers, document.title, warnings)
            if row is None:
                continue
            if row.name in seen:
                warnings.append(
                    f"{document.title}: table {table.title!r}: indicator "
                    f"{row.name!r} appears twice; the repeat is left out"
                )
                continue
            seen.add(row.name)
            old = previous.get((row.table_title, row.name))
            if old is not None:
                row.pk, row.translation_key = old.pk, old.translation_key
            row.sort_order = len(rows)
            rows.append(row)
    return rows


def _indicator(table, cells, roles, headers, title, warnings):
    def cell(role):
        position = roles.get(role)
        return (
            cells[position].strip()
            if position is not None and position < len(cells)
            else ""
        )

    name = cell("name")
    if not name:
        warnings.append(
            f"{title}: table {table.title!r}: a row without an indicator "
            f"name is left out: {cells!r}"
        )
        return None
    attribute = _attribute(cell("attribute"))
    if cell("attribute") and not attribute:
        warnings.append(
            f"{title}: {name!r}: 属性 {cell('attribute')!r} is neither "
            "预期性 nor 约束性; left blank"
        )
    baseline = cell("baseline")
    baseline_year = _year(headers[roles["baseline"]]) if "baseline" in roles else None
    if baseline and baseline_year is None:
        warnings.append(f"{title}: {name!r}: the 基期值 column names no year")
    return Indicator(
        table_title=_clip(table.title, 200, "table title", warnings),
        area=_clip(cell("area"), 100, "领域", warnings),
        name=_clip(name, 300, "指标", warnings),
        unit=_clip(cell("unit"), 40, "单位", warnings),
        baseline_value=_clip(baseline, 100, "基期值", warnings),
        baseline_year=baseline_year,
        target_value=_clip(cell("target"), 200, "目标值", warnings),
        target_year=_year(headers[roles["target"]]) if "target" in roles else None,
        attribute=attribute,
    )


# -- the issuing notice -----------------------------------------------------------


def _store_notice(result, section, agency, user, submit, report):
    """The 通知 as an ArticlePage in the 文件栏目 beside the plans section."""
    notice = result.notice
    meta = result.documents[0].metadata
    home = section.get_parent()
    articles = (
        ArticleIndexPage.objects.child_of(home).first()
        or ArticleIndexPage.objects.order_by("path").first()
    )
    if articles is None:
        raise PlanStoreError(
            f"{notice.title}: the notice needs a documents section "
            "(ArticleIndexPage) to go in; create one in the admin first"
        )
    existing = (
        ArticlePage.objects.child_of(articles)
        .filter(Q(title=notice.title) | Q(draft_title=notice.title))
        .first()
    )
    page = existing.get_latest_revision_as_object() if existing else ArticlePage()
    page.title = _clip(notice.title, 255, "notice title", report.warnings)
    page.agency = resolve_agency(meta.issuer, section, agency)
    page.published_on = meta.published
    page.document_number = meta.doc_number or ""
    page.source = meta.source or ""
    page.body = "".join(f"<p>{escape(text)}</p>" for text in notice.paragraphs)
    if existing is None:
        page.live = False
        articles.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=user)
        page.save_revision(user=user, log_action=False)
    else:
        page.save_revision(user=user, log_action=True)
    if submit:
        _submit(page, user)
    report.notices.append(StoredPage(page, created=existing is None))
    return page


def _submit(page, user):
    """Send the new revision to its review workflow as the operator. The content
    checks run first, so a page the guards would stop later is refused now with
    their message, and nothing of the import is written."""
    problems = problems_of(page)
    if problems:
        raise PlanStoreError(
            f"{page.title}: " + "; ".join(str(problem) for problem in problems)
        )
    workflow = page.get_workflow()
    if workflow is None:
        raise PlanStoreError(
            f"{page.title}: no review workflow covers this page; "
            "run `manage.py setup_publishing` first"
        )
    current = page.current_workflow_state
    if current is not None:  # an updated draft is submitted afresh
        current.cancel(user=user)
    workflow.start(page, user)


def _clip(text, limit, what, warnings):
    if len(text) <= limit:
        return text
    warnings.append(f"{what} {text[:20]!r}… is longer than {limit} characters; cut")
    return text[:limit]
