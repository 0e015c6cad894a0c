"""Keyboard only: from the top of the home page, Tab reaches the search box; a query
and Enter lead to the results, and Tab walks through the results' links, each with a
visible focus outline. (The editor's keyboard path is in test_admin.py.)"""

import pytest

from .checks import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    id: el.id, tag: el.tagName, href: el.getAttribute("href") || "",
    result: !!el.closest(".search-hits"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
  };
}"""


def tab_until(page, wanted, limit):
    """Press Tab until ``wanted(focused)``; the list of what was focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["id"] or focused["href"] or focused["tag"])
        if wanted(focused):
            return focused, seen
    return None, seen


@pytest.mark.parametrize("width", [WIDTHS[0], WIDTHS[-1]])
@pytest.mark.parametrize(("lang", "words"), [("zh-hans", "低保"), ("en", "village")])
def test_search_by_keyboard_from_the_top_of_the_home_page(
    public_page, portal, lang, words, width
):
    page = public_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(portal.url(portal.urls[f"disclosure.HomePage:{lang}"]))
    page.wait_for_load_state("load")
    # A fresh start: nothing focused, as after the page has loaded.
    page.evaluate("document.activeElement && document.activeElement.blur()")

    box, seen = tab_until(page, lambda f: f["id"] == "site-search-q", limit=5)
    assert box is not None, f"the search box is not among the first Tab stops: {seen}"
    assert box["outline"], "the search box shows no focus outline"

    page.keyboard.type(words)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(portal.url(portal.urls[f"search:{lang}"]))
    assert page.locator(".search-hits .search-hit").count() > 0, "no results"

    result, seen = tab_until(page, lambda f: f["result"], limit=40)
    assert result is not None, f"Tab never reaches a result: {seen}"
    assert result["outline"], f"the focused result {result['href']} shows no outline"
    if page.locator(".search-hits .search-hit").count() > 1:
        result, _ = tab_until(
            page, lambda f: f["result"] and f["href"] != result["href"], limit=5
        )
        assert result is not None, "Tab does not move on to the next result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0].endswith(result["href"].split("#")[0])
