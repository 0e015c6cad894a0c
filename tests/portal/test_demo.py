"""The demo bureau: complete enough to show every family, loaded once, served in both
languages (the shared demo: tests/shared_demo.py)."""

import re

from django.apps import apps

from wagtail.models import Page, Revision

from content_models.disclosure.identifiers import (
    credit_code_problem,
    is_valid_id_number,
)
from content_models.disclosure.public import is_public
from content_models.regions.codes import TOWN, VILLAGE
from content_models.regions.models import Region
from portal import demo

FAMILY_APPS = ("regions", "disclosure", "plans", "villages", "credit", "charity")


def row_counts():
    models = [m for a in FAMILY_APPS for m in apps.get_app_config(a).get_models()]
    counts = {m._meta.label: m.objects.count() for m in models}
    counts["pages"] = Page.objects.count()
    counts["revisions"] = Revision.objects.count()
    return counts


def test_loading_again_changes_nothing(demo_site, db):
    before = row_counts()
    assert demo.load() is False
    assert row_counts() == before


def test_region_tree_has_towns_and_villages(demo_site, db):
    assert Region.objects.of_level(TOWN).count() >= 3
    assert Region.objects.of_level(VILLAGE).count() >= 12
    for region in Region.objects.all():
        region.full_clean()


def test_every_family_is_there_in_the_required_amounts(demo_site, db):
    plans = apps.get_model("plans", "PlanPage").objects.live()
    assert plans.count() >= 1
    plan = plans.first()
    assert len({i.table_title for i in plan.indicators.all()}) >= 2
    assert (
        apps.get_model("plans", "IndicatorProgress")
        .objects.filter(indicator__plan=plan)
        .exists()
    )

    disclosures = apps.get_model("villages", "VillageDisclosurePage").objects.live()
    quarters_per_village = {}
    for page in disclosures.exclude(quarter=None):
        key = page.get_parent().specific.region_id
        quarters_per_village.setdefault(key, set()).add((page.year, page.quarter))
    assert sum(len(q) >= 8 for q in quarters_per_village.values()) >= 3

    entries = apps.get_model("credit", "CreditListEntry").objects.filter(live=True)
    assert entries.count() >= 30
    assert entries.exclude(removed_on=None).exists()
    assert entries.filter(removed_on=None).exists()
    for organisation in apps.get_model("credit", "SocialOrganisation").objects.all():
        assert credit_code_problem(organisation.credit_code) is None, organisation.name

    charities = apps.get_model("charity", "CharityOrganisation").objects.filter(
        live=True
    )
    assert charities.count() >= 5
    assert (
        apps.get_model("charity", "FundraisingFiling")
        .objects.filter(live=True)
        .exists()
    )
    assert (
        apps.get_model("charity", "AnnualReport").objects.filter(live=True).count() >= 5
    )


def test_every_model_row_passes_its_own_validation(demo_site, db):
    for app in FAMILY_APPS:
        for model in apps.get_app_config(app).get_models():
            for row in model.objects.all()[:200]:
                row = row.specific if isinstance(row, Page) else row
                row.full_clean()


def test_every_public_page_answers_in_chinese_and_english(demo_site, client):
    pages = [p.specific for p in Page.objects.live().filter(depth__gt=1)]
    languages = {p.locale.language_code for p in pages}
    assert languages == {"zh-hans", "en"}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode(), page.url
    english_urls = [p.url for p in pages if p.locale.language_code == "en"]
    assert all(url.startswith("/en/") for url in english_urls)
    assert len(english_urls) >= 5  # home and one section per family at least


def test_every_public_record_has_a_working_page(demo_site, client):
    record_models = [
        m
        for a in ("credit", "charity", "plans")
        for m in apps.get_app_config(a).get_models()
        if hasattr(m, "as_public_record") and not issubclass(m, Page)
    ]
    assert record_models
    for model in record_models:
        for record in model.objects.filter(live=True)[:20]:
            assert is_public(record)
            url = record.public_url()
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            path, _sep, anchor = url.partition("#")
            if anchor:  # a figure shown inside its plan's page
                assert f'id="{anchor}"' in html, url
            else:
                assert str(record.title) in html, url


def test_demo_text_publishes_no_personal_data(demo_site, client):
    for page in Page.objects.live().filter(depth__gt=1)[:400]:
        html = client.get(page.url).content.decode()
        for candidate in re.findall(r"\d{17}[\dXx]", html):
            assert not is_valid_id_number(candidate), (page.url, candidate)
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", html), page.url


def test_english_pages_show_english_labels(demo_site, client):
    home = client.get("/en/").content.decode()
    assert "Skip to main content" in home and "跳到正文" not in home
    # The footer note in the reader's language (网站信息 → 页脚（英文页面）).
    assert "All demo data is fictional" in home and "演示数据均为虚构" not in home
    chinese_home = client.get("/").content.decode()
    assert "跳到正文" in chinese_home and "Skip to main content" not in chinese_home
    notice = apps.get_model("disclosure", "ArticlePage").objects.live().first()
    assert "索引号" in client.get(notice.url).content.decode()
    # Records are data and stay Chinese; the labels around them are English.
    credit = client.get("/en/credit/").content.decode()
    assert "清源区" in credit and '<html lang="en"' in credit


def test_language_switch_keeps_the_record(demo_site, client):
    entry = (
        apps.get_model("credit", "CreditListEntry").objects.filter(live=True).first()
    )
    url = entry.public_url()
    html = client.get(url).content.decode()
    assert f'href="/en{url}"' in html
    english = client.get(f"/en{url}").content.decode()
    assert f'href="{url}"' in english
