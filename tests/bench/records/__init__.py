"""A bench-only app: the corpus as rows that Wagtail's own search indexes, to measure
the built-in search on the same records as ours (tests/bench/search.py). Installed
only by tests/bench/settings.py; its table is made by ``migrate --run-syncdb``."""
