"""Builders for charity test data: valid by default, any field overridable."""

import datetime
from decimal import Decimal

from content_models.charity.models import (
    AnnualReport,
    CharityIndexPage,
    CharityOrganisation,
    CharityProject,
    FundraisingFiling,
    ProgressReport,
)
from portal.demo.helpers import credit_code, publish_page, publish_record

D = datetime.date


def code(seed, kind=3):
    return credit_code(kind, "150299000000", seed)


def section(home):
    return publish_page(home, CharityIndexPage(title="慈善信息", slug="charity"))


def charity(agency, *, publish=True, **fields):
    """A 公募 foundation with tax-deduction status for 2024–2030 unless overridden."""
    values = {
        "name": "清源区助学基金会",
        "credit_code": code(
            fields.get("name", "助学"), int(fields.get("org_type", "3"))
        ),
        "org_type": "3",
        "registering_authority": "清源区民政局",
        "registered_on": D(2011, 9, 9),
        "recognised_on": D(2016, 12, 15),
        "public_fundraising_since": D(2018, 4, 10),
        "tax_deductible_from": 2024,
        "tax_deductible_until": 2030,
        "address": "清源区文昌街16号",
        "agency": agency,
    }
    values.update(fields)
    return _finish(CharityOrganisation(**values), publish)


def filing(org, *, serial=1, publish=True, **fields):
    filed = fields.get("filed_on", D(2025, 6, 20))
    values = {
        "charity": org,
        "filing_number": f"{org.credit_code}{filed.year % 100:02d}{serial:03d}",
        "title": "“圆梦清源”2025年秋季助学募捐",
        "purpose": "资助困难家庭大学新生。",
        "filed_on": filed,
        "starts_on": D(2025, 7, 1),
        "ends_on": D(2025, 9, 15),
        "target_amount": Decimal("200000"),
        "status": "已结束",
        "agency": org.agency,
    }
    values.update(fields)
    return _finish(FundraisingFiling(**values), publish)


def report(org, year=2024, *, publish=True, **fields):
    values = {
        "charity": org,
        "year": year,
        "total_income": Decimal("2000000"),
        "donation_income": Decimal("1800000"),
        "total_spending": Decimal("1800000"),
        "charitable_spending": Decimal("1600000"),
        "management_costs": Decimal("120000"),
        "net_assets": Decimal("5000000"),
        "audited": True,
        "agency": org.agency,
    }
    values.update(fields)
    return _finish(AnnualReport(**values), publish)


def project(org, *, reports=(), publish=True, **fields):
    values = {
        "charity": org,
        "project_number": "XM1502992025003",
        "title": "“圆梦清源”大学新生资助项目",
        "status": "实施中",
        "starts_on": D(2025, 7, 1),
        "ends_on": D(2026, 6, 30),
        "budget": Decimal("200000"),
        "description": "<p>资助考入高等院校的困难家庭新生。</p>",
        "agency": org.agency,
    }
    values.update(fields)
    record = CharityProject(**values)
    for day, text, spent in reports:
        record.progress_reports.add(
            ProgressReport(reported_on=day, text=text, amount_spent=Decimal(spent))
        )
    return _finish(record, publish)


def draft(record):
    """Save an unsaved record as a draft that was never published."""
    record.live = False
    record.save()
    record.save_revision()
    return record


def _finish(record, publish):
    """Published records are saved and published; others are returned unsaved."""
    return publish_record(record) if publish else record
