"""No personal number gets out, whatever its grouping or width.

Hypothesis writes ID and mobile numbers the ways people do (spaces, dashes, no-break
and full-width spaces, full-width digits) inside Chinese sentences and table cells,
then tries both ways out: publication through review, which the guards must refuse,
and a live item edited behind Wagtail's back, whose public record — what search,
the ledger, feeds and open data read — must still show the number masked."""

import re
import unicodedata

from django.utils import translation

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.disclosure.personal_data_exceptions import PersonalDataException
from content_models.disclosure.public import item_key
from content_models.disclosure.publication import PublicationBlocked
from portal.demo.helpers import publish_page, publish_reviewed
from publishing.ledger import snapshot
from search.documents import documents_for

from ..content_models.test_privacy import id_numbers, mobiles, written

CONTEXTS = [
    "<p>新增低保对象张三，身份证号{}，已审核。</p>",
    "<p>联系电话：{}。</p>",
    "<table><tr><th>姓名</th><th>号码</th></tr><tr><td>李四</td><td>{}</td></tr></table>",
]


def leaked(number, text):
    """Whether ``number``'s digits appear in ``text`` in any grouping or width."""
    folded = unicodedata.normalize("NFKC", text or "").upper()
    return number.upper() in re.sub(r"[^0-9A-Z]", "", folded)


def numbers_written():
    return st.one_of(id_numbers(), mobiles()).flatmap(
        lambda number: st.tuples(
            st.just(number), written(number), st.sampled_from(CONTEXTS)
        )
    )


@pytest.fixture
def live_article(home, agency):
    notices = publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))
    return publish_page(
        notices,
        ArticlePage(
            title="低保对象公示", slug="gongshi", agency=agency, body="<p>名单</p>"
        ),
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=numbers_written())
def test_review_refuses_it_and_no_reader_shows_it(client, live_article, case):
    number, text, context = case
    body = context.format(text)
    page = ArticlePage.objects.get(pk=live_article.pk)

    # The way in: publication through review is refused, the public page unchanged.
    page.body = body
    with pytest.raises(PublicationBlocked):
        publish_reviewed(page)
    assert not leaked(number, client.get(live_article.url).content.decode())

    # Behind Wagtail's back: every reader masks it.
    ArticlePage.objects.filter(pk=page.pk).update(body=body, title=f"公示{text}")
    page = ArticlePage.objects.get(pk=page.pk)
    record = page.as_public_record()
    assert not leaked(number, record.title + record.text)
    assert not leaked(number, snapshot(page))
    with translation.override("zh-hans"):
        for document in documents_for(page):
            assert not leaked(number, document.title + document.text)
    for address in (live_article.url, "/feeds/rss.xml", "/feeds/atom.xml"):
        answer = client.get(address)
        assert answer.status_code == 200, address
        assert "公示" in answer.content.decode(), address
        assert not leaked(number, answer.content.decode()), address
    download = client.get("/opendata/disclosure-catalogue.csv")
    assert download.status_code == 200
    csv = b"".join(download.streaming_content).decode("utf-8-sig")
    assert "公示" in csv  # the row is there, with the number masked
    assert not leaked(number, csv)
    ArticlePage.objects.filter(pk=page.pk).update(
        body="<p>名单</p>", title="低保对象公示"
    )


def test_public_pages_leave_masked_but_keep_a_reviewers_exception(
    client, admin_client, live_article
):
    """Text written behind Wagtail's back: the public page masks it on the way out,
    except the number a reviewer recorded as not personal data for this page; the
    admin shows the editor what is there to mask."""
    kept = "150102199003071237"  # a 项目编号 that reads as an ID
    PersonalDataException.objects.create(
        item_key=item_key(live_article), number=kept, reason="项目编号"
    )
    body = f"<p>项目编号{kept}，联系电话138<b>1234</b>5678，+8613912345678。</p>"
    ArticlePage.objects.filter(pk=live_article.pk).update(body=body)

    html = client.get(live_article.url).content.decode()
    assert kept in html
    assert "138****5678" in html and "+86139****5678" in html
    assert not leaked("13812345678", html) and not leaked("13912345678", html)

    # Elsewhere the exception does not hold: the number is masked.
    notices = live_article.get_parent()
    ArticleIndexPage.objects.filter(pk=notices.pk).update(intro=f"<p>{kept}</p>")
    assert not leaked(kept, client.get(notices.url).content.decode())

    editor = admin_client.get(f"/admin/pages/{live_article.pk}/edit/")
    assert editor.status_code == 200
    assert "1234" in editor.content.decode() and "****" not in editor.content.decode()
