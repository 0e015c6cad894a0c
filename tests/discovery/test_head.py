"""The head tags every page gets: canonical address, description, Open Graph and feed
links, escaped and masked."""

import re
from html import unescape

from content_models.disclosure.models import ArticlePage
from portal.demo.helpers import publish_page

from .test_feeds import ID_NUMBER


def head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    return html[html.index("<head>") : html.index("</head>")]


def meta(html, name):
    """The content of ``<meta name|property=name>``, unescaped."""
    found = re.findall(rf'<meta (?:name|property)="{name}" content="([^"]*)">', html)
    assert len(found) == 1, (name, found)
    return unescape(found[0])


def links(html, rel):
    return [
        dict(re.findall(r'(\w+)="([^"]*)"', tag))
        for tag in re.findall(rf'<link rel="{rel}"[^>]*>', html)
    ]


def test_article_head(client, article):
    html = head(client, "/notices/dibao/?utm_source=wechat&from=timeline")
    assert links(html, "canonical") == [
        {"rel": "canonical", "href": "http://testserver/notices/dibao/"}
    ]
    assert meta(html, "description") == "城乡低保标准自7月起提高。"
    assert meta(html, "og:title") == article.title
    assert meta(html, "og:description") == "城乡低保标准自7月起提高。"
    assert meta(html, "og:url") == "http://testserver/notices/dibao/"
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:locale") == "zh_CN"
    assert meta(html, "og:site_name") == "民政信息公开"
    feeds = {(f["type"], f["href"]) for f in links(html, "alternate")}
    assert ("application/rss+xml", "/feeds/rss.xml") in feeds
    assert ("application/atom+xml", "/feeds/atom.xml") in feeds
    assert not any("/section/" in href for _, href in feeds)


def test_english_head(client, article_en):
    html = head(client, "/en/notices/dibao/")
    assert meta(html, "og:locale") == "en_US"
    assert meta(html, "og:url") == "http://testserver/en/notices/dibao/"
    feeds = {f["href"] for f in links(html, "alternate")}
    assert "/en/feeds/rss.xml" in feeds


def test_section_page_links_its_feeds_and_falls_back_to_its_intro(client, article):
    html = head(client, "/notices/")
    feeds = {(f["type"], f["href"]) for f in links(html, "alternate")}
    assert ("application/rss+xml", "/feeds/section/notices/rss.xml") in feeds
    assert ("application/atom+xml", "/feeds/section/notices/atom.xml") in feeds
    assert meta(html, "description") == "本局通知公告"
    assert meta(html, "og:type") == "website"


def test_without_a_summary_the_section_intro_describes_a_page(client, notices, agency):
    publish_page(
        notices,
        ArticlePage(title="公告", slug="gonggao", agency=agency, body="<p>x</p>"),
    )
    assert meta(head(client, "/notices/gonggao/"), "description") == "本局通知公告"


def test_village_column_links_its_region_feed(client, db, world):
    column = world.disclosure.get_parent()
    html = head(client, column.url)
    feeds = {f["href"] for f in links(html, "alternate")}
    assert "/feeds/region/150299100201/rss.xml" in feeds
    assert "/feeds/region/150299100201/atom.xml" in feeds


def test_record_pages_have_their_own_head(client, db, world):
    html = head(client, world.current.public_url() + "?utm_campaign=x")
    assert links(html, "canonical")[0]["href"] == (
        f"http://testserver{world.current.public_url()}"
    )
    assert meta(html, "og:title") == str(world.current.title)
    assert meta(html, "og:type") == "article"
    feeds = {f["href"] for f in links(html, "alternate")}
    assert "/feeds/section/credit/rss.xml" in feeds


def test_titles_and_summaries_are_escaped_and_masked(client, notices, agency):
    page = publish_page(
        notices,
        ArticlePage(title="公告", slug="escape", agency=agency, body="<p>x</p>"),
    )
    nasty = '<script>alert("x")</script> \'单引号\' & "双引号"'
    ArticlePage.objects.filter(pk=page.pk).update(
        title=nasty, summary=f'{nasty} 身份证号{ID_NUMBER}"><script>'
    )
    html = head(client, "/notices/escape/")
    assert "<script>" not in html
    assert meta(html, "og:title") == nasty
    description = meta(html, "description")
    assert description.startswith(nasty)
    assert ID_NUMBER not in html and "110105********002X" in description


def test_search_is_canonical_to_its_words_only(client, db, home):
    # No index is built here: the page says so (503), with its head all the same.
    html = head(client, "/search/?q=低保&page=2&utm_source=x", status=503)
    [canonical] = links(html, "canonical")
    assert canonical["href"] == "http://testserver/search/?q=%E4%BD%8E%E4%BF%9D"
    assert '<meta name="robots" content="noindex">' in html
