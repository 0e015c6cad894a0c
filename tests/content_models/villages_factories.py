"""Builders for the villages family's tests: the section, a village column and a
disclosure, each published the way an editor would publish it."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from content_models.villages.categories import Category, Direction
from content_models.villages.models import (
    FinanceRow,
    VillageAffairsIndexPage,
    VillageAttachment,
    VillageDisclosurePage,
    VillageIndexPage,
)
from portal.demo.helpers import publish_page, publish_reviewed

# Only the fixtures travel with ``import *``; test modules import the builders by name.
__all__ = ["column", "other_column", "section"]

PDF = b"%PDF-1.4\n%%EOF\n"


def make_section(home):
    return publish_page(
        home, VillageAffairsIndexPage(title="村务居务公开", slug="village-affairs")
    )


def make_column(section, region, **fields):
    return publish_page(section, VillageIndexPage(region=region, **fields))


def make_disclosure(column, agency, *, publish=True, rows=(), **fields):
    """A quarterly 事务公开 of 2025 Q1 unless told otherwise; title and slug standard."""
    fields.setdefault("year", 2025)
    fields.setdefault("quarter", None if fields.get("month") else 1)
    fields.setdefault("category", Category.AFFAIRS)
    fields.setdefault("body", "<p>村民代表会议讨论通过巷道硬化工程。</p>")
    page = VillageDisclosurePage(agency=agency, **fields)
    page.finance_rows = [finance_row(*row) for row in rows]
    if publish:
        return publish_page(column, page)
    page.live = False  # a draft: saved, never published
    column.add_child(instance=page)
    page.save_revision()
    return page


def finance_row(item, direction, amount, note=""):
    return FinanceRow(item=item, direction=direction, amount=Decimal(amount), note=note)


def unsaved_disclosure(column, agency, **fields):
    """A disclosure that knows its parent but is not in the tree: what the admin form
    validates before the first save."""
    fields.setdefault("year", 2025)
    fields.setdefault("category", Category.AFFAIRS)
    fields.setdefault("body", "<p>公开内容。</p>")
    page = VillageDisclosurePage(agency=agency, **fields)
    page.pending_parent = column
    page.locale = column.locale
    return page


def make_document(name, content=PDF, title="公开栏照片"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(content, name=name)
    )


def attach(page, document):
    page.attachments = [VillageAttachment(document=document)]
    publish_reviewed(page)
    page.refresh_from_db()
    return page


INCOME = Direction.INCOME
EXPENSE = Direction.EXPENSE
A_PAST_DAY = datetime.date(2025, 4, 15)


@pytest.fixture
def section(home):
    return make_section(home)


@pytest.fixture
def column(section, village):
    return make_column(section, village)


@pytest.fixture
def other_column(section, other_village):
    return make_column(section, other_village)
