"""The audit report: Wagtail's log of pages and records, filtered by person, section,
action and date, exported as CSV; only for those allowed to read the audit log."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.disclosure.spreadsheets import neutralise
from portal.demo.helpers import publish_reviewed
from publishing.emergency import emergency_publish
from publishing.withdrawals import withdraw
from tests.content_models.credit_factories import (  # noqa: F401 (fixtures)
    entry,
    org_fixture,
    section_fixture,
)

REPORT = reverse("publishing_audit")


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser(username="boss", password="pw")


@pytest.fixture
def other(django_user_model):
    return django_user_model.objects.create_superuser(username="laowang", password="pw")


@pytest.fixture
def notices(home):
    page = home.add_child(instance=ArticleIndexPage(title="通知公告", slug="notices"))
    publish_reviewed(page)
    return page


def article(parent, agency, user, title, slug):
    page = parent.add_child(
        instance=ArticlePage(title=title, slug=slug, agency=agency, body="<p>正文</p>")
    )
    # The person's own publication, as the audit log should show it.
    page.save_revision(user=user, log_action=True)
    emergency_publish(page, user, "测试：由本人发布")
    page.refresh_from_db()
    return page


@pytest.fixture
def history(notices, agency, section, org, boss, other):
    """Boss publishes and withdraws one notice; laowang publishes another; a credit
    entry is published by the system (no user)."""
    first = article(notices, agency, boss, "关于春节慰问的通知", "spring")
    article(notices, agency, other, "关于养老服务补贴的公告", "elderly")
    withdraw(first, "发布对象有误", boss)
    entry(org)
    return first


def listing(client, **params):
    response = client.get(REPORT, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_report_lists_page_and_record_entries(admin_client, history):
    page = listing(admin_client)
    assert "关于春节慰问的通知" in page and "关于养老服务补贴的公告" in page
    assert "清源区书法家协会 列入活动异常名录" in page
    assert "发布对象有误" in page  # the withdrawal's reason as its comment


def test_filter_by_person(admin_client, history, other):
    page = listing(admin_client, user=other.pk)
    assert "关于养老服务补贴的公告" in page
    assert "关于春节慰问的通知" not in page


def test_filter_by_section(admin_client, history):
    page = listing(admin_client, section="credit")
    assert "清源区书法家协会 列入活动异常名录" in page
    assert "关于春节慰问的通知" not in page
    page = listing(admin_client, section="disclosure")
    assert "关于春节慰问的通知" in page
    assert "清源区书法家协会 列入活动异常名录" not in page


def test_filter_by_action(admin_client, history):
    page = listing(admin_client, action="publishing.withdraw")
    assert "关于春节慰问的通知" in page
    assert "关于养老服务补贴的公告" not in page


def test_filter_by_date(admin_client, history):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    PageLogEntry.objects.filter(label="关于养老服务补贴的公告").update(
        timestamp=long_ago
    )
    ModelLogEntry.objects.update(timestamp=long_ago)
    day = timezone.localdate(long_ago).isoformat()
    page = listing(admin_client, timestamp_from=day, timestamp_to=day)
    assert "关于养老服务补贴的公告" in page
    assert "清源区书法家协会 列入活动异常名录" in page
    assert "关于春节慰问的通知" not in page
    page = listing(admin_client, timestamp_from=timezone.localdate().isoformat())
    assert "关于春节慰问的通知" in page
    assert "关于养老服务补贴的公告" not in page


def csv_of(client, **params):
    response = client.get(REPORT, {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content).decode("utf-8")


def test_csv_export_has_bom_chinese_headings_and_the_filtered_rows(
    admin_client, history, boss
):
    text = csv_of(admin_client, action="publishing.withdraw")
    assert text.startswith("\ufeff")
    rows = text.lstrip("\ufeff").splitlines()
    assert rows[0] == "时间,操作人,操作类型,栏目,信息类型,编号,名称,说明"
    assert len(rows) == 2
    cells = rows[1].split(",")
    assert cells[1] == "boss" and cells[2] == "撤回"
    assert cells[3] == "政府信息公开" and cells[6] == "关于春节慰问的通知"
    assert cells[7] == "发布对象有误"
    assert cells[0].startswith(str(timezone.localdate().year))


def test_csv_cells_that_look_like_formulas_are_neutralised(
    admin_client, notices, agency, boss
):
    article(notices, agency, boss, '=HYPERLINK("/x","点此")', "evil")
    text = csv_of(admin_client, action="wagtail.publish")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("低保", "低保"),
    ],
)
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


# -- permission --------------------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="pw")
    group = Group.objects.create(name="只能进入后台")  # admin access, nothing else
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def auditor(django_user_model):
    """May read the audit log, edits nothing."""
    user = django_user_model.objects.create_user(username="auditor", password="pw")
    group = Group.objects.create(name="审计")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_audit_report"),
    )
    user.groups.add(group)
    return user


def test_a_normal_editor_may_not_read_the_audit_log(client, history, editor):
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert client.get(REPORT, {"export": "csv"}).status_code == 302
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_audit_permission_shows_everything(client, history, auditor):
    client.force_login(auditor)
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()
    page = listing(client)
    assert "关于春节慰问的通知" in page
    assert "清源区书法家协会 列入活动异常名录" in page
