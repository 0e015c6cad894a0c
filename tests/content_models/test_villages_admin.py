"""The admin forms a village clerk uses: the standard title, the town's agency as the
default issuer, and the checks on the rows being typed."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from content_models.disclosure.models import Agency
from content_models.villages.categories import Category
from content_models.villages.models import VillageDisclosurePage, VillageIndexPage

from .villages_factories import *  # noqa: F403  (the fixtures)
from .villages_factories import make_disclosure


@pytest.fixture
def town_agency(town):
    return Agency.objects.create(
        name="清源区青山镇人民政府", credit_code="11150299MJ0000002Q", region=town
    )


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=("villages", model._meta.model_name, parent.pk)
    )


def disclosure_form(agency, rows=(), **fields):
    data = {
        "title": "",
        "slug": "",
        "year": 2025,
        "quarter": 3,
        "month": "",
        "category": Category.FINANCE,
        "body": rich_text("<p>本季度收支情况如下。</p>"),
        "agency": agency.pk,
        "disclosure_mode": "主动公开",
        "validity": "有效",
        "finance_rows": inline_formset(
            [
                {"item": item, "direction": direction, "amount": amount, "note": ""}
                for item, direction, amount in rows
            ]
        ),
        "attachments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def test_add_disclosure_form_offers_the_town_agency(
    admin_client, column, town_agency, agency
):
    html = admin_client.get(add_url(VillageDisclosurePage, column)).content.decode()
    assert "公开期间和类别" in html and "收支明细（仅财务公开）" in html
    assert f'name="agency" value="{town_agency.pk}"' in html


def test_creating_with_a_blank_title_gives_the_standard_title(
    admin_client, column, town_agency
):
    response = admin_client.post(
        add_url(VillageDisclosurePage, column),
        disclosure_form(town_agency, rows=[("上级转移支付", "income", "20000.00")]),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = VillageDisclosurePage.objects.get()
    assert page.title == "红旗村2025年第3季度财务公开"
    assert page.slug == "2025-q3-caiwu"
    # Refused by four eyes (no one publishes their own work): a draft, never live.
    assert not page.live and page.finance_totals.income == 20000


def test_the_form_refuses_rows_on_a_party_disclosure(admin_client, column, town_agency):
    response = admin_client.post(
        add_url(VillageDisclosurePage, column),
        disclosure_form(
            town_agency, rows=[("党费", "income", "100.00")], category=Category.PARTY
        ),
    )
    assert response.status_code == 200
    assert "只有财务公开可以填写收支明细" in response.content.decode()
    assert not VillageDisclosurePage.objects.exists()


def test_the_form_refuses_a_zero_amount(admin_client, column, town_agency):
    response = admin_client.post(
        add_url(VillageDisclosurePage, column),
        disclosure_form(town_agency, rows=[("办公经费", "expense", "0")]),
    )
    assert "金额应大于0元" in response.content.decode()
    assert not VillageDisclosurePage.objects.exists()


def test_the_form_refuses_a_duplicate_period(admin_client, column, town_agency):
    make_disclosure(
        column,
        town_agency,
        quarter=3,
        category=Category.FINANCE,
        rows=[("办公经费", "expense", "300.00")],
    )
    response = admin_client.post(
        add_url(VillageDisclosurePage, column), disclosure_form(town_agency)
    )
    assert "已经存在（《红旗村2025年第3季度财务公开》）" in response.content.decode()
    assert VillageDisclosurePage.objects.count() == 1


def test_removing_rows_while_changing_category_is_accepted(
    admin_client, column, town_agency
):
    page = make_disclosure(
        column,
        town_agency,
        quarter=3,
        category=Category.FINANCE,
        rows=[("办公经费", "expense", "300.00")],
    )
    row = page.finance_rows.get()
    data = disclosure_form(
        town_agency, category=Category.AFFAIRS, title=page.title, slug=page.slug
    )
    data.update(
        {
            "finance_rows-TOTAL_FORMS": "1",
            "finance_rows-INITIAL_FORMS": "1",
            "finance_rows-0-id": str(row.pk),
            "finance_rows-0-item": row.item,
            "finance_rows-0-direction": "expense",
            "finance_rows-0-amount": "300.00",
            "finance_rows-0-note": "",
            "finance_rows-0-ORDER": "1",
            "finance_rows-0-DELETE": "1",
        }
    )
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    # The form was accepted and saved; publishing it waits for review.
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.category == Category.AFFAIRS and not draft.finance_rows.all()


def test_edit_disclosure_view_shows_the_page(admin_client, column, agency):
    page = make_disclosure(
        column,
        agency,
        quarter=1,
        category=Category.FINANCE,
        rows=[("办公经费", "expense", "300.00")],
    )
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    assert (
        "红旗村2025年第1季度财务公开" in html
        and "办公经费" in html
        and "公开信息" in html
    )


def test_a_column_for_a_town_is_refused_with_the_reason(admin_client, section, town):
    data = nested_form_data(
        {
            "title": "",
            "slug": "",
            "region": town.pk,
            "intro": "",
            "action-publish": "publish",
        }
    )
    html = admin_client.post(add_url(VillageIndexPage, section), data).content.decode()
    assert "“青山镇”（150299100000）不是村（社区）级区划" in html
    assert not VillageIndexPage.objects.exists()


def test_creating_a_column_with_blank_title_uses_the_village_name(
    admin_client, section, village
):
    data = nested_form_data(
        {
            "title": "",
            "slug": "",
            "region": village.pk,
            "intro": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_url(VillageIndexPage, section), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = VillageIndexPage.objects.get()
    assert (page.title, page.slug, page.live) == ("红旗村", "150299100201", False)


def test_edit_column_view_shows_the_region(admin_client, column):
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[column.pk])
    ).content.decode()
    assert "红旗村" in html and "每个村（社区）只有一个公开栏目" in html


def test_preview_before_the_first_save_shows_the_finance_table(
    admin_client, column, town_agency
):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("villages", "villagedisclosurepage", column.pk),
    )
    data = disclosure_form(town_agency, rows=[("集体经营收入", "income", "1234.5")])
    assert admin_client.post(url, data).json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    # (Wagtail's preview puts "Placeholder title" in a blank title; saving does not.)
    assert "<dd>青山镇红旗村</dd>" in html and "<dd>2025年第3季度</dd>" in html
    assert '<td class="num">1,234.50</td>' in html
    assert not VillageDisclosurePage.objects.exists()
