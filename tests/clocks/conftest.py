"""The clocks' fixtures: a fixed today, a private folder for reply documents, staff in
their groups, and applications received on a chosen day."""

import datetime

from django.contrib.auth.models import Group

import pytest

from clocks import handling, tracking
from clocks.roles import HANDLERS
from clocks.storage import private_storage
from publishing.roles import PRINCIPALS

from .smtp import smtp_server  # noqa: F401 (a fixture: a real SMTP server)

TODAY = datetime.date(2026, 10, 20)


@pytest.fixture(autouse=True)
def private_folder(tmp_path, monkeypatch):
    folder = tmp_path / "private"
    monkeypatch.setattr(private_storage, "base_location", str(folder))
    monkeypatch.setattr(private_storage, "location", str(folder))
    return folder


@pytest.fixture
def today(monkeypatch):
    """Move today (Beijing) to ``TODAY``; call the fixture's value to move it again."""
    current = {"date": TODAY}
    monkeypatch.setattr(handling, "today", lambda: current["date"])

    def move(date):
        current["date"] = date

    move.date = lambda: current["date"]
    return move


@pytest.fixture
def person(db, django_user_model):
    def make(username, *group_names, **extra):
        user = django_user_model.objects.create_user(
            username=username, password="pw", **extra
        )
        user.groups.add(*Group.objects.filter(name__in=group_names))
        return user

    return make


@pytest.fixture
def handler(person):
    return person("handler", HANDLERS)


@pytest.fixture
def principal(person):
    return person("principal", PRINCIPALS)


@pytest.fixture
def outsider(person):
    return person("outsider")


@pytest.fixture
def make_application(db):
    """An application received on ``received_on``; returns (application, secret)."""

    def make(received_on=datetime.date(2026, 9, 28), **fields):
        values = {
            "applicant_type": "citizen",
            "name": "张三",
            "email": "zhang@example.org",
            "phone": "13812345678",
            "description": "2025年城乡低保资金发放明细",
            "delivery": "online",
            **fields,
        }
        application, secret = tracking.submit(**values)
        application.received_on = received_on
        application.save(update_fields=["received_on"])
        return application, secret

    return make
