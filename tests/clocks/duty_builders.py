"""Builders for the duty tests: items of every rule, dated as the test needs."""

import datetime

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page
from tests.content_models.villages_factories import (
    make_column,
    make_disclosure,
    make_section,
)

D = datetime.date


def notices_page(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def article(notices, agency, title, written_on, published_on=None, **fields):
    """Online on ``published_on``, else a draft."""
    page = ArticlePage(
        title=title,
        slug=f"p{abs(hash(title)) % 10**8}",
        agency=agency,
        body="<p>正文</p>",
        written_on=written_on,
        published_on=published_on,
        **fields,
    )
    if published_on:
        return publish_page(notices, page)
    page.live = False
    notices.add_child(instance=page)
    page.save_revision()
    return page


def village_section(home):
    return make_section(home)


def column(section, region):
    return make_column(section, region)


def disclosure(column, agency, period, published_on, **fields):
    year, part = period
    key = "month" if part > 4 or fields.get("monthly") else "quarter"
    fields.pop("monthly", None)
    return make_disclosure(
        column,
        agency,
        year=year,
        published_on=published_on,
        **{key: part},
        **fields,
    )
