"""What a person would notice on a page, measured in the browser."""

import re
from functools import cache

# The narrowest phone (320), a phone, a laptop at 200 % zoom (1280 / 2 = 640 CSS px,
# WCAG 1.4.10 reflow), a tablet, a laptop.
WIDTHS = (320, 390, 640, 768, 1366)
HEIGHT = 900
HTML_LANG = {"zh-hans": "zh-CN", "en": "en"}

# Template leftovers a reader must never see: Python's None and empty containers
# printed by a template, and template syntax that was not rendered.
LEFTOVERS = re.compile(r"\bNone\b|\[\]|\{\}|\{\{|\{%")

# The elements that stick out past the right edge of the window, widest first, each
# named by a short CSS-like path: what to fix when the page scrolls sideways.
_OVERFLOW_JS = """
() => {
  const limit = document.documentElement.clientWidth;
  const name = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) part += "#" + e.id;
      else if (e.classList.length) part += "." + [...e.classList].join(".");
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  // inside a box that scrolls or clips sideways (a .table-scroll), nothing moves the page
  const clipped = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== "visible") return true;
    }
    return false;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > limit + 1 && clipped(el)) continue;
    if (box.width && box.right > limit + 1) {
      // only the outermost culprit: skip children of an element already reported
      if (found.some((f) => f.el.contains(el))) continue;
      found.push({el, right: Math.round(box.right), name: name(el)});
    }
  }
  return found.slice(0, 5).map((f) => `${f.name} (right edge ${f.right}px)`);
}
"""


def horizontal_overflow(page):
    """None when the page fits its window's width; else what sticks out."""
    scroll_width, inner_width = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width <= inner_width:
        return None
    culprits = page.evaluate(_OVERFLOW_JS)
    return f"scrollWidth {scroll_width} > innerWidth {inner_width}: " + "; ".join(
        culprits
    )


# The text a reader sees (screen-reader-only text included), without code samples:
# the ledger page shows a Python snippet, where ``[]`` is meant.
_TEXT_JS = """
() => {
  const skip = new Set(["PRE", "CODE", "SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const lines = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let hidden = false;
    for (let e = node.parentElement; e; e = e.parentElement) {
      if (skip.has(e.tagName)) { hidden = true; break; }
    }
    if (hidden || !node.parentElement.checkVisibility()) continue;
    const text = node.textContent.trim();
    if (text) lines.push(text);
  }
  return lines;
}
"""


def leftovers(page):
    """Each piece of visible text that shows a template leftover."""
    return [text for text in page.evaluate(_TEXT_JS) if LEFTOVERS.search(text)]


def images_without_alt(page):
    return page.evaluate(
        "[...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src)"
    )


def broken_images(page):
    return page.evaluate(
        "[...document.images].filter(i => i.complete && i.naturalWidth === 0)"
        ".map(i => i.src)"
    )


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page, rules=None):
    """axe-core's violations of any impact (minor included), one readable line per
    node; ``rules`` runs only those rules (e.g. the AAA contrast of 关怀版)."""
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    results = _axe().run(page, options=options)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"][:5]:
            lines.append(
                f"{violation['impact']} {violation['id']}: {violation['help']} "
                f"at {' '.join(map(str, node['target']))}: "
                f"{node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return lines


def reader_problems(page, lang, screenshot=None):
    """Everything a reader would notice on the open page, at each width; with
    ``screenshot`` (a path ending in the page's name) a full-page screenshot per width
    is saved next to it as ``<name>-<width>.png``."""
    problems = []
    html_lang = page.evaluate("document.documentElement.lang")
    if html_lang != HTML_LANG[lang]:
        problems.append(f"<html lang={html_lang!r}>, expected {HTML_LANG[lang]!r}")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        overflow = horizontal_overflow(page)
        if overflow:
            problems.append(f"{width}px scrolls sideways: {overflow}")
        if screenshot is not None:
            page.screenshot(
                path=screenshot.with_name(f"{screenshot.name}-{width}.png"),
                full_page=True,
            )
    if found := leftovers(page):
        problems.append(f"template leftovers in the text: {found[:5]}")
    if missing := images_without_alt(page):
        problems.append(f"images without alt: {missing}")
    if broken := broken_images(page):
        problems.append(f"images that do not load: {broken}")
    if not page.locator("header nav.main-nav a").count():
        problems.append("no main navigation in the header")
    return problems


def axe_problems(page):
    """axe-core's violations of any impact on a phone and on a laptop."""
    found = []
    for width in (WIDTHS[0], WIDTHS[-1]):
        page.set_viewport_size({"width": width, "height": HEIGHT})
        found += [f"{width}px: {line}" for line in axe_violations(page)]
    return found
