"""Every public list answers in a fixed number of SQL queries, whatever the data: each
page type is read with a little data and with ten times as much (issue 17)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, translate_page
from tests.content_models import charity_factories as charity
from tests.content_models import credit_factories as credit
from tests.content_models import villages_factories as villages
from tests.places import region


def queries(client, url):
    """The queries of one request, after a first one has filled Wagtail's caches."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(build, times):
    for n in range(times):
        build(n)


def assert_constant(client, url, build, few=2, many=20):
    """``build(n)`` adds the n-th item; the page costs as much at ``many`` as ``few``."""
    grow(build, few)
    small = queries(client, url)
    for n in range(few, many):
        build(n)
    assert queries(client, url) == small, url


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def test_notice_list(client, notices, agency):
    def build(n):
        publish_page(
            notices,
            ArticlePage(
                title=f"关于第{n}批事项的通知",
                slug=f"n{n}",
                agency=agency,
                body="<p>正文。</p>",
                published_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            ),
        )

    assert_constant(client, notices.url, build)


def village_builder(section, agency):
    def build(n):
        place = region(f"1502991002{n:02d}", f"村{n}", "村")
        column = villages.make_column(section, place)
        villages.make_disclosure(column, agency, year=2025, quarter=1)

    return build


def test_village_affairs_index(client, home, agency):
    section = villages.make_section(home)
    assert_constant(client, section.url, village_builder(section, agency))


def test_english_village_affairs_index(client, home, agency, english):
    section = villages.make_section(home)
    translate_page(home, "Home")
    section_en = translate_page(section, "Village affairs")

    def build(n):
        place = region(f"1502991002{n:02d}", f"村{n}", "村")
        column = villages.make_column(section, place)
        column_en = translate_page(column, f"Village {n}")
        # One disclosure in English, one shown from the Chinese column.
        disclosure = villages.make_disclosure(column, agency, year=2025, quarter=1)
        translate_page(disclosure, f"Village {n}: affairs, 2025 Q1")
        villages.make_disclosure(column, agency, year=2025, quarter=2)
        column_en.refresh_from_db()
        assert column_en.live

    assert_constant(client, section_en.url, build)


def test_village_column(client, home, agency, village):
    section = villages.make_section(home)
    column = villages.make_column(section, village)

    def build(n):
        villages.make_disclosure(column, agency, year=2000 + n, quarter=1)

    assert_constant(client, column.url, build)


def test_credit_lists(client, home, agency):
    section = publish_page(
        home, credit.CreditIndexPage(title="社会组织信用", slug="credit")
    )

    def build(n):
        org = credit.organisation(agency, name=f"清源区第{n}协会")
        credit.entry(org, list_type="abnormal" if n % 2 else "serious")
        if n % 3 == 0:
            credit.entry(
                org,
                list_type="abnormal",
                **credit.removal(),
                listed_on=datetime.date(2023, 1, 1),
            )

    assert_constant(client, section.url, build)


def test_charity_list(client, home, agency):
    section = charity.section(home)

    def build(n):
        org = charity.charity(agency, name=f"清源区第{n}基金会")
        charity.filing(org, serial=n + 1)

    assert_constant(client, section.url, build)
