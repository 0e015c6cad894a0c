"""The dataset page's extras: the preview, columns in both languages, usage counts,
and 需求反馈 (requests answered in the admin, published masked, contact never)."""

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

import pytest

from opendata.datasets import DATASETS
from opendata.feedback import DataRequest
from opendata.usage import DatasetUsage, count_use, usage_of

ID_NUMBER = "110101199003077571"
PHONE = "13812345678"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def dataset_page(client, slug="village-finance"):
    response = client.get(reverse("opendata-dataset", kwargs={"slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def submit(client, slug="village-finance", **data):
    data.setdefault("text", "希望公开各村历年低保人数")
    return client.post(reverse("opendata-request", kwargs={"slug": slug}), data)


def test_page_previews_rows_and_both_languages(client, world):
    html = dataset_page(client)
    assert "上级转移支付" in html  # a row of the preview
    assert 'lang="en"' in html and 'lang="zh-hans"' in html
    assert reverse("opendata-table", kwargs={"slug": "village-finance"}) in html


def test_every_dataset_page_renders(client, world):
    for slug in DATASETS:
        dataset_page(client, slug)


def test_downloads_and_api_calls_are_counted(client, world):
    client.get(reverse("opendata-file", kwargs={"slug": "regions", "fmt": "csv"}))
    client.get(reverse("opendata-api", kwargs={"slug": "regions"}))
    client.get(reverse("opendata-api", kwargs={"slug": "regions"}))
    client.get(reverse("opendata-api", kwargs={"slug": "regions"}), {"bad": "1"})
    assert usage_of("regions") == {"downloads": 1, "api_calls": 2}
    assert usage_of("village-finance") == {"downloads": 0, "api_calls": 0}
    # One row a day, no client information.
    row = DatasetUsage.objects.get(slug="regions")
    assert {f.name for f in DatasetUsage._meta.fields} == {
        "id",
        "slug",
        "day",
        "downloads",
        "api_calls",
    }
    assert row.downloads == 1


def test_counting_twice_adds(db):
    count_use("regions", "downloads")
    count_use("regions", "downloads")
    assert DatasetUsage.objects.get().downloads == 2


def test_a_request_is_stored_but_not_shown_until_answered(client, world):
    response = submit(client, text=f"请公开低保名单，我的电话{PHONE}", contact="a@b.cn")
    assert response.status_code == 302
    request = DataRequest.objects.get()
    assert request.contact == "a@b.cn" and request.dataset == "village-finance"
    html = dataset_page(client)
    assert "请公开低保名单" not in html
    request.reply = "已纳入下季度计划。"
    request.save()
    html = dataset_page(client)
    assert "请公开低保名单" in html and "已纳入下季度计划。" in html
    assert PHONE not in html and "a@b.cn" not in html


def test_an_answer_is_masked_too(client, world):
    DataRequest.objects.create(
        dataset="village-finance", text="需求", reply=f"经办人{ID_NUMBER}"
    )
    html = dataset_page(client)
    assert ID_NUMBER not in html and "需求" in html


def test_the_honeypot_stores_nothing(client, world):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 302
    assert not DataRequest.objects.exists()


def test_empty_and_oversized_requests_are_refused(client, world):
    submit(client, text="   ")
    submit(client, text="长" * 2001)
    assert not DataRequest.objects.exists()


def test_unknown_dataset_and_get_are_refused(client, world):
    assert submit(client, slug="nope").status_code == 404
    url = reverse("opendata-request", kwargs={"slug": "regions"})
    assert client.get(url).status_code == 405


@override_settings(OPENDATA_API_RATE="2/60")
def test_the_rate_limit_stops_a_flood(client, world):
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302
    assert submit(client).status_code == 429
    assert DataRequest.objects.count() == 2


def test_csrf_is_required(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert submit(strict).status_code == 403


# -- the admin ------------------------------------------------------------------------


def staff(django_user_model, *codenames):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    group = Group.objects.create(name="开放数据")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="opendata", codename__in=codenames
        ),
    )
    user.groups.add(group)
    return user


def edit_url(request):
    return reverse("wagtailsnippets_opendata_datarequest:edit", args=[request.pk])


def test_staff_answer_in_the_admin(client, world, django_user_model):
    request = DataRequest.objects.create(dataset="regions", text="需要乡镇人口")
    client.force_login(staff(django_user_model, "change_datarequest"))
    response = client.post(edit_url(request), {"reply": "人口数据由统计局公开。"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.reply == "人口数据由统计局公开。" and request.answered_at
    assert request.text == "需要乡镇人口"  # read only in the form


def test_without_permission_nobody_answers(client, world, django_user_model):
    request = DataRequest.objects.create(dataset="regions", text="需要乡镇人口")
    client.force_login(staff(django_user_model))
    response = client.post(edit_url(request), {"reply": "x"})
    assert response.status_code in (302, 403)
    request.refresh_from_db()
    assert request.reply == ""
