"""关怀版: a plain link turns it on or off (no JavaScript), a cookie remembers it, the
page is rendered with class="care" on <html>, and ``next`` never leads off the site."""

import pytest
from bs4 import BeautifulSoup

from themes.views import CARE_COOKIE


def html_element(response):
    return BeautifulSoup(response.content, "html.parser").find("html")


def test_every_page_links_to_the_switch_back_to_itself(client, home):
    page = BeautifulSoup(client.get("/?a=1").content, "html.parser")
    switch = page.select_one("header a.care-switch")
    assert switch.get_text() == "关怀版"
    assert switch["href"] == "/care/on?next=%2F%3Fa%3D1"
    assert "class" not in html_element(client.get("/")).attrs


def test_turning_it_on_sets_the_cookie_and_goes_back(client, home):
    response = client.get("/care/on", {"next": "/en/?x=1"})
    assert response.status_code == 302 and response["Location"] == "/en/?x=1"
    cookie = response.cookies[CARE_COOKIE]
    assert cookie.value == "1" and int(cookie["max-age"]) >= 30 * 24 * 3600
    assert cookie["samesite"] == "Lax" and cookie["httponly"]

    page = client.get("/")
    assert html_element(page)["class"] == ["care"]
    switch = BeautifulSoup(page.content, "html.parser").select_one("a.care-switch")
    assert switch.get_text() == "退出关怀版" and switch["href"].startswith("/care/off?")


def test_turning_it_off_deletes_the_cookie(client, home):
    client.cookies[CARE_COOKIE] = "1"
    response = client.get("/care/off", {"next": "/"})
    assert response.status_code == 302
    assert response.cookies[CARE_COOKIE]["max-age"] == 0
    assert "class" not in html_element(client.get("/")).attrs


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "http://evil.example",
        "javascript:alert(1)",
        "",
    ],
)
def test_next_must_stay_on_this_site(client, target):
    response = client.get("/care/on", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_only_on_and_off(client, db):
    assert client.get("/care/maybe", follow=True).status_code == 404
    assert client.post("/care/on").status_code == 405


def test_read_aloud_button_is_rendered_hidden(client, home):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    button = page.select_one("button.read-aloud")
    assert button.has_attr("hidden") and button.get_text() == "朗读"
    assert page.find("script", src=lambda src: src and "read-aloud" in src)


def test_favicon(client, home):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    icon = page.select_one("link[rel=icon]")
    assert icon["type"] == "image/svg+xml" and icon["href"].endswith("favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == icon["href"]
