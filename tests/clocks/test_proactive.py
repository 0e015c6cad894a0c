"""主动公开时限 (条例 第二十六条): made or changed items go online within 20 working
days; staff see what is overdue, due soon and late, read through the public rule."""

import datetime

from django.contrib.auth.models import Permission

import pytest

from clocks.calendar import WorkingCalendar
from clocks.proactive import duties
from clocks.roles import HANDLERS
from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page
from publishing.withdrawals import withdraw

D = datetime.date
TODAY = D(2026, 10, 26)
CAL = WorkingCalendar()


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def draft(notices, agency, title, written_on, **fields):
    page = ArticlePage(
        title=title,
        slug=f"p{abs(hash(title)) % 10**8}",
        agency=agency,
        body="<p>正文</p>",
        written_on=written_on,
        live=False,
        **fields,
    )
    notices.add_child(instance=page)
    page.save_revision()
    return page


def online(notices, agency, title, written_on, published_on, **fields):
    return publish_page(
        notices,
        ArticlePage(
            title=title,
            slug=f"p{abs(hash(title)) % 10**8}",
            agency=agency,
            body="<p>正文</p>",
            written_on=written_on,
            published_on=published_on,
            **fields,
        ),
    )


def titles(rows):
    return [duty.title for duty in rows]


def test_drafts_past_their_20_working_days_are_overdue(notices, agency):
    # 2026-09-01 + 20 working days = 2026-09-29; 2026-10-16 + 20 = 2026-11-13.
    draft(notices, agency, "养老补贴调整通知", D(2026, 9, 1))
    draft(notices, agency, "临时救助办法", D(2026, 10, 16))
    draft(notices, agency, "新近起草", D(2026, 10, 23))
    lists = duties(TODAY, CAL)
    assert titles(lists.overdue) == ["养老补贴调整通知"]
    overdue = lists.overdue[0]
    assert overdue.due == D(2026, 9, 29)
    assert str(overdue.explanation).startswith("成文 2026年9月1日 + 20 个工作日")
    assert overdue.edit_url.endswith(
        f"/pages/{ArticlePage.objects.get(title='养老补贴调整通知').pk}/edit/"
    )
    assert titles(lists.pending) == ["临时救助办法", "新近起草"]
    # 2026-11-13 is 14 working days away: pending; move today a week before it.
    assert titles(duties(D(2026, 11, 9), CAL).due_soon) == ["临时救助办法"]


def test_published_items_are_judged_by_their_publication_date(notices, agency):
    online(notices, agency, "按期公开", D(2026, 9, 1), D(2026, 9, 29))
    online(notices, agency, "逾期公开", D(2026, 9, 1), D(2026, 9, 30))
    lists = duties(TODAY, CAL)
    assert titles(lists.done_late) == ["逾期公开"]
    assert lists.done_late[0].online_on == D(2026, 9, 30)
    assert lists.done_on_time == 1
    assert not lists.overdue and not lists.due_soon


def test_a_repeal_must_go_online_within_20_working_days_too(notices, agency):
    online(
        notices,
        agency,
        "已废止的标准",
        D(2025, 6, 1),
        D(2025, 6, 3),
        validity="已废止",
        validity_changed_on=D(2026, 9, 1),
    )
    # The live version carrying the repeal was published on 2025-06-03 (backdated);
    # set it to the real day the change went online.
    page = ArticlePage.objects.get(title="已废止的标准")
    ArticlePage.objects.filter(pk=page.pk).update(
        last_published_at=datetime.datetime(2026, 10, 12, 9, tzinfo=datetime.UTC)
    )
    lists = duties(TODAY, CAL)
    [late] = lists.done_late
    assert late.event == "changed" and late.online_on == D(2026, 10, 12)
    assert str(late.explanation).startswith("修订、废止或失效 2026年9月1日")


def test_withdrawn_items_and_applications_on_request_are_not_duties(
    notices, agency, person
):
    page = online(notices, agency, "撤回的通知", D(2026, 9, 1), D(2026, 9, 2))
    withdraw(page, "数据有误", None)
    draft(
        notices, agency, "依申请公开的信息", D(2026, 9, 1), disclosure_mode="依申请公开"
    )
    lists = duties(TODAY, CAL)
    assert not lists.overdue and not lists.done_late and lists.done_on_time == 0


def test_translations_count_once(notices, agency, english, home):
    from portal.demo.helpers import translate_page

    page = online(notices, agency, "低保标准", D(2026, 9, 1), D(2026, 9, 30))
    translate_page(home, "Home")
    translate_page(notices, "Notices")
    translate_page(page, "Allowance standard")
    assert titles(duties(TODAY, CAL).done_late) == ["低保标准"]


def test_the_list_costs_the_same_queries_for_ten_times_the_items(notices, agency):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    draft(notices, agency, "甲", D(2026, 9, 1))
    with CaptureQueriesContext(connection) as few:
        duties(TODAY, CAL)
    for n in range(10):
        draft(notices, agency, f"乙{n}", D(2026, 9, 1))
    with CaptureQueriesContext(connection) as many:
        duties(TODAY, CAL)
    assert len(many) == len(few)


def test_the_admin_page_is_for_watchers_only(
    client, person, notices, agency, monkeypatch
):
    from clocks import handling

    monkeypatch.setattr(handling, "today", lambda: TODAY)
    draft(notices, agency, "养老补贴调整通知", D(2026, 9, 1))
    watcher = person("watcher", HANDLERS)
    client.force_login(watcher)
    html = client.get("/admin/clocks/proactive/").content.decode()
    assert "逾期未公开（1）" in html and "养老补贴调整通知" in html
    stranger = person("stranger")
    stranger.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(stranger)
    response = client.get("/admin/clocks/proactive/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
