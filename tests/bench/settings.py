"""Settings for tests/bench/search.py: the development settings, plus the bench-only
model that Wagtail's built-in search (the database backend, SQLite FTS5 here) indexes,
in a SQLite file of its own under var/bench/."""

from portal.settings.dev import *  # noqa: F403

BENCH_DIR = ROOT_DIR / "var" / "bench"  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench.records"]  # noqa: F405
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BENCH_DIR / "search.sqlite3"),
    }
}
SEARCH_INDEX_DIR = BENCH_DIR / "search-index"
# Django keeps every query of a DEBUG process in memory: thousands here.
DEBUG = False
