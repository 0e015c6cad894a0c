"""RSS 2.0 and Atom feeds: public items only, in the page's language, newest first,
with masked text; unknown scopes are 404."""

import datetime

from content_models.disclosure.models import ArticlePage
from portal.demo.helpers import publish_page
from publishing.withdrawals import withdraw

from .conftest import ATOM, rss_items, titles, xml_of

ID_NUMBER = "11010519491231002X"  # a valid 身份证号 (check character X)


def test_site_feed_lists_public_items_newest_first_and_no_drafts(client, db, world):
    items = rss_items(client, "/feeds/rss.xml")
    found = [title for title, *_ in items]
    assert world.plan.title in found
    assert world.disclosure.title in found
    assert str(world.current.title) in found
    assert world.charity.title in found
    assert "草稿协会" not in "".join(found)  # a draft organisation
    assert not any("2025年度" in title for title in found)  # the draft annual report
    root = xml_of(client.get("/feeds/rss.xml"))
    dates = [
        datetime.datetime.strptime(item.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z")
        for item in root.iter("item")
    ]
    assert dates == sorted(dates, reverse=True)
    guids = [guid for *_, guid in items]
    assert len(set(guids)) == len(guids)
    assert all(guid.startswith("tag:testserver,") for guid in guids)
    # Stable: the same feed read again names every item the same way.
    assert [guid for *_, guid in rss_items(client, "/feeds/rss.xml")] == guids


def test_atom_feed_is_atom(client, db, world):
    root = xml_of(client.get("/feeds/atom.xml"))
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("tag:testserver,")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
        assert entry.findtext(f"{ATOM}updated")
    assert world.plan.title in [e.findtext(f"{ATOM}title") for e in entries]


def test_section_region_and_genre_feeds(client, db, world):
    plans = titles(client, "/feeds/section/plans/rss.xml")
    assert plans == [world.plan.title]
    credit = titles(client, "/feeds/section/credit/atom.xml".replace("atom", "rss"))
    assert str(world.current.title) in credit
    assert world.plan.title not in credit and world.charity.title not in credit

    village = titles(client, "/feeds/region/150299100201/rss.xml")
    assert world.disclosure.title in village
    assert str(world.current.title) in village  # its organisation is in the village
    assert world.charity.title not in village  # registered at the district
    town = titles(client, "/feeds/region/150299100000/rss.xml")
    assert world.disclosure.title in town  # a town's feed holds its villages'
    district = titles(client, "/feeds/region/150299000000/rss.xml")
    assert world.charity.title in district and world.plan.title in district

    assert titles(client, "/feeds/genre/gh/rss.xml") == [world.plan.title]


def test_unknown_scopes_are_404(client, db, world):
    for url in (
        "/feeds/section/nothing-here/rss.xml",
        "/feeds/region/150299999999/rss.xml",
        "/feeds/genre/no-such-genre/atom.xml",
        "/en/feeds/section/plans/rss.xml",  # no English plans section
    ):
        assert client.get(url).status_code == 404, url


def test_a_withdrawn_item_leaves_the_feeds(client, db, world):
    assert world.disclosure.title in titles(client, "/feeds/rss.xml")
    withdraw(world.disclosure, "数据有误，撤回后重新发布", None)
    assert world.disclosure.title not in titles(client, "/feeds/rss.xml")
    village = titles(client, "/feeds/region/150299100201/rss.xml")
    assert world.disclosure.title not in village


def test_languages_are_separate_and_drafts_never_appear(
    client, notices, article, article_en, agency
):
    draft = ArticlePage(
        title="尚未发布的通知",
        slug="draft",
        agency=agency,
        body="<p>草稿</p>",
        live=False,
    )
    notices.add_child(instance=draft)
    draft.save_revision()
    chinese = titles(client, "/feeds/rss.xml")
    english = titles(client, "/en/feeds/rss.xml")
    assert chinese == [article.title]
    assert english == [article_en.title]
    en_root = xml_of(client.get("/en/feeds/section/notices/rss.xml"))
    assert en_root.find("channel").findtext("language") == "en"
    assert (
        en_root.find("channel/item/link").text == "http://testserver/en/notices/dibao/"
    )
    assert titles(client, "/feeds/section/notices/rss.xml") == [article.title]


def test_descriptions_are_the_masked_summary(client, notices, agency):
    page = publish_page(
        notices,
        ArticlePage(title="救助名单", slug="jiuzhu", agency=agency, body="<p>名单</p>"),
    )
    # Behind Wagtail's back, past the guards: the feed must still mask it.
    ArticlePage.objects.filter(pk=page.pk).update(
        summary=f"联系人身份证号{ID_NUMBER}，电话13812345678。"
    )
    for url in ("/feeds/rss.xml", "/feeds/atom.xml"):
        body = client.get(url).content.decode()
        assert ID_NUMBER not in body and "13812345678" not in body
        assert "110105********002X" in body and "138****5678" in body


def test_description_falls_back_to_the_masked_text(client, notices, agency):
    page = publish_page(
        notices,
        ArticlePage(title="公示", slug="gongshi", agency=agency, body="<p>名单</p>"),
    )
    ArticlePage.objects.filter(pk=page.pk).update(body=f"<p>张三 {ID_NUMBER}</p>")
    [(_, _, description, _)] = rss_items(client, "/feeds/rss.xml")
    assert description == "张三 110105********002X"
