"""Applications left unanswered for three months (read from clocks, never changed)."""

import datetime

from clocks.models import Application, State
from inspection import rules
from inspection.consultations import unanswered_flags

from .conftest import NOW

TODAY = NOW.date()  # 2026-10-20
THREE_MONTHS_AGO = datetime.date(2026, 7, 20)


def application(number, received_on, state=State.IN_PROGRESS):
    return Application.objects.create(
        number=number,
        secret_digest="x" * 64,
        applicant_type="citizen",
        name="张三",
        phone="13800138000",
        description="低保名单",
        delivery="online",
        received_on=received_on,
        state=state,
    )


def test_an_application_is_flagged_the_day_after_three_months(db):
    application("2026-0001", THREE_MONTHS_AGO)
    assert unanswered_flags(NOW) == []
    late = application("2026-0002", THREE_MONTHS_AGO - datetime.timedelta(days=1))
    [flag] = unanswered_flags(NOW)
    assert flag.rule is rules.UNANSWERED
    assert flag.subject == "2026-0002"
    assert flag.fix_url == f"/admin/clocks/applications/{late.pk}/"


def test_every_open_state_counts_and_answered_ones_do_not(db):
    old = datetime.date(2026, 1, 5)
    for number, state in enumerate(State):
        application(f"2026-{number:04d}", old, state)
    flagged = {flag.subject for flag in unanswered_flags(NOW)}
    assert flagged == {"2026-0000", "2026-0001", "2026-0002"}
    assert State.ANSWERED.value == list(State)[3]


def test_the_flag_never_shows_the_applicant(db):
    application("2026-0009", datetime.date(2026, 1, 5))
    [flag] = unanswered_flags(NOW)
    text = f"{flag.subject} {flag.detail}"
    assert "张三" not in text and "13800138000" not in text
