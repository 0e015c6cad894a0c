"""有效性 in search: indexed for every document, counted as a facet and used as a
filter (``validity=已废止``) on /search/ and /api/v1/search, by both engines."""

import datetime

import pytest

from content_models.disclosure.api import BadParameter
from content_models.disclosure.metadata import Validity
from content_models.plans.models import PlanIndexPage
from portal.demo.helpers import publish_page, publish_reviewed, translate_page
from search.documents import documents_for
from search.engines.elastic import as_elastic, mapping, search_body, search_result
from search.query import SearchRequest, from_params
from search.results import run

from ..content_models.plans_factories import build_plan
from .conftest import document
from .test_views import (  # noqa: F401 (fixtures)
    article,
    facet_links,
    follow,
    get,
    hit_titles,
    index_fixture,
    notices_fixture,
    soup,
)

API = "/api/v1/search"


def request(**params):
    return from_params(params, "zh-hans", {})


# -- the request -----------------------------------------------------------------------


def test_the_parameter_takes_the_four_states_and_nothing_else():
    assert request(validity="已废止").validity == "已废止"
    assert request(validity="已废止").filtered == ["validity"]
    assert request().validity == ""
    with pytest.raises(BadParameter) as raised:
        request(validity="作废")
    assert raised.value.name == "validity"
    for state in Validity.values:
        assert state in raised.value.message


# -- the engines -----------------------------------------------------------------------


def test_the_embedded_engine_counts_and_filters_validity(engine):
    engine.replace(
        {
            "a": [document("a", "低保标准", validity="有效")],
            "b": [document("b", "低保办法", validity="已废止")],
            "c": [document("c", "低保细则", validity="已废止")],
            "d": [document("d", "低保规划", validity="已失效")],
            "e": [document("e", "低保互助会", kind="social_organisation")],
        }
    )
    facets = run(request(q="低保"), engine).facets
    assert facets["validity"] == {"有效": 1, "已废止": 2, "已失效": 1}
    repealed = run(request(q="低保", validity="已废止"), engine)
    assert sorted(hit.id for hit in repealed.hits) == ["b", "c"]
    assert repealed.facets["validity"] == {"已废止": 2}
    assert run(request(q="低保", validity="已修订"), engine).total == 0


def test_documents_carry_their_item_validity(db, home, agency):
    """A plan's sections carry the plan's validity, so a filter finds them too."""
    plans = publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))
    plan = publish_page(plans, build_plan(agency, slug="fyp"))
    plan.validity = Validity.EXPIRED
    plan.validity_changed_on = datetime.date(2025, 12, 31)
    publish_reviewed(plan)
    plan.refresh_from_db()
    documents = documents_for(plan)
    assert len(documents) > 1  # the plan and its sections
    assert {d.validity for d in documents} == {"已失效"}


# -- Elasticsearch, without a server ---------------------------------------------------


def test_the_mapping_has_validity_as_a_keyword():
    assert mapping()["properties"]["validity"] == {"type": "keyword"}


def test_the_indexed_body_carries_validity():
    assert as_elastic(document("a", "低保", validity="已修订"))["validity"] == "已修订"


def test_the_request_filters_and_aggregates_validity():
    body = search_body(request(q="低保", validity="已废止"))
    assert {"term": {"validity": "已废止"}} in body["query"]["bool"]["filter"]
    assert body["aggs"]["validity"] == {"terms": {"field": "validity", "size": 200}}
    unfiltered = search_body(request(q="低保"))
    assert all(
        "validity" not in f.get("term", {})
        for f in unfiltered["query"]["bool"]["filter"]
    )


def test_the_answer_counts_validity():
    answer = {
        "hits": {"total": {"value": 3}, "hits": []},
        "aggregations": {
            "validity": {
                "buckets": [
                    {"key": "有效", "doc_count": 2},
                    {"key": "已废止", "doc_count": 1},
                    {"key": "", "doc_count": 4},
                ]
            }
        },
    }
    assert search_result(answer).facets["validity"] == {"有效": 2, "已废止": 1}


# -- the page and the API --------------------------------------------------------------


@pytest.fixture(name="repealed")
def repealed_fixture(notices, agency):
    current = article(
        notices, agency, "低保标准调整通知", day=datetime.date(2025, 6, 20)
    )
    old = article(notices, agency, "低保标准（2024年）", day=datetime.date(2024, 1, 5))
    old.validity = Validity.REPEALED
    old.validity_changed_on = datetime.date(2025, 7, 1)
    old.replaced_by = current
    publish_reviewed(old)
    return current, old


def test_the_page_offers_validity_as_a_facet_and_filter(client, index, repealed):
    index()
    response = get(client, q="低保")
    links = facet_links(response, "validity")
    assert list(links) == ["有效 (1)", "已废止 (1)"]
    narrowed = follow(client, links["已废止 (1)"])
    assert hit_titles(narrowed) == ["低保标准（2024年）"]
    chips = [
        " ".join(a.get_text().split())
        for a in soup(narrowed).select(".search-active a.search-chip")
    ]
    assert chips[0].startswith("有效性：已废止")
    hidden = {
        i["name"]: i["value"] for i in soup(narrowed).select("input[type=hidden]")
    }
    assert hidden == {"validity": "已废止"}


def test_the_english_page_labels_the_states(
    client, index, repealed, home, notices, english
):
    current, old = repealed
    translate_page(home, "Home")
    translate_page(notices, "Notices")
    translate_page(current, "Allowance standards adjusted")
    translate_page(old, "Allowance standards (2024)")  # copies the validity
    index()
    response = get(client, "/en/search/", q="allowance")
    group = soup(response).select_one(".search-facet-validity h3").get_text()
    assert group == "Validity"
    links = facet_links(response, "validity")
    assert list(links) == ["In force (1)", "Repealed (1)"]
    narrowed = follow(client, links["Repealed (1)"])
    assert hit_titles(narrowed) == ["Allowance standards (2024)"]
    assert get(client, "/en/search/", q="allowance", validity="x").status_code == 400


def test_the_api_filters_by_validity_and_counts_it(client, index, repealed):
    index()
    body = client.get(API, {"q": "低保"}).json()
    assert body["facets"]["validity"] == {"有效": 1, "已废止": 1}
    repealed_only = client.get(API, {"q": "低保", "validity": "已废止"}).json()
    assert [hit["title"] for hit in repealed_only["results"]] == ["低保标准（2024年）"]
    assert repealed_only["count"] == 1


def test_the_api_refuses_an_unknown_state_naming_the_parameter(client, index):
    index()
    response = client.get(API, {"q": "低保", "validity": "repealed"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == "validity"
    assert "“validity”" in error["message"]


def test_the_page_refuses_an_unknown_state(client, index):
    index()
    response = get(client, q="低保", validity="作废")
    assert response.status_code == 400
    assert "有效性" in soup(response).select_one(".search-message").get_text()


def test_a_request_without_the_filter_is_unchanged():
    assert SearchRequest().validity == ""
