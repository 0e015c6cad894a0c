"""Who may do what: groups by section (科室) and by place (village), built on Django
model permissions for the snippet records and Wagtail's subtree page permissions.

Editors add and change; they never publish. Publication is the last review step's
approval (publishing/workflows.py), and Wagtail publishes it as the approver, so the
groups that hold the last step (主要负责人, 镇(街道)审核人) are the ones given the
publish permission. Everyone else submits for review.

The group names are the defaults an administrator sees under 设置 → 用户组 and may
extend; ``ensure_groups`` only adds what is missing and never takes a permission away.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowMixin

from content_models.disclosure.models import HomePage
from content_models.regions.models import Region
from content_models.villages.models import VillageAffairsIndexPage, VillageIndexPage

BUREAU_EDITORS = "局机关编辑"
SECTION_REVIEWERS = "科室审核人"
SECRECY_REVIEWERS = "保密审查人"
PRINCIPALS = "主要负责人"
SOCIAL_ORGANISATIONS = "社会组织管理科"
CHARITY = "慈善事业促进科"
VILLAGE_SUPERVISORS = "村(居)务监督委员会"
TOWN_APPROVERS = "镇(街道)审核人"

# Each section edits its own registry and nothing else.
SECTION_MODELS = {
    SOCIAL_ORGANISATIONS: ["credit.socialorganisation", "credit.creditlistentry"],
    CHARITY: [
        "charity.charityorganisation",
        "charity.fundraisingfiling",
        "charity.annualreport",
        "charity.charityproject",
    ],
    BUREAU_EDITORS: ["plans.indicatorprogress"],
}
EDIT_ACTIONS = ("add", "change", "view")
# Subtree page permissions: editors submit (add, change), approvers publish.
PAGE_GRANTS = {
    BUREAU_EDITORS: (HomePage, ("add", "change")),
    PRINCIPALS: (HomePage, ("publish",)),
    TOWN_APPROVERS: (VillageAffairsIndexPage, ("publish",)),
}
CLERK_PAGE_ACTIONS = ("add", "change")

ALL_GROUPS = (
    BUREAU_EDITORS,
    SECTION_REVIEWERS,
    SECRECY_REVIEWERS,
    PRINCIPALS,
    SOCIAL_ORGANISATIONS,
    CHARITY,
    VILLAGE_SUPERVISORS,
    TOWN_APPROVERS,
)


def workflow_record_models():
    """The snippet models that go through a workflow (credit, charity, plans)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, WorkflowMixin)
        and not issubclass(model, Page)
        and model.__module__.startswith("content_models.")
    ]


@transaction.atomic
def ensure_groups():
    """Create the default groups with their permissions; return them by name."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_GROUPS}
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in groups.values():
        group.permissions.add(admin_access)
    for name, labels in SECTION_MODELS.items():
        groups[name].permissions.add(
            *[
                model_permission(label, action)
                for label in labels
                for action in EDIT_ACTIONS
            ]
        )
    groups[PRINCIPALS].permissions.add(
        *[
            model_permission(model._meta.label_lower, "publish")
            for model in workflow_record_models()
        ]
    )
    for name, (page_model, actions) in PAGE_GRANTS.items():
        for page in page_model.objects.all():
            grant_pages(groups[name], page, actions)
    return groups


def model_permission(label, action):
    app_label, model_name = label.split(".")
    content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    return Permission.objects.get(
        content_type=content_type, codename=f"{action}_{model_name}"
    )


def grant_pages(group, page, actions):
    """``actions`` (add, change, publish, …) on ``page`` and everything below it."""
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            ),
        )


def village_group_name(region):
    kind = "居务" if region.kind == "社区" else "村务"
    return f"{region.name}{kind}公开"


@transaction.atomic
def village_group(region):
    """The group of one village's clerks: add and change on that village's columns
    (in every language), nothing elsewhere, no publish."""
    columns = VillageIndexPage.objects.filter(region=region)
    if not columns.exists():
        raise VillageWithoutColumn(region)
    group, _created = Group.objects.get_or_create(name=village_group_name(region))
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for column in columns:
        grant_pages(group, column, CLERK_PAGE_ACTIONS)
    return group


def grant_village(user, village_code):
    """Make ``user`` a clerk of the village with 统计用区划代码 ``village_code``."""
    region = Region.objects.get(code=village_code)
    group = village_group(region)
    user.groups.add(group)
    return group


class VillageWithoutColumn(LookupError):
    def __init__(self, region):
        super().__init__(f"{region.code} {region.name}: no VillageIndexPage")
        self.region = region


# -- review roles held by one person ------------------------------------------------


def users_holding_every_step(workflow):
    """The active users who are in a group of every active step of ``workflow``.

    Four eyes keeps people from approving their own work, but someone who holds every
    step approves anyone else's submission alone, from the first step to publication:
    the review then rests on one person. Only group membership counts; superusers may
    approve anything by design and are left out. A workflow of fewer than two steps, or
    with a step that no group holds (a task of another kind), has nothing to report."""
    step_groups = []
    for task in workflow.tasks.filter(active=True):
        groups = getattr(task.specific, "groups", None)
        group_ids = list(groups.values_list("pk", flat=True)) if groups else []
        if not group_ids:
            return []
        step_groups.append(group_ids)
    if len(step_groups) < 2:
        return []
    users = get_user_model().objects.filter(is_active=True)
    for group_ids in step_groups:
        # One filter() per step: each step may be held through a different group.
        users = users.filter(groups__in=group_ids)
    return list(users.distinct().order_by(get_user_model().USERNAME_FIELD))


def workflows_held_by_one_person():
    """[(workflow, [users])] for every active workflow some user holds entirely."""
    found = []
    for workflow in Workflow.objects.filter(active=True).order_by("name"):
        users = users_holding_every_step(workflow)
        if users:
            found.append((workflow, users))
    return found
