"""一键打码: the exact masked forms, what the action rewrites (and never publishes), and
who may use it."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, Page

import pytest

import publishing.guards  # noqa: F401 (registers the checks)
import publishing.guards.wagtail_hooks_guards  # noqa: F401 (admin wiring)
from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.disclosure.publication import problems_of
from content_models.villages.categories import Category, Direction
from content_models.villages.models import VillageDisclosurePage
from portal.demo.helpers import publish_page
from publishing.guards.views import mask_url
from publishing.masking import mask_item, mask_text
from tests.content_models.credit_factories import organisation, save_draft
from tests.content_models.plans_factories import box, build_plan, paragraph
from tests.content_models.villages_factories import finance_row

ID_NUMBER = "150102198301041234"
MOBILE = "13812345678"
BANK_CARD = "6222021234567890128"


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def live_article(notices, agency, body="<p>公示名单如下。</p>"):
    return publish_page(
        notices,
        ArticlePage(
            title="低保对象公示",
            agency=agency,
            body=body,
            published_on=datetime.date(2025, 6, 20),
        ),
    )


def test_mask_text_gives_the_required_forms():
    assert mask_text(ID_NUMBER) == "150102********1234"
    assert mask_text(MOBILE) == "138****5678"
    assert mask_text(BANK_CARD) == "6222***********0128"
    # The masked form is canonical: half-width digits and an upper-case X.
    assert mask_text("11010519491231002x") == "110105********002X"


def test_mask_text_leaves_everything_else_alone():
    html = (
        f'<p data-block-key="a1">张**，金额1234567.89元，日期20251012，电话{MOBILE}</p>'
    )
    assert mask_text(html) == (
        '<p data-block-key="a1">张**，金额1234567.89元，日期20251012，电话138****5678</p>'
    )
    assert mask_text("150102********1234") == "150102********1234"
    assert mask_text("") == ""


def test_mask_item_saves_a_masked_draft_and_never_publishes(notices, agency):
    page = live_article(notices, agency)
    page.body = f"<p>张**，身份证号{ID_NUMBER}，电话{MOBILE}</p>"
    page.summary = f"联系人手机{MOBILE}"
    page.save_revision()
    revisions_before = page.revisions.count()

    assert mask_item(page) == 3

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.body == "<p>张**，身份证号150102********1234，电话138****5678</p>"
    assert draft.summary == "联系人手机138****5678"
    assert page.revisions.count() == revisions_before + 1
    assert page.body == "<p>公示名单如下。</p>"  # the live version is untouched
    assert page.has_unpublished_changes
    assert problems_of(draft) == []


def test_mask_item_with_nothing_to_mask_saves_nothing(notices, agency):
    page = live_article(notices, agency)
    revisions_before = page.revisions.count()
    assert mask_item(page) == 0
    assert page.revisions.count() == revisions_before


def test_finance_rows_are_masked(agency, home, village):
    from tests.content_models.villages_factories import make_column, make_section

    column = make_column(make_section(home), village)
    page = VillageDisclosurePage(
        agency=agency,
        year=2025,
        quarter=1,
        category=Category.FINANCE,
        body="<p>收支情况如下。</p>",
        live=False,
    )
    page.finance_rows = [
        finance_row(f"补助发放至卡号{BANK_CARD}", Direction.EXPENSE, "800.00")
    ]
    column.add_child(instance=page)
    page.save_revision()

    assert mask_item(page) == 1
    page.refresh_from_db()
    row = page.get_latest_revision_as_object().finance_rows.all()[0]
    assert row.item == "补助发放至卡号6222***********0128"


def test_plan_stream_blocks_are_masked(agency, home):
    from content_models.plans.models import PlanIndexPage

    plans = publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))
    plan = build_plan(
        agency,
        slug="fyp",
        body=[
            paragraph(f"咨询电话{MOBILE}"),
            box("专栏2", "结对帮扶", ("1.", "联系人", f"王**，电话{MOBILE}")),
        ],
        indicators=[],
        live=False,
    )
    plans.add_child(instance=plan)
    plan.save_revision()

    assert mask_item(plan) == 2
    plan.refresh_from_db()
    body = plan.get_latest_revision_as_object().body
    assert body[0].value == "咨询电话138****5678"
    assert body[1].value["items"][0]["text"] == "王**，电话138****5678"
    assert json.dumps(body.get_prep_value()).count("138****5678") == 2


def test_snippet_fields_are_masked(agency):
    org = save_draft(
        organisation(agency, publish=False, address=f"青山镇，电话{MOBILE}")
    )
    assert mask_item(org) == 1
    org.refresh_from_db()
    assert org.get_latest_revision_as_object().address == "青山镇，电话138****5678"
    org.refresh_from_db()
    assert not org.live


# -- the admin action ---------------------------------------------------------------


def test_editor_can_mask_from_the_edit_page(admin_client, notices, agency):
    page = live_article(notices, agency)
    page.body = f"<p>电话{MOBILE}</p>"
    page.save_revision()
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "一键打码" in edit and mask_url(page) in edit

    response = admin_client.post(mask_url(page))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().body == "<p>电话138****5678</p>"
    page.refresh_from_db()
    assert page.body == "<p>公示名单如下。</p>"


def test_snippet_editor_can_mask(admin_client, agency):
    org = save_draft(organisation(agency, publish=False, address=f"电话{MOBILE}"))
    response = admin_client.post(mask_url(org))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.get_latest_revision_as_object().address == "电话138****5678"


def user_in_group(name, *permissions):
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(codename="access_admin"), *permissions)
    user = get_user_model().objects.create_user(name, password="x")
    user.groups.add(group)
    return user, group


def test_a_user_who_cannot_edit_the_page_is_refused(client, notices, agency):
    page = live_article(notices, agency)
    page.body = f"<p>电话{MOBILE}</p>"
    revision = page.save_revision()
    user, _group = user_in_group("旁观者")
    client.force_login(user)

    response = client.post(mask_url(page))

    assert response.status_code == 403
    assert page.get_latest_revision().pk == revision.pk
    assert page.get_latest_revision_as_object().body == f"<p>电话{MOBILE}</p>"


def test_page_editors_may_mask_only_their_own_subtree(client, home, notices, agency):
    page = live_article(notices, agency)
    other = publish_page(home, ArticleIndexPage(title="政策文件", slug="policies"))
    user, group = user_in_group("通知编辑")
    GroupPagePermission.objects.create(
        group=group, page=Page.objects.get(pk=other.pk), permission_type="change"
    )
    client.force_login(user)
    assert client.post(mask_url(page)).status_code == 403
    GroupPagePermission.objects.create(
        group=group, page=Page.objects.get(pk=notices.pk), permission_type="change"
    )
    assert client.post(mask_url(page)).status_code == 302


def test_a_user_without_snippet_change_permission_is_refused(client, agency):
    org = save_draft(organisation(agency, publish=False, address=f"电话{MOBILE}"))
    user, _group = user_in_group("旁观者")
    client.force_login(user)
    assert client.post(mask_url(org)).status_code == 403
    assert org.get_latest_revision_as_object().address == f"电话{MOBILE}"


def test_the_action_needs_a_post_and_an_existing_item(admin_client, notices, agency):
    page = live_article(notices, agency)
    assert admin_client.get(mask_url(page)).status_code == 405
    missing = reverse("publishing_mask", args=("disclosure", "articlepage", 999999))
    assert admin_client.post(missing).status_code == 404
    unknown = reverse("publishing_mask", args=("nothing", "here", 1))
    assert admin_client.post(unknown).status_code == 404
    not_a_number = reverse("publishing_mask", args=("disclosure", "articlepage", "x"))
    assert admin_client.post(not_a_number).status_code == 404
    not_published_content = reverse(
        "publishing_mask", args=("disclosure", "articleindexpage", notices.pk)
    )
    assert admin_client.post(not_published_content).status_code == 404
