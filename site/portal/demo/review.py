"""The demo bureau's staff, and how the demo publishes: as in the admin, an editor
writes each item and submits it to its workflow, and other people approve each step
(never the submitter: four eyes). Wagtail's audit log therefore shows the review, and
the public ledger has an entry for every published item.

The approvals call Wagtail's workflow API directly rather than the admin over HTTP,
which keeps loading the demo fast; inside ``Review.batch()`` items are submitted and
approved together, step by step, as reviewers do with a batch in the admin
(publishing/bulk_review.py). The demo staff have no usable password: an
administrator sets one to sign in as them.
"""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page, TaskState, WorkflowState

from publishing import bulk_review, roles
from publishing.workflows import WORKFLOWS, setup_publishing

from .helpers import backdate

# username, name shown in the audit log, groups
STAFF = [
    ("demo-editor", "办公室信息员", [roles.BUREAU_EDITORS]),
    ("demo-social-orgs", "社会组织管理科科员", [roles.SOCIAL_ORGANISATIONS]),
    ("demo-charity", "慈善事业促进科科员", [roles.CHARITY]),
    ("demo-section-reviewer", "科室负责人", [roles.SECTION_REVIEWERS]),
    ("demo-secrecy-reviewer", "保密审查员", [roles.SECRECY_REVIEWERS]),
    ("demo-principal", "分管局领导", [roles.PRINCIPALS]),
    ("demo-supervisor", "村务监督委员会主任", [roles.VILLAGE_SUPERVISORS]),
    ("demo-town-approver", "镇（街道）民政助理", [roles.TOWN_APPROVERS]),
]


class Review:
    """Publishes demo items through their workflows, approved by the demo staff."""

    def __init__(self, staff):
        self.staff = staff
        self._approvers = {}
        self._batch = None  # [(item, editor)] while a batch is open

    @property
    def editor(self):
        return self.staff["demo-editor"]

    @property
    def social_organisations(self):
        return self.staff["demo-social-orgs"]

    @property
    def charity(self):
        return self.staff["demo-charity"]

    def page(self, parent, page, editor=None):
        """Add ``page`` under ``parent`` as a draft, then review and publish it (at
        the end of the batch, inside one)."""
        page.live = False
        parent.add_child(instance=page)
        if self._defer(page, editor or self.editor):
            return page
        self.publish(page, editor or self.editor)
        backdate(page)
        page.refresh_from_db()
        return page

    def record(self, record, editor):
        """Save a snippet record as a draft, then review and publish it (at the end
        of the batch, inside one)."""
        record.live = False
        record.save()
        if self._defer(record, editor):
            return record
        self.publish(record, editor)
        record.refresh_from_db()
        return record

    @contextmanager
    def batch(self):
        """Pages and records added inside are submitted when the block ends, all
        together, and each step of their review approved for all of them at once."""
        self._batch = []
        try:
            yield
            pending = self._batch
        finally:
            self._batch = None
        self.publish_all(pending)

    def _defer(self, item, editor):
        if self._batch is None:
            return False
        # A page was cleaned when it was added a moment ago; a record is cleaned here.
        item.save_revision(user=editor, clean=not isinstance(item, Page))
        self._batch.append((item, editor))
        return True

    def publish_all(self, pending):
        """Submit each (item, editor)'s latest revision as that editor, then approve
        step after step in bulk, never by the item's submitter."""
        by_editor = {}
        for item, editor in pending:
            by_editor.setdefault(editor, []).append(item)
        for editor, items in by_editor.items():
            _succeeded(bulk_review.submit_all(items, editor))
        keys = {(type(item)._meta.label_lower, str(item.pk)) for item, _e in pending}
        while True:
            waiting = [
                state
                for state in TaskState.objects.filter(
                    status=TaskState.STATUS_IN_PROGRESS,
                    workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
                ).select_related(
                    "task",
                    "workflow_state__requested_by",
                    "workflow_state__content_type",
                )
                if _key(state.workflow_state) in keys
            ]
            if not waiting:
                break
            by_approver = {}
            for state in waiting:
                submitter = state.workflow_state.requested_by
                approver = self.approver(state.task.specific, submitter)
                by_approver.setdefault(approver, []).append(state)
            for approver, states in by_approver.items():
                _succeeded(bulk_review.approve_all(states, approver))
        for item, _editor in pending:
            backdate(item)

    def publish(self, item, editor=None):
        """Submit the item's latest content as ``editor`` and approve every step."""
        editor = editor or self.editor
        item.save_revision(user=editor)
        workflow = item.get_workflow()
        if workflow is None or workflow.name not in WORKFLOWS:
            setup_publishing()  # a home page added since the workflows were assigned
            # A fresh copy: the item caches that it had no workflow of its own.
            workflow = type(item).objects.get(pk=item.pk).get_workflow()
        current = item.current_workflow_state
        if current is not None:  # submitted before and still in review: start afresh
            current.cancel(user=editor)
        state = workflow.start(item, editor)
        while state.status == WorkflowState.STATUS_IN_PROGRESS:
            task_state = state.current_task_state
            task = task_state.task.specific
            task.on_action(task_state, self.approver(task, editor), "approve")
            state.refresh_from_db()

    def approver(self, task, submitter):
        if task.pk not in self._approvers:
            group_ids = set(task.groups.values_list("pk", flat=True))
            self._approvers[task.pk] = [
                user
                for user in self.staff.values()
                if group_ids & {group.pk for group in user.groups.all()}
            ]
        return next(u for u in self._approvers[task.pk] if u != submitter)

    def clerk(self, region):
        """The clerk of a village or community, allowed to edit only its column."""
        username = f"demo-clerk-{region.code}"
        if username not in self.staff:
            user = _user(username, f"{region.name}信息员")
            roles.grant_village(user, region.code)
            self.staff[username] = user
        return self.staff[username]


def _key(workflow_state):
    model = workflow_state.content_type.model_class()
    return model._meta.label_lower, workflow_state.object_id


def _succeeded(outcome):
    if outcome.refused:
        raise RuntimeError(f"demo review refused: {outcome.refused[:3]}")


def default_review():
    """The demo staff's review, set up first if they are missing."""
    staff = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=[username for username, _name, _groups in STAFF]
        )
    }
    return Review(staff) if len(staff) == len(STAFF) else load_staff()


def load_staff():
    """The groups and workflows (``setup_publishing``), and the demo staff."""
    setup_publishing()
    staff = {}
    for username, name, group_names in STAFF:
        user = _user(username, name)
        user.groups.add(*Group.objects.filter(name__in=group_names))
        staff[username] = user
    return Review(staff)


def _user(username, name):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": name}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
