"""The footer's free text (主办、承办、地址、页脚说明) in the reader's language: English
pages show the English counterparts an administrator filled in, and the Chinese
wherever a counterpart is empty."""

from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from themes.models import TRANSLATED_TEXTS, PortalSettings

CHINESE = {
    "sponsor": "某某区民政局",
    "organiser": "某某区民政局办公室",
    "address": "某某路1号",
    "footer_note": "第一行\n第二行",
}
ENGLISH = {
    "sponsor_en": "Civil Affairs Bureau of Mou District",
    "organiser_en": "General Office of the Bureau",
    "address_en": "1 Mou Road",
    "footer_note_en": "First line\nSecond line",
}


@pytest.fixture
def portal_settings(home):
    portal = PortalSettings.for_site(home.get_site())
    for name, value in CHINESE.items():
        setattr(portal, name, value)
    return portal


def footer_text(client, language):
    with translation.override(language):
        path = reverse("search:page")
    response = client.get(path)
    assert response.status_code == 200
    found = BeautifulSoup(response.content, "html.parser").select_one("footer")
    return path, found.get_text(" ", strip=True)


def test_english_pages_show_the_english_counterparts(client, portal_settings, english):
    for name, value in ENGLISH.items():
        setattr(portal_settings, name, value)
    portal_settings.full_clean()
    portal_settings.save()

    path, text = footer_text(client, "en")
    assert path.startswith("/en/")
    for value in ENGLISH.values():
        for line in value.split("\n"):
            assert line in text
    for value in CHINESE.values():
        for line in value.split("\n"):
            assert line not in text

    path, text = footer_text(client, "zh-hans")
    assert not path.startswith("/en/")
    assert "某某区民政局办公室" in text and "Civil Affairs" not in text


def test_an_empty_counterpart_falls_back_to_the_chinese(
    client, portal_settings, english
):
    portal_settings.sponsor_en = "Civil Affairs Bureau of Mou District"
    portal_settings.footer_note_en = " \n "  # only blanks: as good as empty
    portal_settings.full_clean()
    portal_settings.save()

    _path, text = footer_text(client, "en")
    assert "Civil Affairs Bureau of Mou District" in text
    assert "某某区民政局办公室" in text  # organiser: no English given
    assert "某某路1号" in text
    assert "第一行" in text
    assert "None" not in text


def test_nothing_filled_in_shows_nothing_in_either_language(client, home, english):
    PortalSettings.for_site(home.get_site())
    for language in ("en", "zh-hans"):
        found_text = footer_text(client, language)[1]
        assert "None" not in found_text
        assert "Sponsor" not in found_text and "主办单位" not in found_text


@pytest.mark.parametrize(
    ("language", "english"),
    [("en", True), ("en-gb", True), ("EN", True), ("zh-hans", False), ("fr", False)],
)
def test_texts_choose_by_language(language, english):
    portal = PortalSettings(**CHINESE, **ENGLISH)
    texts = portal.texts(language)
    assert set(texts) == set(TRANSLATED_TEXTS)
    source = ENGLISH if english else CHINESE
    suffix = "_en" if english else ""
    assert texts == {name: source[name + suffix] for name in TRANSLATED_TEXTS}


def test_texts_follow_the_active_language():
    portal = PortalSettings(**CHINESE, **ENGLISH)
    with translation.override("en"):
        assert portal.texts()["sponsor"] == ENGLISH["sponsor_en"]
    with translation.override("zh-hans"):
        assert portal.texts()["sponsor"] == CHINESE["sponsor"]


def test_the_admin_offers_the_english_fields(admin_client, home):
    response = admin_client.get("/admin/settings/themes/portalsettings/", follow=True)
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    for name in ENGLISH:
        assert form.select_one(f'[name="{name}"]') is not None, name
