"""The duty of active disclosure (条例 第二十六条): what is 主动公开 goes online within
20 working days of being made (成文日期) or changed (修订、废止、失效 on
``validity_changed_on``). Staff see what is overdue, what is due within
DUE_SOON_DAYS working days, and what went online late.

Whether an item is online is the public rule's answer (``public_items``), never
decided here; the day it went online is its 发布日期 (``publication_date``: as
entered, else Wagtail's first publication), or for a change the day its live version
was last published. A change still sitting in a draft revision is not seen until it
is published. Items taken offline after publication (撤回, 失效) are no longer
duties. One query per disclosure model, whatever the number of items.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.admin_url_finder import AdminURLFinder

from content_models.disclosure.metadata import DisclosureMode, Validity
from content_models.disclosure.public import disclosure_models, public_items

from .clock import DUE_SOON_DAYS

PROACTIVE_DAYS = 20
# How far back made or changed items are looked at.
HORIZON_DAYS = 400

MADE = "made"
CHANGED = "changed"
EVENTS = {MADE: _("成文"), CHANGED: _("修订、废止或失效")}


@dataclasses.dataclass(frozen=True)
class Duty:
    title: str
    kind: str  # the model's verbose name
    event: str  # MADE or CHANGED
    since: datetime.date
    explanation: object  # calendar.Explanation: since + 20 working days
    online_on: datetime.date | None
    edit_url: str | None

    @property
    def due(self):
        return self.explanation.due

    @property
    def event_label(self):
        return EVENTS[self.event]

    def late(self):
        return self.online_on is not None and self.online_on > self.due


@dataclasses.dataclass
class DutyLists:
    overdue: list
    due_soon: list
    pending: list
    done_late: list
    done_on_time: int = 0


def duties(today, calendar, models=None):
    """Every active-disclosure duty started within HORIZON_DAYS, sorted into lists."""
    lists = DutyLists([], [], [], [])
    finder = AdminURLFinder()
    since = today - datetime.timedelta(days=HORIZON_DAYS)
    for model in models or disclosure_models():
        for duty, online in _duties_of(model, since, calendar, finder):
            if duty.online_on is not None:
                if duty.late():
                    lists.done_late.append(duty)
                else:
                    lists.done_on_time += 1
            elif online:
                continue  # public, but with no date to judge by
            elif today > duty.due:
                lists.overdue.append(duty)
            elif calendar.working_days_between(today, duty.due) <= DUE_SOON_DAYS:
                lists.due_soon.append(duty)
            else:
                lists.pending.append(duty)
    for rows in (lists.overdue, lists.due_soon, lists.pending, lists.done_late):
        rows.sort(key=lambda duty: (duty.due, duty.title))
    return lists


def _duties_of(model, since, calendar, finder):
    rows = (
        model.objects.filter(disclosure_mode=DisclosureMode.PROACTIVE)
        .filter(
            Q(written_on__gte=since)
            | Q(validity_changed_on__gte=since) & ~Q(validity=Validity.VALID)
        )
        .annotate(online=Exists(public_items(model).filter(pk=OuterRef("pk"))))
        .select_related(*model.public_related)
    )
    if hasattr(model, "locale"):  # translations are the same document
        rows = rows.filter(locale__language_code=settings.LANGUAGE_CODE)
    kind = str(model._meta.verbose_name)
    for item in rows:
        was_published = getattr(item, "first_published_at", None) is not None
        if was_published and not item.online:
            continue  # withdrawn or expired: no longer a duty
        url = finder.get_edit_url(item)
        title = str(getattr(item, "title", "") or item)
        if item.written_on and item.written_on >= since:
            online_on = item.publication_date if item.online else None
            yield (
                _duty(
                    item, title, kind, MADE, item.written_on, online_on, url, calendar
                ),
                item.online,
            )
        if (
            item.online
            and item.validity != Validity.VALID
            and item.validity_changed_on
            and item.validity_changed_on >= since
        ):
            last = getattr(item, "last_published_at", None)
            online_on = timezone.localdate(last) if last else item.publication_date
            yield (
                _duty(
                    item,
                    title,
                    kind,
                    CHANGED,
                    item.validity_changed_on,
                    online_on,
                    url,
                    calendar,
                ),
                True,
            )


def _duty(item, title, kind, event, since, online_on, url, calendar):
    return Duty(
        title=title,
        kind=kind,
        event=event,
        since=since,
        explanation=calendar.explain(since, PROACTIVE_DAYS, event=EVENTS[event]),
        online_on=online_on,
        edit_url=url,
    )
