"""The duties of active disclosure, each with its rule, in one place.

Every rule gives a deadline that explains itself (calendar.Explanation, or
``DayExplanation`` for a deadline set on a calendar day), and every duty is in one
of four states: due (not done, deadline not passed), overdue, done in time, done
late. What counts as done is read through the public rule (``public_items``); the
day it was done is the item's 发布日期 (``publication_date``).

The rules (../shared/docs/DOMAIN.md):

* 主动公开: online within 20 working days of being made or changed (条例 第二十六条;
  ``proactive.PROACTIVE_DAYS``).
* 标准目录 items (基层政务公开标准目录, 民办函〔2019〕52号): within 10 working days.
  An item is one when its 主题分类 (or a parent of it) has a code listed in the
  setting ``CLOCKS_CATALOGUE_TOPICS``.
* 公示: shown for a fixed number of working days after going online (7 for a 低保
  初审名单), then taken down with a notice (``close_publicity``). An item is a
  公示 when its 体裁分类 code is a key of ``CLOCKS_PUBLICITY_GENRES`` (code → days).
* 村务/居务公开: each quarter by the day after it that ``villages.due`` sets (a
  county's own with ``VILLAGE_DISCLOSURE_DUE_DAY``); finances monthly for a column
  that discloses them monthly.
* 慈善组织年报: a year's report by 31 May of the next year (《慈善组织信息公开办法》).
* 社会组织信用信息: a listing decision entered within 5 working days of its date
  (民政部令第60号), entered meaning public on the portal.

A deadline set on a calendar day that falls on a day off moves to the next working
day (《民法典》第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为
期间的最后一日).

Reading every duty costs a fixed number of queries, whatever the number of items.
The village rule's rows and its residents' clock are in clocks/village_duties.py.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.admin_url_finder import AdminURLFinder

from content_models.charity.annual_reports import AnnualReport
from content_models.charity.organisations import CharityOrganisation
from content_models.credit.entries import CreditListEntry
from content_models.disclosure.metadata import DisclosureMode
from content_models.disclosure.periods import Period
from content_models.disclosure.public import disclosure_models, item_key, public_items
from content_models.disclosure.taxonomy import Topic
from content_models.regions.codes import TOWN, VILLAGE
from content_models.villages.due import due_on
from content_models.villages.models import VillageDisclosurePage

from .calendar import ONE_DAY, long_date
from .proactive import HORIZON_DAYS, PROACTIVE_DAYS

CATALOGUE_DAYS = 10
CREDIT_DAYS = 5
CHARITY_REPORT_DUE = (5, 31)  # month, day of the year after the report's year
VILLAGE_QUARTERS = 4  # how many ended quarters the dashboard looks back on

# The rules, by key: the dashboard's 类型 column and its filter.
PROACTIVE, CATALOGUE, PUBLICITY, VILLAGE_RULE, CHARITY, CREDIT = (
    "proactive",
    "catalogue",
    "publicity",
    "village",
    "charity",
    "credit",
)
RULES = {
    PROACTIVE: gettext_lazy("主动公开（20个工作日）"),
    CATALOGUE: gettext_lazy("标准目录事项（10个工作日）"),
    PUBLICITY: gettext_lazy("公示期"),
    VILLAGE_RULE: gettext_lazy("村（居）务公开"),
    CHARITY: gettext_lazy("慈善组织年报"),
    CREDIT: gettext_lazy("信用信息录入（5个工作日）"),
}

DUE, OVERDUE, ON_TIME, LATE = "due", "overdue", "on_time", "late"
STATES = {
    DUE: gettext_lazy("未到期"),
    OVERDUE: gettext_lazy("已逾期"),
    ON_TIME: gettext_lazy("按期完成"),
    LATE: gettext_lazy("逾期完成"),
}


def catalogue_topics():
    return frozenset(getattr(settings, "CLOCKS_CATALOGUE_TOPICS", ()))


def publicity_genres():
    return dict(getattr(settings, "CLOCKS_PUBLICITY_GENRES", {}))


# -- deadlines on calendar days -------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DayExplanation:
    """A deadline set on a calendar day: "2026年第3季度结束后第20日 → 2026年10月20日",
    with ", 逢国庆节顺延 → 2026年10月8日" when the day is a day off."""

    rule: str  # how the day was set, in words
    nominal: datetime.date
    due: datetime.date
    skipped: tuple  # the Days off between nominal and due

    def __str__(self):
        text = f"{self.rule} → {long_date(self.nominal)}"
        if self.due != self.nominal:
            names = _("、").join(
                dict.fromkeys(day.name for day in self.skipped if day.name)
            )
            text += _("，逢%(holiday)s顺延") % {"holiday": names or _("休息日")}
            text += " → " + long_date(self.due)
        return text


def on_working_day(calendar, rule, nominal):
    """``nominal``, or the first working day after it when it is a day off."""
    due, skipped = nominal, []
    while not calendar.is_working_day(due):
        skipped.append(calendar.day(due))
        due += ONE_DAY
    return DayExplanation(str(rule), nominal, due, tuple(skipped))


def village_deadline(period, calendar):
    rule = _("%(period)s结束后第%(days)s日") % {
        "period": period,
        "days": (due_on(period) - period.last_day).days,
    }
    return on_working_day(calendar, rule, due_on(period))


def charity_deadline(year, calendar):
    month, day = CHARITY_REPORT_DUE
    rule = _("%(year)s年度报告，次年%(month)s月%(day)s日前") % {
        "year": year,
        "month": month,
        "day": day,
    }
    return on_working_day(calendar, rule, datetime.date(year + 1, month, day))


# -- one duty ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Scope:
    """Where a duty belongs: the bureau section (agency), the town, the village."""

    agency_id: int | None = None
    agency: str = ""
    town_code: str = ""
    town: str = ""
    village_code: str = ""
    village: str = ""


@dataclasses.dataclass(frozen=True)
class Duty:
    rule: str  # a key of RULES
    title: str
    explanation: object  # Explanation or DayExplanation: has .due and str()
    done_on: datetime.date | None
    state: str  # a key of STATES
    scope: Scope
    edit_url: str | None = None
    period: Period | None = None  # village duties: the period disclosed

    @property
    def due(self):
        return self.explanation.due

    @property
    def rule_label(self):
        return RULES[self.rule]

    @property
    def state_label(self):
        return STATES[self.state]


def state_of(due, done_on, today):
    if done_on is not None:
        return LATE if done_on > due else ON_TIME
    return OVERDUE if today > due else DUE


def scope_of(region, agency=None, village_region=None):
    """A scope from a region (a town or a village; others leave town and village
    blank) and an agency."""
    town = village = None
    region = village_region or region
    if region is not None and region.level == VILLAGE:
        village, town = region, region.parent
    elif region is not None and region.level == TOWN:
        town = region
    agency_region = agency.region if agency is not None else None
    if town is None and agency_region is not None and agency_region.level == TOWN:
        town = agency_region
    return Scope(
        agency_id=agency.pk if agency else None,
        agency=agency.name if agency else "",
        town_code=town.code if town else "",
        town=town.name if town else "",
        village_code=village.code if village else "",
        village=village.name if village else "",
    )


def _duty(rule, title, explanation, done_on, today, scope, url=None, period=None):
    return Duty(
        rule=rule,
        title=title,
        explanation=explanation,
        done_on=done_on,
        state=state_of(explanation.due, done_on, today),
        scope=scope,
        edit_url=url,
        period=period,
    )


# -- every duty -----------------------------------------------------------------------

# Types with a rule of their own instead of the 20/10-day rule.
OWN_RULES = (VillageDisclosurePage, AnnualReport, CreditListEntry)


def all_duties(today, calendar):
    """Every duty of every rule, sorted by deadline."""
    finder = AdminURLFinder()
    since = today - datetime.timedelta(days=HORIZON_DAYS)
    catalogue_ids = _catalogue_topic_ids()
    rows = []
    for model in disclosure_models():
        if not issubclass(model, OWN_RULES):
            rows += proactive_duties(
                model, since, today, calendar, catalogue_ids, finder
            )
        rows += publicity_duties(model, since, today, calendar, finder)
    from .village_duties import village_duties  # which builds on this module

    rows += village_duties(today, calendar)
    rows += charity_duties(today, calendar, finder)
    rows += credit_duties(since, today, calendar, finder)
    rows.sort(key=lambda duty: (duty.due, duty.rule, duty.title))
    return rows


def _catalogue_topic_ids():
    """Topics whose code, or a parent's, is a 标准目录 code. One query."""
    codes = catalogue_topics()
    if not codes:
        return frozenset()
    topics = {
        pk: (code, parent)
        for pk, code, parent in Topic.objects.values_list("pk", "code", "parent_id")
    }
    found = set()
    for pk in topics:
        node = pk
        while node is not None:
            code, parent = topics[node]
            if code in codes:
                found.add(pk)
                break
            node = parent
    return frozenset(found)


def _default_language(rows, model):
    if hasattr(model, "locale"):  # translations are the same document
        return rows.filter(locale__language_code=settings.LANGUAGE_CODE)
    return rows


def _online(model):
    return Exists(public_items(model).filter(pk=OuterRef("pk")))


def proactive_duties(model, since, today, calendar, catalogue_ids, finder):
    """主动公开 and 标准目录 items made within the horizon: one query."""
    rows = _default_language(
        model.objects.filter(
            disclosure_mode=DisclosureMode.PROACTIVE, written_on__gte=since
        ),
        model,
    )
    rows = rows.annotate(online=_online(model)).select_related("agency__region__parent")
    for item in rows:
        was_published = getattr(item, "first_published_at", None) is not None
        if was_published and not item.online:
            continue  # withdrawn or expired: no longer a duty
        if item.online and item.publication_date is None:
            continue  # public, with no date to judge by
        catalogue = item.topic_id in catalogue_ids
        rule, days = (
            (CATALOGUE, CATALOGUE_DAYS)
            if catalogue
            else (
                PROACTIVE,
                PROACTIVE_DAYS,
            )
        )
        explanation = calendar.explain(item.written_on, days, event=_("成文"))
        yield _duty(
            rule,
            str(getattr(item, "title", "") or item),
            explanation,
            item.publication_date if item.online else None,
            today,
            scope_of(None, item.agency),
            finder.get_edit_url(item),
        )


def publicity_period(item, calendar, days):
    """A 公示's period: from the day it went online, ``days`` working days."""
    return calendar.explain(item.publication_date, days, event=_("公示开始"))


def publicity_duties(model, since, today, calendar, finder):
    """公示 items: due to leave public view when their period ends; done when they
    left it (taken down with a notice). Two queries."""
    from publishing.withdrawals import Withdrawal

    genres = publicity_genres()
    if not genres:
        return
    rows = _default_language(
        model.objects.filter(genre__code__in=genres), model
    ).annotate(online=_online(model))
    if hasattr(model, "first_published_at"):
        rows = rows.filter(first_published_at__date__gte=since)
    rows = list(rows.select_related("agency__region__parent", "genre"))
    ended = {
        withdrawal.item_key: withdrawal.withdrawn_at
        for withdrawal in Withdrawal.objects.filter(
            item_key__in=[item_key(item) for item in rows if not item.online]
        ).order_by("withdrawn_at")
    }
    for item in rows:
        if item.publication_date is None:
            continue
        if not item.online and item_key(item) not in ended:
            continue  # never shown, or taken down some other way
        explanation = publicity_period(item, calendar, genres[item.genre.code])
        left = ended.get(item_key(item))
        left_on = None if item.online or left is None else timezone.localdate(left)
        # Shown up to and including its last day: it is late from the day after.
        yield _duty(
            PUBLICITY,
            str(getattr(item, "title", "") or item),
            explanation,
            None if left_on is None else left_on - ONE_DAY,
            today,
            scope_of(None, item.agency),
            finder.get_edit_url(item),
        )


def charity_duties(today, calendar, finder):
    """Each public charity's annual reports for the last two years. Two queries."""
    years = [today.year - 2, today.year - 1]
    charities = public_items(CharityOrganisation).select_related(
        "agency__region__parent", "region__parent"
    )
    reports = {}
    for report in public_items(AnnualReport).filter(year__in=years):
        key = (report.charity_id, report.year)
        day = report.publication_date
        if day and (key not in reports or day < reports[key][0]):
            reports[key] = (day, finder.get_edit_url(report))
    for charity in charities:
        for year in years:
            if charity.registered_on and charity.registered_on.year > year:
                continue
            day, url = reports.get((charity.pk, year), (None, None))
            yield _duty(
                CHARITY,
                _("%(charity)s%(year)s年度工作报告")
                % {
                    "charity": charity.name,
                    "year": year,
                },
                charity_deadline(year, calendar),
                day,
                today,
                scope_of(charity.region, charity.agency),
                url or finder.get_edit_url(charity),
            )


def credit_duties(since, today, calendar, finder):
    """Listing decisions within the horizon: public within 5 working days. One
    query."""
    rows = (
        CreditListEntry.objects.filter(listed_on__gte=since)
        .annotate(online=_online(CreditListEntry))
        .select_related("agency__region__parent", "organisation__region__parent")
    )
    for entry in rows:
        if entry.first_published_at is not None and not entry.online:
            continue  # withdrawn: no longer a duty
        yield _duty(
            CREDIT,
            str(entry),
            calendar.explain(entry.listed_on, CREDIT_DAYS, event=_("作出决定")),
            entry.publication_date if entry.online else None,
            today,
            scope_of(entry.organisation.region, entry.agency),
            finder.get_edit_url(entry),
        )
