"""Staff steps on an application: each state change, each refusal the law asks for,
each permission, and the audit log entry every step leaves."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import ModelLogEntry

import pytest

from clocks import handling
from clocks.handling import StepRefused
from clocks.models import Answer, State, Step, StepKind

D = datetime.date


def log_actions(application):
    return list(
        ModelLogEntry.objects.filter(object_id=str(application.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def application(make_application, today):
    return make_application(D(2026, 9, 28))[0]


def test_receipt_is_in_the_audit_log_under_the_number_only(application):
    entry = ModelLogEntry.objects.get(object_id=str(application.pk))
    assert entry.action == "clocks.received"
    assert entry.label == application.number
    assert "张三" not in str(entry.data) and "138" not in str(entry.data)


def test_supplement_stops_and_its_arrival_restarts_the_clock(
    application, handler, today
):
    today(D(2026, 10, 9))
    handling.request_supplement(application, handler, "请写明年份", D(2026, 9, 30))
    application.refresh_from_db()
    assert application.state == State.AWAITING_SUPPLEMENT
    assert handling.current_clock(application).due is None
    handling.receive_supplement(application, handler, D(2026, 10, 9))
    application.refresh_from_db()
    clock = handling.current_clock(application)
    assert application.state == State.IN_PROGRESS
    assert clock.restarted and clock.due == D(2026, 11, 5)
    assert log_actions(application) == [
        "clocks.received",
        "clocks.supplement_requested",
        "clocks.supplement_received",
    ]


def test_supplement_is_asked_once_and_within_seven_working_days(
    application, handler, today
):
    today(D(2026, 10, 20))
    with pytest.raises(StepRefused, match="7个工作日"):
        handling.request_supplement(application, handler, "缺年份", D(2026, 10, 14))
    handling.request_supplement(application, handler, "缺年份", D(2026, 10, 13))
    handling.receive_supplement(application, handler, D(2026, 10, 15))
    with pytest.raises(StepRefused, match="一次性"):
        handling.request_supplement(application, handler, "还缺", D(2026, 10, 16))


def test_a_supplement_notice_must_say_what_is_missing(application, handler):
    with pytest.raises(StepRefused, match="补正的事项"):
        handling.request_supplement(application, handler, "  ", D(2026, 9, 30))


def test_consultation_pauses_and_resumes(application, handler):
    handling.start_consultation(application, handler, "征求某公司意见", D(2026, 10, 12))
    application.refresh_from_db()
    assert application.state == State.CONSULTING
    assert handling.current_clock(application).due is None
    with pytest.raises(StepRefused, match="征求第三方意见"):
        handling.reply(
            application, handler, Answer.DISCLOSED, "答复", date=D(2026, 10, 13)
        )
    handling.end_consultation(application, handler, "", D(2026, 10, 16))
    application.refresh_from_db()
    assert application.state == State.IN_PROGRESS
    assert handling.current_clock(application).due == D(2026, 11, 5)
    assert log_actions(application)[-2:] == [
        "clocks.consultation_started",
        "clocks.consultation_ended",
    ]


def test_a_principal_approves_an_extension(application, handler, principal):
    handling.request_extension(
        application, handler, 20, "涉及多个科室", D(2026, 10, 19)
    )
    assert handling.current_clock(application).due == D(2026, 10, 30)
    handling.decide_extension(application, principal, True, D(2026, 10, 20))
    clock = handling.current_clock(application)
    assert clock.due == D(2026, 11, 27)
    assert "延长 20 个工作日" in str(clock.explanation)
    approved = Step.objects.get(kind=StepKind.EXTENSION_APPROVED)
    assert approved.user == principal and approved.days == 20
    assert log_actions(application)[-2:] == [
        "clocks.extension_requested",
        "clocks.extension_approved",
    ]


def test_a_non_principal_cannot_decide_an_extension(application, handler, person):
    handling.request_extension(application, handler, 5, "理由", D(2026, 10, 19))
    boss = person("boss", is_superuser=True)  # superuser, but not 主要负责人
    for user in (handler, boss):
        with pytest.raises(PermissionDenied):
            handling.decide_extension(application, user, True, D(2026, 10, 20))
    assert not Step.objects.filter(kind=StepKind.EXTENSION_APPROVED).exists()
    assert handling.pending_extension(application) is not None


def test_a_refused_extension_leaves_the_deadline(application, handler, principal):
    handling.request_extension(application, handler, 5, "理由", D(2026, 10, 19))
    handling.decide_extension(application, principal, False, D(2026, 10, 20))
    assert handling.pending_extension(application) is None
    assert handling.current_clock(application).due == D(2026, 10, 30)
    with pytest.raises(StepRefused, match="没有等待审批"):
        handling.decide_extension(application, principal, True, D(2026, 10, 20))


@pytest.mark.parametrize("days", [0, 21, -1])
def test_an_extension_is_1_to_20_working_days(application, handler, days):
    with pytest.raises(StepRefused, match="1至20"):
        handling.request_extension(application, handler, days, "理由", D(2026, 10, 19))


def test_an_extension_needs_a_reason_and_comes_once(application, handler, principal):
    with pytest.raises(StepRefused, match="理由"):
        handling.request_extension(application, handler, 5, "", D(2026, 10, 19))
    handling.request_extension(application, handler, 5, "理由", D(2026, 10, 19))
    with pytest.raises(StepRefused, match="等待主要负责人审批"):
        handling.request_extension(application, handler, 5, "理由", D(2026, 10, 19))
    handling.decide_extension(application, principal, True, D(2026, 10, 19))
    with pytest.raises(StepRefused, match="已经延长过"):
        handling.request_extension(application, handler, 5, "再延", D(2026, 10, 20))


def test_no_extension_after_the_deadline(make_application, handler, today):
    late = make_application(D(2026, 8, 3))[0]  # due 2026-08-31
    with pytest.raises(StepRefused, match="答复期限已过"):
        handling.request_extension(late, handler, 5, "理由", D(2026, 9, 1))


def test_a_reply_closes_the_application(application, handler, private_folder):
    document = SimpleUploadedFile("答复书.pdf", b"%PDF-1.4 reply", "application/pdf")
    handling.reply(
        application,
        handler,
        Answer.PARTLY_DISCLOSED,
        "部分公开，见附件。",
        files=[document],
        date=D(2026, 10, 20),
    )
    application.refresh_from_db()
    assert application.state == State.ANSWERED
    assert application.reply.answer == Answer.PARTLY_DISCLOSED
    stored = application.reply.attachments.get()
    assert stored.name == "答复书.pdf"
    assert str(private_folder) in stored.file.path
    assert log_actions(application)[-1] == "clocks.answered"
    with pytest.raises(StepRefused, match="已答复"):
        handling.start_consultation(application, handler, "", D(2026, 10, 20))


def test_a_refusal_names_its_ground(application, handler):
    with pytest.raises(StepRefused, match="不予公开应写明理由"):
        handling.reply(
            application, handler, Answer.NOT_DISCLOSED, "不予公开", date=D(2026, 10, 20)
        )
    with pytest.raises(StepRefused, match="不符"):
        handling.reply(
            application,
            handler,
            Answer.NOT_DISCLOSED,
            "不予公开",
            ground="not_held",
            date=D(2026, 10, 20),
        )
    handling.reply(
        application,
        handler,
        Answer.NOT_DISCLOSED,
        "不予公开",
        ground="third_party",
        date=D(2026, 10, 20),
    )
    assert application.reply.get_ground_display() == "保护第三方合法权益"


def test_steps_are_dated_neither_in_the_future_nor_before_the_last(
    application, handler
):
    with pytest.raises(StepRefused, match="晚于今天"):
        handling.start_consultation(application, handler, "", D(2026, 10, 21))
    with pytest.raises(StepRefused, match="早于"):
        handling.start_consultation(application, handler, "", D(2026, 9, 27))
    handling.start_consultation(application, handler, "", D(2026, 10, 12))
    with pytest.raises(StepRefused, match="早于"):
        handling.end_consultation(application, handler, "", D(2026, 10, 11))


def test_people_without_the_handling_permission_cannot_act(
    application, outsider, principal
):
    for user in (outsider, principal):
        with pytest.raises(PermissionDenied):
            handling.start_consultation(application, user, "", D(2026, 10, 12))
    assert log_actions(application) == ["clocks.received"]
