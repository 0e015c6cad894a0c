"""The site shell as a reader uses it: 关怀版 (适老化) switched on by a plain link with
JavaScript off, then large text, 7:1 contrast, 60 px targets and no sideways scroll on
several page types; 朗读 only where the browser can speak; print without navigation,
search or footer but with the metadata and the page's address."""

import pytest

from . import checks
from .checks import HEIGHT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CARE_COOKIE = "portal_care"
# Page types read in 关怀版 (address keys of ``portal.urls``).
CARE_PAGES = [
    "disclosure.HomePage",
    "disclosure.ArticlePage",
    "plans.PlanPage",
    "villages.finance",
    "credit.CreditIndexPage",
    "charity.CharityOrganisation",
    "search",
]

# Every visible piece of text: its element's font size and line height (SVG charts,
# which scale as pictures, aside).
TEXT_SIZES_JS = """
() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest("svg") || !el.checkVisibility()) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.right < 0) continue;  // visually hidden, skip link
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const line = style.lineHeight === "normal" ? size * 1.2 : parseFloat(style.lineHeight);
    found.push({text: node.textContent.trim().slice(0, 30), size, line});
  }
  return found;
}
"""
# Every visible control and link: its size on the screen.
TARGETS_JS = """
() => [...document.querySelectorAll("a[href], button, input, select, summary")]
  .filter((el) => el.checkVisibility() && el.type !== "hidden")
  .map((el) => ({el, box: el.getBoundingClientRect()}))
  .filter(({box}) => box.width > 1 && box.right > 0)
  .map(({el, box}) => ({
    name: (el.textContent || el.getAttribute("aria-label") || el.name || el.tagName)
      .trim().slice(0, 30),
    width: Math.round(box.width), height: Math.round(box.height),
  }))
"""


def care_url(portal, key, lang="zh-hans"):
    path = portal.urls.get(f"{key}:{lang}")
    if path is None:
        pytest.skip(f"the demo has no {key} page")
    if key == "search":
        path += "?q=%E4%BD%8E%E4%BF%9D"
    return portal.url(path)


@pytest.fixture
def tab(browser, portal):
    """A fresh tab of its own (its own cookies), JavaScript on."""
    context = browser.new_context(
        base_url=portal.base_url, viewport={"width": 390, "height": HEIGHT}
    )
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def tab_without_js(browser, portal):
    context = browser.new_context(
        base_url=portal.base_url,
        viewport={"width": 390, "height": HEIGHT},
        java_script_enabled=False,
    )
    yield context.new_page()
    context.close()


def html_class(page):
    return page.evaluate("document.documentElement.className")


def body_font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_care_switch_works_without_javascript(tab_without_js, portal, lang):
    page = tab_without_js
    home = care_url(portal, "disclosure.HomePage", lang)
    page.goto(home)
    assert html_class(page) == "" and body_font_size(page) < 24
    assert not page.locator("button.read-aloud").is_visible()

    with page.expect_navigation():
        page.locator("a.care-switch").click()
    assert page.url == home, "the switch does not lead back to the page"
    assert html_class(page) == "care"
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies[CARE_COOKIE]["value"] == "1"
    assert cookies[CARE_COOKIE]["expires"] > 0, "a session cookie is not remembered"
    assert body_font_size(page) >= 24

    page.goto(care_url(portal, "plans.PlanPage", lang))
    assert html_class(page) == "care", "the choice is not remembered"
    with page.expect_navigation():
        page.locator("a.care-switch").click()
    assert html_class(page) == "" and body_font_size(page) < 24
    assert CARE_COOKIE not in {c["name"] for c in page.context.cookies()}


@pytest.mark.parametrize("key", CARE_PAGES)
def test_care_mode_reads_easily(tab, portal, key):
    page = tab
    page.context.add_cookies(
        [{"name": CARE_COOKIE, "value": "1", "url": portal.base_url}]
    )
    page.goto(care_url(portal, key))
    assert html_class(page) == "care"
    problems = []
    small = [t for t in page.evaluate(TEXT_SIZES_JS) if t["size"] < 24]
    if small:
        problems.append(f"text under 24 px: {small[:5]}")
    tight = [t for t in page.evaluate(TEXT_SIZES_JS) if t["line"] < 1.3 * t["size"]]
    if tight:
        problems.append(f"line height under 1.3: {tight[:5]}")
    for width in (320, 640):
        page.set_viewport_size({"width": width, "height": HEIGHT})
        if overflow := checks.horizontal_overflow(page):
            problems.append(f"{width}px scrolls sideways: {overflow}")
        tiny = [
            t for t in page.evaluate(TARGETS_JS) if t["width"] < 60 or t["height"] < 60
        ]
        if tiny:
            problems.append(f"{width}px: targets under 60 × 60 px: {tiny[:6]}")
    page.set_viewport_size({"width": 390, "height": HEIGHT})
    problems += checks.axe_violations(page)
    problems += checks.axe_violations(page, rules=["color-contrast-enhanced"])
    if page.errors:
        problems.append(f"script errors: {page.errors}")
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def test_read_aloud_is_offered_only_where_the_browser_can_speak(tab, portal):
    page = tab
    page.goto(care_url(portal, "disclosure.ArticlePage"))
    button = page.locator("button.read-aloud")
    can_speak = page.evaluate("'speechSynthesis' in window")
    assert button.is_visible() == can_speak
    if can_speak:
        button.click()
        page.wait_for_timeout(300)
        page.evaluate("window.speechSynthesis.cancel()")
    assert not page.errors


@pytest.mark.parametrize(
    "key", ["plans.PlanPage", "disclosure.ArticlePage", "villages.finance"]
)
def test_documents_print_with_metadata_and_address(tab, portal, key):
    page = tab
    page.set_viewport_size({"width": 1366, "height": HEIGHT})
    url = care_url(portal, key)
    page.goto(url)
    page.emulate_media(media="print")
    try:
        for clutter in (
            ".main-nav",
            ".site-search",
            ".site-footer",
            ".breadcrumbs",
            ".care-switch",
        ):
            assert not page.locator(clutter).first.is_visible(), f"{clutter} prints"
        assert page.locator("main h1").first.is_visible()
        if key != "villages.finance":
            assert page.locator("table.metadata").first.is_visible()
        address = page.locator(".print-address")
        assert address.is_visible() and url in address.inner_text()
        assert checks.horizontal_overflow(page) is None
    finally:
        page.emulate_media(media="screen")
    assert not page.locator(".print-address").is_visible()
