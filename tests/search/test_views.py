"""The public search page (/search/, /en/search/): results, facets, pagination, the
helpful empty answer, and the rules against search spam (noindex, no query in titles
or headings)."""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.plans.models import PlanIndexPage
from portal.demo.helpers import publish_page, translate_page
from search.documents import all_public_items, documents_for
from search.engines import EngineUnavailable

from ..content_models.credit_factories import (  # noqa: F401 (fixtures)
    entry,
    organisation,
    section_fixture,
)
from ..content_models.plans_factories import build_plan

SEARCH = "/search/"


@pytest.fixture(name="index")
def index_fixture(db, embedded):
    """Index everything public now, as ``rebuild_public_index`` would; each test has an
    index of its own (``embedded`` points SEARCH_INDEX_DIR at tmp_path)."""

    def build():
        embedded.rebuild(
            document for item in all_public_items() for document in documents_for(item)
        )
        return embedded

    return build


@pytest.fixture(name="notices")
def notices_fixture(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def article(notices, agency, title, body="", day=datetime.date(2025, 6, 20), slug=""):
    page = ArticlePage(
        title=title,
        slug=slug or f"a{ArticlePage.objects.count() + 1}",
        agency=agency,
        body=f"<p>{body}</p>",
        published_on=day,
    )
    return publish_page(notices, page)


def get(client, path=SEARCH, **params):
    return client.get(path, params)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def hits(response):
    return soup(response).select(".search-hit")


def hit_titles(response):
    return [hit.select_one(".search-hit-title").get_text() for hit in hits(response)]


def facet_links(response, name):
    """{label text: href} of one facet group's options."""
    links = soup(response).select(f".search-facet-{name} li a")
    return {" ".join(a.get_text().split()): a["href"] for a in links}


def follow(client, href):
    parts = urlsplit(href)
    return client.get(parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()})


# -- results ---------------------------------------------------------------------------


def test_a_hit_shows_marked_title_type_date_and_snippet(client, index, notices, agency):
    page = article(
        notices,
        agency,
        "关于调整城乡低保标准的通知",
        "经区政府同意，城市低保标准提高到每人每月820元。",
    )
    article(notices, agency, "殡葬改革工作要点", "推进节地生态安葬。")
    index()
    response = get(client, q="低保")
    assert response.status_code == 200
    (hit,) = hits(response)
    title = hit.select_one(".search-hit-title a")
    assert title["href"] == page.url
    assert str(title).count("<mark>低保</mark>") == 1
    assert hit.select_one(".search-hit-type").get_text() == "公开文件"
    assert hit.select_one("time").get_text() == "2025-06-20"
    assert "<mark>低保</mark>标准提高到每人每月820元" in str(
        hit.select_one(".search-hit-snippet")
    )
    assert "共找到 1 条结果" in soup(response).select_one(".search-summary").get_text()


def test_a_plan_section_shows_the_plan_it_belongs_to(client, index, home, agency):
    plans = publish_page(home, PlanIndexPage(title="发展规划", slug="plans"))
    plan = publish_page(plans, build_plan(agency, slug="fyp"))
    index()
    response = get(client, q="日间照料")
    (hit,) = hits(response)
    assert hit.select_one(".search-hit-context").get_text() == plan.title
    assert hit.select_one(".search-hit-title a")["href"].startswith(plan.url + "#")


def test_a_hit_shows_the_region_by_name(client, index, section, agency, village):
    organisation(agency, name="红旗村老年协会", region=village)
    index()
    (hit,) = hits(get(client, q="老年协会"))
    assert hit.select_one(".search-hit-region").get_text() == "青山镇红旗村"
    assert hit.select_one(".search-hit-type").get_text() == "社会组织"


def test_markup_in_titles_and_text_comes_back_escaped(client, index, section, agency):
    organisation(
        agency,
        name="<script>alert(1)</script>低保互助会",
        address="<script>alert(2)</script>青山镇低保路1号",
    )
    index()
    response = get(client, q="低保")
    html = response.content.decode()
    assert "<script>alert" not in html
    (hit,) = hits(response)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>低保</mark>互助会" in str(
        hit.select_one(".search-hit-title a")
    )
    assert "&lt;script&gt;alert(2)&lt;/script&gt;青山镇<mark>低保</mark>路" in str(
        hit.select_one(".search-hit-snippet")
    )


# -- not for search engines, and never repeating the query in a title --------------


def test_results_are_noindex_and_keep_the_query_out_of_title_and_headings(
    client, index, notices, agency
):
    article(notices, agency, "关于调整城乡低保标准的通知", "城市低保标准提高。")
    index()
    for q in ("低保", "加微信看低保优惠", '<b>"低保"</b>'):
        response = get(client, q=q)
        page = soup(response)
        assert response["X-Robots-Tag"] == "noindex"
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        for element in page.select("title, h1, h2, h3, h4, h5, h6"):
            assert "低保" not in element.get_text(), element
        # The query lives in the search box, escaped.
        assert page.select_one("#search-q")["value"] == q
    assert "&lt;b&gt;" in response.content.decode()


@pytest.mark.parametrize("params", [{}, {"page": "0"}, {"q": "低保"}])
def test_every_answer_of_the_page_is_noindex(client, index, params):
    index()
    response = get(client, **params)
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"


def test_an_empty_query_shows_the_form_and_a_hint_without_searching(
    client, db, embedded, monkeypatch
):
    def must_not_search(request):
        raise AssertionError("the engine was asked")

    monkeypatch.setattr(embedded, "search", must_not_search)
    for q in ("", "   ", "，。"):
        response = get(client, q=q)
        assert response.status_code == 200
        assert soup(response).select_one(".search-hint")
        assert not hits(response)


# -- facets and filters ----------------------------------------------------------------


@pytest.fixture(name="mixed")
def mixed_fixture(notices, section, agency, village, other_village):
    """Notices and organisations about 低保, in two villages and two years."""
    article(notices, agency, "低保标准调整通知", day=datetime.date(2025, 3, 1))
    article(notices, agency, "低保审核办法", day=datetime.date(2024, 3, 1))
    organisation(
        agency,
        name="红旗村低保互助会",
        region=village,
        registered_on=datetime.date(2024, 1, 2),
    )
    org = organisation(agency, name="前进村低保服务社", region=other_village)
    entry(org, list_type="serious", listed_on=datetime.date(2024, 7, 2))


def test_facets_count_and_link_to_add_a_filter(client, index, mixed):
    index()
    response = get(client, q="低保")
    assert len(hits(response)) == 5
    types = facet_links(response, "type")
    assert set(types) == {"公开文件 (2)", "社会组织 (2)", "信用名录 (1)"}
    narrowed = follow(client, types["公开文件 (2)"])
    assert sorted(hit_titles(narrowed)) == ["低保审核办法", "低保标准调整通知"]
    assert facet_links(response, "list") == {
        "严重违法失信名单 (1)": "/search/?q=%E4%BD%8E%E4%BF%9D&list=serious"
    }
    assert "清源区民政局 (5)" in facet_links(response, "agency")


def test_filters_combine_and_each_shows_a_remove_link(client, index, mixed):
    index()
    response = get(client, q="低保", type="article")
    both = follow(client, facet_links(response, "year")["2024 (1)"])
    assert hit_titles(both) == ["低保审核办法"]
    chips = {
        a.contents[0].strip(): a["href"]
        for a in soup(both).select(".search-active a.search-chip")
    }
    assert set(chips) == {"类型：公开文件", "年份：2024"}
    without_year = follow(client, chips["年份：2024"])
    assert len(hits(without_year)) == 2
    # The search box keeps the filters for the next query.
    hidden = {i["name"]: i["value"] for i in soup(both).select("input[type=hidden]")}
    assert hidden == {"type": "article", "year": "2024"}


def test_region_drills_down_from_district_to_town_to_village(
    client, index, mixed, district
):
    index()
    response = get(client, q="低保")
    # Everything lies in one district, so the facet opens at its towns.
    assert facet_links(response, "region") == {
        "青山镇 (3)": "/search/?q=%E4%BD%8E%E4%BF%9D&region=150299100000",
    }
    town = follow(client, facet_links(response, "region")["青山镇 (3)"])
    assert facet_links(town, "region") == {
        "红旗村 (1)": "/search/?q=%E4%BD%8E%E4%BF%9D&region=150299100201",
        "前进村 (2)": "/search/?q=%E4%BD%8E%E4%BF%9D&region=150299100202",
    }
    village = follow(client, facet_links(town, "region")["前进村 (2)"])
    assert sorted(hit_titles(village)) == [
        "前进村低保服务社",
        "前进村低保服务社 列入严重违法失信名单",
    ]
    path = soup(village).select(".search-facet-path a")
    assert [a.get_text() for a in path] == ["清源区", "青山镇"]
    town = follow(client, path[1]["href"])
    assert len(hits(town)) == 3
    assert set(facet_links(town, "region")) == {"红旗村 (1)", "前进村 (2)"}


def test_a_date_range_narrows_the_results(client, index, mixed):
    index()
    response = get(client, q="低保", date_from="2025-01-01", date_to="2025-12-31")
    assert hit_titles(response) == ["低保标准调整通知"]
    page = soup(response)
    assert page.select_one("#search-date-from")["value"] == "2025-01-01"
    assert page.select_one("#search-date-to")["value"] == "2025-12-31"


def test_sort_by_date_lists_the_newest_first(client, index, notices, agency):
    article(notices, agency, "临时救助", day=datetime.date(2021, 1, 1))
    article(notices, agency, "救助工作通知", "临时救助", day=datetime.date(2025, 1, 1))
    index()
    relevance = get(client, q="临时救助")
    assert hit_titles(relevance) == ["临时救助", "救助工作通知"]
    by_date = follow(client, soup(relevance).select_one(".search-sort a")["href"])
    assert hit_titles(by_date) == ["救助工作通知", "临时救助"]
    assert soup(by_date).select_one(".search-sort strong").get_text() == "按日期"


# -- pages -----------------------------------------------------------------------------


@pytest.fixture
def five(notices, agency):
    for n in range(5):
        article(notices, agency, f"临时救助第{n}号", day=datetime.date(2024, 1, 1 + n))


def page_links(response):
    nav = soup(response).select_one(".search-pages")
    return nav and {" ".join(a.get_text().split()): a["href"] for a in nav.select("a")}


def test_pagination_offers_previous_next_and_numbers(client, index, five):
    index()
    first = get(client, q="救助", page_size="2")
    assert hit_titles(first) == ["临时救助第4号", "临时救助第3号"]
    assert set(page_links(first)) == {"2", "3", "下一页"}
    last = follow(client, page_links(first)["3"])
    assert hit_titles(last) == ["临时救助第0号"]
    assert set(page_links(last)) == {"上一页", "1", "2"}
    assert soup(last).select_one(".search-pages [aria-current=page]").get_text() == "3"
    assert soup(last).select_one(".search-hits")["start"] == "5"


def test_a_page_beyond_the_last_says_so_and_links_back(client, index, five):
    index()
    response = get(client, q="救助", page_size="2", page="9")
    assert response.status_code == 200
    assert not hits(response)
    assert "共找到 5 条结果" in response.content.decode()
    back = soup(response).select_one(".box a")
    assert follow(client, back["href"]).status_code == 200
    assert "page=3" in back["href"]


def test_one_page_of_results_needs_no_pagination(client, index, five):
    index()
    assert page_links(get(client, q="救助")) is None


# -- no results, bad parameters, a failed engine --------------------------------------


def test_no_results_offers_to_drop_filters_and_to_request_information(
    client, index, mixed
):
    index()
    response = get(client, q="低保", type="plan", year="2024")
    page = soup(response)
    assert not hits(response)
    relax = {a.get_text(): a["href"] for a in page.select(".search-relax a")}
    assert relax == {
        "去掉“类型：规划”": "/search/?q=%E4%BD%8E%E4%BF%9D&year=2024",
        "去掉“年份：2024”": "/search/?q=%E4%BD%8E%E4%BF%9D&type=plan",
        "去掉全部条件": "/search/?q=%E4%BD%8E%E4%BF%9D",
    }
    assert len(hits(follow(client, relax["去掉全部条件"]))) == 5
    text = page.select_one(".search-none").get_text()
    assert "错别字" in text and "减少检索词" in text
    request_link = [
        a for a in page.select(".search-none a") if a.get_text() == "依申请公开"
    ]
    assert request_link and request_link[0]["href"] == "/requests/"  # the form


def test_no_results_links_the_request_page_an_administrator_set(client, index, mixed):
    from wagtail.models import Site

    from themes.models import PortalSettings

    PortalSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"on_request_url": "https://ysqgk.example.gov.cn/apply"},
    )
    index()
    page = soup(get(client, q="不存在的词语"))
    [request_link] = [
        a for a in page.select(".search-none a") if a.get_text() == "依申请公开"
    ]
    assert request_link["href"] == "https://ysqgk.example.gov.cn/apply"
    assert "申请方式见首页" not in page.select_one(".search-none").get_text()


def test_no_results_without_filters_offers_no_filter_links(client, index, notices):
    index()
    page = soup(get(client, q="不存在的词语"))
    assert page.select_one(".search-none")
    assert not page.select(".search-relax")


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"q": "低保", "page": "0"}, "页码"),
        ({"q": "低保", "page_size": "101"}, "每页条数"),
        ({"q": "低保", "type": "novel"}, "未知的类型“novel”"),
        ({"q": "低保", "region": "12345"}, "区划代码应为12位数字"),
        ({"q": "低保", "year": "去年"}, "年份"),
        ({"q": "低保", "date_from": "2024-02-30"}, "日期格式应为YYYY-MM-DD"),
        ({"q": "低保", "date_from": "2025-01-01", "date_to": "2024-01-01"}, "开始日期"),
        ({"q": "低保", "sort": "popular"}, "排序"),
        ({"q": "低" * 201}, "检索词过长"),
    ],
)
def test_bad_parameters_answer_400_with_the_message(client, index, params, shown):
    index()
    response = get(client, **params)
    assert response.status_code == 400
    assert shown in soup(response).select_one("[role=alert]").get_text()
    assert response["X-Robots-Tag"] == "noindex"


def test_an_unreachable_engine_answers_503_kindly(client, db, embedded, monkeypatch):
    def unreachable(request):
        raise EngineUnavailable("connection refused")

    monkeypatch.setattr(embedded, "search", unreachable)
    response = get(client, q="低保")
    assert response.status_code == 503
    assert "暂时不可用" in soup(response).select_one("[role=alert]").get_text()
    assert soup(response).select_one("#search-q")["value"] == "低保"


# -- languages and the header ---------------------------------------------------------


@pytest.fixture(name="bilingual")
def bilingual_fixture(home, notices, agency, english):
    page = article(notices, agency, "关于提高最低生活保障标准的通知", "低保标准。")
    translate_page(home, "Home")
    translate_page(notices, "Notices")
    translation = translate_page(
        page,
        "Notice on raising the minimum living allowance",
        body="<p>The urban allowance rises to 820 yuan a month.</p>",
    )
    return page, translation


def test_english_search_sees_only_english_content(client, index, bilingual):
    page, translation = bilingual
    index()
    english = get(client, "/en/search/", q="allowance")
    assert [a["href"] for a in soup(english).select(".search-hit-title a")] == [
        translation.url
    ]
    assert not hits(get(client, "/en/search/", q="低保"))
    assert not hits(get(client, q="allowance"))
    assert [
        a["href"] for a in soup(get(client, q="低保")).select(".search-hit-title a")
    ] == [page.url]


def test_the_language_switch_keeps_the_search(client, index):
    index()
    page = soup(get(client, q="低保", type="plan"))
    links = {a["hreflang"]: a["href"] for a in page.select(".languages a")}
    assert links == {"en": "/en/search/?q=%E4%BD%8E%E4%BF%9D&type=plan"}


def test_every_page_has_a_search_box_in_the_header(client, home, english):
    translate_page(home, "Home")
    for path, action in (("/", "/search/"), ("/en/", "/en/search/")):
        form = soup(client.get(path)).select_one(".site-header form[role=search]")
        assert form["action"] == action
        box = form.select_one("input[name=q]")
        assert box["data-suggest"] == reverse("search_api:suggest")
        assert box["data-suggest-lang"] == ("en" if path == "/en/" else "zh-hans")
    # The search page has its own, larger box instead.
    assert not soup(client.get(SEARCH)).select(".site-header form")


# -- a damaged, missing or unreachable engine: 503, logged, never "nothing found" -------


def damage_pointer(engine):
    (engine.directory / "CURRENT").write_bytes(b"\xff\xfe garbage\n")


def remove_index(engine):
    import shutil

    shutil.rmtree(engine.directory)


def point_at_nothing(engine):
    (engine.directory / "CURRENT").write_text("index-20260101000000-abcdef")


def empty_the_index(engine):
    """The directory CURRENT names is emptied (tantivy would create a new index)."""
    import shutil

    current = engine.directory / (engine.directory / "CURRENT").read_text()
    shutil.rmtree(current)
    current.mkdir()


DAMAGE = [damage_pointer, remove_index, point_at_nothing, empty_the_index]


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit() and int(response["Retry-After"]) > 0
    page = soup(response)
    assert "暂时不可用" in page.select_one("[role=alert]").get_text()
    assert page.select_one(".site-footer, footer") is not None  # the site's own page
    assert not page.select(".search-hit, .search-none")  # never "nothing found"


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_missing_index_answers_503_and_is_logged(
    client, index, notices, agency, damage, caplog
):
    article(notices, agency, "关于提高城乡低保标准的通知")
    damage(index())
    with caplog.at_level("WARNING", logger="search.views"):
        response = get(client, q="低保")
    assert_unavailable_page(response)
    assert any("unavailable" in record.getMessage() for record in caplog.records)


def test_rebuild_public_index_repairs_a_damaged_index(client, index, notices, agency):
    from django.core.management import call_command

    page = article(notices, agency, "关于提高城乡低保标准的通知")
    damage_pointer(index())
    assert get(client, q="低保").status_code == 503
    call_command("rebuild_public_index")
    response = get(client, q="低保")
    assert response.status_code == 200
    assert [a["href"] for a in soup(response).select(".search-hit-title a")] == [
        page.url
    ]


def test_an_unreachable_elasticsearch_answers_503(client, db, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on port 9
    settings.ELASTICSEARCH_INDEX = "portal-unreachable"
    with caplog.at_level("WARNING", logger="search.views"):
        response = get(client, q="低保")
    assert_unavailable_page(response)
    assert "127.0.0.1:9" in caplog.text


def test_the_unavailable_page_is_translated(client, index):
    damage_pointer(index())
    response = get(client, "/en/search/", q="allowance")
    assert response.status_code == 503
    assert "暂时不可用" not in soup(response).select_one("[role=alert]").get_text()
