"""sitemap.xml (an index of paged sitemaps) and robots.txt."""

from wagtail.models import Page

from portal.demo.helpers import translate_page

from .conftest import SITEMAP, XHTML, xml_of


def urls(client, section):
    """{location: {hreflang: href}} of one sitemap."""
    root = xml_of(client.get(f"/sitemap-{section}.xml"))
    assert root.tag == f"{SITEMAP}urlset"
    found = {}
    for url in root.findall(f"{SITEMAP}url"):
        assert url.findtext(f"{SITEMAP}lastmod")
        found[url.findtext(f"{SITEMAP}loc")] = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
        }
    return found


def test_index_names_pages_and_record_sitemaps(client, db, world):
    root = xml_of(client.get("/sitemap.xml"))
    assert root.tag == f"{SITEMAP}sitemapindex"
    locations = [s.findtext(f"{SITEMAP}loc") for s in root]
    assert "http://testserver/sitemap-pages.xml" in locations
    assert "http://testserver/sitemap-credit-creditlistentry.xml" in locations
    assert "http://testserver/sitemap-charity-charityorganisation.xml" in locations
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_public_pages_and_records_are_listed_drafts_are_not(client, db, world):
    pages = urls(client, "pages")
    assert "http://testserver/" in pages
    assert f"http://testserver{world.plan.url}" in pages
    assert f"http://testserver{world.disclosure.url}" in pages
    entries = urls(client, "credit-creditlistentry")
    assert f"http://testserver{world.current.public_url()}" in entries
    assert f"http://testserver{world.removed.public_url()}" in entries
    organisations = urls(client, "credit-socialorganisation")
    assert list(organisations) == [f"http://testserver{world.org.public_url()}"]
    reports = urls(client, "charity-annualreport")
    assert list(reports) == [f"http://testserver{world.report.public_url()}"]


def test_records_have_alternates_on_the_english_section(client, db, world, english):
    home = Page.objects.get(url_path="/test-home/").specific
    translate_page(home, "Qingyuan Civil Affairs")  # a translation needs its parent's
    translate_page(Page.objects.get(url_path="/test-home/credit/").specific, "Credit")
    location = f"http://testserver{world.org.public_url()}"
    alternates = urls(client, "credit-socialorganisation")[location]
    assert alternates == {
        "zh-hans": location,
        "en": location.replace("testserver/", "testserver/en/"),
    }


def test_translated_pages_have_hreflang_alternates(client, article, article_en):
    pages = urls(client, "pages")
    chinese = "http://testserver/notices/dibao/"
    english = "http://testserver/en/notices/dibao/"
    assert pages[chinese] == pages[english] == {"zh-hans": chinese, "en": english}


def test_robots_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /api/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
