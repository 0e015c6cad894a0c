"""Review workflows: the defaults, four eyes, rejection, locking, and scheduled
publishing going through the same checked and recorded path."""

import datetime

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowState

import pytest

from content_models.disclosure import publication
from content_models.disclosure.models import ArticlePage
from content_models.disclosure.publication import Problem
from publishing import roles
from publishing.models import LedgerEntry
from publishing.tasks_models import FourEyesApprovalTask
from publishing.workflows import BUREAU_WORKFLOW, VILLAGE_WORKFLOW, setup_publishing

from ..content_models.credit_factories import entry, organisation
from ..content_models.villages_factories import make_disclosure
from .reviewing import (
    approve,
    approve_all,
    current_task_state,
    draft_article,
    submit,
)


def test_defaults_are_wagtail_workflows_on_the_home_page_section_and_records(
    workflows, home, section
):
    bureau = Workflow.objects.get(name=BUREAU_WORKFLOW)
    assert [t.name for t in bureau.tasks] == ["科室审核", "保密审查", "主要负责人审批"]
    village = Workflow.objects.get(name=VILLAGE_WORKFLOW)
    assert [t.name for t in village.tasks] == [
        "村(居)务监督委员会审核",
        "镇(街道)审批",
    ]
    assert all(isinstance(t.specific, FourEyesApprovalTask) for t in bureau.tasks)
    assert home.get_workflow() == bureau
    assert section.get_workflow() == village
    for model in roles.workflow_record_models():
        assert model().get_workflow() == bureau, model


def test_setup_runs_again_without_undoing_an_administrators_change(workflows):
    bureau = Workflow.objects.get(name=BUREAU_WORKFLOW)
    task = bureau.tasks.last().specific
    task.groups.set([Group.objects.get(name=roles.SECRECY_REVIEWERS)])
    setup_publishing()
    assert (
        Workflow.objects.filter(name__in=[BUREAU_WORKFLOW, VILLAGE_WORKFLOW]).count()
        == 2
    )
    assert list(task.groups.values_list("name", flat=True)) == [roles.SECRECY_REVIEWERS]


def test_reviewer_cannot_approve_own_submission(notices, agency, staff):
    page = draft_article(notices, agency, staff["editor"])
    submit(page, staff["editor"])
    state = current_task_state(page)
    task = state.task.specific

    actions = [name for name, *_ in task.get_actions(page, staff["editor"])]
    assert "approve" not in actions and "reject" in actions
    with pytest.raises(PermissionDenied):
        task.on_action(state, staff["editor"], "approve")
    assert not task.get_task_states_user_can_moderate(staff["editor"]).exists()

    # Another member of the same group may.
    assert "approve" in [n for n, *_ in task.get_actions(page, staff["section"])]
    assert task.get_task_states_user_can_moderate(staff["section"]).exists()
    approve(page, staff["section"])
    assert current_task_state(page).task.name == "保密审查"


def test_the_admin_refuses_the_submitters_approval(client, notices, agency, staff):
    page = draft_article(notices, agency, staff["editor"])
    submit(page, staff["editor"])
    state = current_task_state(page)
    client.force_login(staff["editor"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk)
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_the_author_of_the_revision_under_review_cannot_approve_it(
    notices, agency, staff, person
):
    author = person("author", roles.BUREAU_EDITORS, roles.SECTION_REVIEWERS)
    page = draft_article(notices, agency, author)
    submit(page, staff["editor"])  # someone else presses submit
    state = current_task_state(page)
    with pytest.raises(PermissionDenied):
        state.task.specific.on_action(state, author, "approve")


def test_approval_by_three_other_people_publishes_and_records(notices, agency, staff):
    page = draft_article(notices, agency, staff["editor"])
    submit(page, staff["editor"])
    approve_all(page, staff["section"], staff["secrecy"], staff["principal"])
    assert page.live
    assert page.current_workflow_state is None
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    finishers = [ts.finished_by for ts in state.task_states.order_by("started_at")]
    assert finishers == [staff["section"], staff["secrecy"], staff["principal"]]
    assert LedgerEntry.objects.filter(
        item_key=f"disclosure.articlepage:{page.pk}", action="publish"
    ).exists()


def test_rejection_returns_the_item_to_its_editor(notices, agency, staff):
    page = draft_article(notices, agency, staff["editor"])
    submit(page, staff["editor"])
    approve(page, staff["section"])
    state = current_task_state(page)
    state.task.specific.on_action(
        state, staff["secrecy"], "reject", comment="第二段含未脱敏的身份证号"
    )
    page.refresh_from_db()
    workflow_state = page.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live
    assert workflow_state.current_task_state.comment == "第二段含未脱敏的身份证号"
    assert not page.permissions_for_user(staff["editor"]).page_locked()
    # The editor fixes it and resumes; the review starts again at the rejected step.
    page.save_revision(user=staff["editor"])
    workflow_state.resume(user=staff["editor"])
    assert current_task_state(page).task.name == "保密审查"


def test_item_in_review_is_locked_for_its_editor(notices, agency, staff, person):
    writer = person("writer", roles.BUREAU_EDITORS)
    page = draft_article(notices, agency, writer)
    assert not page.permissions_for_user(writer).page_locked()
    submit(page, writer)
    page.refresh_from_db()
    assert page.permissions_for_user(writer).page_locked()
    assert not page.permissions_for_user(writer).can_submit_for_moderation()
    # The reviewers of the current step may still edit (and correct) it.
    assert not page.permissions_for_user(staff["section"]).page_locked()


def test_credit_record_goes_through_the_bureau_workflow(agency, staff, person):
    clerk = person("clerk", roles.SOCIAL_ORGANISATIONS)
    org = organisation(agency)
    record = entry(org, publish=False)
    record.live = False
    record.save()
    record.save_revision(user=clerk)
    submit(record, clerk)
    assert record.get_lock().for_user(clerk)
    approve_all(record, staff["section"], staff["secrecy"], staff["principal"])
    assert record.live
    assert LedgerEntry.objects.filter(
        item_key=f"credit.creditlistentry:{record.pk}", action="publish"
    ).exists()


def test_village_disclosure_goes_to_supervisors_then_the_town(column, agency, person):
    clerk = person("clerk", "unused")
    roles.grant_village(clerk, column.region.code)
    supervisor = person("supervisor", roles.VILLAGE_SUPERVISORS)
    town = person("town", roles.TOWN_APPROVERS)
    page = make_disclosure(column, agency, publish=False)
    page.save_revision(user=clerk)
    submit(page, clerk)
    assert current_task_state(page).task.name == "村(居)务监督委员会审核"
    with pytest.raises(PermissionDenied):
        approve(page, clerk)  # not a supervisor, nor may approve own work
    approve_all(page, supervisor, town)
    assert page.live


# -- scheduled publishing -----------------------------------------------------------


def make_due(revision):
    """Move a scheduled revision's go-live into the past, as if its time had come."""
    moment = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = moment.isoformat()
    revision.approved_go_live_at = moment
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_approved_revision_with_a_future_go_live_waits_then_publishes_checked(
    notices, agency, staff
):
    page = draft_article(notices, agency, staff["editor"])
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    revision = page.save_revision(user=staff["editor"])
    submit(page, staff["editor"])
    approve_all(page, staff["section"], staff["secrecy"], staff["principal"])
    revision.refresh_from_db()
    assert not page.live
    assert revision.approved_go_live_at is not None
    assert not LedgerEntry.objects.filter(item_key__endswith=f":{page.pk}").exists()

    call_command("publish_scheduled")  # not due yet
    page.refresh_from_db()
    assert not page.live

    make_due(revision)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert LedgerEntry.objects.filter(
        item_key=f"disclosure.articlepage:{page.pk}", action="publish"
    ).exists()


def test_scheduled_go_live_is_stopped_by_a_guard(notices, agency, staff, monkeypatch):
    page = draft_article(notices, agency, staff["editor"])
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    revision = page.save_revision(user=staff["editor"])
    submit(page, staff["editor"])
    approve_all(page, staff["section"], staff["secrecy"], staff["principal"])

    def blocks_everything(item):
        return [Problem("正文", "含有未脱敏的身份证号")]

    monkeypatch.setattr(publication, "_content_checks", [blocks_everything])
    make_due(revision)
    call_command("publish_scheduled")  # the command goes on with the others
    page.refresh_from_db()
    assert not page.live
    assert not LedgerEntry.objects.filter(item_key__endswith=f":{page.pk}").exists()
    # Cancelled, not retried every minute, and in the audit log with its rule.
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    blocked = PageLogEntry.objects.get(page=page, action="publishing.blocked")
    assert blocked.data["problems"][0]["rule"] == "blocks_everything"


def test_expiry_unpublishes_and_the_ledger_records_a_withdrawal(notices, agency, staff):
    page = draft_article(notices, agency, staff["editor"])
    page.expire_at = timezone.now() + datetime.timedelta(days=30)
    page.save_revision(user=staff["editor"])
    submit(page, staff["editor"])
    approve_all(page, staff["section"], staff["secrecy"], staff["principal"])
    assert page.live
    ArticlePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    actions = list(
        LedgerEntry.objects.filter(item_key=f"disclosure.articlepage:{page.pk}")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["publish", "withdrawal"]


# -- the demo ----------------------------------------------------------------------


def test_demo_is_published_through_review_by_other_people(demo_site, db):
    states = WorkflowState.objects.all()
    assert states.count() > 300
    assert not states.exclude(status=WorkflowState.STATUS_APPROVED).exists()
    for task_state in TaskState.objects.select_related("workflow_state", "revision"):
        assert task_state.finished_by_id not in (
            task_state.workflow_state.requested_by_id,
            task_state.revision.user_id,
        )


def test_demo_ledger_chain_verifies_and_covers_every_public_item(demo_site, db):
    from django.apps import apps

    from content_models.disclosure.metadata import DisclosureMetadata
    from content_models.disclosure.public import is_public
    from publishing.ledger import GENESIS, entry_hash, item_key, latest_for, sha256
    from publishing.ledger import snapshot as public_snapshot

    previous = GENESIS
    for link in LedgerEntry.objects.order_by("seq"):
        assert link.prev_hash == previous and link.hash == entry_hash(link)
        previous = link.hash
    models = [
        m
        for m in apps.get_models()
        if issubclass(m, DisclosureMetadata) and not m._meta.abstract
    ]
    public = [item for m in models for item in m.objects.all() if is_public(item)]
    assert len(public) > 200
    for item in public:
        last = latest_for(item_key(item))
        assert last is not None, item
        assert last.content_sha256 == sha256(public_snapshot(item)), item
