"""The demo: a fictional district bureau (清源区民政局) with its towns, villages and the
four content families. Every name, code and figure here is invented.

``load()`` is idempotent: it does nothing when the demo is already there.
"""

import time

from django.db import transaction

from clocks import demo as clocks_demo
from content_models.disclosure import announcements
from portal import tasks
from reports import demo as reports_demo

from . import charity, core, credit, plans, villages

FAMILIES = (plans, villages, credit, charity)


def is_loaded():
    return core.demo_home() is not None


def load(progress=None):
    """Load everything once; return False if it was already loaded."""
    if is_loaded():
        return False
    build(progress)
    return True


@transaction.atomic
def build(progress=None):
    """Write the whole demo into a database that has none; return its ``Demo``.

    Every publication goes through review as in the admin; what follows a publication
    is done once for the whole demo: one announcement (ledger, search queue, open-data
    marks) and each index update once, on the final state. ``progress(step, seconds)``
    hears of each step as it ends."""
    progress = progress or (lambda step, seconds: None)
    with announcements.batch(), tasks.once_each():
        started = time.monotonic()
        demo = core.load()
        progress("core", time.monotonic() - started)
        for family in FAMILIES:
            started = time.monotonic()
            family.load(demo)
            progress(family.__name__.rpartition(".")[2], time.monotonic() - started)
        started = time.monotonic()
        clocks_demo.build()  # 依申请公开 applications in every state
        progress("applications", time.monotonic() - started)
        reports_demo.build(demo)  # last year's 年报, counted from the demo's data
        started = time.monotonic()
    progress("indexes", time.monotonic() - started)
    return demo
