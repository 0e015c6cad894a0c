"""The default review workflows, as Wagtail workflows an administrator can change under
设置 → 工作流 (Wagtail's Workflows admin):

- 局机关信息发布审核: 科室审核 → 保密审查 → 主要负责人审批, for the bureau's pages (from
  every home page down) and for every snippet record type;
- 村务居务公开审核: 村(居)务监督委员会审核 → 镇(街道)审批, for the 村务居务公开 section.

A page uses the workflow of its nearest ancestor that has one, so the village section
overrides the bureau's workflow below it. ``setup_workflows`` only creates what is
missing: a workflow, task or assignment an administrator changed is left as it is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Workflow, WorkflowContentType, WorkflowPage, WorkflowTask

from content_models.disclosure.models import HomePage
from content_models.villages.models import VillageAffairsIndexPage

from . import roles
from .tasks_models import FourEyesApprovalTask

BUREAU_WORKFLOW = "局机关信息发布审核"
VILLAGE_WORKFLOW = "村务居务公开审核"

# workflow name → [(task name, reviewing group), ...] in order
WORKFLOWS = {
    BUREAU_WORKFLOW: [
        ("科室审核", roles.SECTION_REVIEWERS),
        ("保密审查", roles.SECRECY_REVIEWERS),
        ("主要负责人审批", roles.PRINCIPALS),
    ],
    VILLAGE_WORKFLOW: [
        ("村(居)务监督委员会审核", roles.VILLAGE_SUPERVISORS),
        ("镇(街道)审批", roles.TOWN_APPROVERS),
    ],
}


@transaction.atomic
def setup_publishing():
    """Groups, permissions, workflows and their assignments; safe to run again (and
    to run after new home or section pages were added, to cover them)."""
    groups = roles.ensure_groups()
    workflows = {
        name: _workflow(name, steps, groups) for name, steps in WORKFLOWS.items()
    }
    for page in HomePage.objects.all():
        WorkflowPage.objects.get_or_create(
            page=page, defaults={"workflow": workflows[BUREAU_WORKFLOW]}
        )
    for page in VillageAffairsIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(
            page=page, defaults={"workflow": workflows[VILLAGE_WORKFLOW]}
        )
    for model in roles.workflow_record_models():
        WorkflowContentType.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(model),
            defaults={"workflow": workflows[BUREAU_WORKFLOW]},
        )
    return workflows


def _workflow(name, steps, groups):
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        for order, (task_name, group_name) in enumerate(steps):
            WorkflowTask.objects.create(
                workflow=workflow,
                task=_task(task_name, groups[group_name]),
                sort_order=order,
            )
    return workflow


def _task(name, group):
    task = FourEyesApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = FourEyesApprovalTask.objects.create(name=name)
        task.groups.add(group)
    return task
