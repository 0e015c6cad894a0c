"""Four eyes on every path, tried as an attacker would: bulk actions, the publish
buttons, a reviewer's own edit, one person holding every step, scheduled go-live and
emergency publication. README ("Publishing") lists these paths against the tests."""

import datetime

from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from content_models.disclosure.models import ArticlePage
from content_models.disclosure.publication import PublicationBlocked
from publishing import roles
from publishing.emergency import EmergencyPublication, confirm, emergency_publish
from publishing.masking import mask_item
from publishing.models import LedgerEntry

from ..content_models.credit_factories import organisation
from .reviewing import approve, approve_all, current_task_state, draft_article, submit

REFUSED = "未经提交人和修改人以外的人员逐级审核通过"


def bulk_publish(client, page):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    return client.post(f"{url}?id={page.pk}", {}, follow=True)


def is_live(page):
    return ArticlePage.objects.get(pk=page.pk).live


def ledger_of(page):
    return LedgerEntry.objects.filter(item_key=f"disclosure.articlepage:{page.pk}")


def test_bulk_publish_of_own_revision_in_review_is_refused(
    client, notices, agency, person
):
    boss = person("boss", roles.BUREAU_EDITORS, roles.PRINCIPALS)
    page = draft_article(notices, agency, boss)
    submit(page, boss)
    client.force_login(boss)
    response = bulk_publish(client, page)
    assert REFUSED in response.content.decode()
    assert not is_live(page)
    assert not ledger_of(page).exists()
    blocked = PageLogEntry.objects.get(page=page, action="publishing.blocked")
    assert blocked.user == boss
    assert blocked.data["problems"][0]["rule"] == "four_eyes"


def test_bulk_publish_of_a_draft_that_skipped_review_is_refused(
    client, notices, agency, staff
):
    page = draft_article(notices, agency, staff["editor"])
    client.force_login(staff["principal"])  # holds publish, the last step only
    bulk_publish(client, page)
    assert not is_live(page)


def test_direct_publish_of_a_page_or_record_cannot_skip_review(notices, agency, staff):
    """What the snippet publish button and any code calling publish() reach."""
    page = draft_article(notices, agency, staff["editor"])
    with pytest.raises(PublicationBlocked, match=REFUSED):
        page.get_latest_revision().publish(user=staff["principal"])
    assert not is_live(page)
    org = organisation(agency, publish=False)
    org.live = False
    org.save()
    with pytest.raises(PublicationBlocked, match=REFUSED):
        org.save_revision(user=staff["editor"]).publish(user=staff["principal"])
    org.refresh_from_db()
    assert not org.live


def test_reviewer_who_masks_at_the_last_step_cannot_publish_it(
    notices, agency, staff, person
):
    page = draft_article(
        notices, agency, staff["editor"], body="<p>联系电话13812345678</p>"
    )
    submit(page, staff["editor"])
    approve(page, staff["section"])
    approve(page, staff["secrecy"])
    mask_item(page, staff["principal"])  # 一键打码 saves a revision as the reviewer
    state = current_task_state(page)
    with pytest.raises(Exception, match="自己提交或修改"):
        state.task.specific.on_action(state, staff["principal"], "approve")
    assert not is_live(page)
    # Another principal's approval does not publish it either: the masked revision
    # needs every step again.
    other = person("principal2", roles.PRINCIPALS)
    approve(page, other)
    assert not is_live(page)
    assert current_task_state(page).task.name == "科室审核"
    approve_all(page, staff["section"], staff["secrecy"], other)
    assert is_live(page)
    assert "138****5678" in ArticlePage.objects.get(pk=page.pk).body


def test_one_person_in_every_group_cannot_approve_every_step(
    notices, agency, staff, person
):
    everyone = person(
        "everyone",
        roles.SECTION_REVIEWERS,
        roles.SECRECY_REVIEWERS,
        roles.PRINCIPALS,
    )
    page = draft_article(notices, agency, staff["editor"])
    submit(page, staff["editor"])
    approve(page, everyone)
    approve(page, everyone)
    state = current_task_state(page)
    with pytest.raises(Exception, match="唯一的审核人"):
        state.task.specific.on_action(state, everyone, "approve")
    assert not is_live(page)
    approve(page, staff["principal"])
    assert is_live(page)


def test_scheduled_go_live_of_an_unreviewed_revision_does_not_happen(
    notices, agency, staff
):
    page = draft_article(notices, agency, staff["editor"])
    revision = page.get_latest_revision()
    # Written behind review's back: the revision marked as approved to go live.
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled")
    assert not is_live(page)
    assert PageLogEntry.objects.filter(page=page, action="publishing.blocked").exists()


@pytest.fixture
def on_call(person):
    user = person("oncall", roles.BUREAU_EDITORS)
    user.user_permissions.add(
        Permission.objects.get(codename="emergency_publish"),
        Permission.objects.get(codename="view_emergencypublication"),
    )
    return user


def test_emergency_publication_needs_the_permission_and_a_reason(
    client, notices, agency, staff, on_call
):
    page = draft_article(notices, agency, staff["editor"])
    url = reverse("publishing_emergency", args=("disclosure", "articlepage", page.pk))
    client.force_login(staff["principal"])
    refused = client.post(url, {"reason": "暴雨红色预警"})
    assert refused.status_code in (302, 403) and not refused.url.startswith(url)
    assert not is_live(page) and not EmergencyPublication.objects.exists()
    client.force_login(on_call)
    assert client.post(url, {"reason": "  "}).status_code == 200  # the form again
    assert not is_live(page)
    response = client.post(url, {"reason": "暴雨红色预警，需立即发布转移通知"})
    assert response.status_code == 302
    assert is_live(page)


def test_emergency_publication_is_marked_in_the_ledger_and_reviewed_afterwards(
    notices, agency, staff, on_call
):
    page = draft_article(notices, agency, staff["editor"])
    record = emergency_publish(page, on_call, "暴雨红色预警")
    [entry] = ledger_of(page)
    assert entry.emergency and entry.note == "暴雨红色预警"
    from publishing.ledger import hashed_fields

    assert hashed_fields(entry)["emergency"] is True
    call_command("verify_ledger")
    with pytest.raises(Exception, match="不能复核自己"):
        confirm(record, on_call)
    staff["principal"].user_permissions.add(
        Permission.objects.get(codename="view_emergencypublication")
    )
    confirm(record, staff["principal"], "已核实")
    assert (
        EmergencyPublication.objects.get(pk=record.pk).reviewed_by == staff["principal"]
    )


def test_emergency_publication_still_runs_the_content_guards(
    notices, agency, staff, on_call
):
    page = draft_article(
        notices, agency, staff["editor"], body="<p>身份证号150102199003071234</p>"
    )
    with pytest.raises(Exception, match="150102"):
        emergency_publish(page, on_call, "紧急")
    assert not is_live(page)
    assert not EmergencyPublication.objects.exists()


def test_emergency_publication_shows_on_the_public_history_and_verifies(
    client, notices, agency, staff, on_call
):
    page = draft_article(notices, agency, staff["editor"])
    emergency_publish(page, on_call, "暴雨红色预警")
    page.refresh_from_db()
    assert "紧急发布（未经审核）" in client.get(page.url).content.decode()
    ledger = client.get("/ledger/").content.decode()
    assert "紧急发布（未经审核）" in ledger
    # The published verification program hashes the emergency mark too.
    import html
    import re

    code = re.search(r'<pre id="verify-snippet"><code>(.*?)</code></pre>', ledger, re.S)
    namespace = {"__name__": "snippet"}
    exec(html.unescape(code.group(1)), namespace)  # noqa: S102 (our own program)
    entries = client.get("/api/v1/ledger?page_size=100").json()["results"]
    newest = namespace["check"](sorted(entries, key=lambda entry: entry["seq"]))
    assert newest == LedgerEntry.objects.order_by("-seq").first().hash


ARTICLE_FORM = {
    "body": '{"blocks":[{"key":"a","type":"unstyled","text":"请按时报送年报。",'
    '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
    "disclosure_mode": "主动公开",
    "validity": "有效",
    "attachments-TOTAL_FORMS": "0",
    "attachments-INITIAL_FORMS": "0",
    "attachments-MIN_NUM_FORMS": "0",
    "attachments-MAX_NUM_FORMS": "1000",
}


@pytest.mark.parametrize("who", ["boss", "superuser"])
def test_creating_a_page_with_the_publish_button_leaves_a_draft(
    client, notices, agency, person, django_user_model, who
):
    """Wagtail's create view adds the new page to the tree before it asks the
    publish hook; the refused page must not be left public."""
    if who == "superuser":
        user = django_user_model.objects.create_superuser("root", "", "pw")
    else:
        user = person("boss", roles.BUREAU_EDITORS, roles.PRINCIPALS)
    client.force_login(user)
    response = client.post(
        f"/admin/pages/add/disclosure/articlepage/{notices.pk}/",
        {
            **ARTICLE_FORM,
            "title": "关于报送年报的通知",
            "slug": "own-notice",
            "agency": agency.pk,
            "action-publish": "action-publish",
        },
        follow=True,
    )
    assert REFUSED in response.content.decode()
    page = ArticlePage.objects.get(slug="own-notice")
    assert not page.live and page.has_unpublished_changes
    assert not ledger_of(page).exists()
    assert client.get(page.url).status_code == 404
    assert PageLogEntry.objects.filter(page=page, action="publishing.blocked").exists()


def test_copying_a_page_with_publish_copies_makes_a_draft(
    client, notices, agency, staff, django_user_model
):
    page = draft_article(notices, agency, staff["editor"])
    submit(page, staff["editor"])
    approve_all(page, staff["section"], staff["secrecy"], staff["principal"])
    assert is_live(page)
    client.force_login(django_user_model.objects.create_superuser("copier", "", "pw"))
    response = client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": "复制的通知",
            "new_slug": "copied-notice",
            "new_parent_page": notices.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = ArticlePage.objects.get(slug="copied-notice")
    assert not copy.live
    assert not ledger_of(copy).exists()
    assert client.get(copy.url).status_code == 404
