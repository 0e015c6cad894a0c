"""The read API /api/v1/<dataset>: answers compared with the database, each filter,
cursor pagination and its edges, and every bad parameter."""

import base64
import datetime
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

import pytest

from content_models.credit.models import CreditListEntry, SocialOrganisation
from content_models.disclosure.privacy import mask_personal_data
from content_models.regions.models import Region
from opendata.datasets import DATASETS
from opendata.formats import plain_value
from tests.content_models import credit_factories as credit

UTC = datetime.UTC


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # The local-memory cache outlives a test; each test starts with a full budget.
    cache.clear()


def url(slug):
    return reverse("opendata-api", kwargs={"slug": slug})


def get(client, slug, **params):
    return client.get(url(slug), params, HTTP_ORIGIN="https://example.org")


def ok(client, slug, **params):
    response = get(client, slug, **params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def ids(client, slug, **params):
    return [row["id"] for row in walk(client, slug, **params)]


def walk(client, slug, **params):
    """Every row, following ``next`` until it is null."""
    body = ok(client, slug, **params)
    rows = list(body["results"])
    while body["next"]:
        body = client.get(body["next"]).json()
        rows += body["results"]
    return rows


def expected(slug, queryset=None):
    """The dataset's rows as the files write them, as JSON objects."""
    dataset = DATASETS[slug]
    return [
        dict(zip(dataset.field_names, map(plain_value, row), strict=True))
        for row in dataset.rows(queryset)
    ]


def cursor_for(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# -- the answer ----------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(DATASETS))
def test_every_dataset_answers_its_public_rows(client, world, slug):
    rows = walk(client, slug, page_size=2)
    assert rows == expected(slug)
    assert rows, f"the world has no row in {slug}"
    assert all(list(row) == DATASETS[slug].field_names for row in rows)
    body = ok(client, slug)
    assert body["dataset"] == slug
    assert body["count"] == len(rows)


def test_values_are_plain_json(client, world):
    entry = ok(client, "credit-list-current")["results"][0]
    assert entry["id"] == world.current.pk
    assert entry["listed_on"] == "2024-07-02"
    assert (
        entry["first_published_at"]
        == timezone.localtime(world.current.first_published_at)
        .replace(microsecond=0)
        .isoformat()
    )
    assert entry["first_published_at"].endswith("+08:00")
    finance = ok(client, "village-finance")["results"]
    assert [row["amount"] for row in finance] == [120000, 86500.5]
    assert finance[1]["note"] == "=SUM(A1:A9)"  # JSON is not a spreadsheet
    assert ok(client, "fundraising-filings")["results"][0]["emergency"] is False


def test_drafts_never_appear(client, world):
    hidden_org, draft_progress, draft_report = world.drafts
    assert hidden_org.pk not in ids(client, "social-organisations")
    assert draft_progress.pk not in ids(client, "indicator-progress")
    assert draft_report.pk not in ids(client, "charity-annual-figures")
    assert ids(client, "social-organisations") == list(
        SocialOrganisation.objects.filter(live=True).values_list("pk", flat=True)
    )


def test_personal_numbers_are_masked_like_on_pages(client, world):
    raw = "联系人手机13812345678，未按期报送年报"
    # Publishing guards refuse this text; it gets in only behind their back.
    CreditListEntry.objects.filter(pk=world.current.pk).update(reason=raw)
    row = ok(client, "credit-list-current")["results"][0]
    assert row["reason"] == mask_personal_data(raw)
    assert "13812345678" not in row["reason"]


def test_answers_are_open_to_other_sites(client, world):
    response = get(client, "regions")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")


# -- filters -------------------------------------------------------------------------


@pytest.fixture
def spread(world, agency, district, other_village):
    """Social organisations in three places: the world's (a village), another
    village of the same town, and the district itself."""
    return {
        "village": world.org,
        "other": credit.organisation(
            agency, name="前进村老年协会", region=other_village
        ),
        "district": credit.organisation(agency, name="清源区慈善协会", region=district),
    }


@pytest.mark.parametrize(
    ("place", "names"),
    [
        ("district", {"village", "other", "district"}),
        ("town", {"village", "other"}),
        ("village", {"village"}),
        ("other_village", {"other"}),
    ],
)
def test_region_drills_down(client, spread, request, place, names):
    region = request.getfixturevalue(place)
    got = ids(client, "social-organisations", region=region.code)
    assert got == sorted(spread[name].pk for name in names)
    in_db = SocialOrganisation.objects.filter(
        live=True, region__code__in=Region.objects.within(region).values("code")
    )
    assert got == sorted(in_db.values_list("pk", flat=True))


def test_region_filters_rows_of_a_record_elsewhere(client, world, town, district):
    # A village finance row carries its village in the disclosure key.
    assert ids(client, "village-finance", region=town.code) == ids(
        client, "village-finance"
    )
    assert len(ids(client, "village-finance", region=district.code)) == 2
    assert ok(client, "charity-projects", region=town.code)["count"] == 0
    assert ids(client, "charity-projects", region=district.code) == [world.project.pk]


@pytest.fixture
def serious(world):
    return credit.entry(
        world.org,
        list_type="serious",
        listed_on=datetime.date(2025, 3, 14),
        decision_number="清民社严〔2025〕2号",
    )


@pytest.mark.parametrize(
    ("period", "names"),
    [
        ("2024", {"current"}),
        ("2024-Q3", {"current"}),
        ("2024-07", {"current"}),
        ("2024-08", set()),
        ("2023-Q3", {"removed"}),
        ("2023-09", set()),
        ("2025-Q1", {"serious"}),
        ("2025-03", {"serious"}),
    ],
)
def test_period_forms(client, world, serious, period, names):
    entries = {"current": world.current, "removed": world.removed, "serious": serious}
    got = ids(client, "credit-list-history", period=period)
    assert got == sorted(entries[name].pk for name in names)


def test_period_of_reporting_rows(client, world):
    every = ids(client, "village-finance")
    assert ids(client, "village-finance", period="2025") == every
    assert ids(client, "village-finance", period="2025-Q2") == every
    assert ids(client, "village-finance", period="2025-Q1") == []
    assert ids(client, "indicator-progress", period="2025-Q1") == [world.progress.pk]
    assert ids(client, "charity-annual-figures", period="2024-Q2") == [world.report.pk]


def test_list_and_status(client, world, serious):
    history = "credit-list-history"
    assert ids(client, history, list="serious") == [serious.pk]
    assert ids(client, history, list="abnormal") == sorted(
        [world.current.pk, world.removed.pk]
    )
    assert ids(client, history, status="removed") == [world.removed.pk]
    assert ids(client, history, status="current") == sorted(
        [world.current.pk, serious.pk]
    )
    assert ids(client, "credit-list-current", list="serious") == [serious.pk]
    in_db = CreditListEntry.objects.filter(
        live=True, list_type="abnormal", removed_on__isnull=True
    )
    assert ids(client, history, list="abnormal", status="current") == list(
        in_db.values_list("pk", flat=True)
    )


def test_combined_filters(client, world, serious, village, other_village):
    history = "credit-list-history"
    assert ids(
        client, history, region=village.code, period="2025", status="current"
    ) == [serious.pk]
    assert ids(client, history, region=other_village.code, status="removed") == []
    assert ids(client, history, list="serious", period="2024") == []


@pytest.fixture
def touched(world):
    """The current entry republished at 2099-01-01 00:00 UTC (08:00 Beijing)."""
    moment = datetime.datetime(2099, 1, 1, tzinfo=UTC)
    CreditListEntry.objects.filter(pk=world.current.pk).update(last_published_at=moment)
    return world.current


@pytest.mark.parametrize(
    ("since", "found"),
    [
        ("2099-01-01T00:00:00Z", True),
        ("2099-01-01T00:00:00+00:00", True),
        ("2099-01-01T00:00:01+00:00", False),
        ("2099-01-01T08:00:00+08:00", True),
        ("2099-01-01T08:00:00 08:00", True),  # the "+" arrived unescaped
        ("2099-01-01T08:00:00", True),  # naive: Beijing time
        ("2099-01-01T08:00:01", False),
        ("2099-01-01", True),  # Beijing midnight, before 08:00
        ("2099-01-02", False),
        ("20990101", True),
    ],
)
def test_updated_since(client, touched, since, found):
    got = ids(client, "credit-list-history", updated_since=since)
    assert got == ([touched.pk] if found else [])


def test_updated_since_follows_the_organisation(client, world, touched):
    # A row changes when its organisation is republished too.
    moment = datetime.datetime(2099, 6, 1, tzinfo=UTC)
    SocialOrganisation.objects.filter(pk=world.org.pk).update(last_published_at=moment)
    got = ids(client, "credit-list-history", updated_since="2099-05-01")
    assert got == sorted([world.current.pk, world.removed.pk])
    assert ids(client, "social-organisations", updated_since="2099-05-01") == [
        world.org.pk
    ]


def test_updated_since_on_the_catalogue(client, world):
    everything = walk(client, "disclosure-catalogue", page_size=1000)
    assert walk(client, "disclosure-catalogue", updated_since="2000-01-01") == (
        everything
    )
    assert walk(client, "disclosure-catalogue", updated_since="2099-01-01") == []


def test_empty_values_count_as_not_given(client, world):
    assert ok(client, "credit-list-history", region="", cursor="") == ok(
        client, "credit-list-history"
    )


# -- pagination ----------------------------------------------------------------------


@pytest.fixture
def seven_regions(district, town, village, other_village):
    """Seven rows in the regions dataset."""
    more = [
        Region.objects.create(
            code=f"150299100{n:03d}", name=f"第{n}村", kind="村", parent=town
        )
        for n in (203, 204, 205)
    ]
    return [district, town, village, other_village, *more]


def page_ids(body):
    return [row["id"] for row in body["results"]]


def test_pages_of_three_over_seven_rows(client, seven_regions):
    everything = sorted(region.pk for region in seven_regions)
    first = ok(client, "regions", page_size=3)
    assert page_ids(first) == everything[:3]
    assert first["count"] == 7
    second = client.get(first["next"]).json()
    assert page_ids(second) == everything[3:6]
    assert second["count"] == 7
    last = client.get(second["next"]).json()
    assert page_ids(last) == everything[6:]
    assert last["next"] is None


def test_next_is_absolute_and_keeps_the_filters(client, seven_regions, town):
    body = ok(client, "regions", page_size=2, region=town.code)
    parts = urlsplit(body["next"])
    assert parts.scheme == "http"
    assert parts.netloc == "testserver"
    assert parts.path == url("regions")
    query = parse_qs(parts.query)
    assert query["region"] == [town.code]
    assert query["page_size"] == ["2"]
    assert set(query["cursor"][0]) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )


def test_exactly_a_page_has_no_next(client, seven_regions):
    body = ok(client, "regions", page_size=7)
    assert len(body["results"]) == 7
    assert body["next"] is None
    second = client.get(ok(client, "regions", page_size=6)["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None


def test_page_size_bounds(client, seven_regions):
    assert len(ok(client, "regions", page_size=1)["results"]) == 1
    assert len(ok(client, "regions", page_size=1000)["results"]) == 7
    assert len(ok(client, "regions")["results"]) == 7  # default 100


def test_empty_dataset(client, db):
    body = ok(client, "credit-list-current")
    assert body == {
        "dataset": "credit-list-current",
        "count": 0,
        "results": [],
        "next": None,
    }


def test_cursor_past_the_end(client, seven_regions):
    body = ok(client, "regions", cursor=cursor_for("999999999"))
    assert body["results"] == []
    assert body["next"] is None
    assert body["count"] == 7


def test_rows_added_and_removed_between_pages(client, seven_regions, town):
    everything = sorted(region.pk for region in seven_regions)
    first = ok(client, "regions", page_size=3)
    seen, unseen = first["results"][0]["id"], everything[4]
    Region.objects.filter(pk__in=[unseen]).delete()
    added = Region.objects.create(
        code="150299100206", name="新村", kind="村", parent=town
    )
    rest = walk_from(client, first["next"])
    assert rest == [pk for pk in everything[3:] if pk != unseen] + [added.pk]
    assert seen not in rest


def walk_from(client, address):
    got = []
    while address:
        body = client.get(address).json()
        got += page_ids(body)
        address = body["next"]
    return got


def test_the_catalogue_pages_by_model_and_key(client, world):
    keys = [row["key"] for row in expected("disclosure-catalogue")]
    assert len({key.partition(":")[0] for key in keys}) > 1  # spans models
    body = ok(client, "disclosure-catalogue", page_size=2)
    got = [row["key"] for row in body["results"]]
    cursors = []
    while body["next"]:
        cursor = parse_qs(urlsplit(body["next"]).query)["cursor"][0]
        cursors.append(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        body = client.get(body["next"]).json()
        got += [row["key"] for row in body["results"]]
    assert got == keys
    assert cursors[0].decode() == keys[1]  # the last row's "app.model:pk"
    assert body["count"] == len(keys)


# -- errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "params", "name"),
    [
        ("regions", {"q": "红旗"}, "q"),
        ("social-organisations", {"period": "2025"}, "period"),
        ("social-organisations", {"list": "abnormal"}, "list"),
        ("social-organisations", {"status": "current"}, "status"),
        ("credit-list-current", {"status": "removed"}, "status"),
        ("regions", {"updated_since": "2025-01-01"}, "updated_since"),
        ("disclosure-catalogue", {"region": "150299000000"}, "region"),
        ("regions", {"region": "15029900"}, "region"),
        ("regions", {"region": "150200000000"}, "region"),  # a city: not ours
        ("regions", {"region": "150299100299"}, "region"),  # well-formed, unknown
        ("credit-list-history", {"period": "2025-Q5"}, "period"),
        ("credit-list-history", {"period": "2025-13"}, "period"),
        ("credit-list-history", {"period": "last year"}, "period"),
        ("credit-list-history", {"list": "blacklist"}, "list"),
        ("credit-list-history", {"status": "gone"}, "status"),
        ("fundraising-filings", {"status": "removed"}, "status"),
        ("credit-list-history", {"updated_since": "yesterday"}, "updated_since"),
        ("credit-list-history", {"updated_since": "2025-02-30"}, "updated_since"),
        ("regions", {"cursor": "!!!"}, "cursor"),
        ("regions", {"cursor": cursor_for("abc")}, "cursor"),
        ("regions", {"cursor": cursor_for("-4")}, "cursor"),
        ("regions", {"cursor": "_w"}, "cursor"),  # not UTF-8
        ("disclosure-catalogue", {"cursor": cursor_for("17")}, "cursor"),
        ("disclosure-catalogue", {"cursor": cursor_for("no.model:3")}, "cursor"),
        ("regions", {"page_size": "0"}, "page_size"),
        ("regions", {"page_size": "1001"}, "page_size"),
        ("regions", {"page_size": "ten"}, "page_size"),
        ("regions", {"page_size": "-5"}, "page_size"),
        ("regions", {"page_size": "٣"}, "page_size"),
        ("regions", {"lang": "fr"}, "lang"),
        ("regions", {"region": ["150299000000", "150299100000"]}, "region"),
    ],
)
def test_bad_parameters_answer_400_naming_them(client, world, slug, params, name):
    response = client.get(url(slug), params, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == name
    assert f"“{name}”" in error["message"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in response["Cache-Control"]


def test_unknown_parameter_lists_the_allowed_ones(client, db):
    body = get(client, "credit-list-current", status="current").json()
    assert (
        "region, period, list, updated_since, cursor, page_size, lang"
        in (body["error"]["message"])
    )


def test_bad_value_says_what_is_allowed(client, world):
    assert (
        "abnormal, serious"
        in get(client, "credit-list-history", list="x").json()["error"]["message"]
    )
    assert (
        "current, removed"
        in get(client, "credit-list-history", status="x").json()["error"]["message"]
    )
    assert "1000" in get(client, "regions", page_size="0").json()["error"]["message"]
    wrong = get(client, "regions", region="150299100299").json()["error"]
    assert "150299100299" in wrong["message"]


def test_errors_in_english(client, world):
    body = get(client, "regions", region="123", lang="en").json()
    assert "should be 12 digits" in body["error"]["message"]
    response = client.get(url("regions"), {"region": "123"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "should be 12 digits" in response.json()["error"]["message"]
    assert "Accept-Language" in response["Vary"]
    chinese = get(client, "regions", region="123").json()
    assert "应为12位数字" in chinese["error"]["message"]


def test_unknown_dataset_is_404_json(client, db):
    response = client.get("/api/v1/no-such-data")
    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["code"], error["parameter"]) == ("not_found", None)
    assert "no-such-data" in error["message"]


def test_only_get(client, db):
    for method in (client.post, client.put, client.delete):
        response = method(url("regions"))
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["error"]["code"] == "method_not_allowed"
    assert client.head(url("regions")).status_code == 200
