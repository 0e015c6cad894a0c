"""The demo: a fictional district bureau (清源区民政局) with its towns, villages and the
four content families. Every name, code and figure here is invented.

``load()`` is idempotent: it does nothing when the demo is already there.
"""

from django.db import transaction

from . import charity, core, credit, plans, villages

FAMILIES = (plans, villages, credit, charity)


def is_loaded():
    return core.demo_home() is not None


def load():
    """Load everything once; return False if it was already loaded."""
    if is_loaded():
        return False
    build()
    return True


@transaction.atomic
def build():
    """Write the whole demo into a database that has none; return its ``Demo``."""
    demo = core.load()
    for family in FAMILIES:
        family.load(demo)
    return demo
