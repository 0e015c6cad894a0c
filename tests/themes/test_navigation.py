"""The main navigation on the demo: every link leads to a page (200), the current
section is marked, English pages show the English sections, columns of 政府信息公开
that are not sections appear only once configured, and the queries do not grow with
the number of links."""

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, Site

import pytest
from bs4 import BeautifulSoup

from content_models.plans.models import PlanIndexPage, PlanPage
from portal.demo.site_settings import load_site_settings
from themes.models import PortalSettings
from themes.templatetags.site_navigation import navigation


def nav(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    found = BeautifulSoup(response.content, "html.parser").select_one("nav.main-nav")
    assert found is not None, f"no navigation on {path}"
    return found


def labels(found):
    return [a.get_text(strip=True) for a in found.select("a")]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_link_leads_to_a_page(demo_site, client, prefix):
    links = nav(client, prefix + "/").select("a")
    assert len(links) >= 7
    for link in links:
        assert client.get(link["href"]).status_code == 200, link


def test_chinese_navigation_has_the_columns_and_sections(demo_site, client):
    found = nav(client, "/")
    assert labels(found) == [
        "政府信息公开",
        "法定主动公开内容",
        "依申请公开",
        "发展规划",
        "村务居务公开",
        "社会组织信用信息公示",
        "慈善信息",
        "开放数据",
        "站内搜索",
    ]
    group = found.select_one(".nav-group")
    assert [a.get_text() for a in group.select(".nav-sub a")] == [
        "法定主动公开内容",
        "依申请公开",
    ]


def test_english_navigation_shows_the_english_sections(demo_site, client):
    found = nav(client, "/en/")
    hrefs = [a["href"] for a in found.select("a")]
    assert all(href.startswith("/en/") for href in hrefs), hrefs
    english_plans = PlanIndexPage.objects.get(locale__language_code="en")
    assert found.find("a", string=english_plans.title)["href"] == english_plans.url


def test_the_current_section_is_marked(demo_site, client):
    index = PlanIndexPage.objects.get(locale__language_code="zh-hans")
    plan = PlanPage.objects.live().get(locale__language_code="zh-hans")
    on_index = nav(client, index.url).select("[aria-current]")
    assert [(a.get_text(), a["aria-current"]) for a in on_index] == [
        (index.title, "page")
    ]
    on_plan = nav(client, plan.url).select("[aria-current]")
    assert [(a.get_text(), a["aria-current"]) for a in on_plan] == [
        (index.title, "true")
    ]
    home = nav(client, "/").select("[aria-current]")
    assert [(a.get_text(), a["aria-current"]) for a in home] == [
        ("政府信息公开", "page")
    ]
    search = nav(client, reverse("search:page")).select("[aria-current]")
    assert [a.get_text() for a in search] == ["站内搜索"]


def test_columns_appear_once_configured(demo_site, client):
    site = Site.objects.get(root_page=demo_site.home)
    portal = PortalSettings.for_site(site)
    portal.guide_url = "https://example.gov.cn/guide/"
    portal.annual_reports_page = Page.objects.get(pk=demo_site.home.pk)
    portal.save()
    found = nav(client, "/")
    sub = [(a.get_text(), a["href"]) for a in found.select(".nav-sub a")]
    assert sub == [
        ("信息公开指南", "https://example.gov.cn/guide/"),
        ("法定主动公开内容", sub[1][1]),
        ("信息公开年报", "/"),
        ("依申请公开", "/requests/"),  # the portal's own form until one is set
    ]
    # English: the page's translation, and the form in English.
    english = [(a["href"]) for a in nav(client, "/en/").select(".nav-sub a")]
    assert english[-2:] == ["/en/", "/en/requests/"]
    portal.on_request_url = "https://example.gov.cn/apply/"
    portal.save()
    sub = [a["href"] for a in nav(client, "/").select(".nav-sub a")]
    assert sub[-1] == "https://example.gov.cn/apply/"


def test_queries_do_not_depend_on_the_number_of_links(
    demo_site, django_assert_max_num_queries
):
    site = Site.objects.get(root_page=demo_site.home)
    portal = PortalSettings.for_site(site)
    portal.rules_page = portal.on_request_page = Page.objects.get(pk=demo_site.home.pk)
    portal.save()
    request = RequestFactory().get("/en/")
    with translation.override("en"), django_assert_max_num_queries(7):
        links = navigation(request)
    assert len(links[0].children) == 3  # rules, articles, on request


def test_demo_settings_fill_the_footer(demo_site, client):
    load_site_settings(demo_site)
    footer = BeautifulSoup(client.get("/").content, "html.parser").select_one("footer")
    text = footer.get_text()
    assert "主办单位：清源区民政局（演示）" in text
    assert "演示数据均为虚构" in text
    assert footer.find("a", href="https://beian.miit.gov.cn/")
