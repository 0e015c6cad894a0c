"""One person in every group of a workflow's steps can approve someone else's
submission alone, step after step: the dashboard warns superusers."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Workflow

import pytest

from publishing import roles
from publishing.workflows import BUREAU_WORKFLOW, VILLAGE_WORKFLOW

from ..content_models.villages_factories import *  # noqa: F403  (the fixtures)

BUREAU_STEPS = (roles.SECTION_REVIEWERS, roles.SECRECY_REVIEWERS, roles.PRINCIPALS)
HEADING = "一人兼任全部审核步骤"


@pytest.fixture
def bureau(workflows):
    return Workflow.objects.get(name=BUREAU_WORKFLOW)


@pytest.fixture
def village_workflow(workflows):
    return Workflow.objects.get(name=VILLAGE_WORKFLOW)


def test_nobody_holds_every_step_when_the_steps_are_separate(person, bureau):
    person("section", roles.SECTION_REVIEWERS, roles.BUREAU_EDITORS)
    person("secrecy", roles.SECRECY_REVIEWERS)
    person("two-of-three", roles.SECTION_REVIEWERS, roles.PRINCIPALS)
    assert roles.users_holding_every_step(bureau) == []


def test_a_member_of_all_three_bureau_groups_is_found(person, bureau, village_workflow):
    everyone = person("everyone", *BUREAU_STEPS)
    person("principal", roles.PRINCIPALS)
    assert roles.users_holding_every_step(bureau) == [everyone]
    assert roles.users_holding_every_step(village_workflow) == []


def test_any_group_of_a_step_counts_for_that_step(person, bureau):
    # An administrator added the 保密审查人 group to the first step too.
    first = bureau.tasks.first().specific
    first.groups.add(Group.objects.get(name=roles.SECRECY_REVIEWERS))
    both = person("both", roles.SECRECY_REVIEWERS, roles.PRINCIPALS)
    assert roles.users_holding_every_step(bureau) == [both]


def test_inactive_users_and_inactive_steps_are_left_out(person, bureau):
    gone = person("gone", *BUREAU_STEPS)
    gone.is_active = False
    gone.save()
    assert roles.users_holding_every_step(bureau) == []
    pair = person("pair", roles.SECTION_REVIEWERS, roles.SECRECY_REVIEWERS)
    last = bureau.tasks.last()
    last.active = False
    last.save()
    assert roles.users_holding_every_step(bureau) == [pair]


# -- the dashboard panel ------------------------------------------------------------------


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_panel_lists_the_person_and_the_workflow(admin_client, person, bureau):
    everyone = person("zhang-san", *BUREAU_STEPS)
    everyone.first_name, everyone.last_name = "三", "张"
    everyone.save()
    html = dashboard(admin_client)
    assert HEADING in html
    assert BUREAU_WORKFLOW in html and VILLAGE_WORKFLOW not in html
    assert "zhang-san" in html
    assert reverse("wagtailusers_users:edit", args=[everyone.pk]) in html
    assert reverse("wagtailadmin_workflows:edit", args=[bureau.pk]) in html


def test_no_panel_when_the_steps_are_held_by_different_people(
    admin_client, person, bureau
):
    for name, group in zip(("a", "b", "c"), BUREAU_STEPS, strict=True):
        person(name, group)
    assert HEADING not in dashboard(admin_client)


def test_the_panel_is_never_shown_to_other_users(client, person, bureau):
    # Even to the very person it is about: only superusers change group membership.
    everyone = person("everyone", *BUREAU_STEPS)
    client.force_login(everyone)
    assert HEADING not in dashboard(client)
