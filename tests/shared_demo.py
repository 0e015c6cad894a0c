"""The demo bureau, loaded once per test process for every test that asks for it.

Loading the demo is the most expensive thing the suite does. The tests that read it
(the ``demo_site`` fixture) run one after another (tests/conftest.py orders them and
keeps them on one xdist worker), inside one transaction that stays open while they run:
each test's own changes roll back to a savepoint as usual, and the whole demo rolls back
before the first test that did not ask for it, which therefore starts from an empty
database as always.
"""

from django.core.cache import caches
from django.db import connection, transaction

from portal import demo


class SharedDemo:
    def __init__(self):
        self._atomic = None
        self.demo = None
        self.loads = 0  # how often the demo was built in this process (see conftest)

    def open(self, blocker):
        if self._atomic is not None:
            return self.demo
        with blocker.unblock():
            if connection.in_atomic_block:  # it must hold the test's own transaction
                raise RuntimeError("the shared demo opened inside a transaction")
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            try:
                self.demo = demo.build()
            except BaseException:
                self.close(blocker)
                raise
        self.loads += 1
        return self.demo

    def close(self, blocker):
        if self._atomic is None:
            return
        with blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic, self.demo = None, None
        for cache in caches.all():  # nothing read from the demo outlives it
            cache.clear()
