"""Review of many items at once: submit a batch (提交审核) and approve one step of it
(批量审核通过).

A clerk who imports a quarter's records, and the reviewers who then pass them, act on
the batch rather than on one item at a time. Each item is held to the rules of a
single approval: the step's reviewing groups, four eyes (``own_work``) and, at the
last step, the guarded publication with every check. An item a rule refuses is named
and left where it was.

The rows written are Wagtail's own (WorkflowState, TaskState and the
``wagtail.workflow.start``/``approve`` audit entries, with the data Wagtail gives them)
but in a few statements per batch; the last step publishes item by item through
Wagtail's ``publish_workflow_state``, so guards, the ledger and the announcement see
exactly what one approval shows them, announced once for the batch. Wagtail's
per-item workflow signals, and the e-mails they send to the next reviewers, are not
sent for a batch.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import get_active_log_context, log
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.workflows import publish_workflow_state

from content_models.disclosure import announcements
from content_models.disclosure.publication import PublicationBlocked, report_blocked

from .approval import own_work

SUCCESSFUL = (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED)


@dataclass
class Outcome:
    """What a batch did: task states approved (published ones among them) and, for
    each refused task state or item, why."""

    approved: list = field(default_factory=list)
    published: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (task state or item, reason)


@transaction.atomic
def submit_all(items, user):
    """Start each item's workflow on its latest revision, as ``user`` submitting it;
    return the Outcome (``approved`` lists the new workflow states). Items already in
    review or without a workflow are refused. The caller has checked that ``user``
    may edit the items (the demo, an import run by an operator)."""
    outcome = Outcome()
    starts = []
    for item in items:
        workflow = item.get_workflow()
        tasks = _active_tasks(workflow) if workflow is not None else []
        if not tasks:
            outcome.refused.append((item, _("没有适用的审核流程")))
        elif item.current_workflow_state is not None:
            outcome.refused.append((item, _("已在审核中")))
        elif item.latest_revision_id is None:
            outcome.refused.append((item, _("没有可提交的版本")))
        else:
            starts.append((item, workflow, tasks[0]))
    states = WorkflowState.objects.bulk_create(
        WorkflowState(
            content_type=item.get_content_type(),
            base_content_type=item.get_base_content_type(),
            object_id=str(item.pk),
            workflow=workflow,
            status=WorkflowState.STATUS_IN_PROGRESS,
            requested_by=user,
        )
        for item, workflow, _first in starts
    )
    firsts = _start_tasks(
        [
            (state, first, item.latest_revision_id)
            for state, (item, _workflow, first) in zip(states, starts, strict=True)
        ]
    )
    for state, task_state, (item, workflow, first) in zip(
        states, firsts, starts, strict=True
    ):
        log(
            instance=item,
            action="wagtail.workflow.start",
            user=user,
            revision=Revision(pk=item.latest_revision_id),
            data={
                "workflow": {
                    "id": workflow.pk,
                    "title": workflow.name,
                    "status": state.status,
                    "next": {"id": first.pk, "title": first.name},
                    "task_state_id": task_state.pk,
                }
            },
        )
    outcome.approved = states
    return outcome


@transaction.atomic
def approve_all(task_states, user, comment=""):
    """Approve each of ``task_states`` (the current step of an item in review) as
    ``user``: the step is approved and the next one started, or, at the last step,
    the item is published. Returns the Outcome."""
    outcome = Outcome()
    states = list(
        TaskState.objects.filter(pk__in=[state.pk for state in task_states])
        .select_related("workflow_state__workflow", "task", "revision__content_type")
        .order_by("pk")
    )
    reviewers = {}
    approvable = []
    for state in states:
        if state.task_id not in reviewers:
            reviewers[state.task_id] = _reviews(state.task.specific, user)
        reason = _refusal(state, user, reviewers[state.task_id])
        if reason:
            outcome.refused.append((state, reason))
        else:
            approvable.append(state)

    now = timezone.now()
    nexts = _next_tasks(approvable)
    moving = [state for state in approvable if nexts[state.pk] is not None]
    TaskState.objects.filter(pk__in=[state.pk for state in moving]).update(
        status=TaskState.STATUS_APPROVED,
        finished_at=now,
        finished_by=user,
        comment=comment,
    )
    _log_approvals(moving, user, comment, nexts, now)
    _start_tasks([(s.workflow_state, nexts[s.pk], s.revision_id) for s in moving])
    outcome.approved.extend(moving)

    with announcements.batch():  # one announcement for the batch's publications
        for state in approvable:
            if nexts[state.pk] is None:
                _approve_last_step(state, user, comment, now, outcome)
    return outcome


def _reviews(task, user):
    """Whether ``user`` reviews this step: a group approval task's groups (what
    Wagtail offers approve on); other task types are left to one-by-one review."""
    in_groups = getattr(task, "_user_in_groups", None)
    return in_groups is not None and (user.is_superuser or in_groups(user))


def _refusal(state, user, is_reviewer):
    workflow_state = state.workflow_state
    if (
        state.status != TaskState.STATUS_IN_PROGRESS
        or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
        or workflow_state.current_task_state_id != state.pk
    ):
        return _("不在此审核步骤中")
    if not is_reviewer:
        return _("不是此审核步骤的审核人")
    latest = (
        Revision.objects.filter(
            base_content_type_id=workflow_state.base_content_type_id,
            object_id=workflow_state.object_id,
        )
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if latest != state.revision_id:
        return _("审核期间内容已修改，请逐条审核")
    return own_work(state, user)


def _approve_last_step(state, user, comment, now, outcome):
    """Approve, finish and publish one item, or leave it at its last step if a check
    refuses the publication (reported to the audit log, as a single approval is)."""
    try:
        with transaction.atomic():
            TaskState.objects.filter(pk=state.pk).update(
                status=TaskState.STATUS_APPROVED,
                finished_at=now,
                finished_by=user,
                comment=comment,
            )
            _log_approval(state, user, comment, None)
            workflow_state = state.workflow_state
            WorkflowState.objects.filter(pk=workflow_state.pk).update(
                status=WorkflowState.STATUS_APPROVED
            )
            workflow_state.status = WorkflowState.STATUS_APPROVED
            publish_workflow_state(workflow_state, user=user)
    except PublicationBlocked as blocked:
        report_blocked(blocked, user)
        outcome.refused.append((state, "；".join(map(str, blocked.problems))))
        return
    outcome.approved.append(state)
    outcome.published.append(state)


def _active_tasks(workflow):
    return list(
        workflow.tasks.filter(active=True).order_by("workflow_tasks__sort_order")
    )


def _next_tasks(states):
    """Task state pk → the task that follows once it is approved (None: the last),
    as Wagtail's ``get_next_task`` decides: the first active task without a
    successful state for the revision under review."""
    done = {}
    for workflow_state_id, task_id, revision_id in TaskState.objects.filter(
        workflow_state_id__in=[state.workflow_state_id for state in states],
        status__in=SUCCESSFUL,
    ).values_list("workflow_state_id", "task_id", "revision_id"):
        done.setdefault((workflow_state_id, revision_id), set()).add(task_id)
    tasks = {}
    nexts = {}
    for state in states:
        workflow = state.workflow_state.workflow
        if workflow.pk not in tasks:
            tasks[workflow.pk] = _active_tasks(workflow)
        finished = done.get((state.workflow_state_id, state.revision_id), set())
        finished = finished | {state.task_id}
        nexts[state.pk] = next(
            (task for task in tasks[workflow.pk] if task.pk not in finished), None
        )
    return nexts


def _start_tasks(starts):
    """Create the in-progress TaskState of each (workflow state, task, revision id)
    and point the workflow state at it."""
    task_states = TaskState.objects.bulk_create(
        TaskState(
            workflow_state=workflow_state,
            task=task,
            revision_id=revision_id,
            status=TaskState.STATUS_IN_PROGRESS,
        )
        for workflow_state, task, revision_id in starts
    )
    for (workflow_state, _task, _revision), task_state in zip(
        starts, task_states, strict=True
    ):
        workflow_state.current_task_state = task_state
    WorkflowState.objects.bulk_update(
        [workflow_state for workflow_state, _task, _revision in starts],
        ["current_task_state"],
    )
    return task_states


def _log_approval(state, user, comment, next_task):
    log(
        instance=_stand_in(state.revision),
        action="wagtail.workflow.approve",
        user=user,
        revision=state.revision,
        title=state.revision.object_str,
        data=_approval_data(state, comment, next_task),
    )


def _log_approvals(states, user, comment, nexts, now):
    """The entries ``_log_approval`` writes, for a whole step of a batch: built as
    Wagtail's ``log()`` builds them, inserted together per log model."""
    context = get_active_log_context()
    entries = {}
    for state in states:
        item = _stand_in(state.revision)
        model = log_registry.get_log_model_for_instance(item)
        entry = model(
            content_type=ContentType.objects.get_for_model(
                item, for_concrete_model=False
            ),
            label=state.revision.object_str,
            action="wagtail.workflow.approve",
            timestamp=now,
            data=_approval_data(state, comment, nexts[state.pk]),
            user=user or context.user,
            uuid=context.uuid,
            revision=state.revision,
        )
        if isinstance(item, Page):
            entry.page_id = item.pk
        else:
            entry.object_id = str(item.pk)
        entries.setdefault(model, []).append(entry)
    for model, rows in entries.items():
        model.objects.bulk_create(rows)


def _approval_data(state, comment, next_task):
    workflow_state = state.workflow_state
    return {
        "workflow": {
            "id": workflow_state.workflow_id,
            "title": workflow_state.workflow.name,
            "status": TaskState.STATUS_APPROVED,
            "task_state_id": state.pk,
            "task": {"id": state.task_id, "title": state.task.name},
            "next": next_task and {"id": next_task.pk, "title": next_task.name},
        },
        "comment": comment,
    }


def _stand_in(revision):
    """The revision's item as the audit log needs it (its type and key), without
    loading it."""
    model = revision.content_type.model_class()
    item = model(pk=revision.object_id)
    if isinstance(item, Page):  # the page_ptr key, and the Page's own id
        item.id = item.pk
    return item
