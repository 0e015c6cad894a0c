"""import_records for charity filings and village finance rows: upsert keys, 万元,
parents that must exist, drafts only."""

import csv
import io
from decimal import Decimal

import pytest

from content_models.charity.models import FundraisingFiling
from content_models.villages.models import VillageDisclosurePage
from imports.records.run import import_records
from tests.content_models import charity_factories as charities
from tests.content_models.villages_factories import make_column, make_section

FILING_HEADER = [
    "备案编号", "统一社会信用代码", "募捐方案名称", "募捐目的", "备案日期",
    "募捐起始日期", "募捐终止日期", "募捐目标金额（万元）", "状态",
]  # fmt: skip


def write_csv(tmp_path, rows, name="data.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def filing_row(code, serial="001", target="20", title="2025年秋季助学募捐"):
    return [
        f"{code}25{serial}", code, title, "资助困难家庭大学新生", "2025/6/20",
        "2025年7月1日", "2025-09-15", target, "已结束",
    ]  # fmt: skip


@pytest.fixture
def charity(agency):
    return charities.charity(agency)


def test_filing_amount_in_wan_yuan_is_converted(charity, tmp_path):
    path = write_csv(
        tmp_path, [FILING_HEADER, filing_row(charity.credit_code, target="20.5")]
    )
    report = import_records("charity", path)
    assert report.ok, report.errors
    filing = FundraisingFiling.objects.get()
    assert filing.target_amount == Decimal("205000.00")
    assert filing.charity == charity and not filing.live


def test_filing_upserts_by_filing_number(charity, tmp_path):
    existing = charities.filing(charity)
    row = filing_row(charity.credit_code, title="“圆梦清源”秋季助学募捐（调整）")
    report = import_records("charity", write_csv(tmp_path, [FILING_HEADER, row]))
    assert (report.created, report.updated) == (0, 1), report.errors
    assert FundraisingFiling.objects.count() == 1
    existing.refresh_from_db()
    assert existing.get_latest_revision_as_object().title.endswith("（调整）")


def test_filing_for_unregistered_charity_is_refused(agency, tmp_path):
    code = charities.code("未登记")
    report = import_records(
        "charity", write_csv(tmp_path, [FILING_HEADER, filing_row(code)])
    )
    assert (report.errors[0].row, report.errors[0].column) == (2, "统一社会信用代码")
    assert "尚未登记" in report.errors[0].message


def test_filing_unit_column_and_bad_amount(charity, tmp_path):
    header = [h.replace("（万元）", "") for h in FILING_HEADER] + ["金额单位"]
    rows = [
        header,
        filing_row(charity.credit_code, target="12") + ["万元"],
        filing_row(charity.credit_code, serial="002", target="十二万") + ["元"],
    ]
    report = import_records("charity", write_csv(tmp_path, rows), skip_invalid=True)
    assert [(p.row, p.column) for p in report.errors] == [(3, "募捐目标金额")]
    assert FundraisingFiling.objects.get().target_amount == Decimal("120000.00")


# -- village finance -------------------------------------------------------------------

FINANCE_HEADER = ["区划代码", "年度", "季度", "收支项目", "收支", "金额（元）", "备注"]


@pytest.fixture
def column(home, village):
    return make_column(make_section(home), village)


def test_finance_rows_create_a_draft_disclosure_under_the_village(
    agency, column, tmp_path
):
    rows = [
        FINANCE_HEADER,
        ["150299100201", "2025", "1", "土地承包费", "收入", "12,000.50", ""],
        ["150299100201", "2025", "1", "道路维修", "支出", "3000", "村道硬化"],
    ]
    report = import_records("disclosure-finance", write_csv(tmp_path, rows))
    assert report.ok, report.errors
    page = VillageDisclosurePage.objects.child_of(column).get()
    assert not page.live and page.category == "caiwu"
    assert page.title == "红旗村2025年第1季度财务公开"
    totals = page.finance_totals
    assert (totals.income, totals.expense) == (Decimal("12000.50"), Decimal("3000.00"))


def test_finance_upsert_updates_the_matching_row(agency, column, tmp_path):
    first = [
        FINANCE_HEADER,
        ["150299100201", "2025", "1", "土地承包费", "收入", "1", ""],
    ]
    import_records("disclosure-finance", write_csv(tmp_path, first))
    again = [
        ["区划代码", "年度", "季度", "收支项目", "收支", "金额（万元）"],
        ["150299100201", "2025", "1", "土地承包费", "收入", "1.2"],
    ]
    report = import_records("disclosure-finance", write_csv(tmp_path, again, "b.csv"))
    assert (report.created, report.updated) == (0, 1), report.errors
    page = VillageDisclosurePage.objects.get()
    assert [(r.item, r.amount) for r in page.finance_rows.all()] == [
        ("土地承包费", Decimal("12000.00"))
    ]


def test_finance_unknown_region_and_period_are_reported(agency, column, tmp_path):
    rows = [
        FINANCE_HEADER,
        ["150299100299", "2025", "1", "土地承包费", "收入", "100", ""],
        ["150299100201", "2025", "5", "土地承包费", "收入", "100", ""],
        ["150299100201", "2025", "1", "土地承包费", "收入", "100", ""],
        ["150299100201", "2025", "1", "土地承包费", "收入", "100", ""],
    ]
    report = import_records("disclosure-finance", write_csv(tmp_path, rows))
    assert [(p.row, p.column) for p in report.errors] == [
        (2, "区划代码"),
        (3, "季度"),
        (5, ""),
    ]
    assert "第4行重复" in report.errors[2].message
    assert not VillageDisclosurePage.objects.exists()


def test_finance_village_without_a_column_is_reported(
    agency, home, other_village, tmp_path
):
    rows = [
        FINANCE_HEADER,
        ["150299100202", "2025", "1", "土地承包费", "收入", "100", ""],
    ]
    report = import_records("disclosure-finance", write_csv(tmp_path, rows))
    assert "公开栏目" in report.errors[0].message


@pytest.mark.parametrize("amount", ["0", "0.00"])
def test_finance_amount_must_be_positive_in_words(agency, column, tmp_path, amount):
    rows = [
        FINANCE_HEADER,
        ["150299100201", "2025", "1", "土地承包费", "收入", amount, ""],
    ]
    report = import_records("disclosure-finance", write_csv(tmp_path, rows))
    assert [(p.row, p.column) for p in report.errors] == [(2, "金额（元）")]
    assert "应大于0元" in report.errors[0].message


def test_filing_that_ends_before_it_starts_is_reported_in_its_cell(charity, tmp_path):
    row = filing_row(charity.credit_code)
    row[5], row[6] = "2025-09-15", "2025-07-01"
    report = import_records("charity", write_csv(tmp_path, [FILING_HEADER, row]))
    assert [(p.row, p.column) for p in report.errors] == [(2, "募捐终止日期")]
    assert FundraisingFiling.objects.count() == 0
