"""The Elasticsearch engine: its mapping, request bodies, indexed documents, answers and
failures, all without a server; with ELASTICSEARCH_URL set, the same on a real cluster
(the behaviour suite, test_behaviour.py, then also runs against it)."""

import dataclasses
import datetime
import json
import os
import uuid

from django.core.exceptions import ImproperlyConfigured

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import NotFoundError, helpers

from search.engines import (
    TITLE_BOOST,
    WORD_BONUS,
    EngineUnavailable,
    get_engine,
    term_weight,
)
from search.engines.elastic import (
    INDEX_SETTINGS,
    ElasticsearchEngine,
    as_elastic,
    mapping,
    public_address,
    search_body,
    search_result,
)
from search.query import from_params

from .conftest import document

SYNONYMS = {
    "低保": ("低保", "最低生活保障"),
    "最低生活保障": ("最低生活保障", "低保"),
}


def request(q="", language="zh-hans", **params):
    return from_params({"q": q, **params}, language, SYNONYMS)


def body(q="", **params):
    return search_body(request(q, **params))


def phrase(field, query, boost):
    return {"match_phrase": {field: {"query": query, "boost": boost}}}


def term(field, value, boost):
    return {"term": {field: {"value": value, "boost": boost}}}


def clause(*alternatives):
    return {"bool": {"should": list(alternatives), "minimum_should_match": 1}}


# -- the mapping ---------------------------------------------------------------------


def test_the_mapping_is_strict_and_names_every_field_type():
    properties = mapping()["properties"]
    assert mapping()["dynamic"] == "strict"
    for name in ("id", "key", "kind", "language", "region_path", "agency", "list_type"):
        assert properties[name] == {"type": "keyword"}, name
    assert properties["published"] == {"type": "date"}
    assert properties["year"] == {"type": "integer"}


def test_chinese_is_only_split_on_whitespace_never_analysed_again():
    properties = mapping()["properties"]
    for name in ("title_words", "text_words", "title_grams", "text_grams"):
        assert properties[name]["type"] == "text"
        assert properties[name]["analyzer"] == "whitespace"
    # Words are only looked up as terms; pairs are matched as phrases (positions).
    assert properties["title_words"]["index_options"] == "freqs"
    assert "index_options" not in properties["title_grams"]


def test_what_a_hit_shows_is_stored_but_not_indexed():
    assert mapping()["properties"]["source"] == {"type": "object", "enabled": False}


def test_one_shard_so_that_equal_documents_score_equally():
    assert INDEX_SETTINGS["number_of_shards"] == 1


# -- request bodies ------------------------------------------------------------------


def test_a_word_is_a_phrase_of_pairs_in_title_and_text_with_the_title_boosted():
    query = body("孤儿")["query"]["bool"]
    assert query["must"] == [
        clause(
            phrase("title_grams", "孤儿", TITLE_BOOST),
            phrase("text_grams", "孤儿", 1.0),
        )
    ]
    assert query["should"] == [
        term("title_words", "孤儿", WORD_BONUS * TITLE_BOOST),
        term("text_words", "孤儿", WORD_BONUS),
    ]


def test_a_quoted_phrase_is_one_clause_of_consecutive_pairs():
    query = body('"临时救助"')["query"]["bool"]
    weight = term_weight(0, 3)
    assert query["must"] == [
        clause(
            phrase("title_grams", "临时 时救 救助", TITLE_BOOST * weight),
            phrase("text_grams", "临时 时救 救助", weight),
        )
    ]
    # Quoted, it is already exact: no bonus for the whole run.
    assert all("match_phrase" not in bonus for bonus in query["should"])


def test_an_unquoted_run_is_one_clause_of_consecutive_pairs_as_a_quoted_one():
    # 社会组织 is a phrase of its pairs, never 社会 and 组织 as two clauses.
    query = body("社会组织")["query"]["bool"]
    weight = term_weight(0, 3)
    assert query["must"] == [
        clause(
            phrase("title_grams", "社会 会组 组织", TITLE_BOOST * weight),
            phrase("text_grams", "社会 会组 组织", weight),
        )
    ]
    assert query["must"] == body('"社会组织"')["query"]["bool"]["must"]
    # Its dictionary words still earn the word bonus; no other bonus is needed.
    assert query["should"] == [
        term("title_words", "社会", WORD_BONUS * TITLE_BOOST),
        term("text_words", "社会", WORD_BONUS),
        term("title_words", "组织", WORD_BONUS * TITLE_BOOST),
        term("text_words", "组织", WORD_BONUS),
    ]


def test_spaces_and_punctuation_make_separate_clauses():
    must = body("社会组织 年度报告")["query"]["bool"]["must"]
    assert [c["bool"]["should"][0] for c in must] == [
        phrase("title_grams", "社会 会组 组织", TITLE_BOOST * term_weight(0, 3)),
        phrase("title_grams", "年度 度报 报告", TITLE_BOOST * term_weight(0, 3)),
    ]
    assert len(body("低保、孤儿")["query"]["bool"]["must"]) == 2


def test_traditional_and_full_width_spellings_make_the_same_body():
    assert body("社會組織")["query"] == body("社会组织")["query"]
    assert body("ＡＢＣ协会")["query"] == body("abc协会")["query"]


def test_a_synonym_of_a_word_inside_a_run_is_the_run_with_the_word_replaced():
    (run,) = body("农村低保")["query"]["bool"]["must"]
    long = "农村 村最 最低 低生 生活 活保 保障"
    assert run["bool"]["should"][2:] == [
        phrase("title_grams", long, TITLE_BOOST * term_weight(1, 7)),
        phrase("text_grams", long, term_weight(1, 7)),
    ]


def test_a_single_character_matches_the_pairs_that_hold_it():
    query = body("孤")["query"]["bool"]
    pattern = "孤.|.孤|孤"
    assert query["must"] == [
        clause(
            {"regexp": {"title_grams": {"value": pattern, "boost": TITLE_BOOST}}},
            {"regexp": {"text_grams": {"value": pattern, "boost": 1.0}}},
        )
    ]


def test_a_latin_code_is_one_folded_token():
    query = body("51150299ＭＪ0000001X")["query"]["bool"]
    assert query["must"][0]["bool"]["should"][0] == phrase(
        "title_grams", "51150299mj0000001x", TITLE_BOOST
    )


def test_a_synonym_is_an_alternative_of_the_same_clause_that_weighs_less():
    (synonyms,) = body("低保")["query"]["bool"]["must"]
    long = "最低 低生 生活 活保 保障"
    assert synonyms == clause(
        phrase("title_grams", "低保", TITLE_BOOST),
        phrase("text_grams", "低保", 1.0),
        phrase("title_grams", long, TITLE_BOOST * term_weight(1, 5)),
        phrase("text_grams", long, term_weight(1, 5)),
    )
    assert term_weight(1, 5) * 5 < term_weight(0, 1)


def test_only_the_words_as_typed_earn_the_word_bonus():
    bonuses = body("低保")["query"]["bool"]["should"]
    assert {bonus["term"].popitem()[1]["value"] for bonus in bonuses} == {"低保"}


def test_every_filter_is_a_filter_that_scores_nothing():
    query = body(
        "低保",
        type="plan,article",
        region="150299100000",
        year="2024",
        agency="清源区民政局",
        list="serious",
        date_from="2024-01-01",
        date_to="2024-06-30",
    )["query"]["bool"]
    assert query["filter"] == [
        {"term": {"language": "zh-hans"}},
        {"terms": {"kind": ["plan", "article"]}},
        {"term": {"region_path": "150299100000"}},
        {"term": {"agency": "清源区民政局"}},
        {"term": {"list_type": "serious"}},
        {"term": {"year": 2024}},
        {"range": {"published": {"gte": "2024-01-01", "lte": "2024-06-30"}}},
    ]


def test_a_date_range_may_be_open_on_either_side():
    since = body(date_from="2023-01-01")["query"]["bool"]["filter"]
    until = body(date_to="2023-12-31")["query"]["bool"]["filter"]
    assert since[-1] == {"range": {"published": {"gte": "2023-01-01"}}}
    assert until[-1] == {"range": {"published": {"lte": "2023-12-31"}}}


def test_filters_alone_match_without_clauses():
    query = body(type="plan", language="en")["query"]["bool"]
    assert query == {
        "filter": [{"term": {"language": "en"}}, {"terms": {"kind": ["plan"]}}]
    }


NEWEST = {"published": {"order": "desc", "missing": "_last"}}


def test_relevance_sorts_by_score_and_equal_scores_newest_first():
    assert body("低保")["sort"] == [{"_score": {"order": "desc"}}, NEWEST]


def test_date_sort_and_a_search_without_words_list_the_newest_first():
    assert body("低保", sort="date")["sort"] == [NEWEST]
    assert body("", region="150299100000")["sort"] == [NEWEST]


def test_pages_become_from_and_size_and_the_total_is_exact():
    first = body("低保")
    third = body("低保", page="3", page_size="10")
    assert (first["from"], first["size"]) == (0, 20)
    assert (third["from"], third["size"]) == (20, 10)
    assert third["track_total_hits"] is True
    assert third["_source"] == ["source"]


def test_facets_are_terms_aggregations_only_when_asked_for():
    aggregations = body("低保")["aggs"]
    assert aggregations == {
        "type": {"terms": {"field": "kind", "size": 200}},
        "region": {"terms": {"field": "region_path", "size": 10_000}},
        "year": {"terms": {"field": "year", "size": 200}},
        "agency": {"terms": {"field": "agency", "size": 200}},
        "list": {"terms": {"field": "list_type", "size": 200}},
        "validity": {"terms": {"field": "validity", "size": 200}},
    }
    without = dataclasses.replace(request("低保"), facets=False)
    assert "aggs" not in search_body(without)


def test_suggestions_look_at_titles_only():
    suggest = dataclasses.replace(request("慈善总会"), titles_only=True, facets=False)
    shown = json.dumps(search_body(suggest), ensure_ascii=False)
    assert "title_grams" in shown and "title_words" in shown
    assert "text_grams" not in shown and "text_words" not in shown


# -- documents -----------------------------------------------------------------------


def test_a_document_is_indexed_folded_with_its_region_lineage():
    indexed = as_elastic(
        document(
            "a",
            "發展養老服務",
            "ＡＢＣ协会２０２４年度报告",
            region="150299100201",
            published=datetime.date(2024, 3, 5),
        )
    )
    assert indexed["title_grams"] == "发展 展养 养老 老服 服务"
    assert set(indexed["title_words"].split()) >= {"发展", "养老", "服务"}
    assert indexed["text_grams"].split()[:2] == ["abc", "协会"]
    assert "2024" in indexed["text_grams"].split()
    assert indexed["region_path"] == ["150299000000", "150299100000", "150299100201"]
    assert (indexed["published"], indexed["year"]) == ("2024-03-05", 2024)
    assert (indexed["id"], indexed["key"], indexed["language"]) == (
        "a",
        "a",
        "zh-hans",
    )


def test_a_document_keeps_the_original_text_it_shows():
    source = as_elastic(
        document(
            "p#h-1",
            "第一章 養老服務",
            "正文",
            key="p",
            kind="plan",
            url="/plans/p/#h-1",
            context="清源区规划",
            published=datetime.date(2022, 1, 2),
        )
    )["source"]
    assert source == {
        "kind": "plan",
        "title": "第一章 養老服務",
        "text": "正文",
        "url": "/plans/p/#h-1",
        "published": "2022-01-02",
        "region": "150299100201",
        "agency": "清源区民政局",
        "context": "清源区规划",
    }


def test_an_undated_document_without_region_has_no_date_year_or_path():
    indexed = as_elastic(document("x", "通知", published=None, region=""))
    assert (indexed["published"], indexed["year"], indexed["region_path"]) == (
        None,
        None,
        [],
    )


# -- answers -------------------------------------------------------------------------


def answer(hits, aggregations=None, total=None):
    found = {"hits": {"total": {"value": total or len(hits)}, "hits": hits}}
    if aggregations is not None:
        found["aggregations"] = aggregations
    return found


def stored(document):
    return {"_id": document.id, "_source": {"source": as_elastic(document)["source"]}}


def buckets(*pairs):
    return {"buckets": [{"key": key, "doc_count": count} for key, count in pairs]}


def test_an_answer_becomes_hits_from_what_was_stored():
    shown = document(
        "s", "兜底保障", "低保", context="规划", published=datetime.date(2022, 3, 4)
    )
    undated = document("u", "通知", published=None)
    result = search_result(answer([stored(shown), stored(undated)], total=42))
    assert result.total == 42
    first, second = result.hits
    assert (first.id, first.title, first.text, first.context) == (
        "s",
        "兜底保障",
        "低保",
        "规划",
    )
    assert (first.url, first.kind, first.region) == (
        "/items/s/",
        "article",
        "150299100201",
    )
    assert first.published == datetime.date(2022, 3, 4)
    assert second.published is None
    assert result.facets == {}


def test_facets_count_by_value_and_leave_out_empty_values():
    result = search_result(
        answer(
            [],
            {
                "type": buckets(("article", 3), ("plan", 1)),
                "region": buckets(("150299000000", 4)),
                "year": buckets((2024, 3), (0, 1)),
                "agency": buckets(("清源区民政局", 3), ("", 1)),
                "list": buckets(("", 4)),
            },
        )
    )
    assert result.facets == {
        "type": {"article": 3, "plan": 1},
        "region": {"150299000000": 4},
        "year": {"2024": 3},
        "agency": {"清源区民政局": 3},
        "list": {},
    }


# -- writing, against a recording stand-in for the client ----------------------------


def not_found():
    meta = ApiResponseMeta(
        404, "1.1", HttpHeaders(), 0.0, NodeConfig("http", "es", 9200)
    )
    return NotFoundError("index_not_found_exception", meta, {})


class Answer:
    def __init__(self, body):
        self.body = body


class Cluster:
    """What the engine asks of the client, recorded; aliases kept like a cluster."""

    def __init__(self, aliases=None, fail_on=None):
        self.aliases = dict(aliases or {})  # index name → alias
        self.fail_on = fail_on
        self.calls = []
        self.indices = self

    def _record(self, call, **arguments):
        self.calls.append((call, arguments))
        if call == self.fail_on:
            raise not_found()

    def options(self, **arguments):
        return self

    def get_alias(self, name):
        self._record("get_alias", name=name)
        found = {index: {} for index, alias in self.aliases.items() if alias == name}
        if not found:
            raise not_found()
        return Answer(found)

    def exists_alias(self, name):
        self._record("exists_alias", name=name)
        return name in self.aliases.values()

    def create(self, index, mappings, settings, aliases):
        self._record("create", index=index, mappings=mappings, aliases=aliases)
        for alias in aliases or ():
            self.aliases[index] = alias

    def update_aliases(self, actions):
        self._record("update_aliases", actions=actions)
        for action in actions:
            if "remove" in action:
                del self.aliases[action["remove"]["index"]]
            else:
                self.aliases[action["add"]["index"]] = action["add"]["alias"]

    def refresh(self, index):
        self._record("refresh", index=index)

    def delete(self, index, ignore_unavailable=False):
        self._record("delete", index=index)
        for name in index.split(","):
            self.aliases.pop(name, None)

    def delete_by_query(self, index, query, conflicts):
        self._record("delete_by_query", index=index, query=query)

    def bulk(self, index, documents):
        self._record("bulk", index=index, ids=[d["_id"] for d in documents])


@pytest.fixture
def cluster(monkeypatch):
    def bulk(client, actions, chunk_size):
        actions = list(actions)
        client.bulk({a["_index"] for a in actions}, actions)
        return len(actions), []

    monkeypatch.setattr(helpers, "bulk", bulk)

    def connect(**state):
        engine = ElasticsearchEngine("http://127.0.0.1:9", "portal-t")
        engine.client = Cluster(**state)
        return engine, engine.client

    return connect


def names(calls):
    return [name for name, _ in calls]


def test_rebuild_fills_a_new_index_then_moves_the_alias_in_one_step(cluster):
    engine, client = cluster(aliases={"portal-t-1": "portal-t"})
    count = engine.rebuild([document("a", "低保"), document("b", "孤儿")])
    assert count == 2
    assert names(client.calls) == [
        "create",
        "bulk",
        "refresh",
        "get_alias",
        "update_aliases",
        "delete",
    ]
    created = client.calls[0][1]
    new = created["index"]
    assert new.startswith("portal-t-") and new != "portal-t-1"
    assert created["mappings"] == mapping() and created["aliases"] is None
    assert client.calls[1][1] == {"index": {new}, "ids": ["a", "b"]}
    assert client.calls[4][1]["actions"] == [
        {"remove": {"index": "portal-t-1", "alias": "portal-t"}},
        {"add": {"index": new, "alias": "portal-t"}},
    ]
    assert client.calls[5][1] == {"index": "portal-t-1"}
    assert client.aliases == {new: "portal-t"}


def test_a_failed_rebuild_removes_its_index_and_leaves_the_alias(cluster):
    engine, client = cluster(aliases={"portal-t-1": "portal-t"}, fail_on="refresh")
    with pytest.raises(EngineUnavailable):
        engine.rebuild([document("a", "低保")])
    new = client.calls[0][1]["index"]
    assert ("delete", {"index": new}) in client.calls
    assert client.aliases == {"portal-t-1": "portal-t"}


def test_a_rebuild_that_switched_succeeds_even_if_the_old_index_stays(cluster):
    engine, client = cluster(aliases={"portal-t-1": "portal-t"}, fail_on="delete")
    assert engine.rebuild([document("a", "低保")]) == 1
    assert list(client.aliases.values()) == ["portal-t"]
    assert "portal-t-1" not in client.aliases


def test_a_rebuild_that_fails_reading_the_database_removes_its_index(cluster):
    engine, client = cluster()

    def documents():
        yield document("a", "低保")
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        engine.rebuild(documents())
    assert names(client.calls) == ["create", "delete"]


def test_a_write_without_an_index_waits_for_a_rebuild(cluster):
    # A fresh index holding one update would pass for the whole truth.
    engine, client = cluster()
    with pytest.raises(EngineUnavailable, match="rebuild_public_index"):
        engine.replace({"a": [document("a", "低保")]})
    assert names(client.calls) == ["exists_alias"]
    assert client.aliases == {}


def test_replace_indexes_then_deletes_the_other_documents_of_its_keys(cluster):
    engine, client = cluster(aliases={"portal-t-1": "portal-t"})
    engine.replace({"p": [document("p", "规划", key="p")], "gone": []})
    assert names(client.calls) == [
        "exists_alias",
        "bulk",
        "delete_by_query",
        "refresh",
    ]
    assert client.calls[1][1] == {"index": {"portal-t"}, "ids": ["p"]}
    assert client.calls[2][1]["query"] == {
        "bool": {
            "filter": [{"terms": {"key": ["p", "gone"]}}],
            "must_not": [{"terms": {"id": ["p"]}}],
        }
    }
    assert client.calls[3][1] == {"index": "portal-t"}


def test_an_empty_batch_asks_nothing(cluster):
    engine, client = cluster()
    engine.replace({})
    assert client.calls == []


def test_searching_without_an_index_is_unavailable_not_empty(cluster):
    engine, client = cluster()

    def search(index, body):
        raise not_found()

    client.search = search
    with pytest.raises(EngineUnavailable, match="rebuild_public_index"):
        engine.search(request("低保"))


# -- an unreachable cluster ----------------------------------------------------------

UNREACHABLE = "http://user:secret@127.0.0.1:9"  # nothing listens on port 9


@pytest.mark.parametrize(
    "operation",
    [
        lambda engine: engine.replace({"a": [document("a", "低保")]}),
        lambda engine: engine.replace({"a": []}),
        lambda engine: engine.search(request("低保")),
        lambda engine: engine.rebuild(iter([document("a", "低保")])),
        lambda engine: engine.clear(),
    ],
    ids=["replace", "delete", "search", "rebuild", "clear"],
)
def test_an_unreachable_cluster_is_unavailable_and_the_password_stays_secret(
    operation,
):
    engine = ElasticsearchEngine(UNREACHABLE, "portal-t")
    with pytest.raises(EngineUnavailable) as raised:
        operation(engine)
    message = str(raised.value)
    assert "http://127.0.0.1:9" in message
    assert "secret" not in message and "user" not in message


def test_the_address_in_messages_has_no_credentials():
    assert public_address("https://u:p@ss@es.example:9200/") == (
        "https://es.example:9200/"
    )
    assert public_address("http://es:9200") == "http://es:9200"


def test_a_url_without_scheme_is_a_configuration_error_that_hides_it():
    with pytest.raises(ImproperlyConfigured) as raised:
        ElasticsearchEngine("user:secret@es:9200", "portal-t")
    assert "secret" not in str(raised.value)


def test_the_url_setting_chooses_this_engine(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX = "portal-chosen"
    engine = get_engine()
    assert isinstance(engine, ElasticsearchEngine)
    assert engine.alias == "portal-chosen"


# -- on a real cluster ---------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="needs a cluster: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200)",
)
class TestOnACluster:
    @pytest.fixture
    def engine(self):
        engine = ElasticsearchEngine(
            os.environ["ELASTICSEARCH_URL"], f"portal-test-{uuid.uuid4().hex[:8]}"
        )
        yield engine
        engine.drop()

    def ids(self, engine, q, **params):
        return sorted(hit.id for hit in engine.search(request(q, **params)).hits)

    def test_a_search_before_any_write_finds_nothing(self, engine):
        assert engine.search(request("低保")).total == 0

    def test_rebuild_search_swap_replace_and_delete(self, engine):
        assert (
            engine.rebuild([document("a", "城乡低保标准"), document("b", "孤儿")]) == 2
        )
        assert self.ids(engine, "低保") == ["a"]
        (first,) = engine._aliased()

        engine.rebuild(iter([document("c", "低保公示"), document("d", "殡葬")]))
        (second,) = engine._aliased()
        assert second != first
        assert not engine.client.indices.exists(index=first)
        assert self.ids(engine, "低保") == ["c"]

        engine.replace(
            {
                "c": [document("c", "殡葬改革")],
                "p": [
                    document("p", "养老规划", key="p"),
                    document("p#1", "养老章节", key="p"),
                ],
            }
        )
        assert self.ids(engine, "低保") == []
        assert self.ids(engine, "殡葬") == ["c", "d"]
        assert self.ids(engine, "养老") == ["p", "p#1"]

        engine.replace({"p": [document("p", "养老规划", key="p")], "d": []})
        assert self.ids(engine, "养老") == ["p"]
        assert self.ids(engine, "殡葬") == ["c"]

    def test_the_first_write_creates_the_index(self, engine):
        engine.replace({"a": [document("a", "临时救助")]})
        result = engine.search(request("救助"))
        assert [hit.id for hit in result.hits] == ["a"]
        assert result.facets["type"] == {"article": 1}
        assert len(engine._aliased()) == 1

    def test_clear_leaves_an_empty_index(self, engine):
        engine.rebuild([document("a", "临时救助")])
        engine.clear()
        assert engine.search(request("救助")).total == 0
