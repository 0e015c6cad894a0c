"""The admin speaks Chinese to a Chinese user: an administrator, an editor and a
reviewer walk the screens they use over the demo bureau, and no English word of the
interface is left in what they see or hear (text, titles, labels for screen readers).

English that is *content* stays: the English pages' titles and text, usernames,
codes, file names (the data's own words are collected from the database). What is
left is the interface: Wagtail's and wagtail-localize's strings (site/locale/zh_Hans
completes their catalogues), the rows Django and Wagtail seed in English
(portal/admin_chinese.py) and our own listings (是/否 rather than True/False)."""

import re
from pprint import pformat

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation
from django.utils.translation import trans_real

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site, Task, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile
from wagtail_localize.models import LocaleSynchronization

import polib
import pytest
from bs4 import BeautifulSoup

from content_models.disclosure.models import ArticleIndexPage
from tests.publishing import reviewing
from themes.models import PortalSettings

# Names, formats and standards that are the same in a Chinese interface.
ALLOWED = {
    "Wagtail", "Localize", "JavaScript", "API", "CSV", "XLSX", "XLS", "JSON", "PDF",
    "URL", "ICP", "SHA", "UTF", "GB", "ID", "http", "https", "localhost", "Q",
    "JPG", "JPEG", "PNG", "GIF", "WEBP", "AVIF", "SVG", "MB", "KB",
}  # fmt: skip
# A token with a digit or one of these joins is an identifier, a code, an address or
# a file name (XM1502992026007, manage.py, demo-editor, gov.cn), never a word.
IDENTIFIER = re.compile(r"\d|[-_./@:\\=]\w")
WORD = re.compile(r"[A-Za-z]{2,}")
SPLIT = re.compile(
    r"[\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff“”‘’…—·|()\[\]{}<>,;!?\"']+"
)


def visible_text(html):
    """What a sighted or screen-reader user meets: text, titles, placeholders,
    alt and aria labels; not scripts, templates or hidden elements."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    for tag in soup.select("[hidden]"):
        tag.decompose()
    # A language and a time-zone picker name each choice in its own terms.
    for tag in soup.select(
        'select[name="current_time_zone"], select[name="preferred_language"]'
    ):
        tag.decompose()
    parts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        for attribute in ("title", "placeholder", "aria-label", "alt"):
            if element.get(attribute):
                parts.append(element[attribute])
    return " ".join(parts)


def english_words(text, data_words):
    found = set()
    for token in SPLIT.split(text):
        if not token or IDENTIFIER.search(token):
            continue
        for word in WORD.findall(token):
            if word not in ALLOWED and word not in data_words:
                found.add(word)
    return found


def content_models():
    """The models whose rows are content a page may show as it is."""
    page_models = [m for m in apps.get_models() if issubclass(m, Page)]
    # Site settings hold content too (the footer's English counterparts).
    others = [get_user_model(), get_document_model(), get_image_model(), Site]
    others.append(PortalSettings)
    return page_models + list(get_snippet_models()) + others


def data_words():
    """Every word of the content: English pages, usernames, file names, codes. Not
    Wagtail's seeded groups, workflows, tasks or root page: those must be Chinese."""
    words = set()
    for model in content_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.FileField)
        ]
        rows = model.objects.all()
        if issubclass(model, Page):
            rows = rows.filter(depth__gt=1)
        for values in rows.values_list(*fields):
            for value in values:
                if value:
                    words.update(WORD.findall(str(value)))
    return words


def speaks_chinese(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    return user


def edit_urls_of_each_page_type():
    """One page of each type in each language, and the explorer of each section."""
    urls, seen = [], set()
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        kind = (type(page), page.locale.language_code)
        if kind not in seen:
            seen.add(kind)
            urls.append(f"/admin/pages/{page.pk}/edit/")
        if page.depth <= 3:
            urls.append(f"/admin/pages/{page.pk}/")
    return urls


def snippet_urls():
    urls = ["/admin/snippets/"]
    for model in get_snippet_models():
        base = f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}/"
        urls += [base, f"{base}add/"]
        row = model.objects.order_by("pk").first()
        if row is not None:
            urls.append(f"{base}edit/{row.pk}/")
    return urls


ADMINISTRATOR_SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/search/?q=%E6%9D%91",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/localize/reports/translations/",
    "/admin/settings/themes/portalsettings/",
    "/admin/locales/",
    "/admin/locales/new/",
    "/admin/sites/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/redirects/",
    "/admin/collections/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/account/",
    "/admin/publishing/audit/",
    "/admin/publishing/emergency/",
    "/admin/opendata/releases/",
    "/admin/import-records/",
    "/admin/images/add/",
    "/admin/documents/add/",
    "/admin/workflows/add/",
    "/admin/users/new/",
    "/admin/groups/new/",
]


def walk(client, urls, words):
    """{url: English words} over the pages that answered; a page that fails to
    answer fails the walk."""
    english = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        if "html" not in response.headers.get("Content-Type", ""):
            continue
        found = english_words(visible_text(response.content.decode()), words)
        if found:
            english[url] = sorted(found)
    return english


@pytest.fixture
def words(demo_site, db):
    return data_words()


def test_administrator_meets_no_english(demo_site, db, client, words):
    admin = get_user_model().objects.create_superuser("chinese-admin", "", "pw")
    client.force_login(speaks_chinese(admin))
    urls = ADMINISTRATOR_SCREENS + edit_urls_of_each_page_type() + snippet_urls()
    urls += [f"/admin/workflows/edit/{w.pk}/" for w in Workflow.objects.all()]
    urls += [f"/admin/workflows/tasks/edit/{t.pk}/" for t in Task.objects.all()[:2]]
    urls += [f"/admin/groups/edit/{g.pk}/" for g in admin.groups.model.objects.all()]
    urls.append(f"/admin/users/edit/{admin.pk}/")
    urls += [
        f"/admin/locales/edit/{pk}/"
        for pk in Locale.objects.values_list("pk", flat=True)
    ]
    page = Page.objects.filter(depth=3).first()
    urls += [f"/admin/pages/{page.pk}/history/", f"/admin/pages/{page.pk}/revisions/"]
    english = walk(client, urls, words)
    assert not english, pformat(english)


@pytest.mark.parametrize("username", ["demo-editor", "demo-section-reviewer"])
def test_editor_and_reviewer_meet_no_english(demo_site, db, client, words, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(speaks_chinese(user))
    urls = ["/admin/", "/admin/pages/", "/admin/reports/workflow/", "/admin/account/"]
    urls += [
        f"/admin/pages/{page.pk}/edit/"
        for page in Page.objects.filter(locale__language_code="zh-hans", depth__gt=2)
        .order_by("-depth", "path")
        .specific()[:40]
        if page.permissions_for_user(user).can_edit()
    ][:3]
    english = walk(client, urls, words)
    assert not english, pformat(english)


def test_a_notice_in_review_meets_no_english(demo_site, db, client, words):
    """The review screens: an editor's draft notice submitted, the section reviewer's
    dashboard, the page and its workflow history, and the editor's view of it."""
    editor = speaks_chinese(get_user_model().objects.get(username="demo-editor"))
    reviewer = get_user_model().objects.get(username="demo-section-reviewer")
    notices = ArticleIndexPage.objects.get(
        locale__language_code="zh-hans", slug="notices"
    )
    page = reviewing.draft_article(notices, demo_site.agency, editor)
    reviewing.submit(page, editor)
    task_state = reviewing.current_task_state(page)
    assert task_state.task.specific.user_can_access_editor(page, reviewer)

    client.force_login(speaks_chinese(reviewer))
    urls = [
        "/admin/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/pages/{page.pk}/workflow_history/detail/"
        f"{page.current_workflow_state.pk}/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ]
    english = walk(client, urls, words)
    client.force_login(editor)
    english.update(walk(client, ["/admin/", f"/admin/pages/{page.pk}/edit/"], words))
    assert not english, pformat(english)


def test_signing_in_meets_no_english(demo_site, db, client, words):
    english = walk(client, ["/admin/login/", "/admin/password_reset/"], words)
    assert not english, pformat(english)


def test_the_walk_would_see_english(demo_site, db, client, words):
    """The check itself: English interface text is found, content is not."""
    html = (
        '<p title="Sort by title">标题 Qingyuan</p><span hidden>None</span>'
        "<script>var x = 'Autosave';</script><td>XM1502992026007 manage.py</td>"
    )
    assert english_words(visible_text(html), words) == {"Sort", "by", "title"}


def test_booleans_in_listings_read_yes_or_no(demo_site, db, client):
    admin = get_user_model().objects.create_superuser("chinese-admin", "", "pw")
    client.force_login(speaks_chinese(admin))
    for url in (
        "/admin/snippets/charity/annualreport/",
        "/admin/snippets/credit/socialorganisation/",
        "/admin/users/",
    ):
        text = visible_text(client.get(url).content.decode())
        assert "True" not in text and "False" not in text, url
        assert re.search(r"(^|\s)(是|否)(\s|$)", text), url


def installed_catalogues():
    """Wagtail's and wagtail-localize's English catalogues of the installed apps."""
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        for domain in ("django", "djangojs"):
            path = f"{config.path}/locale/en/LC_MESSAGES/{domain}.po"
            try:
                yield domain, polib.pofile(path)
            except OSError:
                continue


def test_every_wagtail_string_has_a_chinese_translation():
    """Wagtail's catalogues and ours together leave no admin string in English."""
    catalogues = {
        "django": trans_real.translation("zh-hans")._catalog,
        "djangojs": trans_real.DjangoTranslation("zh-hans", domain="djangojs")._catalog,
    }
    missing = []
    for domain, po in installed_catalogues():
        catalogue = catalogues[domain]
        for entry in po:
            if entry.obsolete:
                continue
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            key = (key, 0) if entry.msgid_plural else key
            if key not in catalogue:
                missing.append(entry.msgid)
    assert missing == []


def test_seeded_rows_and_permissions_have_chinese_names(db):
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import Collection

    assert Page.objects.get(depth=1).title == "根目录"
    assert Collection.objects.get(depth=1).name == "根集合"
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    english = [p.name for p in Permission.objects.all() if p.name.startswith("Can ")]
    assert english == []
    with translation.override("zh-hans"):
        assert Permission.objects.get(codename="add_group").name == "可添加组"


def test_relabelled_locale_form_still_saves_its_synchronisation(db, client):
    zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    admin = get_user_model().objects.create_superuser("locale-admin", "", "pw")
    client.force_login(speaks_chinese(admin))
    prefix = "component-wagtail_localize_localesynchronization"
    page = client.get(f"/admin/locales/edit/{en.pk}/").content.decode()
    assert "同步自" in page and "启用" in page
    response = client.post(
        f"/admin/locales/edit/{en.pk}/",
        {
            "language_code": "en",
            f"{prefix}-enabled": "on",
            f"{prefix}-sync_from": zh.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert LocaleSynchronization.objects.get(locale=en).sync_from == zh
