"""Expensive worlds (the demo bureau, open data's published world), built once per test
process and shared by every test that asks for them.

A world is built inside a transaction that stays open while the tests that use it run:
each test's own changes roll back to a savepoint as usual (pytest-django's ``db``), and
the world itself rolls back before the first test that did not ask for it, which
therefore starts from an empty database as always. tests/conftest.py orders each
world's tests together and keeps them on one xdist worker, so a world is built once
per run; a test that asks for two worlds is refused.

    @shared_world
    def demo_site():
        return demo.build()
"""

from django.core.cache import caches
from django.db import connection, transaction

import pytest

WORLDS = {}  # fixture name → SharedWorld


class SharedWorld:
    def __init__(self, build):
        self.build = build
        self.value = None
        self._atomic = None
        self.builds = 0  # how often it was built in this process

    @property
    def is_open(self):
        return self._atomic is not None

    def open(self, blocker):
        if self.is_open:
            return
        with blocker.unblock():
            if connection.in_atomic_block:  # it must hold the test's own transaction
                raise RuntimeError(
                    "a shared world must open before the test's transaction: ask for"
                    " the db fixture, not @pytest.mark.django_db"
                )
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            try:
                self.value = self.build()
            except BaseException:
                self.close(blocker)
                raise
        self.builds += 1

    def close(self, blocker):
        if not self.is_open:
            return
        with blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic, self.value = None, None
        for cache in caches.all():  # nothing read from the world outlives it
            cache.clear()


def shared_world(build):
    """Make ``build`` (no arguments, returns the world) a fixture of the same name."""
    world = WORLDS[build.__name__] = SharedWorld(build)

    @pytest.fixture(name=build.__name__)
    def fixture(_shared_worlds, db):
        assert world.is_open, "opened by tests/conftest.py before the test's db"
        return world.value

    fixture.__doc__ = build.__doc__
    return fixture


def worlds_of(item):
    names = getattr(item, "fixturenames", ())
    return [name for name in WORLDS if name in names]
