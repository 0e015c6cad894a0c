"""Browser tests: the demo portal served by a subprocess, driven by Playwright in
Debian's Chromium (no browser download: ``executable_path``).

Every module here carries ``pytestmark = [pytest.mark.browser,
pytest.mark.xdist_group("browser")]``, so all of them run on one xdist worker and share
one server and one browser. They are skipped where no Chromium is installed or when
``PORTAL_BROWSER_TESTS=0``, but fail when ``CI=true``: CI must never skip them.
"""

import os
import shutil
from pathlib import Path

import pytest

from . import server
from .checks import HEIGHT, WIDTHS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = server.ROOT / "var" / "screenshots"


def chromium_or_skip():
    """Chromium's path; a skip (a failure in CI) when the tests cannot run."""
    if os.environ.get("PORTAL_BROWSER_TESTS") == "0":
        pytest.skip("browser tests turned off (PORTAL_BROWSER_TESTS=0)")
    problem = None
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path is None:
        problem = (
            f"no Chromium at {CHROMIUM} or on PATH "
            "(Debian: apt-get install chromium fonts-noto-cjk)"
        )
    else:
        try:
            import axe_playwright_python  # noqa: F401
            import playwright.sync_api  # noqa: F401
        except ImportError as error:
            problem = f"{error.name} is not installed (requirements-dev.txt)"
    if problem is None:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {problem}", pytrace=False)
    pytest.skip(problem)


@pytest.fixture(scope="session")
def chromium_path():
    return chromium_or_skip()


@pytest.fixture(autouse=True)
def _browser_available(chromium_path):
    """Every browser test asks first, so nothing is built when they are skipped."""


@pytest.fixture(scope="session")
def portal(chromium_path, tmp_path_factory):
    """The demo portal, built in a temporary folder and served for the session."""
    portal = server.build(
        tmp_path_factory.mktemp("browser-portal"),
        cache_dir=os.environ.get("PORTAL_BROWSER_CACHE") or None,
    )
    server.start(portal)
    yield portal
    server.stop(portal)


# Playwright's sync API keeps an asyncio loop running in this thread, which makes
# Django refuse database queries ("async context"). Package scope ends it as soon as
# the browser tests are done, before another module's tests run on this worker.
@pytest.fixture(scope="package")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def public_page(browser, portal):
    """One anonymous tab, reused by every public-page test (the viewport changes)."""
    context = browser.new_context(
        base_url=portal.base_url, viewport={"width": WIDTHS[-1], "height": HEIGHT}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture(scope="package")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
