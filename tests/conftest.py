"""Shared fixtures: a small region tree, an agency, taxonomies and a published home page.

Each test family builds on these instead of inventing its own world."""

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest
from pytest_django.plugin import blocking_manager_key

from content_models.disclosure.models import Agency, Genre, HomePage, Topic
from content_models.regions.models import Region
from portal.demo.helpers import publish_reviewed
from tests.shared_demo import SharedDemo

# Valid 统一社会信用代码 (check characters verified by python-stdnum).
AGENCY_CODE = "11150299MJ0000001M"


SHARED_DEMO = SharedDemo()


def uses_demo(item):
    return "demo_site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The demo's tests run together, first, on one xdist worker (one load per run);
    every other module stays whole on its worker, so module-scoped worlds are built
    once. (xdist reads these groups with ``--dist loadgroup``: see the Makefile.)"""
    items.sort(key=lambda item: not uses_demo(item))
    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        group = "demo" if uses_demo(item) else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Roll the shared demo back before any test that did not ask for it."""
    if not uses_demo(item):
        SHARED_DEMO.close(item.config.stash[blocking_manager_key])


@pytest.fixture(scope="session")
def _shared_demo(django_db_setup, django_db_blocker):
    yield SHARED_DEMO
    SHARED_DEMO.close(django_db_blocker)


@pytest.fixture(autouse=True)
def _open_shared_demo(request):
    """Autouse, so the demo's transaction opens before the test's own (``db``)."""
    if uses_demo(request.node):
        shared = request.getfixturevalue("_shared_demo")
        shared.open(request.getfixturevalue("django_db_blocker"))


@pytest.fixture
def demo_site(_shared_demo, db):
    """The whole demo bureau (``portal.demo.Demo``), loaded once per test process."""
    return _shared_demo.demo


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Chinese: a request to /en/ leaves English active in the
    thread, which would otherwise leak into the next test's messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def district(db):
    return Region.objects.create(code="150299000000", name="清源区", kind="区")


@pytest.fixture
def town(district):
    return Region.objects.create(
        code="150299100000", name="青山镇", kind="镇", parent=district
    )


@pytest.fixture
def village(town):
    return Region.objects.create(
        code="150299100201", name="红旗村", kind="村", parent=town
    )


@pytest.fixture
def other_village(town):
    return Region.objects.create(
        code="150299100202", name="前进村", kind="村", parent=town
    )


@pytest.fixture
def agency(district):
    return Agency.objects.create(
        name="清源区民政局", credit_code=AGENCY_CODE, region=district
    )


@pytest.fixture
def topic(db):
    return Topic.objects.create(code="mz", name="民政、乡村振兴、救灾")


@pytest.fixture
def genre(db):
    return Genre.objects.create(code="gh", name="规划")


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home(db):
    """A published HomePage as the default site's root (Wagtail's placeholder removed)."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="清源区民政局", slug="test-home"))
    publish_reviewed(home)
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.save()
    placeholder.delete()
    return home
