"""A small published world with rows in every dataset, plus drafts and unpublished
items that must never appear (building it is much faster than loading the demo).
It is built once per test process and shared (tests/shared_worlds.py)."""

import datetime
from dataclasses import dataclass, fields, replace

import pytest

from content_models.credit.pages import CreditIndexPage
from content_models.villages.categories import Category
from portal.demo.helpers import publish_page
from tests.content_models import charity_factories as charities
from tests.content_models import credit_factories as credit
from tests.content_models import plans_factories as plans
from tests.content_models import villages_factories as villages
from tests.places import (
    the_agency,
    the_district,
    the_genre,
    the_home,
    the_topic,
    the_village,
)
from tests.shared_worlds import shared_world


@dataclass
class World:
    org: object
    current: object  # a credit-list entry still on the list
    removed: object  # one removed from it
    charity: object
    filing: object
    report: object
    project: object
    disclosure: object  # a village finance disclosure with rows
    plan: object
    progress: object
    drafts: list  # saved, never published: must not appear anywhere


@pytest.fixture
def world(published_world):
    """The shared world, each object read afresh: a test that changes one in memory
    leaves the next test's copy alone."""
    return replace(
        published_world,
        **{
            f.name: fresh(getattr(published_world, f.name))
            for f in fields(published_world)
        },
    )


def fresh(value):
    if isinstance(value, list):
        return [fresh(item) for item in value]
    return type(value)._default_manager.get(pk=value.pk)


@shared_world
def published_world():
    home, agency, district = the_home(), the_agency(), the_district()
    village, topic, genre = the_village(), the_topic(), the_genre()
    publish_page(home, CreditIndexPage(title="信用信息", slug="credit"))
    charities.section(home)
    org = credit.organisation(agency, region=village)
    current = credit.entry(org)
    removed = credit.entry(
        org,
        list_type="abnormal",
        listed_on=datetime.date(2023, 7, 3),
        decision_number="清民社异〔2023〕1号",
        **credit.removal(datetime.date(2023, 9, 12)),
    )
    hidden_org = credit.organisation(agency, name="草稿协会", publish=False)
    charity = charities.charity(agency, region=district)
    filing = charities.filing(charity)
    report = charities.report(charity)
    project = charities.project(charity)

    column = villages.make_column(villages.make_section(home), village)
    disclosure = villages.make_disclosure(
        column,
        agency,
        year=2025,
        quarter=2,
        category=Category.FINANCE,
        rows=[
            ("上级转移支付", "income", "120000.00"),
            ("巷道硬化工程", "expense", "86500.50", "=SUM(A1:A9)"),
        ],
    )
    plan_section = plans.PlanIndexPage(title="发展规划", slug="plans")
    plan = publish_page(
        publish_page(home, plan_section),
        plans.build_plan(agency, slug="fyp", topic=topic, genre=genre),
    )
    indicator = plans.indicator_named(plan, "养老机构护理型床位占比")
    progress = plans.add_progress(indicator, 2025, 1, "41.5")
    drafts = [
        credit.save_draft(hidden_org),
        plans.add_progress(indicator, 2025, 2, "43", publish=False),
        charities.draft(charities.report(charity, 2025, publish=False)),
    ]
    return World(
        org=org,
        current=current,
        removed=removed,
        charity=charity,
        filing=filing,
        report=report,
        project=project,
        disclosure=disclosure,
        plan=plan,
        progress=progress,
        drafts=drafts,
    )
