"""Fixtures shared by the workflow and permission tests: the default workflows and
people in the groups they name."""

from django.contrib.auth.models import Group

import pytest

from content_models.disclosure.models import ArticleIndexPage
from portal.demo.helpers import publish_page
from publishing import roles
from publishing.workflows import setup_publishing

from ..content_models.villages_factories import *  # noqa: F403  (the fixtures)


@pytest.fixture
def workflows(home, section):
    return setup_publishing()


@pytest.fixture
def person(django_user_model, workflows):
    def make(username, *group_names):
        user = django_user_model.objects.create_user(username=username, password="pw")
        user.groups.add(*Group.objects.filter(name__in=group_names))
        return user

    return make


@pytest.fixture
def staff(person):
    """One person per step, plus an editor who is also a 科室 reviewer."""
    return {
        "editor": person("editor", roles.BUREAU_EDITORS, roles.SECTION_REVIEWERS),
        "section": person("section", roles.SECTION_REVIEWERS),
        "secrecy": person("secrecy", roles.SECRECY_REVIEWERS),
        "principal": person("principal", roles.PRINCIPALS),
    }


@pytest.fixture
def notices(home):
    return publish_page(home, ArticleIndexPage(title="通知公告", slug="notices"))
