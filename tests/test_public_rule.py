"""One public rule, read the same way by every reader.

Every item of every public model is walked through each reader — the rule itself
(``is_public`` and ``public_items``), the page at its address, search's documents, the
ledger's last word and the open-data catalogue — after parents were taken down
(an organisation and a charity unpublished, a plan unpublished) so that the
children's publicity depends on the parent alone."""

from django.utils import translation

import pytest

from content_models.disclosure.public import (
    disclosure_models,
    is_public,
    item_key,
    public_items,
    public_models,
)
from opendata.datasets import DATASETS
from publishing.ledger import latest_for
from search.documents import KIND_LABELS, documents_for

from .opendata.conftest import published_world, world  # noqa: F401  (fixtures)


@pytest.fixture
def parents_down(world):  # noqa: F811 (the fixture imported above)
    """The organisation, the charity and the plan unpublished the way an editor
    would, leaving their entries, records and progress figures live themselves."""
    built = world
    for parent in (built.org, built.charity, built.plan):
        parent.unpublish()
    return built


def every_item():
    for model in public_models():
        rows = model._default_manager.all()
        if hasattr(rows, "specific"):
            rows = rows.specific()
        yield from (row for row in rows if type(row) is model)


def catalogue_keys():
    return {
        f"{label}:{pk}"
        for label, rows in DATASETS["disclosure-catalogue"].select()
        for pk in rows.values_list("pk", flat=True)
    }


def test_every_reader_agrees_with_the_public_rule(client, parents_down):
    down = parents_down
    catalogued = catalogue_keys()
    children = [down.current, down.filing, down.report, down.project]
    seen_children = 0
    for item in every_item():
        key = item_key(item)
        public = is_public(item)
        model = type(item)
        assert public_items(model).filter(pk=item.pk).exists() == public, key
        last = latest_for(key)
        recorded_public = last is not None and last.action != "withdrawal"
        assert recorded_public == public, key
        if model in disclosure_models():
            assert (key in catalogued) == public, key
        record = item.as_public_record()
        if record.kind in KIND_LABELS:
            with translation.override(record.language):
                assert bool(documents_for(item)) == (public and bool(record.url)), key
        if record.url and "#" not in record.url:
            status = client.get(record.url).status_code
            assert (status == 200) == public, (key, status)
        if any(item_key(child) == key for child in children):
            seen_children += 1
            assert item.live and not public  # live itself, but its parent is down
    assert seen_children == len(children)


def test_republishing_the_parent_brings_its_children_back_everywhere(
    client, parents_down
):
    from portal.demo.helpers import publish_reviewed

    entry = parents_down.current
    publish_reviewed(parents_down.org)
    entry.refresh_from_db()
    assert is_public(entry)
    assert latest_for(item_key(entry)).action != "withdrawal"
    assert item_key(entry) in catalogue_keys()
    assert client.get(entry.as_public_record().url).status_code == 200
