"""The ledger as readers see it: the API, the /ledger/ page with its verification
program, earlier versions and the corrections listed on an item's page."""

import datetime
import hashlib
import html
import re

from django.core.management import call_command
from django.utils import timezone

import pytest

from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page, publish_reviewed
from publishing.models import LedgerEntry
from publishing.views import MAX_PAGE_SIZE


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))


def article(notices, agency, title, slug, body="<p>每人每月820元</p>"):
    return publish_page(
        notices,
        ArticlePage(
            title=title,
            slug=slug,
            agency=agency,
            body=body,
            published_on=datetime.date(2025, 6, 20),
        ),
    )


def at(item, n):
    """The seq of the item's n-th ledger entry counted from its first: the home and
    section pages above it are in the ledger too."""
    first = LedgerEntry.objects.filter(item_key=f"{item._meta.label_lower}:{item.pk}")
    return first.order_by("seq").first().seq - 1 + n


@pytest.fixture
def corrected(notices, agency):
    """Published, then corrected (850 instead of 820)."""
    page = article(notices, agency, "低保标准调整", "dibao")
    page.body = "<p>每人每月850元</p>"
    publish_reviewed(page)
    return page


@pytest.fixture
def many(notices, agency):
    """Five items, five publish entries."""
    for number in range(5):
        article(notices, agency, f"通知{number}", f"notice-{number}")
    return LedgerEntry.objects.count()


# -- the API --------------------------------------------------------------------------


def test_api_lists_newest_first_with_the_hashed_fields(client, corrected):
    response = client.get("/api/v1/ledger", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    body = response.json()
    assert set(body) == {"count", "results", "next"}
    assert body["count"] == at(corrected, 2)
    first, second = body["results"][:2]
    assert [first["seq"], second["seq"]] == [at(corrected, 2), at(corrected, 1)]
    assert first["action"] == "correction"
    assert first["prev_hash"] == second["hash"]
    assert first["item"] == {
        "key": f"disclosure.articlepage:{corrected.pk}",
        "type": "article",
        "index_number": corrected.index_number,
        "title": "低保标准调整",
        "url": f"http://testserver{corrected.url}",
    }
    entry = LedgerEntry.objects.get(seq=at(corrected, 2))
    assert first["time"] == entry.time.isoformat()
    assert first["content_sha256"] == entry.content_sha256
    assert first["hash"] == entry.hash
    assert first["version"].endswith(f"/ledger/versions/{at(corrected, 2)}/")


def seqs(body):
    return [entry["seq"] for entry in body["results"]]


def newest_first():
    return list(LedgerEntry.objects.order_by("-seq").values_list("seq", flat=True))


def test_api_pages_by_cursor(client, many):
    body = client.get("/api/v1/ledger?page_size=2").json()
    assert body["count"] == LedgerEntry.objects.count()
    assert "cursor=" in body["next"] and "page_size=2" in body["next"]
    pages = [seqs(body)]
    while body["next"]:
        body = client.get(body["next"]).json()
        pages.append(seqs(body))
    everything = newest_first()
    assert pages == [everything[n : n + 2] for n in range(0, len(everything), 2)]


def test_api_pages_do_not_shift_when_entries_are_appended(
    client, many, notices, agency
):
    body = client.get("/api/v1/ledger?page_size=2").json()
    article(notices, agency, "新的通知", "newer")
    assert (
        seqs(client.get(body["next"]).json())
        == [seq for seq in newest_first() if seq < seqs(body)[-1]][:2]
    )


def test_api_largest_page(client, many):
    body = client.get(f"/api/v1/ledger?page_size={MAX_PAGE_SIZE}").json()
    assert len(body["results"]) == many
    assert body["next"] is None


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=2", "page"),  # the API pages by cursor
        ("cursor=abc", "cursor"),
        ("cursor=LTE", "cursor"),  # "-1"
        ("page_size=2&page_size=3", "page_size"),
        ("page_size=0", "page_size"),
        (f"page_size={MAX_PAGE_SIZE + 1}", "page_size"),
        ("page_size=²", "page_size"),
    ],
)
def test_api_refuses_bad_parameters(client, many, query, parameter):
    response = client.get(f"/api/v1/ledger?{query}", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bad_parameter"
    assert error["parameter"] == parameter
    assert f"“{parameter}”" in error["message"]
    assert "no-store" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_entry_gives_the_snapshot_behind_content_sha256(client, corrected):
    body = client.get(f"/api/v1/ledger/{at(corrected, 1)}").json()
    assert body["seq"] == at(corrected, 1)
    digest = hashlib.sha256(body["snapshot"].encode("utf-8")).hexdigest()
    assert digest == body["content_sha256"]
    assert "820" in body["snapshot"]


def test_api_entry_missing(client, corrected):
    response = client.get("/api/v1/ledger/999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["message"]


def test_api_refuses_writes(client, corrected):
    response = client.post("/api/v1/ledger")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


# -- the /ledger/ page ---------------------------------------------------------------


def snippet(client):
    page = client.get("/ledger/").content.decode()
    code = re.search(r'<pre id="verify-snippet"><code>(.*?)</code></pre>', page, re.S)
    return html.unescape(code.group(1))


def run_snippet(client):
    namespace = {"__name__": "snippet"}  # not "__main__": nothing is downloaded
    exec(snippet(client), namespace)  # noqa: S102 (our own page's published program)
    return namespace


def oldest_first(client):
    entries = client.get("/api/v1/ledger?page_size=100").json()["results"]
    return sorted(entries, key=lambda entry: entry["seq"])


def test_published_program_verifies_the_api(client, corrected):
    program = run_snippet(client)
    last = LedgerEntry.objects.get(seq=at(corrected, 2))
    assert program["check"](oldest_first(client)) == last.hash
    assert program["API"] == "http://testserver/api/v1/ledger"


def test_published_program_catches_a_changed_entry(client, corrected):
    program = run_snippet(client)
    entries = oldest_first(client)
    entries[at(corrected, 1) - 1]["item"]["index_number"] = "000000000/2020-00001"
    with pytest.raises(ValueError, match=f"entry {at(corrected, 1)}: hash"):
        program["check"](entries)


def test_published_program_catches_a_missing_entry(client, corrected, notices, agency):
    article(notices, agency, "临时救助", "jiuzhu")
    program = run_snippet(client)
    entries = oldest_first(client)
    del entries[at(corrected, 2) - 1]
    with pytest.raises(ValueError, match=f"entry {at(corrected, 2)} is missing"):
        program["check"](entries)


def test_page_explains_and_lists_the_latest_entries(client, corrected):
    response = client.get("/ledger/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "公开台账" in page
    assert "SHA-256" in page
    assert "0" * 64 in page  # the first prev_hash
    assert f'href="/ledger/versions/{at(corrected, 2)}/"' in page
    assert f'href="/api/v1/ledger/{at(corrected, 1)}"' in page
    assert "低保标准调整" in page


def test_page_in_english(client, corrected):
    response = client.get("/en/ledger/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert f'href="/en/ledger/versions/{at(corrected, 2)}/"' in page
    assert 'href="/ledger/"' in page  # the language switch


# -- earlier versions and corrections ----------------------------------------------


def test_earlier_version_shows_the_old_text_and_links_to_the_current(client, corrected):
    response = client.get(f"/ledger/versions/{at(corrected, 1)}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    page = response.content.decode()
    assert "每人每月820元" in page
    assert "850" not in page
    assert "较早版本" in page
    assert f'href="{corrected.url}"' in page


def test_current_version_is_marked_current(client, corrected):
    page = client.get(f"/ledger/versions/{at(corrected, 2)}/").content.decode()
    assert "每人每月850元" in page
    assert "也是目前公开的版本" in page


def test_version_text_is_escaped(client, notices, agency):
    item = article(
        notices,
        agency,
        "通知<script>alert(1)</script>",
        "escaped",
        body="<p>&lt;img src=x onerror=alert(2)&gt;</p>",
    )
    page = client.get(f"/ledger/versions/{at(item, 1)}/").content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_a_withdrawn_item_has_no_versions_but_keeps_its_hashes(client, corrected):
    assert client.get(f"/ledger/versions/{at(corrected, 2)}/").status_code == 200
    corrected.unpublish()
    # What was taken down is not served again, perhaps it held personal data.
    for n in (1, 2, 3):
        version = f"/ledger/versions/{at(corrected, n)}/"
        assert client.get(version).status_code == 404
    entry = client.get(f"/api/v1/ledger/{at(corrected, 2)}").json()
    assert entry["snapshot"] == "" and entry["version"] is None
    assert len(entry["content_sha256"]) == 64
    call_command("verify_ledger")  # the chain still verifies


def test_missing_version(client, db):
    assert client.get("/ledger/versions/1/").status_code == 404


def test_item_page_lists_publication_and_corrections(client, corrected):
    LedgerEntry.objects.filter(seq=at(corrected, 2)).update(note="标准金额笔误")
    page = client.get(corrected.url).content.decode()
    today = timezone.localdate().isoformat()
    assert "首次发布于 2025-06-20" in page  # 发布日期, as the metadata says
    assert f"在本网站公开于 {today}" in page
    assert f"更正于 {today}" in page
    assert "标准金额笔误" in page
    assert f'href="/ledger/versions/{at(corrected, 1)}/"' in page
    assert f'href="/ledger/versions/{at(corrected, 2)}/"' in page
    assert 'href="/ledger/"' in page


def test_item_without_corrections_shows_its_first_publication(client, notices, agency):
    page = article(notices, agency, "低保标准调整", "dibao")
    body = client.get(page.url).content.decode()
    assert "首次发布于 2025-06-20" in body
    assert f'href="/ledger/versions/{at(page, 1)}/"' in body
    assert "更正于" not in body
