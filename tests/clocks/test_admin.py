"""The staff's admin pages: the overdue and due-soon lists, one application's page,
and the steps POSTed to it, by the right people only."""

import datetime

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import ModelLogEntry

import pytest

from clocks import handling
from clocks.models import Application, State, Step, StepKind

D = datetime.date
LIST = "/admin/clocks/applications/"


def refused(response):
    """Wagtail's admin answers PermissionDenied by sending the person to the
    dashboard with a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def page(pk):
    return f"/admin/clocks/applications/{pk}/"


def step_url(pk, action):
    return f"/admin/clocks/applications/{pk}/{action}/"


@pytest.fixture
def admin_only(person):
    """Someone who may enter the admin, and nothing about applications."""
    user = person("clerk")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


def test_the_lists_show_overdue_and_due_soon(client, handler, make_application, today):
    today(D(2026, 10, 26))
    overdue = make_application(D(2026, 9, 1))[0]  # due 2026-09-29
    soon = make_application(D(2026, 9, 28))[0]  # due 2026-10-30: 4 working days left
    later = make_application(D(2026, 10, 19))[0]
    stopped = make_application(D(2026, 10, 19))[0]
    handling.request_supplement(stopped, handler, "缺年份", D(2026, 10, 20))
    client.force_login(handler)
    html = client.get(LIST).content.decode()
    overdue_part, rest = html.split('id="soon-heading"')
    soon_part, other_part = rest.split('id="rest-heading"')
    assert overdue.number in overdue_part and "逾期 15 个工作日" in overdue_part
    assert soon.number in soon_part and soon.number not in overdue_part
    assert later.number in other_part and stopped.number in other_part
    assert "计时暂停" in other_part
    assert "张三" not in html  # lists show numbers, not people


def test_the_lists_cost_the_same_queries_for_ten_times_the_applications(
    client, handler, make_application, today, django_assert_max_num_queries
):
    client.force_login(handler)
    make_application(D(2026, 9, 1))
    client.get(LIST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(10):
        make_application(D(2026, 9, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)


def test_people_without_the_permission_see_nothing(
    client, admin_only, make_application
):
    application = make_application()[0]
    client.force_login(admin_only)
    assert refused(client.get(LIST))
    assert refused(client.get(page(application.pk)))
    assert refused(client.post(step_url(application.pk, "consultation"), {}))
    assert not Step.objects.exists()


def test_the_page_offers_what_the_state_allows(
    client, handler, make_application, today
):
    application = make_application()[0]
    client.force_login(handler)
    html = client.get(page(application.pk)).content.decode()
    assert "张三" in html and "zhang@example.org" in html  # staff see the applicant
    assert "收到申请 2026年9月28日 + 20 个工作日" in html
    for label in ("告知补正", "征求第三方意见", "申请延长答复期限", "答复"):
        assert label in html
    assert "审批延长答复期限" not in html and "收到补正" not in html


def test_a_handler_stops_the_clock_and_the_applicant_is_told(
    client, handler, make_application, today, django_capture_on_commit_callbacks
):
    application = make_application()[0]
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            step_url(application.pk, "supplement"),
            {"date": "2026-09-30", "note": "请写明所需信息的年份"},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.AWAITING_SUPPLEMENT
    assert [m.subject for m in mail.outbox] == [
        f"[{application.number}] 请补正政府信息公开申请"
    ]
    assert "请写明所需信息的年份" in mail.outbox[0].body


def test_a_refused_step_says_why_and_changes_nothing(
    client, handler, make_application, today
):
    application = make_application()[0]
    client.force_login(handler)
    response = client.post(
        step_url(application.pk, "extension"),
        {"days": "5", "note": "理由", "date": "2026-11-02"},  # in the future
        follow=True,
    )
    assert "日期不能晚于今天" in response.content.decode()
    response = client.post(
        step_url(application.pk, "extension"),
        {"days": "30", "note": "理由"},
        follow=True,
    )
    assert "延长工作日数" in response.content.decode()
    assert not Step.objects.exists()


def test_only_a_principal_decides_an_extension_even_by_direct_post(
    client, handler, principal, make_application, today, person
):
    application = make_application()[0]
    handling.request_extension(
        application, handler, 10, "涉及多个科室", D(2026, 10, 19)
    )
    superuser = person("root", is_superuser=True)
    for user in (handler, superuser):
        client.force_login(user)
        html = client.get(page(application.pk)).content.decode()
        assert "审批延长答复期限" not in html
        response = client.post(
            step_url(application.pk, "extension-decision"), {"approve": "1"}
        )
        assert refused(response)
    assert not Step.objects.filter(kind=StepKind.EXTENSION_APPROVED).exists()
    client.force_login(principal)
    assert "审批延长答复期限" in client.get(page(application.pk)).content.decode()
    response = client.post(
        step_url(application.pk, "extension-decision"), {"approve": "1"}
    )
    assert response.status_code == 302
    assert handling.current_clock(application).extension_days == 10
    assert ModelLogEntry.objects.filter(
        action="clocks.extension_approved", user=principal
    ).exists()


def test_a_principal_without_handling_rights_cannot_take_other_steps(
    client, principal, make_application, today
):
    application = make_application()[0]
    client.force_login(principal)
    assert client.get(page(application.pk)).status_code == 200
    assert refused(client.post(step_url(application.pk, "reply"), {}))


def test_the_reply_is_mailed_with_its_documents(
    client, handler, make_application, today, django_capture_on_commit_callbacks
):
    application = make_application()[0]
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            step_url(application.pk, "reply"),
            {
                "answer": "cannot_provide",
                "ground": "not_held",
                "note": "经检索，本机关未制作该信息。",
                "files": [SimpleUploadedFile("告知书.pdf", b"%PDF-1.4 letter")],
            },
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.ANSWERED
    [message] = mail.outbox
    assert "无法提供（本机关不掌握相关政府信息）" in message.body
    assert message.attachments[0][0] == "告知书.pdf"
    assert message.attachments[0][1] == b"%PDF-1.4 letter"
    document = application.reply.attachments.get()
    download = client.get(
        f"/admin/clocks/applications/{application.pk}/documents/{document.pk}/"
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.4 letter"


def test_a_document_of_a_forbidden_type_is_refused(
    client, handler, make_application, today
):
    application = make_application()[0]
    client.force_login(handler)
    response = client.post(
        step_url(application.pk, "reply"),
        {
            "answer": "disclosed",
            "note": "见附件",
            "files": [SimpleUploadedFile("run.exe", b"MZ")],
        },
        follow=True,
    )
    assert "run.exe" in response.content.decode()
    assert Application.objects.get().state == State.IN_PROGRESS


def test_unknown_actions_and_gets_are_refused(client, handler, make_application):
    application = make_application()[0]
    client.force_login(handler)
    assert client.post(step_url(application.pk, "delete")).status_code == 404
    assert client.get(step_url(application.pk, "reply")).status_code == 405
    assert client.get(page(999999)).status_code == 404


def test_every_step_reads_in_wagtails_audit_report(
    admin_client, make_application, today, handler
):
    application = make_application()[0]
    handling.start_consultation(application, handler, "", D(2026, 10, 12))
    html = admin_client.get("/admin/reports/site-history/").content.decode()
    assert "收到政府信息公开申请" in html and "征求第三方意见" in html
    assert application.number in html and "张三" not in html


def test_the_dashboard_tells_handlers_what_is_late(
    client, handler, outsider, make_application, today
):
    make_application(D(2026, 9, 1))
    client.force_login(handler)
    html = client.get("/admin/").content.decode()
    assert "逾期未答复 1 件" in html and LIST in html


def test_a_calendar_change_moves_open_deadlines_and_is_audited(
    admin_client, make_application, today
):
    application = make_application(D(2026, 9, 28))[0]
    assert handling.current_clock(application).due == D(2026, 10, 30)
    response = admin_client.post(
        "/admin/snippets/clocks/calendaradjustment/add/",
        {"date": "2026-10-29", "is_working_day": "", "note": "防汛停工"},
    )
    assert response.status_code == 302
    clock = handling.current_clock(application)
    assert clock.due == D(2026, 11, 2)
    assert "防汛停工（10月29日）" in str(clock.explanation)
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", content_type__model="calendaradjustment"
    ).exists()
