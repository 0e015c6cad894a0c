"""The admin for the credit family: forms, the code-check override and its audit log."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from content_models.credit.models import SocialOrganisation

from .credit_factories import (  # noqa: F401 (fixtures)
    BAD_CHECKSUM,
    bad_code,
    entry,
    org_fixture,
    organisation,
    removal,
    valid_code,
)

ORG_URLS = "wagtailsnippets_credit_socialorganisation"
ENTRY_URLS = "wagtailsnippets_credit_creditlistentry"


def org_form_data(agency, **fields):
    data = {
        "name": "清源区诗词学会",
        "credit_code": valid_code(1, "诗词"),
        "org_type": "1",
        "registering_authority": "清源区民政局",
        "region": "",
        "registered_on": "2014-10-10",
        "address": "清源区图书馆二楼",
        "index_number": "",
        "summary": "",
        "agency": agency.pk,
        "written_on": "",
        "published_on": "",
        "document_number": "",
        "topic": "",
        "genre": "",
        "keywords": "",
        "source": "",
        "disclosure_mode": "主动公开",
        "validity": "有效",
        "validity_changed_on": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def editor(django_user_model):
    """An editor of the credit lists who may not override the code check."""
    user = django_user_model.objects.create_user(username="editor", password="pw")
    group = Group.objects.create(name="社会组织编辑")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="credit",
            codename__in=[
                "add_socialorganisation",
                "change_socialorganisation",
                "view_socialorganisation",
            ],
        ),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_superuser_create_and_edit_views_show_the_organisation_form(admin_client, org):
    page = admin_client.get(reverse(f"{ORG_URLS}:add")).content.decode()
    assert 'name="credit_code"' in page and 'name="credit_code_override"' in page
    page = admin_client.get(reverse(f"{ORG_URLS}:edit", args=[org.pk])).content.decode()
    assert org.credit_code in page and "公开信息" in page


def test_superuser_create_and_edit_views_show_entry_deadlines(admin_client, org):
    record = entry(org)
    page = admin_client.get(reverse(f"{ENTRY_URLS}:add")).content.decode()
    assert 'name="removal_reason"' in page
    page = admin_client.get(
        reverse(f"{ENTRY_URLS}:edit", args=[record.pk])
    ).content.decode()
    assert "期限提示" in page and "2025-01-02" in page and "2026-07-02" in page


def test_listings_search_by_name(admin_client, org, agency):
    organisation(agency, name="清源区摄影家协会")
    page = admin_client.get(reverse(f"{ORG_URLS}:list"), {"q": "书法"}).content.decode()
    assert "清源区书法家协会" in page and "清源区摄影家协会" not in page
    entry(org)
    entry(organisation(agency, name="清源区助学基金会", org_type="3"))
    page = admin_client.get(
        reverse(f"{ENTRY_URLS}:list"), {"q": "书法"}
    ).content.decode()
    assert "清源区书法家协会 列入活动异常名录" in page
    assert "清源区助学基金会" not in page


def test_editor_without_permission_does_not_get_the_override_fields(editor_client):
    page = editor_client.get(reverse(f"{ORG_URLS}:add")).content.decode()
    assert 'name="credit_code"' in page
    assert (
        'name="credit_code_override"' not in page
        and 'name="override_reason"' not in page
    )


def test_editor_without_permission_cannot_save_an_invalid_code(editor_client, agency):
    data = org_form_data(
        agency,
        credit_code=BAD_CHECKSUM,
        credit_code_override="on",
        override_reason="我说它是对的",
    )
    response = editor_client.post(reverse(f"{ORG_URLS}:add"), data)
    assert response.status_code == 200  # the form again, with the error
    assert "校验码不正确" in response.content.decode()
    assert not SocialOrganisation.objects.exists()
    assert not ModelLogEntry.objects.filter(
        action="credit.override_credit_code"
    ).exists()


def test_editor_can_save_a_valid_code(editor_client, agency):
    response = editor_client.post(reverse(f"{ORG_URLS}:add"), org_form_data(agency))
    assert response.status_code == 302
    assert SocialOrganisation.objects.get().name == "清源区诗词学会"


def test_permitted_user_overrides_with_a_reason_and_it_is_logged(
    admin_client, agency, admin_user
):
    data = org_form_data(
        agency,
        credit_code=BAD_CHECKSUM,
        org_type="2",
        credit_code_override="on",
        override_reason="与登记证书原件核对一致",
    )
    response = admin_client.post(reverse(f"{ORG_URLS}:add"), data)
    assert response.status_code == 302
    record = SocialOrganisation.objects.get()
    assert record.credit_code == BAD_CHECKSUM and record.credit_code_override
    log = ModelLogEntry.objects.get(action="credit.override_credit_code")
    assert log.object_id == str(record.pk) and log.user == admin_user
    assert log.data == {"code": BAD_CHECKSUM, "reason": "与登记证书原件核对一致"}
    assert BAD_CHECKSUM in log.message


def test_permitted_user_still_needs_a_reason(admin_client, agency):
    data = org_form_data(agency, credit_code=BAD_CHECKSUM, credit_code_override="on")
    response = admin_client.post(reverse(f"{ORG_URLS}:add"), data)
    assert "须填写例外理由" in response.content.decode()
    assert not SocialOrganisation.objects.exists()


def test_a_group_can_be_given_the_override_permission(editor_client, editor, agency):
    Group.objects.get(name="社会组织编辑").permissions.add(
        Permission.objects.get(codename="override_credit_code")
    )
    data = org_form_data(
        agency,
        credit_code=BAD_CHECKSUM,
        org_type="2",
        credit_code_override="on",
        override_reason="核对一致",
    )
    assert editor_client.post(reverse(f"{ORG_URLS}:add"), data).status_code == 302
    assert (
        ModelLogEntry.objects.get(action="credit.override_credit_code").user == editor
    )


def test_editor_changing_an_overridden_code_must_pass_the_check_again(
    editor_client, agency
):
    record = organisation(
        agency,
        credit_code=BAD_CHECKSUM,
        org_type="2",
        credit_code_override=True,
        override_reason="核对一致",
    )
    other_bad = bad_code(2, "另一个")
    data = org_form_data(agency, name=record.name, credit_code=other_bad, org_type="2")
    response = editor_client.post(reverse(f"{ORG_URLS}:edit", args=[record.pk]), data)
    assert "校验码不正确" in response.content.decode()
    record.refresh_from_db()
    assert record.credit_code == BAD_CHECKSUM


def test_entry_listing_filters_current_entries(admin_client, org):
    entry(org, reason="未按规定报送2023年度工作报告")
    entry(
        org,
        listed_on=datetime.date(2023, 7, 3),
        reason="未按规定报送2022年度工作报告",
        **removal(day=datetime.date(2023, 9, 12)),
    )
    url = reverse(f"{ENTRY_URLS}:list")
    page = admin_client.get(url, {"removed_on__isnull": "true"}).content.decode()
    assert "2024年7月2日" in page  # the admin's date format
    assert "2023年9月12日" not in page


def test_previews_render_the_public_templates(org):
    record = entry(org)
    page = record.make_preview_request().content.decode()
    assert record.title in page and record.legal_basis in page
    page = org.make_preview_request().content.decode()
    assert org.credit_code in page and "未按规定报送2023年度工作报告" in page
