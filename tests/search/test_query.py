"""Reading a search request: clauses, synonyms and every bad parameter."""

import datetime

from django.http import QueryDict

import pytest

from search.models import SynonymGroup
from search.query import BadParameter, Clause, from_params, parse_clauses
from search.results import region_choices
from search.synonyms import current


def request(**params):
    return from_params(params, "zh-hans", {})


def test_chunks_quotes_and_synonyms_become_clauses():
    synonyms = {"低保": ("低保", "最低生活保障")}
    clauses = parse_clauses('农村低保 "困难群众" 養老 低保', synonyms)
    assert clauses == (
        # An unspaced chunk is one run; a synonym of one of its words makes another.
        Clause(("农村低保", "农村最低生活保障")),
        Clause(("困难群众",)),
        Clause(("养老",)),
        Clause(("低保", "最低生活保障")),
    )


@pytest.mark.parametrize(
    "q, runs",
    [
        ("社会组织", ["社会组织"]),  # never 社会 and 组织 apart
        ("严重违法失信名单", ["严重违法失信名单"]),
        ("社会组织 年度报告", ["社会组织", "年度报告"]),
        ("低保、孤儿", ["低保", "孤儿"]),  # punctuation separates, as in the text
        ("2024年低保", ["2024", "年低保"]),
        ("社會組織", ["社会组织"]),
        ("ＡＢＣ１２３", ["abc123"]),
        ("社会组织 社会组织", ["社会组织"]),
    ],
)
def test_what_is_typed_without_a_space_is_one_run(q, runs):
    assert [clause.alternatives[0] for clause in parse_clauses(q, {})] == runs


def test_a_chunk_that_is_itself_a_synonym_keeps_its_group():
    synonyms = {"城乡低保": ("城乡低保", "低保"), "低保": ("低保", "城乡低保")}
    assert parse_clauses("城乡低保", synonyms) == (Clause(("城乡低保", "低保")),)


def test_repeated_filters_and_comma_lists_combine():
    params = QueryDict("type=plan&type=article,credit_entry&year=2024")
    parsed = from_params(params, "zh-hans", {})
    assert parsed.kinds == ("plan", "article", "credit_entry")
    assert parsed.year == 2024


def test_defaults():
    parsed = request(q="低保")
    assert (parsed.page, parsed.page_size, parsed.sort) == (1, 20, "relevance")
    assert parsed.offset == 0 and parsed.filtered == []


@pytest.mark.parametrize(
    "params, name",
    [
        ({"type": "nonsense"}, "type"),
        ({"region": "1502"}, "region"),
        ({"region": "150000000000"}, "region"),
        ({"year": "二〇二四"}, "year"),
        ({"year": "1200"}, "year"),
        ({"list": "black"}, "list"),
        ({"date_from": "2024-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2024-02-01", "date_to": "2024-01-01"}, "date_from"),
        ({"sort": "random"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "x"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page": "200", "page_size": "100"}, "page"),
        ({"q": "低" * 201}, "q"),
    ],
)
def test_bad_parameters_name_themselves(params, name):
    with pytest.raises(BadParameter) as raised:
        request(**params)
    assert raised.value.name == name
    assert raised.value.message


def test_dates_are_read():
    parsed = request(date_from="2024-01-01", date_to="2024-12-31")
    assert parsed.date_from == datetime.date(2024, 1, 1)
    assert parsed.filtered == ["date_from", "date_to"]


def test_region_choices_show_one_level_below_the_selection():
    counts = {
        "150299000000": 4,
        "150299100000": 3,
        "150299200000": 1,
        "150299100201": 2,
        "150299100202": 1,
    }
    assert region_choices(counts, "") == {"150299100000": 3, "150299200000": 1}
    assert region_choices(counts, "150299100000") == {
        "150299100201": 2,
        "150299100202": 1,
    }
    two_districts = {"150299000000": 1, "150298000000": 2}
    assert region_choices(two_districts, "") == two_districts


def test_synonym_groups_map_every_term_to_its_group(db):
    SynonymGroup.objects.create(terms="低保，最低生活保障")
    SynonymGroup.objects.create(terms="低保 城乡低保")
    mapping = current()
    assert mapping["低保"] == ("低保", "最低生活保障", "城乡低保")
    assert mapping["最低生活保障"] == ("最低生活保障", "低保")


def test_a_synonym_group_needs_two_terms(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(terms="低保").full_clean()
