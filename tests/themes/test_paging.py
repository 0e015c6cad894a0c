"""Public lists are read a page at a time (content_models/disclosure/paging.py): any
page number a visitor types gives a page, links keep the other parameters, and the
credit section pages each list on its own."""

import re

from django.http import QueryDict
from django.test import RequestFactory

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from content_models.disclosure.paging import PAGE_SIZE, page_of
from portal.demo.helpers import publish_page
from tests.content_models import credit_factories as credit

ROWS = list(range(45))


def request_for(query):
    return RequestFactory().get("/list/?" + query)


@given(st.text(max_size=12))
def test_any_page_number_gives_a_page(number):
    request = RequestFactory().get("/list/", {"page": number})
    page = page_of(request, ROWS)
    assert 1 <= page.number <= 3
    assert len(page) in (PAGE_SIZE, 5)


def test_links_keep_other_parameters_and_page_one_has_no_number():
    page = page_of(request_for("q=%E5%8D%8F%E4%BC%9A&page=2&list=abnormal"), ROWS)
    assert list(page) == ROWS[20:40]
    previous = QueryDict(page.previous_url[1:])
    following = QueryDict(page.next_url[1:])
    assert previous.dict() == {"q": "协会", "list": "abnormal"}
    assert following.dict() == {"q": "协会", "list": "abnormal", "page": "3"}


def test_each_list_pages_by_its_own_parameter():
    request = request_for("page-abnormal=3&page-removed=2")
    assert page_of(request, ROWS, "page-abnormal").number == 3
    assert page_of(request, ROWS, "page-removed").number == 2
    assert page_of(request, ROWS, "page-serious").number == 1
    assert "page-removed=2" in page_of(request, ROWS, "page-abnormal").previous_url


def test_notices_are_paged(client, home, agency):
    notices = publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))
    for n in range(PAGE_SIZE + 1):
        publish_page(
            notices,
            ArticlePage(
                title=f"第{n}号通知", slug=f"n{n}", agency=agency, body="<p>正文</p>"
            ),
        )
    first = client.get(notices.url).content.decode()
    assert first.count('<span class="date">') == PAGE_SIZE
    assert 'href="?page=2" rel="next"' in first
    assert "第1页，共2页（21条）" in first
    second = client.get(notices.url + "?page=2").content.decode()
    assert second.count('<span class="date">') == 1
    assert 'href="?" rel="prev"' in second


@pytest.fixture
def crowded_credit_section(home, agency):
    section = publish_page(
        home, credit.CreditIndexPage(title="社会组织信用", slug="credit")
    )
    for n in range(PAGE_SIZE + 2):
        org = credit.organisation(agency, name=f"清源区第{n}协会")
        credit.entry(org, list_type="abnormal")
    org = credit.organisation(agency, name="清源区失信协会")
    credit.entry(org, list_type="serious")
    return section


def organisations_in(html, list_id):
    section = html.split(f'id="{list_id}"')[1].split("</section>")[0]
    return re.findall(r"清源区[^<]*协会", section)


def test_credit_lists_are_paged_one_by_one(client, crowded_credit_section):
    url = crowded_credit_section.url
    html = client.get(url).content.decode()
    assert len(organisations_in(html, "list-abnormal")) == PAGE_SIZE
    assert organisations_in(html, "list-serious") == ["清源区失信协会"]
    assert 'href="?page-abnormal=2" rel="next"' in html
    html = client.get(url + "?q=协会&page-abnormal=2").content.decode()
    assert len(organisations_in(html, "list-abnormal")) == 2
    assert organisations_in(html, "list-serious") == ["清源区失信协会"]
    assert 'href="?q=%E5%8D%8F%E4%BC%9A" rel="prev"' in html
