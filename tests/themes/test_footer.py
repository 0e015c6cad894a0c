"""The footer shows what the administrator filled in under 网站信息, and nothing for
what is empty: no label without a value, never "None"."""

import re

from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from themes.models import PortalSettings

LABELS = ("主办单位", "承办单位", "联系地址", "联系电话", "网站标识码", "备案")


def footer(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("footer")


@pytest.fixture
def portal_settings(home):
    return PortalSettings.for_site(home.get_site())


def test_empty_settings_show_no_labels_only_the_national_error_report(
    client, portal_settings
):
    found = footer(client)
    text = found.get_text()
    for label in LABELS:
        assert label not in text
    assert "None" not in text
    assert [li.get_text(strip=True) for li in found.select("li")] == [
        "我为政府网站找错"
    ]
    assert found.select_one("a.error-report")["href"] == "https://zfwzzc.www.gov.cn/"
    assert not found.select(".footer-note")


def test_filled_settings_are_shown_and_linked(client, portal_settings):
    portal_settings.sponsor = "某某区民政局"
    portal_settings.organiser = "某某区民政局办公室"
    portal_settings.address = "某某路1号"
    portal_settings.telephone = "0000-1234567"
    portal_settings.site_code = "ABC0000001"
    portal_settings.icp_number = "某ICP备12345678号-1"
    portal_settings.police_number = "某公网安备 11010502000001号"
    portal_settings.footer_note = "第一行\n第二行"
    portal_settings.full_clean()
    portal_settings.save()

    found = footer(client)
    items = [li.get_text(strip=True) for li in found.select("li")]
    assert items[:5] == [
        "主办单位：某某区民政局",
        "承办单位：某某区民政局办公室",
        "联系地址：某某路1号",
        "联系电话：0000-1234567",
        "网站标识码：ABC0000001",
    ]
    icp = found.find("a", string="某ICP备12345678号-1")
    assert icp["href"] == "https://beian.miit.gov.cn/"
    police = found.find("a", string="某公网安备 11010502000001号")
    assert (
        police["href"]
        == "https://beian.mps.gov.cn/#/query/webSearch?code=11010502000001"
    )
    report = found.select_one("a.error-report")
    assert report["href"].startswith("https://zfwzzc.www.gov.cn/")
    assert report["href"].endswith("sitecode=ABC0000001")
    note = found.select_one(".footer-note")
    assert len(note.select("br")) == 1 and note.get_text() == "第一行第二行"


def test_an_error_report_address_of_its_own_wins(client, portal_settings):
    portal_settings.site_code = "ABC0000001"
    portal_settings.error_report_url = "https://example.gov.cn/jiucuo/"
    portal_settings.save()
    assert footer(client).select_one("a.error-report")["href"] == (
        "https://example.gov.cn/jiucuo/"
    )


def test_english_pages_show_the_same_settings_with_english_labels(
    client, portal_settings, english
):
    portal_settings.sponsor = "某某区民政局"
    portal_settings.save()
    with translation.override("en"):
        response = client.get(reverse("search:page"))
    assert response.status_code == 200
    text = (
        BeautifulSoup(response.content, "html.parser").select_one("footer").get_text()
    )
    assert "某某区民政局" in text
    assert re.search(r"Sponsor|主办单位", text)


@pytest.mark.parametrize(
    ("field", "value"),
    [("site_code", "123"), ("error_report_url", "javascript:alert(1)")],
)
def test_invalid_values_are_refused(portal_settings, field, value):
    from django.core.exceptions import ValidationError

    setattr(portal_settings, field, value)
    with pytest.raises(ValidationError):
        portal_settings.full_clean()
