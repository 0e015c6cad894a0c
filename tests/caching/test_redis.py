"""The page cache on Redis, as production runs it (skipped where no Redis answers at
127.0.0.1:6379): kept pages and generations survive the trip through pickling, and a
publication is seen by a reader using another connection."""

import socket

import pytest

from caching import generation
from portal.demo.helpers import publish_reviewed

from .conftest import behind_publishing, text

REDIS = "redis://127.0.0.1:6379/14"


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def on_redis(settings):
    if not redis_answers():
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": "test-pages",
        },
    }
    generation.page_cache().clear()
    yield
    generation.page_cache().clear()


def test_kept_on_redis_until_a_correction(
    on_redis, client, notices, article, committed
):
    first = client.get("/notices/dibao/")
    behind_publishing(article, title="未公布的标题")
    assert text(client.get("/notices/dibao/")) == text(first)
    article.title = "关于调整城乡低保标准的通知（更正）"
    with committed():
        publish_reviewed(article)
    assert "（更正）" in text(client.get("/notices/dibao/"))
    assert isinstance(
        generation.page_cache().get(generation.KEY), generation.Generation
    )
