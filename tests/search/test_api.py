"""The JSON search API (/api/v1/search) and suggestions as you type
(/api/v1/search/suggest)."""

import datetime

import pytest

from search.engines import EngineUnavailable

from ..content_models.credit_factories import (  # noqa: F401 (fixtures)
    entry,
    organisation,
    section_fixture,
)
from .test_views import (  # noqa: F401 (fixtures)
    DAMAGE,
    article,
    bilingual_fixture,
    index_fixture,
    mixed_fixture,
    notices_fixture,
    remove_index,
)

API = "/api/v1/search"
SUGGEST = "/api/v1/search/suggest"


def api(client, path=API, **params):
    # From another site's page, as a watchdog's script calls it (CORS needs Origin).
    return client.get(path, params, HTTP_ORIGIN="https://example.org")


def titles(response):
    return sorted(hit["title"] for hit in response.json()["results"])


# -- the answer -------------------------------------------------------------------------


def test_the_answer_has_exactly_the_documented_shape(client, index, notices, agency):
    page = article(
        notices,
        agency,
        "关于调整城乡低保标准的通知",
        "城市低保标准提高到每人每月820元。",
        day=datetime.date(2025, 6, 20),
    )
    index()
    response = api(client, q="低保")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"count", "took_ms", "results", "next", "facets"}
    assert body["count"] == 1
    assert isinstance(body["took_ms"], float)
    assert body["next"] is None
    assert body["results"] == [
        {
            "title": "关于调整城乡低保标准的通知",
            "url": f"http://testserver{page.url}",
            "type": "article",
            "snippet": "城市<mark>低保</mark>标准提高到每人每月820元。",
            "published": "2025-06-20",
            "region": None,
        }
    ]
    assert set(body["facets"]) == {
        "type",
        "region",
        "year",
        "agency",
        "list",
        "validity",
    }
    assert body["facets"]["type"] == {"article": 1}
    assert body["facets"]["year"] == {"2025": 1}


def test_a_hit_carries_its_region_code(client, index, section, agency, village):
    organisation(agency, name="红旗村老年协会", region=village)
    index()
    (hit,) = api(client, q="老年协会").json()["results"]
    assert (hit["type"], hit["region"]) == ("social_organisation", "150299100201")


def test_snippets_mark_matches_and_escape_markup(client, index, section, agency):
    organisation(
        agency,
        name="<script>alert(1)</script>互助会",
        address="<script>alert(2)</script>青山镇低保路1号",
    )
    index()
    (hit,) = api(client, q="低保").json()["results"]
    marked = "&lt;script&gt;alert(2)&lt;/script&gt;青山镇<mark>低保</mark>路1号"
    assert marked in hit["snippet"]
    assert "<script>" not in hit["snippet"]
    # The title is data, not markup: JSON carries it as typed.
    assert hit["title"] == "<script>alert(1)</script>互助会"


def test_facets_count_and_filters_combine(client, index, mixed):
    index()
    facets = api(client, q="低保").json()["facets"]
    assert facets["type"] == {"article": 2, "social_organisation": 2, "credit_entry": 1}
    assert facets["agency"] == {"清源区民政局": 5}
    assert facets["list"] == {"serious": 1}
    articles = api(client, q="低保", type="article").json()["facets"]
    assert articles["year"] == {"2025": 1, "2024": 1}
    assert titles(api(client, q="低保", type="article", year="2024")) == [
        "低保审核办法"
    ]
    assert titles(api(client, q="低保", type="article,credit_entry")) == [
        "低保审核办法",
        "低保标准调整通知",
        "前进村低保服务社 列入严重违法失信名单",
    ]
    assert titles(api(client, q="低保", list="serious")) == [
        "前进村低保服务社 列入严重违法失信名单"
    ]
    assert titles(
        api(client, q="低保", date_from="2025-01-01", date_to="2025-12-31")
    ) == ["低保标准调整通知"]


def test_region_facet_drills_down(client, index, mixed):
    index()
    # One district: the facet opens at its towns.
    assert api(client, q="低保").json()["facets"]["region"] == {"150299100000": 3}
    village = api(client, q="低保", region="150299100202").json()
    assert village["count"] == 2
    assert village["facets"]["region"] == {}
    town = api(client, q="低保", region="150299100000").json()
    assert town["count"] == 3


def test_sort_by_date(client, index, notices, agency):
    article(notices, agency, "临时救助", day=datetime.date(2021, 1, 1))
    article(notices, agency, "救助工作通知", "临时救助", day=datetime.date(2025, 1, 1))
    index()
    by_relevance = api(client, q="临时救助").json()["results"]
    by_date = api(client, q="临时救助", sort="date").json()["results"]
    assert [h["title"] for h in by_relevance] == ["临时救助", "救助工作通知"]
    assert [h["title"] for h in by_date] == ["救助工作通知", "临时救助"]


# -- pages ------------------------------------------------------------------------------


@pytest.fixture
def five(notices, agency):
    for n in range(5):
        article(notices, agency, f"临时救助第{n}号", day=datetime.date(2024, 1, 1 + n))


def follow(client, url):
    return client.get(url.removeprefix("http://testserver")).json()


def test_cursor_paging_walks_every_result_once(client, index, five):
    index()
    first = api(client, q="救助", sort="date", page_size="2").json()
    second = follow(client, first["next"])
    last = follow(client, second["next"])
    pages = [first, second, last]
    assert [[h["title"] for h in page["results"]] for page in pages] == [
        ["临时救助第4号", "临时救助第3号"],
        ["临时救助第2号", "临时救助第1号"],
        ["临时救助第0号"],
    ]
    assert {page["count"] for page in pages} == {5}
    assert last["next"] is None
    assert "sort=date" in second["next"] and "page_size=2" in second["next"]


def test_page_size_edges(client, index, five):
    index()
    everything = api(client, q="救助", page_size="100").json()
    assert (len(everything["results"]), everything["next"]) == (5, None)
    too_many = api(client, q="救助", page_size="101")
    assert too_many.status_code == 400
    assert too_many.json()["error"]["parameter"] == "page_size"
    exactly = api(client, q="救助", page_size="5").json()
    assert exactly["next"] is None


# -- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"q": "低" * 201}, "q"),
        ({"type": "novel"}, "type"),
        ({"region": "12345"}, "region"),
        ({"region": "150200000000"}, "region"),
        ({"year": "2024年"}, "year"),
        ({"year": "1800"}, "year"),
        ({"list": "grey"}, "list"),
        ({"date_from": "2024/01/01"}, "date_from"),
        ({"date_to": "tomorrow"}, "date_to"),
        ({"date_from": "2025-01-01", "date_to": "2024-01-01"}, "date_from"),
        ({"sort": "popular"}, "sort"),
        ({"page": "2"}, "page"),  # the API pages by cursor
        ({"cursor": "not a cursor"}, "cursor"),
        ({"cursor": "OTk5OQ", "page_size": "100"}, "cursor"),  # past 10 000
        ({"q": ["低保", "救助"]}, "q"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"lang": "fr"}, "lang"),
    ],
)
def test_every_bad_parameter_answers_400_naming_it(client, index, params, name):
    index()
    response = api(client, **{"q": "低保", **params})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == name
    assert f"“{name}”" in error["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_error_messages_follow_the_requested_language(client, index):
    index()
    chinese = api(client, q="低保", year="1800").json()["error"]["message"]
    english = api(client, q="低保", year="1800", lang="en").json()["error"]["message"]
    assert chinese == "参数“year”：应在1949到2200之间"
    assert english == "Parameter “year”: should be between 1949 and 2200"


def test_an_unreachable_engine_answers_503(client, db, embedded, monkeypatch):
    def unreachable(request):
        raise EngineUnavailable("connection refused")

    monkeypatch.setattr(embedded, "search", unreachable)
    for path in (API, SUGGEST):
        response = api(client, path, q="低保")
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "unavailable"
        assert response.json()["error"]["message"]
        assert "max-age" not in response.get("Cache-Control", "")


def test_only_get_is_answered(client, index):
    index()
    response = client.post(API, {"q": "低保"})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


# -- headers and languages ----------------------------------------------------------


def test_answers_may_be_cached_briefly_and_read_from_anywhere(client, index):
    index()
    response = api(client, q="低保")
    assert "max-age=60" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-Robots-Tag" not in response


def test_each_language_searches_its_own_content(client, index, bilingual):
    page, translation = bilingual
    index()
    english = api(client, q="allowance", lang="en").json()["results"]
    assert [h["url"] for h in english] == [f"http://testserver{translation.url}"]
    assert api(client, q="低保", lang="en").json()["results"] == []
    assert api(client, q="allowance").json()["results"] == []
    chinese = api(client, q="低保", lang="zh-hans").json()["results"]
    assert [h["url"] for h in chinese] == [f"http://testserver{page.url}"]


def test_without_a_query_the_newest_public_items_are_listed(client, index, five):
    index()
    body = api(client, page_size="3").json()
    assert body["count"] == 5
    assert [h["title"] for h in body["results"]] == [
        "临时救助第4号",
        "临时救助第3号",
        "临时救助第2号",
    ]


# -- suggestions ------------------------------------------------------------------------


def test_suggestions_offer_titles_and_organisation_names(
    client, index, notices, section, agency
):
    page = article(notices, agency, "慈善捐赠管理办法", "由清源区慈善总会负责")
    organisation(agency, name="清源区慈善总会", org_type="3")
    article(notices, agency, "殡葬改革", "与慈善无关的正文")
    index()
    response = api(client, SUGGEST, q="慈善")
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert sorted((s["title"], s["type"]) for s in suggestions) == [
        ("慈善捐赠管理办法", "article"),
        ("清源区慈善总会", "social_organisation"),
    ]
    assert {"title", "url", "type"} <= set(suggestions[0])
    by_title = {s["title"]: s for s in suggestions}
    assert by_title["慈善捐赠管理办法"]["url"] == page.url
    assert by_title["清源区慈善总会"]["label"] == "社会组织"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=60" in response["Cache-Control"]


def test_suggestions_are_at_most_eight(client, index, notices, agency):
    for n in range(10):
        article(notices, agency, f"养老服务补贴第{n}批")
    index()
    assert len(api(client, SUGGEST, q="养老").json()["suggestions"]) == 8


def test_suggestions_follow_the_language(client, index, bilingual):
    index()
    english = api(client, SUGGEST, q="allowance", lang="en").json()["suggestions"]
    assert [s["title"] for s in english] == [
        "Notice on raising the minimum living allowance"
    ]
    assert api(client, SUGGEST, q="allowance").json()["suggestions"] == []


@pytest.mark.parametrize("q", ["", "  ", "，"])
def test_nothing_typed_suggests_nothing(client, db, embedded, monkeypatch, q):
    def must_not_search(request):
        raise AssertionError("the engine was asked")

    monkeypatch.setattr(embedded, "search", must_not_search)
    response = api(client, SUGGEST, q=q)
    assert response.json() == {"suggestions": []}


def test_suggestions_refuse_a_bad_language(client, index):
    index()
    response = api(client, SUGGEST, q="低保", lang="de")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "lang"


# -- a damaged, missing or unreachable engine ---------------------------------------------


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_missing_index_answers_503_in_the_envelope(
    client, index, notices, agency, damage, caplog
):
    article(notices, agency, "关于提高城乡低保标准的通知")
    damage(index())
    for path in (API, SUGGEST):
        with caplog.at_level("WARNING", logger="search.views"):
            response = api(client, path, q="低保")
        assert response.status_code == 503
        assert int(response["Retry-After"]) > 0
        error = response.json()["error"]
        assert (error["code"], error["parameter"]) == ("unavailable", None)
        assert error["message"] == "搜索服务暂时不可用，请稍后再试。"
        assert "results" not in response.json()  # never an empty list of results
        assert "no-store" in response["Cache-Control"]
        assert response["Access-Control-Allow-Origin"] == "*"
    assert "unavailable" in caplog.text


def test_rebuild_repairs_the_api_too(client, index, notices, agency):
    from django.core.management import call_command

    article(notices, agency, "关于提高城乡低保标准的通知")
    remove_index(index())
    assert api(client, q="低保").status_code == 503
    call_command("rebuild_public_index")
    assert titles(api(client, q="低保")) == ["关于提高城乡低保标准的通知"]


def test_an_unreachable_elasticsearch_answers_503_in_english_too(client, db, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX = "portal-unreachable"
    response = api(client, q="allowance", lang="en")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["message"] == (
        "The search service is temporarily unavailable. Please try again later."
    )
