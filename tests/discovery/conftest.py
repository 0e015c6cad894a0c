"""Fixtures for feeds, sitemap and sharing: open data's small published world (with
drafts), and a notices section with an article in Chinese and English."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, translate_page

from ..opendata.conftest import published_world, world  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml_of(response):
    assert response.status_code == 200, response.content[:300]
    return ET.fromstring(response.content)  # noqa: S314 (our own responses)


def rss_items(client, url):
    """[(title, link, description, guid)] of an RSS 2.0 feed, checked for shape."""
    root = xml_of(client.get(url))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description", "language"):
        assert channel.findtext(name), name
    items = []
    for item in channel.findall("item"):
        for name in ("title", "link", "description", "pubDate", "guid"):
            assert item.find(name) is not None, name
        assert item.findtext("link").startswith("http://testserver/")
        items.append(
            (
                item.findtext("title"),
                item.findtext("link"),
                item.findtext("description"),
                item.findtext("guid"),
            )
        )
    return items


def titles(client, url):
    return [title for title, *_ in rss_items(client, url)]


@pytest.fixture
def notices(home):
    return publish_page(
        home, ArticleIndexPage(title="通知公告", slug="notices", intro="本局通知公告")
    )


@pytest.fixture
def article(notices, agency):
    return publish_page(
        notices,
        ArticlePage(
            title="关于调整城乡低保标准的通知",
            slug="dibao",
            agency=agency,
            summary="城乡低保标准自7月起提高。",
            body="<p>820元</p>",
            published_on=datetime.date(2025, 6, 20),
        ),
    )


@pytest.fixture
def article_en(home, notices, article, english):
    translate_page(home, "Qingyuan Civil Affairs")  # a translation needs its parent's
    translate_page(notices, "Notices")
    return translate_page(
        article, "Notice on raising the minimum living allowance", slug="dibao"
    )
