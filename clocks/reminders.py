"""The daily reminder to staff: which applications are overdue and which are due
within DUE_SOON_DAYS working days, one mail per person who handles applications
(依申请公开经办人) or answers for them (主要负责人). Sent on working days only, once
a day (``ReminderRun``); the mail lists numbers and deadlines, never applicants."""

import dataclasses

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from publishing.roles import PRINCIPALS

from .calendar import WorkingCalendar
from .clock import DUE_SOON_DAYS
from .due import open_applications
from .handling import HANDLE_PERMISSION
from .models import ReminderRun


@dataclasses.dataclass
class Outcome:
    sent: int = 0
    overdue: int = 0
    due_soon: int = 0
    skipped: str = ""  # why nothing was sent


def recipients():
    """Active people with an email who handle applications or are principals."""
    app_label, codename = HANDLE_PERMISSION.split(".")
    handles = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return list(
        get_user_model()
        .objects.filter(handles | Q(groups__name=PRINCIPALS), is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def body(overdue, soon):
    lines = []
    if overdue:
        lines.append(_("逾期未答复（%(n)s件）：") % {"n": len(overdue)})
        lines += [_line(row) for row in overdue]
        lines.append("")
    if soon:
        lines.append(
            _("%(days)s个工作日内到期（%(n)s件）：")
            % {"days": DUE_SOON_DAYS, "n": len(soon)}
        )
        lines += [_line(row) for row in soon]
        lines.append("")
    lines.append(_("全部申请：%(url)s") % {"url": admin_url("clocks_applications")})
    return "\n".join(lines) + "\n"


def _line(row):
    application, clock = row["application"], row["clock"]
    return _("%(number)s　答复期限 %(due)s（%(left)s）　%(url)s") % {
        "number": application.number,
        "due": clock.due.isoformat(),
        "left": _("逾期%(n)s个工作日") % {"n": -row["left"]}
        if row["left"] < 0
        else _("剩%(n)s个工作日") % {"n": row["left"]},
        "url": admin_url("clocks_application", application.pk),
    }


def send_reminders(today, force=False):
    """Mail today's lists to everyone in ``recipients()``; returns an Outcome."""
    calendar = WorkingCalendar.current()
    if not force and not calendar.is_working_day(today):
        return Outcome(skipped=_("今天不是工作日"))
    if not force and ReminderRun.objects.filter(day=today).exists():
        return Outcome(skipped=_("今天已经发送过提醒"))
    overdue, soon, _rest = open_applications(today, calendar)
    outcome = Outcome(overdue=len(overdue), due_soon=len(soon))
    if not overdue and not soon:
        outcome.skipped = _("没有逾期或即将到期的申请")
        return outcome
    people = recipients()
    if not people:
        outcome.skipped = _("没有可以接收提醒的人员（需有电子邮箱）")
        return outcome
    subject = _("依申请公开到期提醒：逾期%(overdue)s件，即将到期%(soon)s件") % {
        "overdue": len(overdue),
        "soon": len(soon),
    }
    text = body(overdue, soon)
    messages = [EmailMessage(subject, text, to=[person.email]) for person in people]
    # One connection for the whole batch; a failure raises (cron shows it) and the
    # day is not marked as done, so the next run tries again.
    with get_connection() as connection:
        outcome.sent = connection.send_messages(messages) or 0
    with transaction.atomic():
        ReminderRun.objects.update_or_create(
            day=today,
            defaults={
                "recipients": outcome.sent,
                "overdue": outcome.overdue,
                "due_soon": outcome.due_soon,
            },
        )
    return outcome
