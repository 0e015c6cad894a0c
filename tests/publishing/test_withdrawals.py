"""Withdrawing (撤回) leaves a 410 notice at the item's address, and the ledger and the
audit log record it once, with the reason."""

import datetime
from urllib.parse import unquote

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, publish_reviewed, translate_page
from publishing.models import LedgerEntry
from publishing.withdraw_views import withdraw_url
from publishing.withdrawals import Withdrawal, withdraw
from tests.content_models.credit_factories import (  # noqa: F401 (fixtures)
    entry,
    org_fixture,
    section_en_fixture,
    section_fixture,
)

REASON = "文中低保标准数字有误，撤回后重新发布"


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


@pytest.fixture
def article(notices, agency):
    return publish_page(
        notices,
        ArticlePage(
            title="关于调整城乡低保标准的通知",
            slug="低保标准",
            agency=agency,
            body="<p>820元</p>",
            published_on=datetime.date(2025, 6, 20),
        ),
    )


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser(username="boss", password="pw")


@pytest.fixture
def page_editor(django_user_model, home):
    """May edit pages under the home page but not publish or unpublish them."""
    user = django_user_model.objects.create_user(username="clerk", password="pw")
    group = Group.objects.create(name="后台编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=home,
        permission=Permission.objects.get(codename="change_page"),
    )
    user.groups.add(group)
    return user


def denied(response):
    """Wagtail's admin answers a PermissionDenied by sending the user home."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def get(client, url, status):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# -- the withdraw action -----------------------------------------------------------


def test_withdrawing_a_page_unpublishes_it_and_records_the_reason(article, boss):
    path = unquote(article.url)  # as request.path has it
    withdraw(article, REASON, boss)
    article.refresh_from_db()
    assert not article.live
    notice = Withdrawal.objects.get()
    assert (notice.path, notice.reason, notice.user) == (path, REASON, boss)
    assert notice.index_number == article.index_number
    assert notice.title == article.title


def test_the_ledger_records_one_withdrawal_carrying_the_reason(article, boss):
    withdraw(article, REASON, boss)
    actions = list(
        LedgerEntry.objects.filter(item_key=f"disclosure.articlepage:{article.pk}")
        .order_by("seq")
        .values_list("action", "note")
    )
    # The unpublished signal's own record_withdrawal added nothing after ours.
    assert actions == [("publish", ""), ("withdrawal", REASON)]


def test_the_audit_log_records_the_withdrawal_with_its_reason(article, boss):
    withdraw(article, REASON, boss)
    logged = PageLogEntry.objects.get(page=article, action="publishing.withdraw")
    assert logged.user == boss and logged.comment == REASON
    assert not PageLogEntry.objects.filter(
        page=article, action="wagtail.unpublish"
    ).exists()


def test_a_withdrawal_needs_a_reason(article, boss):
    with pytest.raises(ValueError):
        withdraw(article, "   ", boss)
    article.refresh_from_db()
    assert article.live and not Withdrawal.objects.exists()


def test_a_user_who_may_not_unpublish_cannot_withdraw(article, page_editor):
    with pytest.raises(PermissionDenied):
        withdraw(article, REASON, page_editor)
    article.refresh_from_db()
    assert article.live and not Withdrawal.objects.exists()
    assert not LedgerEntry.objects.filter(action="withdrawal").exists()


def test_withdrawing_a_record_goes_through_wagtails_unpublish(section, org, boss):
    record = entry(org)
    withdraw(record, REASON, boss)
    record.refresh_from_db()
    assert not record.live
    assert Withdrawal.objects.get().path == f"/credit/entries/{record.pk}/"
    logged = ModelLogEntry.objects.get(action="publishing.withdraw")
    assert logged.object_id == str(record.pk) and logged.comment == REASON


# -- the public notice -------------------------------------------------------------


def test_a_withdrawn_page_answers_410_with_a_notice(client, article, boss):
    url = article.url
    withdraw(article, REASON, boss)
    response = client.get(url)
    assert response.status_code == 410
    page = response.content.decode()
    assert article.title in page and article.index_number in page
    assert REASON in page
    assert Withdrawal.objects.get().withdrawn_at.strftime("%Y") in page
    assert '<meta name="robots" content="noindex">' in page
    assert response["X-Robots-Tag"] == "noindex"
    assert 'lang="zh-CN"' in page


def test_a_url_that_never_existed_still_answers_404(client, article, boss):
    withdraw(article, REASON, boss)
    get(client, "/notices/never-was/", 404)


def test_a_page_published_again_answers_200(client, article, boss):
    url = article.url
    withdraw(article, REASON, boss)
    get(client, url, 410)
    publish_reviewed(article)
    assert "该信息已撤回" not in get(client, url, 200)


def test_an_old_withdrawal_does_not_return_when_the_page_is_unpublished_later(
    client, article, boss
):
    url = article.url
    withdraw(article, REASON, boss)
    publish_reviewed(article)
    article.refresh_from_db()
    article.unpublish()
    get(client, url, 404)


def test_an_unpublished_page_without_a_withdrawal_stays_404(client, article):
    url = article.url
    article.unpublish()
    get(client, url, 404)


def test_an_english_page_notice_is_in_english(
    client, english, home, notices, article, boss
):
    translate_page(home, "Qingyuan Civil Affairs")
    translate_page(notices, "Notices")
    english = translate_page(article, "Minimum living standard adjusted")
    english.refresh_from_db()
    assert english.url.startswith("/en/")
    withdraw(english, "Wrong figures", boss)
    page = get(client, english.url, 410)
    assert "Minimum living standard adjusted" in page and "Wrong figures" in page
    assert 'lang="en"' in page
    get(client, article.url, 200)  # the Chinese page is untouched


def test_a_page_notice_answers_only_at_its_own_language(client, article, boss):
    withdraw(article, REASON, boss)
    get(client, "/en" + article.url, 404)


def test_a_withdrawn_credit_entry_answers_410_in_both_sections(
    client, section_en, org, boss
):
    record = entry(org)
    get(client, f"/credit/entries/{record.pk}/", 200)
    withdraw(record, REASON, boss)
    assert REASON in get(client, f"/credit/entries/{record.pk}/", 410)
    assert REASON in get(client, f"/en/credit/entries/{record.pk}/", 410)
    get(client, f"/credit/entries/{record.pk + 1000}/", 404)
    publish_reviewed(record)
    get(client, f"/credit/entries/{record.pk}/", 200)


# -- the admin form ----------------------------------------------------------------


def test_the_page_editor_offers_withdraw_to_a_publisher_only(
    client, article, boss, page_editor
):
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    client.force_login(boss)
    assert withdraw_url(article) in get(client, edit, 200)
    client.force_login(page_editor)
    assert withdraw_url(article) not in get(client, edit, 200)


def test_a_publisher_who_may_not_edit_finds_withdraw_in_the_explorer(
    client, article, notices, staff
):
    """The 分管局领导 publishes through review but edits nothing: the page editor is
    closed to them, the explorer's and the page header's menus offer 撤回."""
    principal = staff["principal"]
    client.force_login(principal)
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert client.get(edit).status_code != 200
    explorer = get(client, reverse("wagtailadmin_explore", args=[notices.pk]), 200)
    assert withdraw_url(article) in explorer
    header = get(client, reverse("wagtailadmin_explore", args=[article.pk]), 200)
    assert withdraw_url(article) in header
    response = client.post(withdraw_url(article), {"reason": REASON})
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live


def test_the_explorer_offers_withdraw_to_a_publisher_only(
    client, article, notices, page_editor
):
    client.force_login(page_editor)
    explorer = get(client, reverse("wagtailadmin_explore", args=[notices.pk]), 200)
    assert withdraw_url(article) not in explorer


def test_the_snippet_editor_offers_withdraw_for_a_live_record(
    client, section, org, boss
):
    record = entry(org)
    edit = reverse("wagtailsnippets_credit_creditlistentry:edit", args=[record.pk])
    client.force_login(boss)
    assert withdraw_url(record) in get(client, edit, 200)
    record.unpublish()
    assert withdraw_url(record) not in get(client, edit, 200)


def test_the_form_requires_a_reason_then_withdraws(client, article, boss):
    client.force_login(boss)
    url = withdraw_url(article)
    assert "撤回理由" in get(client, url, 200)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.live
    response = client.post(url, {"reason": REASON})
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert Withdrawal.objects.get().user == boss


def test_the_form_is_denied_to_a_user_who_may_not_unpublish(
    client, article, page_editor
):
    client.force_login(page_editor)
    url = withdraw_url(article)
    assert denied(client.get(url))
    assert denied(client.post(url, {"reason": REASON}))
    article.refresh_from_db()
    assert article.live and not Withdrawal.objects.exists()


def test_the_form_is_denied_for_records_without_publish_permission(
    client, section, org, django_user_model
):
    record = entry(org)
    user = django_user_model.objects.create_user(username="viewer", password="pw")
    group = Group.objects.create(name="信用编辑")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_creditlistentry"),
    )
    user.groups.add(group)
    client.force_login(user)
    assert denied(client.post(withdraw_url(record), {"reason": REASON}))
    record.refresh_from_db()
    assert record.live


def test_an_item_that_is_not_live_cannot_be_withdrawn(client, article, boss):
    article.unpublish()
    client.force_login(boss)
    get(client, withdraw_url(article), 404)
