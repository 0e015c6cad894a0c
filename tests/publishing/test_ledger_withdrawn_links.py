"""After a withdrawal, the ledger's links lead to the withdrawal notice (410), never to
a version page that is no longer served (404)."""

import datetime
import html
import re
from urllib.parse import urlsplit

from django.template.loader import render_to_string

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.disclosure.public import item_key
from portal.demo.helpers import publish_page
from publishing.ledger import history
from publishing.models import LedgerEntry
from publishing.withdrawals import withdraw

REASON = "文中低保标准数字有误，撤回后重新发布"
HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def article(notices, agency, title, slug):
    return publish_page(
        notices,
        ArticlePage(
            title=title,
            slug=slug,
            agency=agency,
            body="<p>每人每月820元</p>",
            published_on=datetime.date(2025, 6, 20),
        ),
    )


@pytest.fixture
def withdrawn(notices, agency):
    """Published, then withdrawn with a notice at its address."""
    page = article(notices, agency, "低保标准调整", "低保标准")
    address = page.url
    withdraw(page, REASON, None)
    return page, address


@pytest.fixture
def unpublished(notices, agency):
    """Published, then only unpublished: the ledger records a withdrawal, but the
    address has no notice to show."""
    page = article(notices, agency, "临时救助审批流程", "linshi")
    page.unpublish()
    return page


@pytest.fixture
def live(notices, agency):
    return article(notices, agency, "特困人员供养标准", "tekun")


def internal_hrefs(text):
    for href in HREF.findall(text):
        href = html.unescape(href)
        parts = urlsplit(href)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        if parts.path.startswith("/static/"):
            continue  # stylesheets and icons, not links a reader follows
        yield href


@pytest.mark.parametrize("ledger", ["/ledger/", "/en/ledger/"])
def test_every_link_on_the_ledger_answers_after_a_withdrawal(
    client, withdrawn, unpublished, live, ledger
):
    text = client.get(ledger).content.decode()
    hrefs = set(internal_hrefs(text))
    assert hrefs
    for href in sorted(hrefs):
        # (A redirect, such as the 关怀版 switch's, must land on a page that answers.)
        response = client.get(href, follow=True)
        assert response.status_code in (200, 410), href


def test_the_withdrawn_items_entries_lead_to_its_notice(
    client, withdrawn, unpublished, live
):
    page, address = withdrawn
    text = client.get("/ledger/").content.decode()
    # (``address`` is the page's URL as Wagtail gives it, percent-encoded.)
    assert text.count(f'href="{address}"') == 2  # its publication and its withdrawal
    assert client.get(address).status_code == 410
    assert "已撤回" in text
    taken_down = [item_key(page), item_key(unpublished)]
    for entry in LedgerEntry.objects.filter(item_key__in=taken_down):
        assert f'href="/ledger/versions/{entry.seq}/"' not in text
    # The live item's version stays one click away.
    [current] = LedgerEntry.objects.filter(item_key=item_key(live))
    assert f'href="/ledger/versions/{current.seq}/"' in text


def test_an_item_history_lists_the_notice_instead_of_versions(withdrawn, unpublished):
    page, address = withdrawn
    text = render_to_string(
        "publishing/includes/corrections_list.html", {"entries": history(page)}
    )
    assert "/ledger/versions/" not in text
    assert f'href="{address}"' in text and "已撤回" in text
    text = render_to_string(
        "publishing/includes/corrections_list.html", {"entries": history(unpublished)}
    )
    assert "/ledger/versions/" not in text and "已撤回" in text
