"""What the public search does, run against every engine available (conftest.py)."""

import dataclasses
import datetime

import pytest

from search.highlight import snippet, terms_of
from search.query import from_params
from search.results import run

from .conftest import document

SYNONYMS = {
    "低保": ("低保", "最低生活保障"),
    "最低生活保障": ("最低生活保障", "低保"),
}


def search(engine, q="", language="zh-hans", **params):
    request = from_params({"q": q, **params}, language, SYNONYMS)
    return run(request, engine)


def ids(result):
    return [hit.id for hit in result.hits]


def test_a_two_character_word_is_found_inside_a_longer_run(engine):
    engine.rebuild(
        [
            document("a", "标准调整", "城乡低保标准年度增速不低于物价涨幅"),
            document("b", "困境儿童", "事实无人抚养儿童和孤儿基本生活保障"),
            document("c", "殡葬改革", "推进节地生态安葬"),
        ]
    )
    assert ids(search(engine, "低保")) == ["a"]
    assert ids(search(engine, "孤儿")) == ["b"]


def test_several_words_narrow_the_result(engine):
    engine.rebuild(
        [
            document("both", "城乡低保和孤儿保障", ""),
            document("one", "城乡低保标准", ""),
            document("other", "孤儿基本生活费", ""),
        ]
    )
    assert ids(search(engine, "低保 孤儿")) == ["both"]
    # Typed without a space, a chunk is one run: its words apart are not it.
    assert ids(search(engine, "孤儿低保")) == []


def test_a_compound_word_is_found_only_as_typed(engine):
    engine.rebuild(
        [
            document("phrase", "社会组织年度报告", ""),
            document("apart", "社会救助", "基层党组织建设"),
            document("reversed", "组织社会力量参与救助", ""),
            document("spaced", "社会 组织", ""),
            document("traditional", "社會組織登記", ""),
        ]
    )
    # Pairs of a phrase must be adjacent and in order: 社会 and 组织 anywhere, in
    # any order, are not 社会组织.
    assert sorted(ids(search(engine, "社会组织"))) == ["phrase", "traditional"]
    assert sorted(ids(search(engine, "社會組織"))) == ["phrase", "traditional"]
    # Spaces say the words may lie apart.
    assert sorted(ids(search(engine, "社会 组织"))) == [
        "apart",
        "phrase",
        "reversed",
        "spaced",
        "traditional",
    ]


def test_a_word_inside_a_longer_run_is_still_found(engine):
    engine.rebuild(
        [
            document("inside", "城乡低保标准", ""),
            document("wide", "ＡＢＣ协会城乡低保标准", ""),
            document("none", "最低工资标准", ""),
        ]
    )
    assert sorted(ids(search(engine, "低保"))) == ["inside", "wide"]
    assert sorted(ids(search(engine, "低保标准"))) == ["inside", "wide"]
    assert ids(search(engine, "ａｂｃ协会")) == ["wide"]


def test_a_quoted_phrase_matches_exactly(engine):
    engine.rebuild(
        [
            document("exact", "通知", "调整低保标准的通知"),
            document("apart", "通知", "低保对象的认定标准"),
        ]
    )
    assert sorted(ids(search(engine, "低保 标准"))) == ["apart", "exact"]
    assert ids(search(engine, '"低保标准"')) == ["exact"]
    assert ids(search(engine, "“低保标准”")) == ["exact"]


def test_traditional_characters_find_simplified_text_and_back(engine):
    engine.rebuild(
        [
            document("simplified", "养老服务体系建设", ""),
            document("traditional", "發展農村養老服務", ""),
        ]
    )
    assert sorted(ids(search(engine, "養老服務"))) == ["simplified", "traditional"]
    assert sorted(ids(search(engine, "养老服务"))) == ["simplified", "traditional"]


def test_full_and_half_width_forms_match(engine):
    engine.rebuild(
        [
            document("full", "ＡＢＣ协会２０２４年度报告", ""),
            document("half", "abc协会2023年度报告", ""),
        ]
    )
    assert sorted(ids(search(engine, "abc"))) == ["full", "half"]
    assert ids(search(engine, "２０２４")) == ["full"]


def test_an_exact_credit_code_finds_its_organisation(engine):
    engine.rebuild(
        [
            document(
                "org",
                "清源区书法家协会",
                "51150299MJ0000001X 社会团体",
                kind="social_organisation",
            ),
            document("other", "清源区摄影家协会", "51150299MJ0000002Y"),
        ]
    )
    assert ids(search(engine, "51150299MJ0000001X")) == ["org"]
    assert ids(search(engine, "51150299mj0000001x")) == ["org"]


def test_a_single_character_is_found_anywhere_in_a_run(engine):
    engine.rebuild(
        [
            document("start", "孤儿", ""),
            document("end", "关爱失孤", ""),
            document("none", "养老服务", ""),
        ]
    )
    assert sorted(ids(search(engine, "孤"))) == ["end", "start"]


def test_titles_outrank_body_text(engine):
    engine.rebuild(
        [
            document(
                "body",
                "工作通知",
                "做好临时救助工作",
                published=datetime.date(2025, 1, 1),
            ),
            document(
                "title", "临时救助办法", "全文", published=datetime.date(2020, 1, 1)
            ),
        ]
    )
    assert ids(search(engine, "临时救助")) == ["title", "body"]


def test_recent_items_win_ties(engine):
    engine.rebuild(
        [
            document("old", "临时救助", "", published=datetime.date(2021, 1, 1)),
            document("new", "临时救助", "", published=datetime.date(2025, 1, 1)),
            document("mid", "临时救助", "", published=datetime.date(2023, 1, 1)),
        ]
    )
    assert ids(search(engine, "临时救助")) == ["new", "mid", "old"]


def test_synonyms_find_each_other_and_the_typed_word_ranks_first(engine):
    engine.rebuild(
        [
            document("short", "城乡低保标准", ""),
            document("long", "最低生活保障审核确认办法", ""),
            document("none", "临时救助", ""),
        ]
    )
    assert ids(search(engine, "低保")) == ["short", "long"]
    assert ids(search(engine, "最低生活保障")) == ["long", "short"]


def test_facets_count_type_region_year_agency_and_list(engine):
    engine.rebuild(
        [
            document(
                "a",
                "低保公示",
                kind="village_disclosure",
                published=datetime.date(2024, 3, 1),
            ),
            document(
                "b",
                "低保失信",
                kind="credit_entry",
                list_type="serious",
                region="150299200000",
                agency="清源区社会组织管理局",
                published=datetime.date(2023, 3, 1),
            ),
            document(
                "c",
                "低保通知",
                region="150299100202",
                published=datetime.date(2024, 5, 1),
            ),
            document("d", "殡葬", published=datetime.date(2024, 5, 1)),
        ]
    )
    facets = search(engine, "低保").facets
    assert facets["type"] == {"village_disclosure": 1, "credit_entry": 1, "article": 1}
    assert facets["year"] == {"2024": 2, "2023": 1}
    assert facets["agency"] == {"清源区民政局": 2, "清源区社会组织管理局": 1}
    assert facets["list"] == {"serious": 1}
    # All in one district, so the region facet starts at its towns.
    assert facets["region"] == {"150299100000": 2, "150299200000": 1}


def test_region_drills_down_from_town_to_village(engine):
    engine.rebuild(
        [
            document("a", "低保", region="150299100201"),
            document("b", "低保", region="150299100202"),
            document("c", "低保", region="150299100202"),
            document("d", "低保", region="150299200000"),
        ]
    )
    town = search(engine, "低保", region="150299100000")
    assert sorted(ids(town)) == ["a", "b", "c"]
    assert town.facets["region"] == {"150299100201": 1, "150299100202": 2}
    village = search(engine, "低保", region="150299100202")
    assert sorted(ids(village)) == ["b", "c"]
    assert village.facets["region"] == {}


def test_filters_combine(engine):
    engine.rebuild(
        [
            document("a", "低保", kind="plan", published=datetime.date(2024, 1, 5)),
            document("b", "低保", kind="plan", published=datetime.date(2023, 1, 5)),
            document("c", "低保", kind="article", published=datetime.date(2024, 1, 5)),
            document("d", "低保", kind="credit_entry", list_type="abnormal"),
        ]
    )
    assert ids(search(engine, "低保", type="plan", year="2024")) == ["a"]
    assert sorted(ids(search(engine, "低保", type="plan,article", year="2024"))) == [
        "a",
        "c",
    ]
    assert ids(search(engine, "低保", list="abnormal")) == ["d"]
    assert ids(search(engine, "低保", agency="清源区民政局", type="article")) == ["c"]


def test_date_range_and_sort_by_date(engine):
    engine.rebuild(
        [
            document("2022", "救助", published=datetime.date(2022, 6, 1)),
            document("2023", "临时救助工作", published=datetime.date(2023, 6, 1)),
            document("2024", "救助", published=datetime.date(2024, 6, 1)),
        ]
    )
    ranged = search(
        engine, "救助", date_from="2023-01-01", date_to="2024-06-01", sort="date"
    )
    assert ids(ranged) == ["2024", "2023"]
    assert ids(search(engine, "救助", sort="date")) == ["2024", "2023", "2022"]
    # Without words, filters alone list the newest first.
    assert ids(search(engine, "", date_to="2023-12-31")) == ["2023", "2022"]


def test_pagination_is_stable_and_total_counts_everything(engine):
    engine.rebuild(
        [
            document(
                f"d{n:02}",
                "临时救助",
                published=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            )
            for n in range(25)
        ]
    )
    first = search(engine, "救助", page_size="10")
    third = search(engine, "救助", page_size="10", page="3")
    beyond = search(engine, "救助", page_size="10", page="4")
    assert first.total == third.total == beyond.total == 25
    assert ids(first) == [f"d{n:02}" for n in range(24, 14, -1)]
    assert ids(third) == [f"d{n:02}" for n in range(4, -1, -1)]
    assert beyond.hits == []


def test_each_language_searches_its_own_content(engine):
    engine.rebuild(
        [
            document("zh", "养老服务", language="zh-hans"),
            document("en", "Elderly care services 养老服务", language="en"),
        ]
    )
    assert ids(search(engine, "养老服务")) == ["zh"]
    assert ids(search(engine, "elderly", language="en")) == ["en"]
    assert ids(search(engine, "Elderly CARE", language="en")) == ["en"]


def test_suggestions_search_titles_only(engine):
    engine.rebuild(
        [
            document("title", "清源区慈善总会", "", kind="charity_organisation"),
            document("text", "年度报告", "由清源区慈善总会发布"),
        ]
    )
    request = dataclasses.replace(
        from_params({"q": "慈善总"}, "zh-hans", {}), titles_only=True, facets=False
    )
    result = run(request, engine)
    assert ids(result) == ["title"]
    assert result.facets == {}


def test_replace_updates_and_removes_every_document_of_a_key(engine):
    engine.rebuild(
        [
            document("plan", "养老服务规划", key="p"),
            document("plan#h-1", "第一章 养老服务", key="p", context="养老服务规划"),
            document("other", "养老机构名单"),
        ]
    )
    assert len(search(engine, "养老").hits) == 3
    engine.replace({"p": [document("plan", "养老服务发展规划", key="p")]})
    assert sorted(ids(search(engine, "养老"))) == ["other", "plan"]
    engine.replace({"p": []})
    assert ids(search(engine, "养老")) == ["other"]


def test_hits_carry_what_the_result_shows(engine):
    engine.rebuild(
        [
            document(
                "s",
                "第三章 兜底保障",
                "完善城乡低保制度",
                key="plan",
                kind="plan",
                url="/plans/fyp/#h-3",
                context="清源区民政事业发展规划",
                published=datetime.date(2022, 3, 4),
            )
        ]
    )
    (hit,) = search(engine, "低保").hits
    assert (hit.title, hit.url, hit.context, hit.kind) == (
        "第三章 兜底保障",
        "/plans/fyp/#h-3",
        "清源区民政事业发展规划",
        "plan",
    )
    assert hit.published == datetime.date(2022, 3, 4)
    assert hit.region == "150299100201"


def test_snippets_mark_matches_in_the_original_and_escape_the_rest():
    request = from_params({"q": "养老服务"}, "zh-hans", {})
    text = "前文" * 40 + "<b>發展養老服務</b>，提升質量" + "後文" * 80
    shown = snippet(text, terms_of(request))
    assert "<mark>養老服務</mark>" in shown
    assert "&lt;b&gt;" in shown and "<b>" not in shown
    assert shown.startswith("…") and shown.endswith("…")


def test_rebuild_switches_only_when_complete(engine):
    engine.rebuild([document("old", "临时救助")])

    def documents():
        # Searches during a rebuild still see the old index.
        assert ids(search(engine, "救助")) == ["old"]
        yield document("new", "临时救助")

    assert engine.rebuild(documents()) == 1
    assert ids(search(engine, "救助")) == ["new"]


@pytest.mark.parametrize("q", ["", "   ", "，。", '""'])
def test_queries_without_words_match_no_clause(engine, q):
    engine.rebuild([document("a", "临时救助")])
    assert from_params({"q": q}, "zh-hans", {}).clauses == ()


def test_undated_items_are_outside_date_ranges_and_last_by_date(engine):
    engine.rebuild(
        [
            document("undated", "临时救助", published=None),
            document("dated", "临时救助", published=datetime.date(2022, 1, 1)),
        ]
    )
    assert ids(search(engine, "救助", date_to="2023-01-01")) == ["dated"]
    assert ids(search(engine, "救助", sort="date")) == ["dated", "undated"]
