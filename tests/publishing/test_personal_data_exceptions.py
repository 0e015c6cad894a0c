"""Recording that a number the guard found is not personal data: who may, what is
kept (exception and audit log), and that the number never shows in full."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

import publishing.guards  # noqa: F401 (registers the checks)
import publishing.guards.wagtail_hooks_guards  # noqa: F401 (admin wiring)
from content_models.disclosure.models import ArticlePage, PersonalDataException
from content_models.disclosure.publication import Problem
from publishing.guards.personal_data import personal_data_check
from publishing.guards.views import blocked_response, finding_token
from publishing.masking import mask_item

SERIAL = "150102199003071234"  # a project number that reads as an ID (check is wrong)
WRITTEN = "150102 19900307 1234"
MOBILE = "13812345678"


@pytest.fixture
def page(home, agency, admin_user):
    page = ArticlePage(
        title="项目公示",
        agency=agency,
        body=f"<p>项目编号{WRITTEN}，联系人手机{MOBILE}</p>",
        published_on=datetime.date(2025, 6, 20),
        live=False,
    )
    home.add_child(instance=page)
    page.save_revision(user=admin_user)
    return page


def url(page):
    return reverse(
        "publishing_personal_data", args=("disclosure", "articlepage", page.pk)
    )


def draft(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object()


def record(client, page, number=SERIAL, reason="这是项目编号，不是身份证号"):
    return client.post(
        url(page), {"finding": finding_token(page, number), "reason": reason}
    )


def assert_never_in_full(response):
    body = response.content.decode()
    for shown in (SERIAL, WRITTEN, MOBILE):
        assert shown not in body


def test_the_page_lists_each_finding_masked(admin_client, page):
    response = admin_client.get(url(page))
    assert response.status_code == 200
    body = response.content.decode()
    assert "150102********1234" in body and "138****5678" in body
    assert_never_in_full(response)
    assert not PersonalDataException.objects.exists()  # GET changes nothing


def test_a_reviewer_records_a_reason_and_the_guard_no_longer_blocks(
    admin_client, admin_user, page
):
    assert len(personal_data_check(draft(page))) == 2
    response = record(admin_client, page)
    assert response.status_code == 302
    exception = PersonalDataException.objects.get()
    assert (exception.item_key, exception.number) == (
        f"disclosure.articlepage:{page.pk}",
        SERIAL,
    )
    assert exception.created_by == admin_user
    problems = personal_data_check(draft(page))
    assert [p.message for p in problems] == [
        "含有未打码的手机号，公示时应写作138****5678"
    ]
    entry = PageLogEntry.objects.get(
        page=page, action="publishing.personal_data_exception"
    )
    assert entry.data == {
        "number_masked": "150102********1234",
        "reason": "这是项目编号，不是身份证号",
    }
    assert entry.user == admin_user
    assert_never_in_full(admin_client.get(url(page), follow=True))


def test_masking_leaves_the_recorded_number_alone(admin_client, admin_user, page):
    record(admin_client, page)
    assert mask_item(page, user=admin_user) == 1
    assert draft(page).body == f"<p>项目编号{WRITTEN}，联系人手机138****5678</p>"


def test_a_reason_is_required(admin_client, page):
    response = record(admin_client, page, reason="  ")
    assert response.status_code == 200
    assert not PersonalDataException.objects.exists()
    assert_never_in_full(response)


def test_a_number_not_in_the_draft_cannot_be_recorded(admin_client, page):
    response = record(admin_client, page, number="13912345678")
    assert response.status_code == 200
    assert not PersonalDataException.objects.exists()


def test_get_records_nothing(admin_client, page):
    admin_client.get(url(page), {"finding": finding_token(page, SERIAL), "reason": "x"})
    assert not PersonalDataException.objects.exists()


def test_a_user_who_cannot_edit_the_item_is_refused(client, django_user_model, page):
    user = django_user_model.objects.create_user(username="viewer", password="pw")
    group = Group.objects.create(name="只读")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert record(client, page).status_code in (403, 404)
    assert client.get(url(page)).status_code in (403, 404)
    assert not PersonalDataException.objects.exists()


def test_unknown_items_are_404(admin_client):
    missing = reverse("publishing_personal_data", args=("disclosure", "articlepage", 0))
    assert admin_client.get(missing).status_code == 404


def test_the_blocked_message_links_to_the_review_page(rf, admin_user, page):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = rf.post("/admin/")
    request.user = admin_user
    request.session = {}
    request._messages = FallbackStorage(request)
    problems = personal_data_check(draft(page)) + [Problem("正文", "其他问题")]
    blocked_response(request, problems, "/admin/")
    shown = " ".join(str(message) for message in request._messages)
    assert url(page) in shown
    assert SERIAL not in shown and MOBILE not in shown
