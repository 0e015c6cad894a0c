"""The review step of our workflows: Wagtail's group approval, with four eyes.

GOV.UK Whitehall's rule, "you cannot publish what you submitted", enforced in code: the
person who submitted the workflow, or wrote a revision while it was in review, is never
offered approve, never sees the step in their review queue, and is refused if they call
the action directly (the rule itself: publishing/approval.py). They may still reject
(ask for changes) or cancel their submission.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupApprovalTask, TaskState

from .approval import own_work


class FourEyesApprovalTask(GroupApprovalTask):
    """Members of the chosen groups approve, except whoever submitted or wrote the
    revision under review."""

    class Meta:
        verbose_name = _("双人审核任务")
        verbose_name_plural = _("双人审核任务")

    @classmethod
    def get_description(cls):
        return _("所选用户组的成员可以审核通过，但提交人和修改人不能审核自己的内容")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        state = _current_task_state(obj, self)
        if state is not None and own_work(state, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        refusal = own_work(task_state, user) if action_name == "approve" else None
        if refusal:
            raise PermissionDenied(refusal)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(
            revision__user=user
        )


def _current_task_state(obj, task):
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None:
        return None
    state = workflow_state.current_task_state
    if state is None or state.task_id != task.pk:
        return None
    if state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    return state
