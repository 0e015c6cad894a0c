"""Test data for the credit family: organisations, entries and the public section.

Fixtures are imported by the ``test_credit*`` modules under their ``*_fixture`` names
(pytest knows them by ``name=``, so test arguments do not shadow the import); the builders are plain functions
so a test can make exactly the rows it talks about."""

import datetime

import pytest

from content_models.credit.models import (
    CreditIndexPage,
    CreditListEntry,
    SocialOrganisation,
)
from portal.demo.helpers import (
    credit_code,
    publish_page,
    publish_record,
    translate_page,
)

DISTRICT = "150299000000"
# GB 32100 example from ../shared/docs/DOMAIN.md section C: real-looking, fails the checksum.
BAD_CHECKSUM = "91350203M0001QAY9B"


def valid_code(kind=1, seed="test"):
    """A valid 民政 code whose second character is ``kind``."""
    return credit_code(kind, DISTRICT, seed)


def bad_code(kind=1, seed="bad"):
    """A 民政-looking code with a wrong check character."""
    good = valid_code(kind, seed)
    wrong = "0" if good[-1] != "0" else "1"
    return good[:-1] + wrong


def organisation(agency, *, publish=True, **fields):
    fields.setdefault("name", "清源区书法家协会")
    fields.setdefault("org_type", "1")
    fields.setdefault(
        "credit_code", valid_code(int(fields["org_type"]), fields["name"])
    )
    fields.setdefault("registering_authority", "清源区民政局")
    fields.setdefault("registered_on", datetime.date(2015, 5, 16))
    record = SocialOrganisation(agency=agency, **fields)
    return publish_record(record) if publish else record


def entry(org, *, publish=True, **fields):
    fields.setdefault("list_type", "abnormal")
    fields.setdefault("reason", "未按规定报送2023年度工作报告")
    fields.setdefault("legal_basis", "《社会组织信用信息管理办法》第十条第（一）项")
    fields.setdefault("deciding_authority", "清源区民政局")
    fields.setdefault("decision_number", "清民社异〔2024〕1号")
    fields.setdefault("listed_on", datetime.date(2024, 7, 2))
    record = CreditListEntry(organisation=org, agency=org.agency, **fields)
    return publish_record(record) if publish else record


def removal(
    day=datetime.date(2024, 9, 1), reason="已补报2023年度工作报告，经核实予以移出"
):
    return {
        "removed_on": day,
        "removal_reason": reason,
        "removal_authority": "清源区民政局",
        "removal_decision_number": "清民社移〔2024〕6号",
    }


def save_draft(record):
    """A record that exists only as a draft: saved, never published."""
    record.live = False
    record.save()
    record.save_revision()
    return record


@pytest.fixture(name="section")
def section_fixture(home):
    return publish_page(
        home,
        CreditIndexPage(
            title="社会组织信用信息公示", slug="credit", intro="信用名录公示"
        ),
    )


@pytest.fixture(name="section_en")
def section_en_fixture(home, section, english):
    translate_page(home, "Qingyuan Civil Affairs")  # a translation needs its parent's
    return translate_page(section, "Social Organisation Credit Lists")


@pytest.fixture(name="org")
def org_fixture(agency):
    return organisation(agency)
