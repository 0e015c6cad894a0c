"""Reminders and applicants' mail through a real local SMTP server (aiosmtpd), and
through locmem where only the content matters."""

import datetime
import smtplib

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

import pytest

from clocks import emails, handling
from clocks.models import Answer, ReminderRun
from clocks.reminders import recipients, send_reminders

D = datetime.date
MONDAY = D(2026, 10, 26)


@pytest.fixture
def staff(person):
    from clocks.roles import HANDLERS
    from publishing.roles import PRINCIPALS

    return {
        "handler": person("handler", HANDLERS, email="handler@bureau.example"),
        "principal": person("principal", PRINCIPALS, email="head@bureau.example"),
        "no_mail": person("quiet", HANDLERS),
        "outsider": person("outsider", email="outsider@example.org"),
    }


@pytest.fixture
def late_and_soon(make_application):
    overdue = make_application(D(2026, 9, 1))[0]  # due 2026-09-29
    soon = make_application(D(2026, 9, 28))[0]  # due 2026-10-30
    fine = make_application(D(2026, 10, 26))[0]
    return overdue, soon, fine


def test_reminders_reach_handlers_and_principals_over_smtp(
    smtp_server,
    staff,
    late_and_soon,
):
    overdue, soon, fine = late_and_soon
    outcome = send_reminders(MONDAY)
    assert (outcome.sent, outcome.overdue, outcome.due_soon) == (2, 1, 1)
    assert sorted(to for to, _m in smtp_server.received for to in to) == [
        "handler@bureau.example",
        "head@bureau.example",
    ]
    message = smtp_server.messages[0]
    # Django folds a non-ASCII subject onto a continuation line; unfolded, it reads
    # with a leading space, which mail clients drop.
    assert message["Subject"].strip() == "依申请公开到期提醒：逾期1件，即将到期1件"
    text = message.get_content()
    assert f"{overdue.number}　答复期限 2026-09-29（逾期19个工作日）" not in text
    assert f"{overdue.number}　答复期限 2026-09-29（逾期15个工作日）" in text
    assert f"{soon.number}　答复期限 2026-10-30（剩4个工作日）" in text
    assert fine.number not in text
    assert "张三" not in text and "13812345678" not in text
    assert f"/admin/clocks/applications/{overdue.pk}/" in text


def test_reminders_go_once_a_working_day(smtp_server, staff, late_and_soon):
    assert send_reminders(MONDAY).sent == 2
    again = send_reminders(MONDAY)
    assert again.sent == 0 and "已经发送" in again.skipped
    assert send_reminders(D(2026, 10, 25)).skipped == "今天不是工作日"  # Sunday
    assert len(smtp_server.received) == 2
    assert send_reminders(MONDAY, force=True).sent == 2
    assert ReminderRun.objects.get(day=MONDAY).recipients == 2


def test_nothing_due_sends_nothing(smtp_server, staff, make_application):
    make_application(D(2026, 10, 26))
    outcome = send_reminders(MONDAY)
    assert outcome.sent == 0 and outcome.skipped
    assert not smtp_server.received
    assert not ReminderRun.objects.exists()


def test_a_dead_mail_server_fails_loudly_and_the_day_is_retried(
    settings, staff, late_and_soon
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(OSError):
        send_reminders(MONDAY)
    assert not ReminderRun.objects.exists()


def test_recipients_are_handlers_and_principals_with_an_address(staff):
    assert {user.username for user in recipients()} == {"handler", "principal"}


def test_the_command_reports_and_refuses_bad_dates(staff, late_and_soon, capsys):
    call_command("send_clock_reminders", "--date", "2026-10-26")
    out = capsys.readouterr().out
    assert "2026-10-26: overdue 1, due soon 1, mails sent 2" in out
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError, match="--date '26/10/2026'"):
        call_command("send_clock_reminders", "--date", "26/10/2026")


def test_the_reply_crosses_smtp_with_its_chinese_name_and_document(
    smtp_server,
    make_application,
    person,
    today,
    django_capture_on_commit_callbacks,
):
    from clocks.roles import HANDLERS

    handler = person("handler", HANDLERS)
    application = make_application()[0]
    with django_capture_on_commit_callbacks(execute=True):
        handling.reply(
            application,
            handler,
            Answer.DISCLOSED,
            "予以公开。",
            files=[SimpleUploadedFile("低保明细.xlsx", b"PK\x03\x04data")],
            date=D(2026, 10, 20),
        )
        application.refresh_from_db()
        emails.send_reply(application)
    [(to, message)] = smtp_server.received
    assert to == ["zhang@example.org"]
    assert message["Subject"].strip() == f"[{application.number}] 政府信息公开申请答复"
    [document] = list(message.iter_attachments())
    assert document.get_filename() == "低保明细.xlsx"
    assert document.get_content() == b"PK\x03\x04data"
    assert "答复类型：予以公开" in message.get_body(("plain",)).get_content()


def test_a_mail_failure_never_undoes_the_step(
    settings,
    make_application,
    person,
    today,
    django_capture_on_commit_callbacks,
    caplog,
):
    from clocks.roles import HANDLERS

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    handler = person("handler", HANDLERS)
    application = make_application()[0]
    with django_capture_on_commit_callbacks(execute=True):
        step = handling.request_supplement(
            application, handler, "缺年份", D(2026, 9, 30)
        )
        emails.send_step_notice(application, step, handling.current_clock(application))
    application.refresh_from_db()
    assert application.state == "awaiting_supplement"
    assert "mail to ['zhang@example.org'] failed" in caplog.text
    assert smtplib  # the backend raised SMTP/OS errors, logged above
