"""The main navigation (政府网站发展指引): 政府信息公开 and its columns, then the
sections.

Sections are found in the page tree by type, in the reader's language (a section not
translated yet falls back to the default language's page). Columns of 政府信息公开
that are not sections of this portal come from ``PortalSettings`` and are left out when
unset, so no link leads nowhere. A handful of queries per request, whatever the number
of sections; the result is kept on the request.
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site

from content_models.disclosure.public import public_items
from themes.models import LINKED_COLUMNS, PortalSettings

register = template.Library()

# (key, app label, model name) of the sections the navigation links to.
SECTION_TYPES = (
    ("home", "disclosure", "homepage"),
    ("articles", "disclosure", "articleindexpage"),
    ("plans", "plans", "planindexpage"),
    ("villages", "villages", "villageaffairsindexpage"),
    ("credit", "credit", "creditindexpage"),
    ("charity", "charity", "charityindexpage"),
)
# The columns of 政府信息公开, in order: a PortalSettings column or a section.
DISCLOSURE_COLUMNS = (
    ("guide", _("信息公开指南")),
    ("rules", _("信息公开制度")),
    ("articles", _("法定主动公开内容")),
    ("annual_reports", _("信息公开年报")),
    ("on_request", _("依申请公开")),
)
SECTIONS = ("plans", "villages", "credit", "charity")


@dataclass
class NavLink:
    label: str
    url: str
    current: str = ""  # the value of aria-current: "page", "true" or ""
    children: list = field(default_factory=list)


@register.inclusion_tag("themes/includes/navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    cache_key = f"_site_navigation_{translation.get_language()}"
    if not hasattr(request, cache_key):
        setattr(request, cache_key, navigation(request))
    return {"links": getattr(request, cache_key)}


@register.simple_tag(takes_context=True)
def column_url(context, key):
    """The address an administrator set for a 政府信息公开 column (``guide``,
    ``rules``, ``annual_reports``, ``on_request``), or ""."""
    request = context.get("request")
    if request is None:
        return ""
    link = _pages_and_columns(request)[1].get(key)
    return link.url if link else ""


def navigation(request):
    """The navigation's links for this request, current section marked."""
    pages, columns = _pages_and_columns(request)
    home = pages.get("home")

    def section(key, label=None):
        page = pages.get(key)
        if page is None:
            return None
        return NavLink(label or page.title, page.get_url(request) or "")

    children = []
    for key, label in DISCLOSURE_COLUMNS:
        link = section(key, label) if key == "articles" else columns.get(key)
        if link is not None:
            link.label = label
            children.append(link)
    home_url = (home.get_url(request) or "") if home else ""
    links = []
    if home_url or children:
        links.append(NavLink(_("政府信息公开"), home_url, children=children))
    links += [link for key in SECTIONS if (link := section(key))]
    links.append(NavLink(_("开放数据"), reverse("opendata-index")))
    links.append(NavLink(_("站内搜索"), reverse("search:page")))
    _mark_current(links, request.path, home_url)
    return [link for link in links if link.url or link.children]


def _pages_and_columns(request):
    """Section key -> page in the reader's language, column key -> NavLink."""
    site = Site.find_for_request(request)
    if site is None:
        return {}, {}
    portal = PortalSettings.for_request(request)
    # ContentType's manager caches these lookups for the process.
    key_of_type = {
        ContentType.objects.get_by_natural_key(app, model).pk: key
        for key, app, model in SECTION_TYPES
    }
    # The shallowest page of each section type in the site's (default-language) tree.
    roles = {}  # translation_key -> role
    for translation_key, content_type_id in (
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .filter(content_type_id__in=key_of_type)
        .order_by("path")
        .values_list("translation_key", "content_type_id")
    ):
        roles.setdefault(key_of_type[content_type_id], translation_key)
    configured = {}
    for column in LINKED_COLUMNS:
        page = getattr(portal, f"{column}_page")
        if page is not None:
            configured[column] = page.translation_key
    wanted = {*roles.values(), *configured.values()}
    language = translation.get_language()
    found = {}  # translation_key -> page in the reader's language, else the default
    for page in (
        public_items(Page)
        .filter(
            translation_key__in=wanted,
            locale__language_code__in={language, settings.LANGUAGE_CODE},
        )
        .select_related("locale")
    ):
        if page.translation_key not in found or page.locale.language_code == language:
            found[page.translation_key] = page
    pages = {key: found[tk] for key, tk in roles.items() if tk in found}
    columns = {}
    for column in LINKED_COLUMNS:
        page = found.get(configured.get(column))
        url = (page.get_url(request) if page else "") or getattr(
            portal, f"{column}_url"
        )
        if url:
            columns[column] = NavLink("", url)
    if "on_request" not in columns:  # the portal's own 依申请公开 form
        columns["on_request"] = NavLink("", reverse("clocks:apply"))
    return pages, columns


def _mark_current(links, path, home_url):
    """aria-current: "page" on the link to this very address, "true" on the section
    (and its group) the address lies in. The home page is only current on itself."""
    for link in links:
        for child in link.children:
            child.current = _current(child.url, path, home_url)
        link.current = _current(link.url, path, home_url)
        if not link.current and any(child.current for child in link.children):
            link.current = "true"


def _current(url, path, home_url):
    if not url or url.startswith(("http://", "https://")):
        return ""
    if url == path:
        return "page"
    if url != home_url and path.startswith(url.rstrip("/") + "/"):
        return "true"
    return ""
