"""The disclosure catalogue spans every public model, yet reading it, and downloading
it, costs the same number of queries however many items it lists (issue 16)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from opendata.datasets import DATASETS
from portal.demo.helpers import publish_page

CATALOGUE = DATASETS["disclosure-catalogue"]


def queries(read):
    return counted(read)[1:]


def counted(read):
    """(queries of a first read, its result, queries of a second read)."""
    with CaptureQueriesContext(connection) as first:
        read()  # after a change: the file is written, caches filled
    with CaptureQueriesContext(connection) as second:
        result = read()
    return len(first), result, len(second)


def rows():
    return list(CATALOGUE.rows())


def download(client):
    def read():
        response = client.get("/opendata/disclosure-catalogue.csv")
        assert response.status_code == 200
        return b"".join(
            response.streaming_content if response.streaming else [response.content]
        )

    return read


def add_notices(notices, agency, numbers):
    for n in numbers:
        publish_page(
            notices,
            ArticlePage(
                title=f"第{n}号通知", slug=f"n{n}", agency=agency, body="<p>正文</p>"
            ),
        )


def test_reading_the_catalogue_costs_the_same_at_ten_times_the_items(
    world, home, agency
):
    notices = publish_page(home, ArticleIndexPage(title="通知", slug="more-notices"))
    add_notices(notices, agency, range(2))
    few, small = queries(rows)
    add_notices(notices, agency, range(2, 20))
    many, large = queries(rows)
    assert len(many) == len(few) + 18
    assert large == small


def test_downloading_the_catalogue_costs_the_same_at_ten_times_the_items(
    world, home, agency, client
):
    download(client)()  # the day's usage row and the settings row, created once
    notices = publish_page(home, ArticleIndexPage(title="通知", slug="more-notices"))
    add_notices(notices, agency, range(2))
    writing, few, small = counted(download(client))
    add_notices(notices, agency, range(2, 20))
    rewriting, many, large = counted(download(client))
    assert many.count(b"\n") == few.count(b"\n") + 18
    assert (rewriting, large) == (writing, small)
