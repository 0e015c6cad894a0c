"""The disclosure catalogue's ``url`` column (and a release cut without a request) is
written on the site's configured address: the Wagtail Site an administrator set, or
WAGTAILADMIN_BASE_URL while the Site is still the installation's localhost."""

import csv
import io

from wagtail.models import Site

import pytest

from opendata.catalog import base_url


def catalogue_urls(client):
    response = client.get("/opendata/disclosure-catalogue.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["url"] for row in csv.DictReader(io.StringIO(text))]


def set_site(hostname, port):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.save()
    return site


def test_a_localhost_site_gives_way_to_the_configured_base_url(client, world, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org/"
    urls = catalogue_urls(client)
    assert urls
    assert all(url.startswith("https://portal.example.org/") for url in urls), urls
    assert not any("localhost" in url for url in urls)


@pytest.mark.parametrize(
    ("hostname", "port", "root"),
    [
        ("mzj.example.gov.cn", 443, "https://mzj.example.gov.cn/"),
        ("mzj.example.gov.cn", 80, "http://mzj.example.gov.cn/"),
        ("mzj.example.gov.cn", 8080, "http://mzj.example.gov.cn:8080/"),
    ],
)
def test_a_site_set_by_the_administrator_wins(
    client, world, settings, hostname, port, root
):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    set_site(hostname, port)
    urls = catalogue_urls(client)
    assert urls and all(url.startswith(root) for url in urls), urls


@pytest.mark.parametrize("hostname", ["localhost", "127.0.0.1"])
def test_loopback_sites_are_not_a_configured_address(db, settings, hostname):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    set_site(hostname, 80)
    assert base_url() == "https://portal.example.org"


def test_the_page_addresses_keep_their_path(client, world, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    urls = set(catalogue_urls(client))
    assert f"https://portal.example.org{world.plan.url}" in urls
