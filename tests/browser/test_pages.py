"""Every page type of the demo, as a person sees it, in Chinese (/) and English (/en/):
at 320, 390, 640 (a 1280 px laptop at 200 % zoom), 768 and 1366 px wide the page does
not scroll sideways, its visible text shows no template leftovers (None, [], {}, {{,
{%), every image has an alt attribute and loads, the main navigation is there, no
script fails, and axe-core finds no violation of any impact.

Addresses come from the demo's database (the first public item of each model) or from
links on the pages, never typed in. A screenshot of each page at each width is saved
in var/screenshots/ (``<page>-<width>.png``, English ones ``<page>-en-<width>.png``).
"""

from urllib.parse import quote

import pytest

from . import checks

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LANGUAGES = ("zh-hans", "en")
SEARCH_WORDS = {"zh-hans": "低保", "en": "village"}

# page name -> where its address comes from: "model:<label>" (the database: a model's
# first public item, or one of our own routes), "links" (found on a page) or "fixed"
# (an address that must not exist).
PAGE_TYPES = {
    "home": "model:disclosure.HomePage",
    "notices": "model:disclosure.ArticleIndexPage",
    "notice": "model:disclosure.ArticlePage",
    "plans": "model:plans.PlanIndexPage",
    "plan": "model:plans.PlanPage",
    "villages": "model:villages.VillageAffairsIndexPage",
    "village": "model:villages.VillageIndexPage",
    "village-disclosure": "model:villages.VillageDisclosurePage",
    "village-finance": "model:villages.finance",
    "credit": "model:credit.CreditIndexPage",
    "credit-entry": "model:credit.CreditListEntry",
    "credit-organisation": "model:credit.SocialOrganisation",
    "charity": "model:charity.CharityIndexPage",
    "charity-organisation": "model:charity.CharityOrganisation",
    "charity-annual-report": "model:charity.AnnualReport",
    "charity-filing": "model:charity.FundraisingFiling",
    "charity-project": "model:charity.CharityProject",
    "search": "model:search",
    "ledger": "model:ledger",
    "ledger-version": "links",
    "opendata": "model:opendata",
    "opendata-dataset": "links",
    "opendata-licence": "model:opendata-licence",
    "opendata-table": "model:opendata-table",
    "requests": "model:requests",
    "reports": "model:reports.ReportIndexPage",
    "report": "model:reports.DisclosureReportPage",
    "website-report": "model:reports.WebsiteReportPage",
    "report-figures": "links",
    "not-found": "fixed",
}
# Shown inside another page type: a progress figure is a row of its plan page.
SHOWN_INSIDE = {"plans.IndicatorProgress"}


def _address(portal, page, name, lang):
    source = PAGE_TYPES[name]
    prefix = "" if lang == "zh-hans" else "/en"
    if name == "search":
        return f"{portal.urls[f'search:{lang}']}?q={quote(SEARCH_WORDS[lang])}"
    if source.startswith("model:"):
        return portal.urls.get(f"{source[6:]}:{lang}")
    if name == "not-found":
        return f"{prefix}/no-such-page-here/"
    # Found the way a reader finds them: the first link of its kind on the index.
    index, selector = {
        "ledger-version": ("ledger", "main a[href*='/ledger/versions/']"),
        "opendata-dataset": ("opendata", "main .opendata-dataset h3 a"),
        "report-figures": ("reports.DisclosureReportPage", "main a[href*='/figures/']"),
    }[name]
    if not portal.urls.get(f"{index}:{lang}"):
        return None
    page.goto(portal.urls[f"{index}:{lang}"])
    href = page.locator(selector).first.get_attribute("href")
    return href.replace(portal.base_url, "") if href else None


@pytest.fixture(scope="package")
def addresses(portal, public_page):
    """page name and language -> path, looked up once."""
    return {
        (name, lang): _address(portal, public_page, name, lang)
        for name in PAGE_TYPES
        for lang in LANGUAGES
    }


def _open(page, portal, addresses, name, lang):
    """Go to the page (unless the tab is there already); its HTTP status."""
    path = addresses[(name, lang)]
    if path is None:
        pytest.skip(f"the demo has no {lang} {name} page")
    url = portal.url(path)
    if page.url == url and getattr(page, "status", None):
        return page.status
    page.errors.clear()
    response = page.goto(url)
    page.status = response.status if response else None
    page.wait_for_load_state("load")
    return page.status


def test_every_public_model_has_a_page_type(portal):
    covered = {source[6:] for source in PAGE_TYPES.values() if source[:6] == "model:"}
    labels = {key.split(":")[0] for key in portal.urls}
    models = {label for label in labels if "." in label} - SHOWN_INSIDE
    assert models <= covered, "page types without a browser test"


CASES = [
    pytest.param(name, lang, check, id=f"{name}-{lang}-{check}")
    for name in PAGE_TYPES
    for lang in LANGUAGES
    for check in ("layout", "axe")
]


@pytest.mark.parametrize(("name", "lang", "check"), CASES)
def test_page(public_page, portal, addresses, screenshots, name, lang, check):
    page = public_page
    status = _open(page, portal, addresses, name, lang)
    assert status == (404 if name == "not-found" else 200), page.url
    if check == "axe":
        problems = checks.axe_problems(page)
    else:
        stem = name if lang == "zh-hans" else f"{name}-en"
        problems = checks.reader_problems(page, lang, screenshots / stem)
        if page.errors:
            problems.append(f"script errors: {page.errors}")
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
