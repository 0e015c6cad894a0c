"""The inspection's fixtures: a moment of inspection, columns under the test home
page, and documents whose first publication is set to a chosen moment.

Pages are made live directly rather than through review: the inspection only reads
rows (live, expired, first published), and the 10x query test needs many of them."""

import datetime
import itertools

from django.utils import timezone

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage

NOW = timezone.make_aware(datetime.datetime(2026, 10, 20, 12, 0))
_slugs = itertools.count()


def page_under(parent, page, published_at=None, **state):
    """Add ``page`` under ``parent``, live unless ``state`` says otherwise, first
    published at ``published_at``."""
    page.slug = page.slug or f"p{next(_slugs)}"
    live = state.pop("live", True)
    parent.add_child(instance=page)  # a draft (publishing/drafts.py), made live here
    type(page).objects.filter(pk=page.pk).update(
        live=live,
        first_published_at=published_at,
        last_published_at=published_at,
        **state,
    )
    page.refresh_from_db()
    return page


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def column(home):
    """Make a 文件栏目 under the home page."""

    def make(title="通知公告", **state):
        return page_under(home, ArticleIndexPage(title=title), NOW, **state)

    return make


@pytest.fixture
def document(agency):
    """Add a public notice to a column, first published ``age`` before NOW."""

    def make(parent, age, **state):
        article = ArticlePage(
            title="关于做好低保工作的通知",
            agency=agency,
            summary="通知",
            body="<p>正文</p>",
            published_on=datetime.date(2026, 1, 1),
        )
        return page_under(parent, article, NOW - age, **state)

    return make
