"""The test suite: fast hashing, in-memory files, immediate tasks."""

import tempfile

from .base import *  # noqa: F403
from .env import env_str

SECRET_KEY = "test-only-key"  # noqa: S105 (tests only)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))  # noqa: F405
SEARCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix="portal-test-search-"))  # noqa: F405
# The read API's rate limit is tested with its own settings (tests/opendata).
OPENDATA_API_RATE = ""
OPENDATA_DIR = Path(tempfile.mkdtemp(prefix="portal-test-opendata-"))  # noqa: F405
STORAGES["opendata"]["OPTIONS"]["location"] = OPENDATA_DIR  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
if not env_str("DATABASE_URL"):
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    }
# Serve static files straight from the apps, no collectstatic needed on one machine.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The page cache is on only in tests/caching: elsewhere tests change rows behind
# publishing's back and read the pages again. In memory, like the rest.
PAGE_CACHE_ENABLED = False
CACHES = {  # noqa: F405
    **CACHES,  # noqa: F405
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
