"""Shared fixtures: a small region tree, an agency, taxonomies and a published home page.

Each test family builds on these instead of inventing its own world."""

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale

import pytest
from pytest_django.plugin import blocking_manager_key

from portal import demo
from tests.places import (
    region,
    the_agency,
    the_district,
    the_genre,
    the_home,
    the_topic,
    the_town,
    the_village,
)
from tests.shared_worlds import WORLDS, shared_world, worlds_of


@shared_world
def demo_site():
    """The whole demo bureau (``portal.demo.Demo``)."""
    return demo.build()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Each shared world's tests run together, first, on one xdist worker (one build
    per run); every other module stays whole on its worker, so module-scoped fixtures
    are built once. (xdist reads these groups with ``--dist loadgroup``: Makefile.)"""
    items.sort(key=lambda item: worlds_of(item)[:1] or ["~"])
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        worlds = worlds_of(item)
        group = worlds[0] if worlds else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """xdist groups tests through their node ids; if that silently stops working (it
    did with pytest 9.2: pytest-xdist#1386), every worker would build every world."""
    grouped = getattr(session.config.option, "loadgroup", False)
    if grouped and session.items and "@" not in session.items[0].nodeid:
        raise pytest.UsageError("xdist --dist loadgroup did not group the tests")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Roll back every shared world the coming test did not ask for."""
    blocker = item.config.stash[blocking_manager_key]
    for name, world in WORLDS.items():
        if name not in worlds_of(item):
            world.close(blocker)


@pytest.fixture(scope="session")
def _shared_worlds(django_db_setup, django_db_blocker):
    yield WORLDS
    for world in WORLDS.values():
        world.close(django_db_blocker)


@pytest.fixture(autouse=True)
def _open_shared_worlds(request):
    """Autouse, so a world's transaction opens before the test's own (``db``)."""
    names = worlds_of(request.node)
    if len(names) > 1:
        pytest.fail(f"a test can use one shared world, not {names}")
    if names:
        request.getfixturevalue("_shared_worlds")
        WORLDS[names[0]].open(request.getfixturevalue("django_db_blocker"))


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Chinese: a request to /en/ leaves English active in the
    thread, which would otherwise leak into the next test's messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# The places and taxonomies (tests/places.py): each returns the row when a shared world
# already has it, so a test may ask for ``town`` beside ``world`` and get the world's.


@pytest.fixture
def district(db):
    return the_district()


@pytest.fixture
def town(db):
    return the_town()


@pytest.fixture
def village(db):
    return the_village()


@pytest.fixture
def other_village(db):
    return region("150299100202", "前进村", "村", the_town())


@pytest.fixture
def agency(db):
    return the_agency()


@pytest.fixture
def topic(db):
    return the_topic()


@pytest.fixture
def genre(db):
    return the_genre()


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home(db):
    return the_home()
