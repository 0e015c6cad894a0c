"""The dashboard in Wagtail's admin: who may open it, what it shows and where its
flags lead, and its cost as the site grows."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from clocks.models import Application
from inspection.dashboard import inspect_site
from inspection.models import BrokenLink, ColumnSetting, LinkCheckRun
from inspection.roles import INSPECTORS, ensure_permissions
from publishing.roles import PRINCIPALS

from .conftest import NOW

URL = "/admin/inspection/"


@pytest.fixture
def user(db, django_user_model):
    def make(username, *permissions, **extra):
        person = django_user_model.objects.create_user(
            username=username, password="pw", **extra
        )
        for label in permissions:
            app_label, codename = label.split(".")
            person.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        return person

    return make


def test_the_address_is_the_named_route():
    assert reverse("inspection_dashboard") == URL


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_user_without_admin_access_gets_no_dashboard(client, user):
    client.force_login(user("resident", is_staff=True))
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_editor_without_the_permission_gets_no_dashboard(client, user, home):
    client.force_login(user("editor", "wagtailadmin.access_admin"))
    for method in (client.get, client.post, client.head):
        response = method(URL)
        assert response.status_code in (302, 403, 405)
        assert "单项否决" not in response.content.decode()
    menu = client.get("/admin/").content.decode()
    assert URL not in menu


def test_an_inspector_sees_the_dashboard_and_its_menu_item(client, user, home):
    client.force_login(
        user("inspector", "wagtailadmin.access_admin", "inspection.view_inspection")
    )
    response = client.get(URL)
    assert response.status_code == 200
    assert "单项否决·网站不更新" in response.content.decode()
    assert URL in client.get("/admin/").content.decode()


def test_an_inactive_inspector_gets_nothing(client, user, home):
    person = user("gone", "wagtailadmin.access_admin", "inspection.view_inspection")
    person.is_active = False
    person.save()
    client.force_login(person)
    assert client.get(URL).status_code == 302


def test_principals_and_bureau_editors_are_given_the_permission(db):
    ensure_permissions()
    for name in INSPECTORS:
        codenames = Group.objects.get(name=name).permissions.values_list(
            "codename", flat=True
        )
        assert "view_inspection" in codenames
    assert PRINCIPALS in INSPECTORS


def test_flags_link_to_where_they_are_fixed(admin_client, home, column, document):
    notices = column("空栏目")
    page = document(column("旧通知"), datetime.timedelta(days=400))
    run = LinkCheckRun.objects.create(started_at=NOW, finished_at=NOW)
    BrokenLink.objects.create(
        run=run,
        source=f"disclosure.articlepage:{page.pk}",
        source_title=page.title,
        fix_url=f"/admin/pages/{page.pk}/edit/",
        url="https://example.org/<gone>",
        internal=False,
        status=404,
        error="返回错误 404",
    )
    html = admin_client.get(URL).content.decode()
    assert f'href="/admin/pages/{notices.pk}/edit/"' in html
    assert f'href="/admin/pages/{page.get_parent().pk}/edit/"' in html
    assert f'href="/admin/pages/{page.pk}/edit/"' in html
    assert "https://example.org/&lt;gone&gt;" in html  # escaped
    assert "<gone>" not in html
    assert "空白栏目" in html and "不合格" in html


def build(column, document, numbers):
    """A column of three notices for each number, an empty column for every third,
    a broken link and a late application for each."""
    run = LinkCheckRun.objects.get_or_create(started_at=NOW, finished_at=NOW)[0]
    for number in numbers:
        notices = column(f"栏目{number}")
        for age in (1, 100, 400):
            page = document(notices, datetime.timedelta(days=age))
        if number % 3 == 0:
            column(f"空栏目{number}")
        BrokenLink.objects.create(
            run=run,
            source=f"disclosure.articlepage:{page.pk}",
            source_title=page.title,
            fix_url=f"/admin/pages/{page.pk}/edit/",
            url=f"https://example.org/{number}",
            internal=False,
            error="x",
        )
        Application.objects.create(
            number=f"2026-{number:04d}",
            secret_digest="x",
            applicant_type="citizen",
            name="某",
            description="x",
            delivery="online",
            received_on=datetime.date(2026, 1, 1),
        )


def queries_of(call):
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)


def test_the_dashboard_costs_the_same_queries_as_pages_grow_tenfold(
    admin_client, home, column, document
):
    build(column, document, range(2))
    small = inspect_site(NOW)
    small_queries = queries_of(lambda: inspect_site(NOW))
    small_view = queries_of(lambda: admin_client.get(URL))
    build(column, document, range(2, 20))  # 2 → 20 columns, 6 → 60 notices
    large = inspect_site(NOW)
    assert len(large.flags) > 5 * len(small.flags)
    assert queries_of(lambda: inspect_site(NOW)) == small_queries
    assert queries_of(lambda: admin_client.get(URL)) == small_view


def test_staff_set_a_columns_kind_in_the_settings(admin_client, column):
    news = column("工作动态")
    assert admin_client.get("/admin/inspection_columns/").status_code == 200
    response = admin_client.post(
        "/admin/inspection_columns/new/", {"page": news.pk, "kind": "news"}
    )
    assert response.status_code == 302
    assert ColumnSetting.objects.get(page=news).kind == "news"


def test_an_inspector_cannot_change_column_kinds_without_that_permission(
    client, user, column
):
    news = column("工作动态")
    client.force_login(
        user("inspector", "wagtailadmin.access_admin", "inspection.view_inspection")
    )
    client.post("/admin/inspection_columns/new/", {"page": news.pk, "kind": "news"})
    assert not ColumnSetting.objects.exists()
