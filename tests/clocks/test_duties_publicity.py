"""公示 items leave public view when their period ends: through publishing (an
announcement of the withdrawal), with a public notice "公示期已满" instead of a 404."""

import datetime
import io

from django.core.management import call_command

import pytest

from clocks import duties
from clocks.calendar import WorkingCalendar
from clocks.publicity import close_publicity, ended_publicity
from content_models.disclosure.announcements import public_items_changed
from content_models.disclosure.models import ArticlePage, Genre
from content_models.disclosure.public import is_public
from publishing.withdrawals import Withdrawal

from .duty_builders import article, notices_page

D = datetime.date
CAL = WorkingCalendar()


@pytest.fixture
def publicity(home, agency, settings):
    settings.CLOCKS_PUBLICITY_GENRES = {"gs": 7}
    genre = Genre.objects.create(code="gs", name="公示")
    notices = notices_page(home)
    # Online 2026-02-12; 7 working days over the Spring Festival (Feb 15–23 off,
    # Saturdays Feb 14 and Feb 28 worked) end on 2026-02-28.
    listed = article(
        notices,
        agency,
        "青山镇2026年第1批低保初审名单公示",
        D(2026, 2, 10),
        D(2026, 2, 12),
        genre=genre,
    )
    other = article(notices, agency, "普通通知", D(2026, 2, 10), D(2026, 2, 12))
    return {"listed": listed, "other": other}


@pytest.fixture
def announced():
    heard = []

    def listener(sender, changes, **kwargs):
        heard.extend(changes)

    public_items_changed.connect(listener)
    yield heard
    public_items_changed.disconnect(listener)


def test_a_publicity_stays_up_through_its_last_day(publicity):
    assert ended_publicity(D(2026, 2, 28), CAL) == []
    [row] = [
        d for d in duties.all_duties(D(2026, 2, 28), CAL) if d.rule == duties.PUBLICITY
    ]
    assert row.state == duties.DUE and row.due == D(2026, 2, 28)
    assert "春节" in str(row.explanation) and "调休" in str(row.explanation)
    late = [
        d for d in duties.all_duties(D(2026, 3, 2), CAL) if d.rule == duties.PUBLICITY
    ]
    assert [d.state for d in late] == [duties.OVERDUE]  # still up after its end


def test_closing_takes_it_down_through_publishing_with_a_notice(
    client, publicity, announced
):
    page = publicity["listed"]
    url = page.url
    assert client.get(url).status_code == 200
    [closed] = close_publicity(D(2026, 3, 1), CAL)
    assert closed.pk == page.pk
    page = ArticlePage.objects.get(pk=page.pk)
    assert not is_public(page)
    assert is_public(ArticlePage.objects.get(pk=publicity["other"].pk))
    [withdrawn] = [c for c in announced if c.withdrawn]
    assert withdrawn.item.pk == page.pk
    assert "公示期已满" in withdrawn.note
    response = client.get(url)
    assert response.status_code == 410
    body = response.content.decode()
    assert "公示期已满" in body and "2026年2月28日" in body
    # Closing again does nothing.
    assert close_publicity(D(2026, 3, 2), CAL) == []


@pytest.mark.parametrize(
    ("closed_on", "state"),
    [(D(2026, 3, 1), duties.ON_TIME), (D(2026, 3, 3), duties.LATE)],
)
def test_a_closed_publicity_is_done_in_time_or_late(publicity, closed_on, state):
    close_publicity(closed_on, CAL)
    # The withdrawal is stamped with the real clock; put it on the day it ran.
    moment = datetime.datetime(*closed_on.timetuple()[:3], 1, tzinfo=datetime.UTC)
    Withdrawal.objects.update(withdrawn_at=moment)
    [row] = [d for d in duties.all_duties(closed_on, CAL) if d.rule == duties.PUBLICITY]
    assert row.state == state


def test_the_command_closes_ended_publicity(publicity, today):
    today(D(2026, 3, 5))
    out = io.StringIO()
    call_command("close_publicity", stdout=out)
    assert "1 公示 closed" in out.getvalue()
    assert not is_public(ArticlePage.objects.get(pk=publicity["listed"].pk))
    assert Withdrawal.objects.get().reason.startswith("公示期已满")


def test_without_publicity_genres_nothing_closes(publicity, settings):
    settings.CLOCKS_PUBLICITY_GENRES = {}
    assert close_publicity(D(2026, 6, 1), CAL) == []
