"""Work cut off half-way: the search engine failing mid-rebuild, a records import
that dies mid-file. The old index keeps serving and the queue catches up; an import
writes all or nothing."""

import errno

from django.core.management import CommandError, call_command

import pytest
from bs4 import BeautifulSoup

from content_models.credit.models import CreditListEntry, SocialOrganisation
from content_models.disclosure.models import ArticleIndexPage, ArticlePage
from portal.demo.helpers import publish_page
from search.engines import embedded
from search.models import PendingUpdate, Rebuild

from ..imports.test_import_records import CODE, HEADER, OTHER, credit_row, csv_bytes


@pytest.fixture
def index_dir(db, settings, tmp_path):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    return settings.SEARCH_INDEX_DIR


def titles(client, q):
    response = client.get("/search/", {"q": q})
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return response.status_code, [
        a.get_text() for a in page.select(".search-hit-title a")
    ]


def test_the_engine_failing_mid_rebuild_keeps_the_old_index_and_loses_no_update(
    client, home, agency, index_dir, monkeypatch
):
    notices = publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))
    publish_page(
        notices,
        ArticlePage(title="城乡低保标准", slug="a", agency=agency, body="<p>标准</p>"),
    )
    call_command("rebuild_public_index")
    # Published while nobody applied the queue (no commit callbacks in a test):
    # its update waits in the queue.
    publish_page(
        notices,
        ArticlePage(
            title="临时救助低保办法", slug="b", agency=agency, body="<p>办法</p>"
        ),
    )
    assert PendingUpdate.objects.count() == 1

    real = embedded.as_tantivy
    seen = []

    def disk_fills(document):
        seen.append(document)
        if len(seen) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(document)

    monkeypatch.setattr(embedded, "as_tantivy", disk_fills)
    with pytest.raises(CommandError, match="unavailable.*No space left"):
        call_command("rebuild_public_index")
    monkeypatch.undo()

    # Readers still get the old, complete index; the half-built one is gone.
    assert titles(client, "低保") == (200, ["城乡低保标准"])
    assert len(list(index_dir.glob("index-*"))) == 1
    # The waiting update was not dropped by the failed rebuild, and no rebuild is
    # left marked as running (which would hold the queue back for hours).
    assert PendingUpdate.objects.count() == 1
    assert not Rebuild.objects.exists()
    call_command("process_search_queue")
    assert sorted(titles(client, "低保")[1]) == ["临时救助低保办法", "城乡低保标准"]
    assert PendingUpdate.objects.count() == 0


@pytest.fixture
def credit_file(agency, tmp_path):
    path = tmp_path / "名录.csv"
    rows = [HEADER, credit_row(CODE), credit_row(OTHER, name="清源区摄影家协会")]
    path.write_bytes(csv_bytes(rows))
    return path


def die_on_second_row(monkeypatch, error):
    # Every write path (one by one or in bulk) serialises the entry for its revision.
    original = CreditListEntry.serializable_data

    def serializable_data(self, *args, **kwargs):
        if self.organisation.credit_code == OTHER:
            raise error
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CreditListEntry, "serializable_data", serializable_data)


def test_an_import_that_fails_mid_file_says_so_and_writes_nothing(
    credit_file, monkeypatch, capsys
):
    die_on_second_row(monkeypatch, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(CommandError):
        call_command("import_records", "credit-list", str(credit_file))
    shown = capsys.readouterr()
    assert "已全部撤销" in shown.out + shown.err
    assert SocialOrganisation.objects.count() == 0
    assert CreditListEntry.objects.count() == 0


@pytest.mark.parametrize("signal", [KeyboardInterrupt, SystemExit])
def test_an_import_killed_mid_file_writes_nothing(credit_file, monkeypatch, signal):
    # Ctrl-C, or SIGTERM turned into SystemExit by a process manager, mid-way.
    die_on_second_row(monkeypatch, signal())
    with pytest.raises(signal):
        call_command("import_records", "credit-list", str(credit_file))
    assert SocialOrganisation.objects.count() == 0
    assert CreditListEntry.objects.count() == 0
