"""The page cache turned on (tests/ keep it off elsewhere), emptied for each test, and
a notices column with one article published through review."""

import datetime
from contextlib import contextmanager

import pytest

from caching.generation import page_cache
from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache().clear()
    yield
    page_cache().clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): …`` runs what the block left for after its commit, as the
    end of a real transaction would (the test's own transaction never commits)."""

    @contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block


@pytest.fixture
def notices(home, committed):
    with committed():
        return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


@pytest.fixture
def article(notices, agency, committed):
    with committed():
        return publish_page(
            notices,
            ArticlePage(
                title="关于调整城乡低保标准的通知",
                slug="dibao",
                agency=agency,
                body="<p>城市低保标准提高到每人每月820元。</p>",
                published_on=datetime.date(2025, 6, 20),
            ),
        )


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser(username="boss", password="pw")


def text(response):
    """A response's HTML, whatever encoding it came in."""
    return (
        b"".join(response).decode() if response.streaming else response.content.decode()
    )


def behind_publishing(page, **fields):
    """Change a live page's row as a shell would: no announcement. A page read
    through the cache afterwards shows whether it was kept."""
    type(page).objects.filter(pk=page.pk).update(**fields)
