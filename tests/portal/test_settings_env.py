"""Settings read from the environment say which variable is wrong and why."""

from django.core.exceptions import ImproperlyConfigured

import pytest

from portal.settings.env import env_counts, env_int


def test_counts_are_read_as_code_and_number(monkeypatch):
    monkeypatch.setenv("CLOCKS_PUBLICITY_GENRES", " gs:7 , db: 5")
    assert env_counts("CLOCKS_PUBLICITY_GENRES") == {"gs": 7, "db": 5}
    monkeypatch.delenv("CLOCKS_PUBLICITY_GENRES")
    assert env_counts("CLOCKS_PUBLICITY_GENRES") == {}


@pytest.mark.parametrize("value", ["gs", "gs:", ":7", "gs:seven", "gs:-1"])
def test_a_malformed_count_names_the_variable_and_the_item(monkeypatch, value):
    monkeypatch.setenv("CLOCKS_PUBLICITY_GENRES", value)
    with pytest.raises(ImproperlyConfigured, match="CLOCKS_PUBLICITY_GENRES"):
        env_counts("CLOCKS_PUBLICITY_GENRES")


def test_whole_numbers(monkeypatch):
    monkeypatch.setenv("VILLAGE_DISCLOSURE_DUE_DAY", "15")
    assert env_int("VILLAGE_DISCLOSURE_DUE_DAY", 20) == 15
    monkeypatch.setenv("VILLAGE_DISCLOSURE_DUE_DAY", "fifteen")
    with pytest.raises(ImproperlyConfigured, match="VILLAGE_DISCLOSURE_DUE_DAY"):
        env_int("VILLAGE_DISCLOSURE_DUE_DAY", 20)
