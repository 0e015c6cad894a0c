"""The ledger records publications, corrections and withdrawals as a hash chain."""

import datetime

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, publish_reviewed
from publishing.ledger import GENESIS, entry_hash, sha256, snapshot
from publishing.models import LedgerEntry


def test_publish_correct_withdraw_and_republish_form_a_chain(home, agency):
    notices = publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))
    page = publish_page(
        notices,
        ArticlePage(
            title="低保标准调整",
            agency=agency,
            body="<p>820元</p>",
            published_on=datetime.date(2025, 6, 20),
        ),
    )
    publish_reviewed(page)  # nothing changed: no entry
    page.body = "<p>850元</p>"
    publish_reviewed(page)
    page.unpublish()
    publish_reviewed(page)
    entries = list(
        LedgerEntry.objects.filter(
            item_key=f"disclosure.articlepage:{page.pk}"
        ).order_by("seq")
    )
    assert [e.action for e in entries] == [
        "publish",
        "correction",
        "withdrawal",
        "publish",
    ]
    chain = list(LedgerEntry.objects.order_by("seq"))
    assert chain[0].prev_hash == GENESIS
    for previous, entry in zip(chain, chain[1:], strict=False):
        assert entry.prev_hash == previous.hash
    assert all(entry.hash == entry_hash(entry) for entry in chain)
    page.refresh_from_db()
    assert entries[-1].content_sha256 == sha256(snapshot(page))
    assert entries[-1].index_number == page.index_number
