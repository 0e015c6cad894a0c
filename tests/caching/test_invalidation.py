"""Never a stale page: every way a public page can change, read through the cache
before and after. Each test first shows that the page was kept (a change made behind
publishing's back does not show), then that the announced change does."""

import datetime

from wagtail.models import Page

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, publish_reviewed, translate_page
from publishing.withdrawals import withdraw
from themes.models import PortalSettings

from .conftest import behind_publishing, text


def kept(client, url, page):
    """Read ``url`` twice around a silent change of ``page``; True when the second
    read came from the cache."""
    first = text(client.get(url))
    original = Page.objects.get(pk=page.pk).title
    behind_publishing(page, title=original + "（未公布）")
    second = text(client.get(url))
    behind_publishing(page, title=original)
    return first == second and "（未公布）" not in second


def test_list_is_kept_until_a_publication(client, notices, article, agency, committed):
    assert kept(client, "/notices/", notices)
    with committed():
        publish_page(
            notices,
            ArticlePage(
                title="关于发放临时救助金的公告",
                slug="jiuzhu",
                agency=agency,
                body="<p>临时救助金已发放。</p>",
                published_on=datetime.date(2025, 7, 1),
            ),
        )
    page = text(client.get("/notices/"))
    assert "关于发放临时救助金的公告" in page
    assert "关于调整城乡低保标准的通知" in page


def test_navigation_shows_a_new_section_at_once(client, home, committed):
    assert 'href="/news/"' not in text(client.get("/"))
    with committed():
        publish_page(home, ArticleIndexPage(title="工作动态", slug="news"))
    assert 'href="/news/"' in text(client.get("/"))


def test_correction_reaches_the_item_and_its_list(client, notices, article, committed):
    assert kept(client, "/notices/dibao/", article)
    client.get("/notices/")
    article.title = "关于调整城乡低保标准的通知（更正）"
    with committed():
        publish_reviewed(article)
    assert "（更正）" in text(client.get("/notices/dibao/"))
    assert "（更正）" in text(client.get("/notices/"))


def test_withdrawal_leaves_a_notice_not_the_kept_page(
    client, notices, article, boss, committed
):
    assert client.get("/notices/dibao/").status_code == 200
    client.get("/notices/")
    with committed():
        withdraw(article, "标准数字有误", boss)
    response = client.get("/notices/dibao/")
    assert response.status_code == 410
    assert "关于调整城乡低保标准的通知" not in text(client.get("/notices/"))


def test_move_changes_both_addresses(client, home, notices, article, committed):
    with committed():
        other = publish_page(home, ArticleIndexPage(title="政策文件", slug="policies"))
    assert client.get("/notices/dibao/").status_code == 200
    client.get("/policies/")
    with committed():
        article.move(other, pos="last-child")
    # Wagtail leaves a redirect at the old address.
    assert client.get("/notices/dibao/").status_code in (301, 404, 410)
    assert client.get("/policies/dibao/").status_code == 200
    assert "关于调整城乡低保标准的通知" in text(client.get("/policies/"))


def test_deletion_takes_the_item_off_its_list(client, notices, article, committed):
    assert "关于调整城乡低保标准的通知" in text(client.get("/notices/"))
    with committed():
        Page.objects.get(pk=article.pk).delete()
    assert "关于调整城乡低保标准的通知" not in text(client.get("/notices/"))
    assert client.get("/notices/dibao/").status_code in (404, 410)


def test_footer_setting_reaches_every_kept_page(client, home, notices, committed):
    client.get("/")
    client.get("/notices/")
    portal = PortalSettings.for_site(home.get_site())
    portal.sponsor = "清源市民政局（新）"
    with committed():
        portal.save()
    assert "清源市民政局（新）" in text(client.get("/"))
    assert "清源市民政局（新）" in text(client.get("/notices/"))


def test_published_translation_shows_on_the_english_list(
    client, home, notices, article, english, committed
):
    with committed():
        translate_page(home, "Qingyuan Civil Affairs")
        translate_page(notices, "Notices")
    assert "Minimum living" not in text(client.get("/en/notices/"))
    with committed():
        translate_page(article, "Minimum living standard adjusted")
    assert "Minimum living standard adjusted" in text(client.get("/en/notices/"))
    # The Chinese page was not replaced by the English one under its address.
    assert "关于调整城乡低保标准的通知" in text(client.get("/notices/"))


def test_a_rolled_back_change_keeps_the_generation(client, notices, article):
    from caching.generation import current

    before = current()
    article.title = "不会公布的标题"
    publish_reviewed(article)  # never committed: the test's transaction rolls back
    assert current() == before
