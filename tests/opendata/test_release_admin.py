"""The admin page 设置 → 开放数据版本: who may see it, cut a release, and the log."""

from django.contrib.auth.models import Group, Permission
from django.test import Client

from wagtail.models import ModelLogEntry

import pytest

from opendata.models import Release
from opendata.releases import CUT_ACTION
from tests.opendata.test_releases import release_storage  # noqa: F401 (fixture)

URL = "/admin/opendata/releases/"


def admin_user(django_user_model, name, *codenames):
    user = django_user_model.objects.create_user(username=name, password="pw")
    group = Group.objects.create(name=f"{name} group")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="opendata", codename__in=codenames
        ),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor(django_user_model):
    return admin_user(django_user_model, "editor")


@pytest.fixture
def publisher(django_user_model):
    return admin_user(django_user_model, "publisher", "add_release")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="boss", password="pw")


def test_an_editor_without_the_permission_gets_403(client, world, editor):
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"note": "x"}).status_code == 403
    assert not Release.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_menu_item_shows_only_to_those_who_may_cut(
    client, world, editor, superuser
):
    client.force_login(superuser)
    assert URL in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert URL not in client.get("/admin/").content.decode()


def test_a_permitted_user_cuts_a_release_and_it_is_logged(client, world, publisher):
    client.force_login(publisher)
    response = client.post(URL, {"note": "<b>年中</b>检查"})
    assert response.status_code == 302
    release = Release.objects.get()
    assert (release.kind, release.cut_by, release.note) == (
        "on_demand",
        publisher,
        "<b>年中</b>检查",
    )
    assert release.files.exists()
    entry = ModelLogEntry.objects.get(action=CUT_ACTION)
    assert (entry.user, entry.object_id) == (publisher, str(release.pk))

    page = client.get(URL).content.decode()
    assert release.label in page
    assert f"/opendata/releases/{release.label}/SHA256SUMS" in page
    assert "&lt;b&gt;年中&lt;/b&gt;检查" in page  # escaped


def test_a_superuser_may_cut(client, world, superuser):
    client.force_login(superuser)
    assert client.get(URL).status_code == 200
    assert client.post(URL, {}).status_code == 302
    assert Release.objects.get().cut_by == superuser


def test_cutting_needs_the_csrf_token(world, publisher):
    client = Client(enforce_csrf_checks=True)
    client.force_login(publisher)
    assert client.post(URL, {"note": ""}).status_code == 403
    assert not Release.objects.exists()


def test_a_duplicate_label_is_refused_clearly(client, world, publisher, monkeypatch):
    client.force_login(publisher)
    assert client.post(URL, {}).status_code == 302
    # A second cut in the same second would take the same label.
    label = Release.objects.get().label
    monkeypatch.setattr("opendata.releases.on_demand_label", lambda now: label)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert f"版本“{label}”已存在" in response.content.decode()
    assert Release.objects.count() == 1
