"""Administrators edit synonyms and see when index updates are waiting."""

import pytest

from search.models import PendingUpdate, SynonymGroup


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


def test_administrators_add_synonym_groups(admin_client):
    response = admin_client.post(
        "/admin/snippets/search/synonymgroup/add/", {"terms": "低保，最低生活保障"}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.get().term_list() == ["低保", "最低生活保障"]


def test_a_single_term_is_refused_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/search/synonymgroup/add/", {"terms": "低保"}
    )
    assert response.status_code == 200
    assert not SynonymGroup.objects.exists()
    assert "同义词组至少要有两个词" in response.content.decode()


def test_editors_cannot_edit_synonyms(client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="pw")
    client.force_login(user)
    response = client.get("/admin/snippets/search/synonymgroup/")
    assert response.status_code in (302, 403)


def test_the_dashboard_warns_about_waiting_updates(admin_client, home):
    assert "站内搜索索引" not in admin_client.get("/admin/").content.decode()
    PendingUpdate.objects.create(
        key="disclosure.articlepage:1", last_error="boom: down"
    )
    page = admin_client.get("/admin/").content.decode()
    assert "站内搜索索引" in page and "boom: down" in page
