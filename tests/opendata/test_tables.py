"""Views of any table (/opendata/<dataset>/table/, table.csv, table.json): filters,
sorting, facets and search decided from the declarations, answers compared with the
dataset's own public rows, and every bad parameter refused by name."""

import csv
import io
import json

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

import pytest

from content_models.credit.models import CreditListEntry
from content_models.villages.models import FinanceRow
from opendata.datasets import DATASETS
from opendata.formats import plain_value


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def page_url(slug):
    return reverse("opendata-table", kwargs={"slug": slug})


def file_url(slug, fmt="json"):
    return reverse("opendata-table-file", kwargs={"slug": slug, "fmt": fmt})


def view_rows(client, slug, **params):
    response = client.get(file_url(slug), params)
    assert response.status_code == 200, b"".join(response.streaming_content)
    return json.loads(b"".join(response.streaming_content))


def public_rows(slug):
    dataset = DATASETS[slug]
    names = dataset.field_names
    return [
        dict(zip(names, map(plain_value, row), strict=True)) for row in dataset.rows()
    ]


def refusal(client, slug, **params):
    response = client.get(file_url(slug), params)
    assert response.status_code == 400
    return response.json()["error"]


def test_whole_view_is_the_public_rows(client, world):
    for slug in DATASETS:
        assert view_rows(client, slug) == public_rows(slug), slug


def test_exact_filter_on_an_integer(client, world):
    rows = view_rows(client, "village-finance", year="2025")
    assert rows and rows == [
        r for r in public_rows("village-finance") if r["year"] == 2025
    ]
    assert view_rows(client, "village-finance", year="2024") == []


def test_number_comparisons(client, world):
    everything = public_rows("village-finance")
    rows = view_rows(client, "village-finance", amount__gt="100000")
    assert [r["item"] for r in rows] == ["上级转移支付"]
    rows = view_rows(client, "village-finance", amount__lte="86500.50")
    assert rows == [r for r in everything if r["amount"] <= 86500.5]


def test_enumerated_filter_and_in(client, world):
    income = view_rows(client, "village-finance", direction="income")
    assert {r["direction"] for r in income} == {"income"}
    both = view_rows(client, "village-finance", direction__in="income,expense")
    assert len(both) == len(public_rows("village-finance"))


def test_filter_on_a_converted_field(client, world):
    # village_code is read out of the page's disclosure key: decided on the cells.
    rows = view_rows(client, "village-finance", village_code="150299100201")
    assert rows and all(r["village_code"] == "150299100201" for r in rows)
    assert view_rows(client, "village-finance", period="2025-Q2")
    assert view_rows(client, "village-finance", period="2024-Q2") == []


def test_dates_and_isnull(client, world):
    history = public_rows("credit-list-history")
    removed = view_rows(client, "credit-list-history", removed_on__isnull="false")
    assert removed == [r for r in history if r["removed_on"]]
    current = view_rows(client, "credit-list-history", removed_on__isnull="true")
    assert len(current) + len(removed) == len(history)
    since = view_rows(client, "credit-list-history", listed_on__gte="2024-01-01")
    assert since == [r for r in history if r["listed_on"] >= "2024-01-01"]


def test_contains_folds_width_and_case(client, world):
    rows = view_rows(client, "village-finance", item__contains="巷道")
    assert [r["item"] for r in rows] == ["巷道硬化工程"]
    # The catalogue is not one queryset: decided on its cells alone.
    catalogue = view_rows(client, "disclosure-catalogue", title__contains="规划")
    assert catalogue and all("规划" in r["title"] for r in catalogue)


def test_search_inside_the_dataset(client, world):
    rows = view_rows(client, "village-finance", _search="转移支付")
    assert [r["item"] for r in rows] == ["上级转移支付"]
    assert view_rows(client, "village-finance", _search="不存在的词") == []


def test_search_folds_full_width(client, world):
    FinanceRow.objects.filter(item="巷道硬化工程").update(note="ABC工程款")
    rows = view_rows(client, "village-finance", _search="ａｂｃ")
    assert [r["item"] for r in rows] == ["巷道硬化工程"]


def test_sort_both_ways(client, world):
    up = view_rows(client, "village-finance", _sort="amount")
    down = view_rows(client, "village-finance", _sort="-amount")
    assert [r["amount"] for r in up] == sorted(r["amount"] for r in up)
    assert down == list(reversed(up))


def test_csv_of_a_view(client, world):
    response = client.get(file_url("village-finance", "csv"), {"direction": "income"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["item"] for row in rows] == ["上级转移支付"]
    assert list(rows[0]) == DATASETS["village-finance"].field_names


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"nope": "1"}, "nope"),
        ({"year__like": "1"}, "year__like"),
        ({"year": "二〇二五"}, "year"),
        ({"year": "99999999999999999999999"}, "year"),
        ({"amount__gt": "NaN"}, "amount__gt"),
        ({"listed_on": "2024-02-30"}, "listed_on"),
        ({"direction": "both"}, "direction"),
        ({"year__contains": "20"}, "year__contains"),
        ({"note__isnull": "maybe"}, "note__isnull"),
        ({"note": "a\x00b"}, "note"),
        ({"_sort": "period"}, "_sort"),
        ({"_sort": "nope"}, "_sort"),
        ({"_page": "2"}, "_page"),
        ({"item": "x" * 201}, "item"),
    ],
)
def test_bad_parameters_are_named(client, world, params, named):
    slug = "credit-list-history" if "listed_on" in params else "village-finance"
    error = refusal(client, slug, **params)
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == named


def test_a_parameter_given_twice_is_refused(client, world):
    response = client.get(file_url("village-finance") + "?year=2025&year=2024")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "year"


def test_injection_is_only_text(client, world):
    for attempt in ("' OR 1=1 --", "%", "_", "\\", "巷道%' OR '1'='1"):
        assert view_rows(client, "village-finance", item=attempt) == []
        assert view_rows(client, "village-finance", item__contains=attempt) == []


def test_a_masked_number_cannot_be_probed(client, world):
    # A personal number that slipped into a public row is masked in open data: no
    # filter or search may find the row by the digits that are hidden.
    number = "110101199003077571"
    FinanceRow.objects.filter(item="巷道硬化工程").update(note=f"经手人{number}")
    shown = view_rows(client, "village-finance", item="巷道硬化工程")[0]["note"]
    assert number not in shown and "1990" not in shown
    for params in (
        {"note__contains": "19900307"},
        {"note": f"经手人{number}"},
        {"_search": "19900307"},
        {"note__gt": "经手人1101011990"},
    ):
        assert view_rows(client, "village-finance", **params) == [], params
    assert view_rows(client, "village-finance", note__contains="7571")


def test_drafts_never_appear(client, world):
    keys = {r["id"] for r in view_rows(client, "credit-list-history")}
    hidden = set(CreditListEntry.objects.values_list("pk", flat=True)) - {
        row[0] for row in DATASETS["credit-list-history"].rows()
    }
    assert not keys & hidden


# -- the page for people --------------------------------------------------------------


def test_page_shows_rows_facets_and_stable_file_links(client, world):
    response = client.get(page_url("village-finance"), {"direction": "income"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "上级转移支付" in html and "巷道硬化工程" not in html
    assert 'class="table-scroll"' in html and 'tabindex="0"' in html
    assert file_url("village-finance", "csv") + "?direction=income" in html
    assert "aria-current" in html  # the chosen facet value
    assert "<caption" in html


def test_page_pages(client, world):
    response = client.get(page_url("village-finance"), {"_size": "1"})
    html = response.content.decode()
    assert 'rel="next"' in html and 'rel="prev"' not in html
    response = client.get(page_url("village-finance"), {"_size": "1", "_page": "2"})
    html = response.content.decode()
    assert 'rel="prev"' in html


def test_page_explains_a_bad_parameter(client, world):
    response = client.get(page_url("village-finance"), {"year": "<script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "year" in html and "<script>" not in html


def test_unknown_dataset_is_404(client, db):
    assert client.get(page_url("nope")).status_code == 404
    assert client.get(file_url("nope")).status_code == 404


def test_a_post_is_refused(client, world):
    assert client.post(page_url("village-finance")).status_code == 405


@override_settings(OPENDATA_API_RATE="2/60")
def test_the_page_and_files_are_rate_limited(client, world):
    for _ in range(2):
        assert client.get(page_url("regions")).status_code == 200
    assert client.get(page_url("regions")).status_code == 429
    for _ in range(2):
        assert client.get(file_url("regions")).status_code == 200
    assert client.get(file_url("regions")).status_code == 429
