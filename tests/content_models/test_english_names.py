"""Agencies and categories show the English name an administrator gave on English
pages, the Chinese name everywhere else and wherever no English name is given."""

from django.utils import translation

import pytest

from content_models.disclosure.models import Agency, Topic


@pytest.fixture
def topics(db):
    parent = Topic.objects.create(code="mz", name="民政", name_en="Civil affairs")
    child = Topic.objects.create(code="mz-gh", name="发展规划", parent=parent)
    return parent, child


@pytest.mark.parametrize("language", ["en", "en-gb", "EN"])
def test_english_readers_get_the_english_name(topics, language):
    parent, _child = topics
    with translation.override(language):
        assert parent.display_name == "Civil affairs"


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "fr"])
def test_other_readers_get_the_chinese_name(topics, language):
    parent, child = topics
    with translation.override(language):
        assert parent.display_name == "民政"
        assert child.display_path == "民政\\发展规划" == child.path


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_english_name_falls_back_to_chinese(topics, blank):
    parent, child = topics
    parent.name_en = blank
    with translation.override("en"):
        assert parent.display_name == "民政"
        assert child.display_path == "民政\\发展规划"


def test_a_path_mixes_languages_where_only_some_names_are_translated(topics):
    _parent, child = topics
    with translation.override("en"):
        assert child.display_path == "Civil affairs\\发展规划"
    assert str(child) == "民政\\发展规划"  # the admin's and exports' name stays Chinese


def test_agency_english_name(db):
    agency = Agency(name="清源区民政局", name_en="Qingyuan Civil Affairs Bureau")
    with translation.override("en"):
        assert agency.display_name == "Qingyuan Civil Affairs Bureau"
    with translation.override("zh-hans"):
        assert agency.display_name == "清源区民政局"
