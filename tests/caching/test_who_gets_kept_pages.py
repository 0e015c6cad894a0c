"""Who may be answered from the cache, and what is kept: never a signed-in reader's
page, never a form's, never a query the cache does not know; a page per language and
per 关怀版 choice; the masked page, never the raw one."""

from caching import rules
from caching.generation import current, page_cache
from themes.views import CARE_COOKIE

from .conftest import behind_publishing, text

SECRET_TITLE = "（未公布）"


def silently_retitle(page):
    behind_publishing(page, title=page.title + SECRET_TITLE)


def test_signed_in_readers_never_get_or_leave_kept_pages(client, notices, boss):
    client.get("/notices/")  # kept for anonymous readers
    silently_retitle(notices)
    client.force_login(boss)
    assert SECRET_TITLE in text(client.get("/notices/"))  # not the kept page
    behind_publishing(notices, title="只给编辑看的标题")
    client.get("/notices/")
    client.logout()
    # The editor's read was not kept for the public.
    assert "只给编辑看的标题" not in text(client.get("/notices/"))


def test_a_session_cookie_alone_bypasses_the_cache(client, notices):
    client.get("/notices/")
    silently_retitle(notices)
    client.cookies["sessionid"] = "forged-or-stale"
    assert SECRET_TITLE in text(client.get("/notices/"))


def test_each_language_is_kept_apart(client, home, english, committed):
    from portal.demo.helpers import translate_page

    with committed():
        translate_page(home, "Qingyuan Civil Affairs")
    chinese = text(client.get("/"))
    # A browser asking for English at the Chinese address still gets Chinese (the
    # language is the path's), and does not leave English there.
    asked_english = text(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert 'lang="zh-CN"' in chinese and 'lang="zh-CN"' in asked_english
    assert 'lang="en"' in text(client.get("/en/"))
    assert 'lang="zh-CN"' in text(client.get("/"))


def test_care_mode_is_kept_apart(client, home):
    assert 'class="care"' not in text(client.get("/"))
    client.cookies[CARE_COOKIE] = "1"
    assert 'class="care"' in text(client.get("/"))
    del client.cookies[CARE_COOKIE]
    assert 'class="care"' not in text(client.get("/"))


def test_unknown_query_parameters_are_not_kept(client, notices):
    client.get("/notices/?utm_source=wechat")
    client.get("/notices/?page=1")
    silently_retitle(notices)
    assert SECRET_TITLE in text(client.get("/notices/?utm_source=wechat"))
    assert SECRET_TITLE not in text(client.get("/notices/?page=1"))
    # A repeated or long value is not kept either.
    assert SECRET_TITLE in text(client.get("/notices/?page=1&page=2"))
    assert SECRET_TITLE in text(client.get("/notices/?page=" + "1" * 50))


def test_posts_are_never_answered_from_the_cache(client, notices):
    client.get("/notices/")
    silently_retitle(notices)
    response = client.post("/notices/")
    assert SECRET_TITLE in text(response) or response.status_code != 200


def test_head_is_answered_from_the_kept_page(client, notices):
    full = client.get("/notices/")
    head = client.head("/notices/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == full["ETag"]


def test_forms_with_csrf_tokens_are_never_kept(client, home):
    first = client.get("/requests/")
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in text(first)
    second = client.get("/requests/")
    assert "csrftoken" in second.cookies  # rendered again, with its own cookie
    assert "Last-Modified" not in second


def test_admin_and_search_are_never_kept(client, home, boss):
    client.force_login(boss)
    assert "Last-Modified" not in client.get("/admin/")
    client.logout()
    assert not rules.may_answer(_request("/search/?q=低保"))
    assert not rules.may_answer(_request("/en/requests/status/"))
    assert not rules.may_answer(_request("/api/v1/search?q=低保"))
    assert not rules.may_answer(_request("/opendata/"))


def test_cross_origin_requests_are_not_kept(client, notices):
    client.get("/notices/")
    silently_retitle(notices)
    fresh = text(client.get("/notices/", HTTP_ORIGIN="https://example.org"))
    assert SECRET_TITLE in fresh


def test_masked_pages_are_kept_masked(client, rf, notices, article):
    behind_publishing(article, title="联系人电话13812345678")
    first = text(client.get("/notices/dibao/"))
    second = text(client.get("/notices/dibao/"))
    assert "13812345678" not in first and "13812345678" not in second
    request = rf.get("/notices/dibao/")
    kept = page_cache().get(rules.key_for(request, current()))
    assert kept is not None
    assert all(b"13812345678" not in body for body in kept.bodies.values())
    assert "138" in kept.bodies[""].decode()  # the masked number's visible part


def _request(path):
    from django.test import RequestFactory

    return RequestFactory().get(path)


def test_a_host_not_allowed_is_refused_not_kept(client, home):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
