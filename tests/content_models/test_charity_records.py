from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from content_models.charity import rules
from content_models.charity.models import AnnualReport

from . import charity_factories as make
from .charity_factories import D


@pytest.fixture
def foundation(agency):
    return make.charity(agency)


@pytest.fixture
def association(agency):
    """A recognised charity without the public fundraising qualification."""
    return make.charity(
        agency,
        name="清源区夕阳红养老服务中心",
        org_type="2",
        credit_code=make.code("夕阳红", kind=2),
        public_fundraising_since=None,
        tax_deductible_from=None,
        tax_deductible_until=None,
    )


def errors_of(record):
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    return error.value.message_dict


# --- 募捐方案备案 -------------------------------------------------------------


def test_a_valid_filing_passes(foundation):
    make.filing(foundation, publish=False).full_clean()


def test_filing_needs_the_qualification_on_its_start_day(foundation, association):
    early = make.filing(
        foundation,
        filed_on=D(2018, 3, 1),
        starts_on=D(2018, 4, 9),
        ends_on=D(2018, 5, 1),
        publish=False,
    )
    message = errors_of(early)["starts_on"][0]
    assert "清源区助学基金会" in message and "2018-04-09" in message
    early.starts_on = D(2018, 4, 10)
    early.full_clean()
    assert "starts_on" in errors_of(make.filing(association, publish=False))


def test_filing_is_filed_ten_days_ahead_unless_an_emergency(foundation):
    late = make.filing(foundation, filed_on=D(2025, 6, 22), serial=2, publish=False)
    assert "2025-06-21" in errors_of(late)["filed_on"][0]
    late.filed_on = D(2025, 6, 21)
    late.full_clean()
    emergency = make.filing(
        foundation, emergency=True, filed_on=D(2025, 7, 11), serial=3, publish=False
    )
    emergency.full_clean()  # within ten days after the start (《慈善法》第七十三条)
    emergency.filed_on = D(2025, 7, 12)
    assert "filed_on" in errors_of(emergency)


def test_filing_dates_and_target(foundation):
    record = make.filing(
        foundation, ends_on=D(2025, 6, 30), target_amount=Decimal("0"), publish=False
    )
    errors = errors_of(record)
    assert "2025-06-30" in errors["ends_on"][0]
    assert "0" in errors["target_amount"][0]


@pytest.mark.parametrize(
    ("number", "fragment"),
    [("12345", "格式不正确"), ("{other}25001", "前18位"), ("{own}24001", "年份24")],
)
def test_filing_number_shape(foundation, number, fragment):
    other = make.code("别的组织")
    number = number.format(own=foundation.credit_code, other=other)
    record = make.filing(foundation, filing_number=number, publish=False)
    assert fragment in " ".join(errors_of(record)["filing_number"])


def test_filing_number_is_unique(foundation):
    first = make.filing(foundation)
    copy = make.filing(foundation, title="重复", publish=False)
    assert "filing_number" in errors_of(copy)
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.filing_number = first.filing_number
        copy.save()


def test_article_79_applies_to_campaigns_over_six_months(foundation):
    short = make.filing(
        foundation, starts_on=D(2025, 7, 1), ends_on=D(2025, 12, 31), publish=False
    )
    assert not short.needs_quarterly_reports
    long = make.filing(
        foundation, starts_on=D(2025, 7, 1), ends_on=D(2026, 1, 1), publish=False
    )
    assert long.needs_quarterly_reports
    assert long.final_report_due == D(2026, 4, 1)


def test_month_arithmetic_clamps_to_month_end():
    assert rules.add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert rules.add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)


# --- 年度报告 -----------------------------------------------------------------


def test_a_valid_report_passes(foundation):
    make.report(foundation, publish=False).full_clean()


def test_report_amounts_are_not_negative(foundation):
    record = make.report(foundation, net_assets=Decimal("-1"), publish=False)
    message = errors_of(record)["net_assets"][0]
    assert "年末净资产" in message and "-1" in message


def test_donations_within_income_and_parts_within_spending(foundation):
    record = make.report(
        foundation,
        donation_income=Decimal("2000001"),
        charitable_spending=Decimal("1700000"),
        publish=False,
    )
    errors = errors_of(record)
    assert "2000001" in errors["donation_income"][0]
    assert "1820000" in errors["charitable_spending"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def test_fundraising_charities_must_be_audited(foundation, association):
    record = make.report(foundation, audited=False, publish=False)
    assert "2024" in errors_of(record)["audited"][0]
    # Before it held the qualification (2018) the audit is not required by Art. 78.
    make.report(foundation, year=2017, audited=False, publish=False).full_clean()
    make.report(association, audited=False, publish=False).full_clean()


def test_one_report_per_charity_and_year(foundation):
    make.report(foundation)
    duplicate = make.report(foundation, publish=False)
    assert "已存在" in errors_of(duplicate)["year"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_report_year_must_be_over_and_after_registration(foundation):
    assert (
        "尚未结束"
        in errors_of(make.report(foundation, year=2099, publish=False))["year"][0]
    )
    assert (
        "2011"
        in errors_of(make.report(foundation, year=2010, publish=False))["year"][0]
    )


def test_article_61_ratios_are_flagged_for_fundraising_foundations(foundation):
    make.report(
        foundation, year=2023, total_income=Decimal("3000000"), donation_income=0
    )
    low = make.report(foundation, year=2024)  # spends 1.6m against 3.0m: 53.3 %
    assessment = low.assess()
    assert assessment.applies
    assert assessment.spending_percent == Decimal("53.3")
    assert assessment.spending_under_minimum
    assert assessment.management_percent == Decimal("6.7")
    assert not assessment.management_over_limit
    costly = make.report(
        foundation, year=2022, management_costs=Decimal("200000"), publish=False
    ).assess()
    assert costly.management_over_limit and costly.spending_ratio is None


def test_three_year_average_can_satisfy_article_61(foundation):
    for year, income in ((2021, "1000000"), (2022, "1000000"), (2023, "2500000")):
        make.report(
            foundation, year=year, total_income=Decimal(income), donation_income=0
        )
    # 1.6m is 64 % of last year's 2.5m but 89 % of the three-year average of 1.8m.
    assessment = make.report(foundation).assess()
    assert assessment.spending_ratio < rules.MIN_CHARITABLE_SPENDING_RATIO
    assert not assessment.spending_under_minimum


def test_ratios_do_not_bind_other_charities(association):
    report = make.report(
        association,
        audited=False,
        charitable_spending=Decimal("1400000"),
        management_costs=Decimal("300000"),
    )
    assessment = report.assess()
    assert not assessment.applies and assessment.management_percent == Decimal("16.7")
    assert not assessment.management_over_limit


def test_draft_previous_year_is_not_used(foundation):
    make.draft(make.report(foundation, year=2023, publish=False))
    assert make.report(foundation).assess().spending_ratio is None
    assert AnnualReport.objects.count() == 2


# --- 慈善项目 -----------------------------------------------------------------


def test_a_valid_project_with_reports_passes(foundation):
    make.project(
        foundation,
        reports=[(D(2025, 9, 30), "资助新生36人。", "180000")],
        publish=False,
    ).full_clean()


def test_progress_reports_fall_within_the_project(foundation):
    before = make.project(
        foundation, reports=[(D(2025, 6, 30), "提前", "0")], publish=False
    )
    assert "2025-06-30" in errors_of(before)["starts_on"][0]
    # The final report may come up to three months after the end (《慈善法》第七十九条).
    make.project(
        foundation, reports=[(D(2026, 9, 30), "结项", "0")], publish=False
    ).full_clean()
    after = make.project(
        foundation, reports=[(D(2026, 10, 1), "太晚", "0")], publish=False
    )
    assert "2026-09-30" in errors_of(after)["starts_on"][0]


def test_project_dates_number_and_status(foundation):
    record = make.project(
        foundation,
        project_number="xm-1",
        ends_on=D(2025, 1, 1),
        budget=Decimal("-5"),
        publish=False,
    )
    errors = errors_of(record)
    assert "XM-1" in errors["project_number"][0]
    assert "2025-01-01" in errors["ends_on"][0]
    assert "-5" in errors["budget"][0]
    completed = make.project(foundation, status="已结项", ends_on=None, publish=False)
    assert "已结项" in errors_of(completed)["ends_on"][0]


def test_project_number_is_unique(foundation):
    make.project(foundation)
    duplicate = make.project(foundation, title="重复项目", publish=False)
    assert "project_number" in errors_of(duplicate)


def test_quarterly_reporting_and_next_due_date(foundation, association):
    project = make.project(
        foundation,
        reports=[(D(2025, 9, 30), "一", "1000"), (D(2025, 12, 31), "二", "2000")],
    )
    assert project.needs_quarterly_reports
    assert project.next_report_due == D(2026, 3, 31)
    assert project.amount_spent == Decimal("3000")
    short = make.project(
        foundation, project_number="XM1502992025009", ends_on=D(2025, 12, 31)
    )
    assert not short.needs_quarterly_reports and short.next_report_due is None
    # Art. 79 binds 公募 charities only.
    other = make.project(association, project_number="XM1502992025010", ends_on=None)
    assert not other.needs_quarterly_reports
