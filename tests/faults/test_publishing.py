"""The database fails in the middle of a publication or an admin save: nothing is
half-written, and the person who pressed the button is never told it worked."""

from django.db import OperationalError
from django.urls import reverse

from wagtail.models import TaskState

import pytest
from bs4 import BeautifulSoup

from opendata.models import DatasetState
from publishing import ledger
from publishing.models import LedgerEntry
from search.models import PendingUpdate, SynonymGroup

from ..publishing.reviewing import (
    approve_all,
    current_task_state,
    draft_article,
    submit,
)

LOCKED = "database is locked"


def locked(*args, **kwargs):
    raise OperationalError(LOCKED)


@pytest.fixture
def admin_client(client):
    client.raise_request_exception = False  # the user sees the error page
    return client


def messages_after(client):
    """The admin's messages on the next page the user opens: {level: [text]}."""
    page = BeautifulSoup(
        client.get(reverse("wagtailadmin_home")).content, "html.parser"
    )
    shown = {}
    for item in page.select(".messages li"):
        if item.find_parent("template") is None:
            level = item.get("class", [""])[0]
            shown.setdefault(level, []).append(item.get_text(" ", strip=True))
    return shown


def test_a_database_error_mid_publish_leaves_nothing_half_written(
    admin_client, notices, agency, staff, monkeypatch
):
    page = draft_article(notices, agency, staff["editor"])
    submit(page, staff["editor"])
    approve_all(page, staff["section"], staff["secrecy"])
    state = current_task_state(page)
    entries, queued = LedgerEntry.objects.count(), PendingUpdate.objects.count()
    marks = dict(DatasetState.objects.values_list("slug", "generation"))

    # The ledger's write fails after Wagtail has already set the page live.
    monkeypatch.setattr(ledger, "_append", locked)
    admin_client.force_login(staff["principal"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk)
    )
    response = admin_client.post(url, {"comment": ""})
    monkeypatch.undo()

    assert response.status_code == 500  # an error page, not a redirect with success
    assert "success" not in messages_after(admin_client)
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert LedgerEntry.objects.count() == entries
    assert PendingUpdate.objects.count() == queued
    assert dict(DatasetState.objects.values_list("slug", "generation")) == marks
    # The review is where it was: the principal can approve again once it works.
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    response = admin_client.post(url, {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert LedgerEntry.objects.count() == entries + 1


def test_database_is_locked_during_an_admin_save_is_never_a_success(
    admin_client, django_user_model, monkeypatch
):
    admin = django_user_model.objects.create_superuser("admin", password="pw")
    admin_client.force_login(admin)
    monkeypatch.setattr(SynonymGroup, "save", locked)
    add = reverse("wagtailsnippets_search_synonymgroup:add")
    response = admin_client.post(add, {"terms": "低保，最低生活保障"})
    monkeypatch.undo()

    assert response.status_code == 500
    assert "success" not in messages_after(admin_client)
    assert not SynonymGroup.objects.exists()
    # The same check sees the message once the save works.
    admin_client.post(add, {"terms": "低保，最低生活保障"})
    (created,) = messages_after(admin_client)["success"]
    assert "已创建" in created
