"""Datasets are marked changed exactly when their rows may change (the source of the
downloads' ETag and Last-Modified)."""

import datetime

import pytest

from content_models.credit.entries import CreditListEntry
from opendata.changes import state_of
from opendata.datasets import DATASETS
from portal.demo.helpers import publish_reviewed
from tests.content_models import credit_factories as credit
from tests.content_models import plans_factories as plans


def generations():
    return {slug: state_of(dataset).generation for slug, dataset in DATASETS.items()}


def changed_since(before):
    after = generations()
    return {slug for slug in after if after[slug] != before[slug]}


@pytest.fixture
def before(world):
    return generations()


def test_publishing_a_record_marks_its_datasets_only(world, before):
    credit.entry(world.org, listed_on=datetime.date(2024, 3, 1))
    assert changed_since(before) == {
        "credit-list-current",
        "credit-list-history",
        "disclosure-catalogue",
    }


def test_renaming_an_organisation_marks_the_lists_that_show_its_name(world, before):
    world.org.name = "清源区书画家协会"
    publish_reviewed(world.org)
    assert changed_since(before) == {
        "social-organisations",
        "credit-list-current",
        "credit-list-history",
        "disclosure-catalogue",
    }


def test_a_draft_marks_nothing(world, before):
    world.current.reason = "草稿中的修改"
    world.current.save_revision()
    plans.add_progress(world.progress.indicator, 2025, 3, "44", publish=False)
    assert changed_since(before) == set()


def test_unpublishing_and_deleting_mark_the_dataset(world, before):
    world.current.unpublish()
    assert "credit-list-current" in changed_since(before)
    again = generations()
    CreditListEntry.objects.get(pk=world.removed.pk).delete()
    assert "credit-list-history" in changed_since(again)


def test_a_page_publication_marks_its_datasets(world, before):
    publish_reviewed(world.disclosure)
    assert changed_since(before) == {"village-finance", "disclosure-catalogue"}
    again = generations()
    publish_reviewed(world.plan)
    assert changed_since(again) == {
        "plan-indicators",
        "indicator-progress",
        "disclosure-catalogue",
    }


def test_renaming_a_region_marks_every_dataset_that_shows_regions(world, village):
    before = generations()
    village.name = "红旗嘎查"
    village.save()
    changed = changed_since(before)
    assert {"regions", "credit-list-history", "village-finance"} <= changed


def test_the_mark_moves_the_time_forward(world):
    dataset = DATASETS["credit-list-current"]
    first = state_of(dataset).changed_at
    credit.entry(world.org, listed_on=datetime.date(2024, 4, 1))
    assert state_of(dataset).changed_at >= first
    assert state_of(dataset).generation > 0
