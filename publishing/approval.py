"""Four eyes, as one rule for every path to the public.

The revision that goes live must have been approved, at every step of its workflow,
by people other than its submitter and anyone who wrote a revision while it was in
review (a reviewer's own edit, 一键打码 included, sends it back for another person's
approval). A workflow of several steps needs at least two different approvers: the
last approver cannot be the only reviewer of the earlier steps.

``approval_problems`` is registered as an approval check of the publication seam
(content_models/disclosure/publication.py), so it runs on the workflow's final
approval, the publish buttons, bulk actions, scheduled go-live and imports alike. The
review task (``FourEyesApprovalTask``) asks ``own_work`` so that nobody is offered an
approval the rule would refuse. The one exception is an emergency publication
(publishing/emergency.py), which is recorded and reviewed afterwards.
"""

from django.utils.translation import gettext as _

from wagtail.models import Revision, TaskState, WorkflowState

from content_models.disclosure.publication import Problem

from .emergency import is_emergency

RULE = "four_eyes"


def approval_problems(revision, user=None):
    if is_emergency(revision) is not None:
        return []
    for state in _approved_workflows(revision):
        if _approved_by_others(state, revision):
            return []
    return [
        Problem(
            _("审核"),
            _("该版本未经提交人和修改人以外的人员逐级审核通过"),
            _("请提交审核；确需立即发布的，由有紧急发布权限的人员说明理由后紧急发布"),
            rule=RULE,
        )
    ]


def _approved_workflows(revision):
    """Finished workflows with an approval of this very revision, newest first."""
    return (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_APPROVED,
            task_states__revision_id=revision.pk,
            task_states__status=TaskState.STATUS_APPROVED,
        )
        .distinct()
        .order_by("-created_at", "-pk")
    )


def _approved_by_others(state, revision):
    tasks = list(state.workflow.tasks.filter(active=True).values_list("pk", flat=True))
    approvals = dict(
        state.task_states.filter(
            revision_id=revision.pk, status=TaskState.STATUS_APPROVED
        ).values_list("task_id", "finished_by_id")
    )
    if not tasks or any(task not in approvals for task in tasks):
        return False
    approvers = [approvals[task] for task in tasks]
    excluded = interested_parties(state) | {revision.user_id}
    if None in approvers or excluded & set(approvers):
        return False
    return len(tasks) < 2 or len(set(approvers)) >= 2


def interested_parties(state):
    """Whoever submitted the workflow, wrote a revision under review, or wrote a
    revision since it started: none of them may approve what they asked for or
    changed."""
    authors = Revision.objects.filter(
        base_content_type_id=state.base_content_type_id,
        object_id=state.object_id,
        created_at__gte=state.created_at,
    ).values_list("user_id", flat=True)
    reviewed = state.task_states.values_list("revision__user_id", flat=True)
    return ({state.requested_by_id} | set(authors) | set(reviewed)) - {None}


def own_work(task_state, user):
    """Why ``user`` may not approve ``task_state`` (a sentence), or ``None``."""
    if user is None or not user.is_authenticated:
        return None
    state = task_state.workflow_state
    if user.pk in interested_parties(state):
        return _("不能审核通过自己提交或修改的内容")
    if _would_be_only_reviewer(state, task_state, user):
        return _("最后一步的审核人不能同时是此前各步骤唯一的审核人")
    return None


def _would_be_only_reviewer(state, task_state, user):
    """At the last step of a workflow of several steps: did ``user`` approve every
    earlier step of the revision under review?"""
    tasks = list(state.workflow.tasks.filter(active=True).values_list("pk", flat=True))
    if len(tasks) < 2 or task_state.task_id != tasks[-1]:
        return False
    latest = state.content_object.get_latest_revision()
    earlier = set(
        state.task_states.filter(
            task_id__in=tasks[:-1],
            status=TaskState.STATUS_APPROVED,
            revision_id=getattr(latest, "pk", None),
        ).values_list("finished_by_id", flat=True)
    )
    return earlier == {user.pk}
