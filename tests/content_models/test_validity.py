"""有效性: the four states, the day a document stopped being in force, the document
that replaced it, the banner on the public page and the open-data catalogue."""

import datetime

from django.core.exceptions import ValidationError

import pytest
from bs4 import BeautifulSoup

from content_models.credit.models import CreditIndexPage
from content_models.disclosure.metadata import Validity
from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.plans.models import PlanIndexPage
from opendata.datasets import catalogue
from portal.demo.helpers import publish_page, publish_reviewed, translate_page

from .credit_factories import entry, organisation
from .plans_factories import build_plan
from .villages_factories import make_column, make_disclosure, make_section

REPEALED_ON = datetime.date(2024, 3, 1)


@pytest.fixture
def in_english(home, notices, english):
    translate_page(home, "Home")
    translate_page(notices, "Notices")


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def article(agency, **fields):
    fields.setdefault("title", "关于调整低保标准的通知")
    fields.setdefault("body", "<p>城市低保标准提高到每人每月820元。</p>")
    return ArticlePage(agency=agency, **fields)


@pytest.fixture
def current(notices, agency):
    return publish_page(
        notices,
        article(
            agency,
            title="关于调整2025年城乡低保标准的通知",
            slug="dibao-2025",
            published_on=datetime.date(2025, 6, 20),
        ),
    )


def repeal(page, replacement=None, state=Validity.REPEALED, day=REPEALED_ON):
    page.validity = state
    page.validity_changed_on = day
    page.replaced_by = replacement
    publish_reviewed(page)
    page.refresh_from_db()
    return page


def problems(page):
    with pytest.raises(ValidationError) as error:
        page.clean()
    return error.value.message_dict


# -- the rules -------------------------------------------------------------------------


def test_the_four_states():
    assert Validity.values == ["有效", "已修订", "已废止", "已失效"]


@pytest.mark.parametrize("state", ["已修订", "已废止", "已失效"])
def test_every_state_but_valid_needs_its_date(agency, state):
    page = article(agency, validity=state)
    assert "validity_changed_on" in problems(page)
    page.validity_changed_on = REPEALED_ON
    page.clean()


def test_a_valid_document_has_no_date_and_no_replacement(agency, current):
    dated = article(agency, validity_changed_on=REPEALED_ON)
    assert "validity_changed_on" in problems(dated)
    replaced = article(agency, replaced_by=current)
    assert "replaced_by" in problems(replaced)


def test_expired_documents_need_no_replacement(agency):
    article(agency, validity="已失效", validity_changed_on=REPEALED_ON).clean()
    article(agency, validity="已废止", validity_changed_on=REPEALED_ON).clean()


def test_a_document_cannot_replace_itself(notices, agency):
    page = publish_page(notices, article(agency, slug="old"))
    page.validity, page.validity_changed_on = "已废止", REPEALED_ON
    page.replaced_by_id = page.pk
    assert "replaced_by" in problems(page)


def test_nor_can_its_own_translation(notices, agency, in_english):
    page = publish_page(notices, article(agency, slug="old"))
    english = translate_page(page, "Notice on the minimum living allowance")
    page.validity, page.validity_changed_on = "已废止", REPEALED_ON
    page.replaced_by = english
    assert "replaced_by" in problems(page)


def test_the_replacement_is_an_existing_document(notices, agency, current):
    page = article(agency, validity="已修订", validity_changed_on=REPEALED_ON)
    page.replaced_by = notices  # an index page carries no disclosure metadata
    assert "replaced_by" in problems(page)
    page.replaced_by_id = 999_999
    assert "replaced_by" in problems(page)
    page.replaced_by = current
    page.clean()


def test_editors_choose_the_replacement_beside_the_validity(admin_client, current):
    html = admin_client.get(f"/admin/pages/{current.pk}/edit/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("[name=replaced_by]") is not None
    assert "现行文件" in html
    choices = soup.select("select[name=validity] option")
    assert [option["value"] for option in choices] == Validity.values


def test_the_admin_refuses_a_self_reference(admin_client, notices, agency):
    page = publish_page(notices, article(agency, slug="old"))
    form = {
        "title": page.title,
        "slug": page.slug,
        "body": '{"blocks":[{"key":"a","type":"unstyled","text":"低保。",'
        '"depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "agency": agency.pk,
        "disclosure_mode": "主动公开",
        "validity": "已废止",
        "validity_changed_on": "2024-03-01",
        "replaced_by": page.pk,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert response.status_code == 200  # the form again, with the error
    assert "现行文件不能是本文件或其译本" in response.content.decode()
    page.refresh_from_db()
    assert page.validity == "有效"


# -- the banner ------------------------------------------------------------------------


def banner(client, page, prefix=""):
    response = client.get(prefix + page.url if prefix else page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one(".validity-banner")


def test_a_document_in_force_has_no_banner(client, current):
    assert banner(client, current) is None


def test_a_repealed_document_names_and_links_its_public_replacement(
    client, notices, agency, current
):
    old = repeal(publish_page(notices, article(agency, slug="old")), current)
    shown = banner(client, old)
    assert shown["role"] == "note"
    text = " ".join(shown.get_text().split())
    assert "本文件已于2024年3月1日废止。" in text
    assert "现行文件：《关于调整2025年城乡低保标准的通知》" in text
    link = shown.select_one("a")
    assert link["href"] == current.url
    assert shown.select_one("time")["datetime"] == "2024-03-01"


def test_an_unpublished_replacement_is_not_named(client, notices, agency, current):
    old = repeal(publish_page(notices, article(agency, slug="old")), current)
    current.unpublish()
    shown = banner(client, old)
    text = " ".join(shown.get_text().split())
    assert "本文件已于2024年3月1日废止。" in text
    assert "现行文件" not in text and "2025" not in text
    assert shown.select_one("a") is None


def test_revised_and_expired_say_so(client, notices, agency, current):
    revised = repeal(
        publish_page(notices, article(agency, slug="revised")),
        current,
        state=Validity.REVISED,
    )
    assert "本文件已于2024年3月1日修订。" in banner(client, revised).get_text()
    expired = repeal(
        publish_page(notices, article(agency, slug="expired")),
        state=Validity.EXPIRED,
        day=datetime.date(2024, 12, 31),
    )
    shown = banner(client, expired)
    assert "本文件已于2024年12月31日失效。" in shown.get_text()
    assert "现行文件" not in shown.get_text()


def test_the_english_page_links_the_english_replacement(
    client, notices, agency, current, in_english
):
    current_en = translate_page(current, "Notice on the 2025 allowance standards")
    old = repeal(publish_page(notices, article(agency, slug="old")), current)
    old_en = translate_page(old, "Notice on the allowance standards")
    shown = banner(client, old_en)
    text = " ".join(shown.get_text().split())
    # The sentence is translated in site/locale (msgid "本文件已于%(day)s废止。");
    # the day is written the English way whatever the catalogue holds.
    assert "March 1, 2024" in text
    assert shown.select_one("time")["datetime"] == "2024-03-01"
    assert "“Notice on the 2025 allowance standards”" in text
    assert shown.select_one("a")["href"] == current_en.url
    assert current_en.url.startswith("/en/")
    # Without a public English version, the Chinese document is named.
    current_en.refresh_from_db()
    current_en.unpublish()
    shown = banner(client, old_en)
    assert shown.select_one("a")["href"] == current.url


def test_plans_and_village_disclosures_show_the_banner(
    client, home, agency, village, current
):
    plans = publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))
    plan = publish_page(plans, build_plan(agency, slug="fyp"))
    repeal(plan, current, state=Validity.EXPIRED, day=datetime.date(2025, 12, 31))
    assert "本文件已于2025年12月31日失效。" in banner(client, plan).get_text()
    column = make_column(make_section(home), village)
    disclosure = make_disclosure(column, agency)
    repeal(disclosure, current)
    assert banner(client, disclosure).select_one("a")["href"] == current.url


def test_credit_records_show_the_banner(client, home, agency, current):
    publish_page(
        home, CreditIndexPage(title="社会组织信用信息公示", slug="credit", intro="公示")
    )
    org = organisation(agency)
    listed = entry(org)
    repeal(listed, current)
    record = type(listed).objects.get(pk=listed.pk)
    response = client.get(record.as_public_record().url)
    assert response.status_code == 200
    shown = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        ".validity-banner"
    )
    assert "本文件已于2024年3月1日废止。" in " ".join(shown.get_text().split())
    assert shown.select_one("a")["href"] == current.url


# -- open data -------------------------------------------------------------------------


def test_the_catalogue_carries_every_state(notices, agency, current):
    old = repeal(publish_page(notices, article(agency, slug="old")), current)
    expired = repeal(
        publish_page(notices, article(agency, slug="expired")),
        state=Validity.EXPIRED,
    )
    field = next(f for f in catalogue.fields if f.name == "validity")
    assert list(field.choices.values) == ["有效", "已修订", "已废止", "已失效"]
    column = [f.name for f in catalogue.fields].index("validity")
    rows = {row[0]: row[column] for row in catalogue.rows()}
    assert rows[f"disclosure.articlepage:{old.pk}"] == "已废止"
    assert rows[f"disclosure.articlepage:{expired.pk}"] == "已失效"
    assert rows[f"disclosure.articlepage:{current.pk}"] == "有效"


# -- the demo --------------------------------------------------------------------------


def test_the_demo_repeals_the_2024_standard_for_the_2025_one(demo_site, client):
    chinese = ArticlePage.objects.live().filter(locale__language_code="zh-hans")
    old = chinese.get(slug="2024-dibao-standard")
    new = chinese.get(slug="2025-dibao-standard")
    assert (old.validity, old.replaced_by_id) == ("已废止", new.pk)
    assert old.validity_changed_on == datetime.date(2025, 7, 1)
    assert old.has_unpublished_changes is False  # published through review
    shown = banner(client, old)
    assert shown.select_one("a")["href"] == new.url
    assert "本文件已于2025年7月1日废止。" in shown.get_text()
    assert banner(client, new) is None
