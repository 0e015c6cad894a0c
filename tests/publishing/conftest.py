"""Fixtures shared by the workflow and permission tests: the default workflows and
people in the groups they name."""

from django.contrib.auth.models import Group

import pytest

from publishing.workflows import setup_publishing


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
