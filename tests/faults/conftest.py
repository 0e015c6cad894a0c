"""Fixtures borrowed from the other tests, so faults are injected into real work:
workflows, people in their groups and a notices section (publishing), a small
published world with rows in every dataset (open data)."""

from ..content_models.villages_factories import *  # noqa: F403 (fixtures)
from ..opendata.conftest import published_world, world  # noqa: F401
from ..publishing.conftest import notices, person, staff, workflows  # noqa: F401
