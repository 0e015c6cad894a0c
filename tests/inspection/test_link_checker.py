"""The link checker against a real local HTTP server, within its bounds, and the
links inside the site checked without the network."""

import datetime
import threading

from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.documents import get_document_model

import pytest

from content_models.charity.organisations import CharityOrganisation, OrgType
from content_models.disclosure.models import ArticlePage
from inspection import external
from inspection.link_check import Bounds, run_link_check
from inspection.links import public_links
from inspection.models import BrokenLink, LinkCheckRun
from tests.places import AGENCY_CODE

from .conftest import NOW, page_under
from .http_server import LocalServer, closed_port


@pytest.fixture(scope="module")
def server():
    server = LocalServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def check(url, timeout=2.0):
    return external.check_url(url, timeout=timeout)


def test_a_page_that_answers_200_works(server):
    outcome = check(f"{server.base}/ok")
    assert (outcome.status, outcome.broken) == (200, False)


def test_a_redirect_to_a_working_page_works(server):
    assert not check(f"{server.base}/moved").broken


@pytest.mark.parametrize("path,status", [("/missing", 404), ("/broken", 500)])
def test_error_statuses_are_broken_after_trying_get_too(server, path, status):
    outcome = check(f"{server.base}{path}")
    assert (outcome.status, outcome.broken) == (status, True)
    assert str(status) in outcome.error
    methods = [method for method, seen in server.requests if seen == path]
    assert methods[-2:] == ["HEAD", "GET"]


def test_a_server_that_refuses_head_is_asked_with_get(server):
    outcome = check(f"{server.base}/no-head")
    assert (outcome.status, outcome.broken) == (200, False)


def test_a_redirect_loop_is_broken_and_stops(server):
    before = len(server.requests)
    outcome = check(f"{server.base}/loop")
    assert outcome.broken and outcome.error == "重定向次数过多"
    # HEAD and GET each follow at most MAX_REDIRECTS redirects.
    assert len(server.requests) - before <= 2 * (external.MAX_REDIRECTS + 1)


def test_a_slow_server_times_out(server):
    outcome = check(f"{server.base}/slow", timeout=0.3)
    assert outcome.broken and outcome.error == "访问超时"


def test_a_refused_connection_is_broken():
    outcome = check(f"http://127.0.0.1:{closed_port()}/")
    assert outcome.broken and outcome.error == "无法连接"


def test_no_more_than_per_host_requests_reach_one_host_at_once(server):
    server.most_in_flight = 0
    urls = [f"{server.base}/wait/{number}" for number in range(8)]
    outcomes = external.check_urls(urls, timeout=2, per_host=2, workers=8)
    assert all(not outcome.broken for outcome in outcomes.values())
    assert server.most_in_flight == 2


def test_one_request_at_a_time_when_per_host_is_one(server):
    server.most_in_flight = 0
    urls = [f"{server.base}/wait/one-{number}" for number in range(4)]
    external.check_urls(urls, timeout=2, per_host=1, workers=4)
    assert server.most_in_flight == 1


# --- a whole run: links found on public pages, stored, bounded ---------------------


def notice(parent, agency, body, **state):
    article = ArticlePage(
        title="链接测试",
        agency=agency,
        summary="s",
        body=body,
        published_on=datetime.date(2026, 1, 1),
    )
    return page_under(parent, article, NOW, **state)


@pytest.fixture
def site_with_links(home, column, agency, server):
    notices = column()
    notices.slug = "notices"
    notices.save()
    hidden = notice(notices, agency, "<p>草稿</p>", live=False)
    document = get_document_model().objects.create(
        title="附件", file=ContentFile(b"x", name="a.txt")
    )
    links = [
        f'<a linktype="page" id="{notices.pk}">栏目</a>',
        f'<a linktype="page" id="{hidden.pk}">草稿</a>',
        '<a linktype="page" id="999999">已删除</a>',
        f'<a linktype="document" id="{document.pk}">附件</a>',
        '<a linktype="document" id="999999">已删除的附件</a>',
        '<a href="/notices/">通知公告</a>',
        # No English home: Wagtail serves the Chinese page here, so it works.
        '<a href="/en/notices/">英文</a>',
        '<a href="/en/no-such-column/">英文（不存在）</a>',
        '<a href="/no-such-column/">不存在</a>',
        '<a href="/search/">搜索</a>',
        f'<a href="{server.base}/ok">好</a>',
        f'<a href="{server.base}/missing">坏</a>',
        '<a href="mailto:mz@example.org">邮件</a>',
    ]
    page = notice(notices, agency, "<p>" + "".join(links) + "</p>")
    # Links on a page the public cannot see are not the public's problem.
    notice(notices, agency, f'<p><a href="{server.base}/broken">x</a></p>', live=False)
    page.hidden = hidden
    return page


def test_links_are_found_on_public_pages_only(site_with_links, server):
    urls = {link.url for link in public_links()}
    assert f"{server.base}/ok" in urls
    assert f"{server.base}/broken" not in urls
    assert "mailto:mz@example.org" not in urls


def test_a_run_stores_what_is_broken_inside_and_outside_the_site(
    site_with_links, server
):
    run = run_link_check(Bounds(timeout=2))
    broken = {link.url: link for link in BrokenLink.objects.filter(run=run)}
    hidden_pk = site_with_links.hidden.pk
    assert set(broken) == {
        f"page:{hidden_pk}",
        "page:999999",
        "document:999999",
        "/en/no-such-column/",
        "/no-such-column/",
        f"{server.base}/missing",
    }
    assert broken[f"{server.base}/missing"].status == 404
    assert not broken[f"{server.base}/missing"].internal
    assert broken["/no-such-column/"].internal
    assert {link.source for link in broken.values()} == {
        f"disclosure.articlepage:{site_with_links.pk}"
    }
    assert {link.fix_url for link in broken.values()} == {
        f"/admin/pages/{site_with_links.pk}/edit/"
    }
    assert (run.links_found, run.links_checked, run.truncated) == (12, 12, False)
    assert run.finished_at is not None


def test_a_run_checks_no_more_than_max_links(site_with_links, server):
    before = len(server.requests)
    run = run_link_check(Bounds(max_links=3, timeout=2))
    assert (run.links_found, run.links_checked, run.truncated) == (12, 3, True)
    assert len(server.requests) == before  # the external links came after the third


def test_the_command_runs_within_its_bounds(site_with_links, capsys):
    call_command("check_links", "--max-links", "5", "--timeout", "1", "--per-host", "1")
    assert "checked 5 of 12 links" in capsys.readouterr().out
    assert LinkCheckRun.objects.get().truncated


def test_a_records_web_address_is_checked_and_leads_to_its_editor(db, agency, server):
    charity = CharityOrganisation.objects.create(
        name="清源区慈善总会",
        credit_code=AGENCY_CODE,
        org_type=OrgType.choices[0][0],
        registering_authority="清源区民政局",
        registered_on=datetime.date(2020, 1, 1),
        address="清源区",
        cszg_url=f"{server.base}/missing",
        agency=agency,
    )
    # Inserted as a draft (publishing/drafts.py); made public behind review's back.
    CharityOrganisation.objects.filter(pk=charity.pk).update(live=True)
    run = run_link_check(Bounds(timeout=2))
    [broken] = BrokenLink.objects.filter(run=run)
    assert broken.source == f"charity.charityorganisation:{charity.pk}"
    assert broken.source_title == str(charity)
    assert broken.fix_url.endswith(f"/{charity.pk}/")
    assert broken.fix_url.startswith("/admin/snippets/charity/")
