"""批量审核通过 in the admin: a bulk action on page and record listings that approves
the current step of every selected item the reviewer may approve, through
``bulk_review.approve_all`` (the same rules as one approval, item by item)."""

from django.shortcuts import redirect
from django.utils.functional import classproperty
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import TaskState, WorkflowState
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .bulk_review import approve_all
from .roles import workflow_record_models


def current_task_state(item):
    """The in-progress step of ``item``'s review, or None."""
    workflow_state = item.current_workflow_state
    if (
        workflow_state is None
        or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
    ):
        return None
    state = workflow_state.current_task_state
    if state is None or state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    return state


class ApproveStep:
    """What the page and the record variants share."""

    display_name = gettext_lazy("审核通过")
    action_type = "approve-step"
    aria_label = gettext_lazy("审核通过所选内容的当前审核步骤")
    template_name = "publishing/bulk_actions/confirm_approve_step.html"
    action_priority = 30

    def check_perm(self, item):
        """Offered only where the reviewer may approve (the task's groups, not one's
        own work); ``approve_all`` checks every rule again."""
        state = current_task_state(item)
        if state is None:
            return False
        actions = state.task.specific.get_actions(item, self.request.user)
        return any(name == "approve" for name, *_rest in actions)

    def object_context(self, item):
        context = super().object_context(item)
        state = current_task_state(item)
        context["step"] = state.task.name if state else ""
        return context

    def form_valid(self, form):
        items, _without_access = self.get_actionable_objects()
        states = [state for state in map(current_task_state, items) if state]
        outcome = approve_all(states, self.request.user)
        if outcome.approved:
            messages.success(self.request, _summary(outcome))
        for state, reason in outcome.refused:
            messages.error(
                self.request,
                _("“%(title)s”未通过：%(reason)s")
                % {"title": state.revision.object_str, "reason": reason},
            )
        return redirect(self.next_url)


class ApprovePageStep(ApproveStep, PageBulkAction):
    pass


class ApproveRecordStep(ApproveStep, SnippetBulkAction):
    @classproperty
    def models(cls):  # read when the registry is first scanned, as Wagtail's are
        return workflow_record_models()


def _summary(outcome):
    approved, published = len(outcome.approved), len(outcome.published)
    text = ngettext(
        "%(count)d 项已审核通过当前步骤", "%(count)d 项已审核通过当前步骤", approved
    ) % {"count": approved}
    if published:
        text += _("，其中 %(count)d 项已发布") % {"count": published}
    return text
