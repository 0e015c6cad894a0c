"""After a confirmed admin import: "submit all for review" sends every draft the
import wrote to its workflow (``publishing.bulk_review.submit_all``), and nothing
else, for superusers only."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import ModelLogEntry, WorkflowState

import pytest

from content_models.credit.models import CreditListEntry
from publishing.workflows import setup_publishing
from tests.content_models.credit_factories import valid_code

from .test_import_records import HEADER, credit_row
from .test_import_records_admin import upload

CODE = valid_code(1, "书法")
OTHER = valid_code(1, "摄影")


@pytest.fixture
def workflows(db):
    return setup_publishing()


def confirmed(client, rows):
    token = upload(client, rows).context["token"]
    return client.post(reverse("import_records:confirm", args=[token]))


def submit_url(page):
    return reverse("import_records:submit", args=[page.context["submit_token"]])


def in_review(entry):
    return WorkflowState.objects.filter(
        object_id=str(entry.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).exists()


def test_submit_all_sends_every_draft_of_the_import_to_review(
    admin_client, admin_user, agency, workflows
):
    rows = [HEADER, credit_row(CODE), credit_row(OTHER, name="清源区摄影家协会")]
    page = confirmed(admin_client, rows)
    assert "全部提交审核" in page.content.decode()
    response = admin_client.post(submit_url(page))
    assert response.status_code == 200
    assert response.context["submitted"] == 2
    entries = list(CreditListEntry.objects.all())
    assert len(entries) == 2
    for entry in entries:
        assert in_review(entry)
        assert not CreditListEntry.objects.get(pk=entry.pk).live  # not published
        # Audited by Wagtail's own workflow log.
        assert ModelLogEntry.objects.filter(
            object_id=str(entry.pk), action="wagtail.workflow.start", user=admin_user
        ).exists()
    # The batch is submitted once.
    assert admin_client.post(submit_url(page)).status_code == 404


def test_forged_ids_in_the_post_are_ignored(admin_client, agency, workflows):
    outside = confirmed(admin_client, [HEADER, credit_row(OTHER, name="摄影家协会")])
    not_from_import = CreditListEntry.objects.get()
    page = confirmed(admin_client, [HEADER, credit_row(CODE)])
    ours = CreditListEntry.objects.exclude(pk=not_from_import.pk).get()
    response = admin_client.post(
        submit_url(page),
        {"item": [not_from_import.pk], "pk": not_from_import.pk, "ids": "1,2,3"},
    )
    assert response.context["submitted"] == 1
    assert in_review(ours)
    assert not in_review(not_from_import)
    assert outside.context["submit_token"] != page.context["submit_token"]


def test_a_forged_token_submits_nothing(admin_client, agency, workflows):
    confirmed(admin_client, [HEADER, credit_row(CODE)])
    forged = reverse("import_records:submit", args=["not-a-token"])
    assert admin_client.post(forged).status_code == 404
    assert not WorkflowState.objects.exists()


def test_an_outsider_cannot_submit_an_imports_drafts(
    admin_client, client, django_user_model, agency, workflows
):
    page = confirmed(admin_client, [HEADER, credit_row(CODE)])
    user = django_user_model.objects.create_user("clerk", password="pw")  # noqa: S106
    user.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(user)
    response = client.post(submit_url(page))
    assert response.status_code in (302, 403)
    assert not WorkflowState.objects.exists()
    # Nor with the token in a session of their own making: the token is not theirs.
    anonymous = client.__class__()
    assert anonymous.post(submit_url(page)).status_code in (302, 403)
    assert not WorkflowState.objects.exists()


def test_submit_needs_post(admin_client, agency, workflows):
    page = confirmed(admin_client, [HEADER, credit_row(CODE)])
    assert admin_client.get(submit_url(page)).status_code == 405
    assert not WorkflowState.objects.exists()


def test_a_draft_already_in_review_is_named_not_submitted_twice(
    admin_client, agency, workflows
):
    first = confirmed(admin_client, [HEADER, credit_row(CODE)])
    admin_client.post(submit_url(first))
    again = confirmed(admin_client, [HEADER, credit_row(CODE, reason="补报年报")])
    response = admin_client.post(submit_url(again))
    assert response.context["submitted"] == 0
    ((title, url, reason),) = response.context["refused"]
    assert "审核" in reason
    assert WorkflowState.objects.count() == 1


def test_a_dry_run_offers_no_submit(admin_client, agency, workflows):
    page = upload(admin_client, [HEADER, credit_row(CODE)])
    assert "全部提交审核" not in page.content.decode()
