"""The rules of a village disclosure (村务公开), each with a bad and a good input."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from content_models.disclosure.periods import Period
from content_models.disclosure.privacy import personal_data_problems
from content_models.regions.models import Region
from content_models.villages.categories import Category
from content_models.villages.disclosures import standard_title
from content_models.villages.models import (
    FinanceRow,
    VillageAttachment,
    VillageIndexPage,
)
from portal.demo.helpers import translate_page

from .villages_factories import *  # noqa: F403  (the fixtures)
from .villages_factories import (
    EXPENSE,
    INCOME,
    finance_row,
    make_column,
    make_disclosure,
    make_document,
    unsaved_disclosure,
)

# What the admin form validates: a page not yet in the tree has no path or depth.
NOT_IN_TREE = ["path", "depth"]


def validate(page):
    page.full_clean(exclude=NOT_IN_TREE if not page.path else None)


def errors_of(page):
    with pytest.raises(ValidationError) as error:
        validate(page)
    return error.value.message_dict


# -- the village column ---------------------------------------------------------------


def test_a_column_must_be_for_a_village_not_a_town(section, town):
    page = VillageIndexPage(region=town, title="青山镇", slug="qingshan")
    page.pending_parent = section
    messages = errors_of(page)["region"]
    assert "青山镇" in messages[0] and "150299100000" in messages[0]


def test_a_column_for_a_village_takes_its_name_and_code(section, village):
    page = make_column(section, village)
    assert (page.title, page.slug) == ("红旗村", "150299100201")
    assert page.url == "/village-affairs/150299100201/"


def test_one_column_per_village_per_language(section, column, village, other_village):
    second = VillageIndexPage(region=village, title="红旗村（重复）", slug="hongqi-2")
    second.pending_parent = section
    second.locale = section.locale
    assert "已有公开栏目《红旗村》" in errors_of(second)["region"][0]
    # The database says so too, even when validation is bypassed.
    other = make_column(section, other_village)
    with pytest.raises(IntegrityError), transaction.atomic():
        VillageIndexPage.objects.filter(pk=other.pk).update(
            region_key=column.region_key
        )


def test_the_english_column_may_share_the_region(home, section, column, english):
    translate_page(home, "Home")
    translate_page(section, "Village Affairs")
    english_column = translate_page(column, "Hongqi Village")
    assert english_column.region == column.region
    assert english_column.region_key == "en:150299100201"


# -- the period -----------------------------------------------------------------------


def test_a_disclosure_needs_a_quarter_or_a_month(column, agency):
    page = unsaved_disclosure(column, agency, quarter=None, month=None)
    assert "季度或月份之一" in errors_of(page)["quarter"][0]


def test_a_disclosure_cannot_have_both_quarter_and_month(column, agency):
    page = unsaved_disclosure(
        column, agency, category=Category.FINANCE, quarter=1, month=2
    )
    assert "不能同时填写" in errors_of(page)["month"][0]


def test_quarter_outside_one_to_four_is_refused_by_the_period_rules(column, agency):
    page = unsaved_disclosure(column, agency, quarter=5)
    assert any("5" in message for message in errors_of(page)["quarter"])


def test_year_out_of_range_names_the_year(column, agency):
    page = unsaved_disclosure(column, agency, year=1900, quarter=1)
    assert "1900" in errors_of(page)["year"][0]


def test_only_finance_may_be_monthly(column, agency):
    page = unsaved_disclosure(column, agency, category=Category.AFFAIRS, month=3)
    message = errors_of(page)["month"][0]
    assert "事务公开" in message and "3月" in message
    monthly = unsaved_disclosure(column, agency, category=Category.FINANCE, month=3)
    monthly.finance_rows = [finance_row("办公经费", EXPENSE, "300.00")]
    validate(monthly)
    assert monthly.title == "红旗村2025年3月财务公开"


def test_a_period_that_has_not_begun_is_refused(column, agency):
    next_year = timezone.localdate().year + 1
    page = unsaved_disclosure(column, agency, year=next_year, quarter=1)
    assert f"{next_year}年第1季度" in errors_of(page)["quarter"][0]


def test_the_current_quarter_may_be_disclosed(column, agency):
    current = Period.containing(timezone.localdate())
    page = unsaved_disclosure(
        column, agency, year=current.year, quarter=current.quarter
    )
    validate(page)


# -- finance rows ---------------------------------------------------------------------


def test_finance_rows_only_on_a_finance_disclosure(column, agency):
    page = unsaved_disclosure(column, agency, quarter=1, category=Category.PARTY)
    page.finance_rows = [finance_row("办公经费", EXPENSE, "300.00")]
    message = errors_of(page)["category"][0]
    assert "党务公开" in message and "1条" in message


def test_finance_rows_on_a_finance_disclosure_are_accepted(column, agency):
    page = make_disclosure(
        column,
        agency,
        category=Category.FINANCE,
        rows=[("集体经营收入", INCOME, "1234.50"), ("办公经费", EXPENSE, "300.00")],
    )
    assert page.finance_rows.count() == 2


def test_an_amount_must_be_positive(column, agency):
    row = FinanceRow(item="道路维修", direction=EXPENSE, amount=Decimal("0.00"))
    with pytest.raises(ValidationError) as error:
        row.clean()
    assert "道路维修" in error.value.message_dict["amount"][0]
    FinanceRow(item="道路维修", direction=EXPENSE, amount=Decimal("0.01")).clean()


def test_the_database_refuses_a_negative_amount(column, agency):
    page = make_disclosure(
        column, agency, category=Category.FINANCE, rows=[("办公经费", EXPENSE, "300")]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        FinanceRow.objects.create(
            page=page, item="退款", direction=INCOME, amount=Decimal("-5")
        )


def test_totals_are_computed_from_the_rows(column, agency):
    page = make_disclosure(
        column,
        agency,
        category=Category.FINANCE,
        rows=[
            ("集体经营收入", INCOME, "1234.50"),
            ("上级转移支付", INCOME, "20000.00"),
            ("道路维修", EXPENSE, "25000.25"),
        ],
    )
    totals = page.finance_totals
    assert totals.income == Decimal("21234.50")
    assert totals.expense == Decimal("25000.25")
    assert totals.balance == Decimal("-3765.75")


# -- one disclosure per village, period and category ------------------------------------


def test_a_second_disclosure_for_the_same_period_and_category_is_refused(
    column, agency
):
    first = make_disclosure(column, agency, quarter=2)
    again = unsaved_disclosure(column, agency, quarter=2)
    message = errors_of(again)["category"][0]
    assert "2025年第2季度" in message and first.title in message


def test_same_period_other_category_or_other_village_is_fine(
    column, other_column, agency
):
    make_disclosure(column, agency, quarter=2)
    validate(unsaved_disclosure(column, agency, quarter=2, category=Category.PARTY))
    validate(unsaved_disclosure(other_column, agency, quarter=2))


def test_editing_a_disclosure_does_not_clash_with_itself(column, agency):
    page = make_disclosure(column, agency, quarter=2)
    page.body = "<p>更正后的内容。</p>"
    validate(page)


def test_the_database_holds_the_natural_key(column, agency):
    page = make_disclosure(column, agency, quarter=2)
    assert page.disclosure_key == "zh-hans:150299100201:2025-Q2:shiwu"
    other = make_disclosure(column, agency, quarter=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(page).objects.filter(pk=other.pk).update(
            disclosure_key=page.disclosure_key
        )


# -- attachments and privacy ------------------------------------------------------------


def test_attachments_must_be_pdf_spreadsheet_or_image(column, agency):
    page = make_disclosure(column, agency)
    word = VillageAttachment(
        page=page, document=make_document("notice.docx", title="通知")
    )
    with pytest.raises(ValidationError) as error:
        word.full_clean()
    message = error.value.message_dict["document"][0]
    assert "docx" in message and "PDF" in message
    for name in ("scan.PDF", "accounts.xlsx", "old.xls", "photo.jpeg", "board.png"):
        VillageAttachment(page=page, document=make_document(name)).full_clean()


def test_unmasked_id_and_phone_numbers_are_refused(column, agency):
    body = "<p>新增低保对象张三，身份证号11010519491231002X，电话13812345678。</p>"
    messages = errors_of(unsaved_disclosure(column, agency, quarter=1, body=body))[
        "body"
    ]
    assert any("110105********002X" in m for m in messages)
    assert any("138****5678" in m for m in messages)
    assert not any("11010519491231002X" in m for m in messages)


def test_masked_names_and_numbers_pass(column, agency):
    body = "<p>新增低保对象张**，身份证号11*************02X，电话138****5678。</p>"
    assert personal_data_problems(body) == []
    validate(unsaved_disclosure(column, agency, quarter=1, body=body))


# -- title and public record --------------------------------------------------------------


def test_standard_title_reads_like_a_notice_board(village):
    assert standard_title(village, Period(2025, quarter=3), Category.FINANCE) == (
        "红旗村2025年第3季度财务公开"
    )


def test_a_blank_title_gets_the_standard_title_and_slug(column, agency):
    page = make_disclosure(
        column,
        agency,
        quarter=3,
        category=Category.FINANCE,
        rows=[("办公经费", EXPENSE, "300.00")],
    )
    assert page.title == "红旗村2025年第3季度财务公开"
    assert page.slug == "2025-q3-caiwu"


def test_the_public_record_carries_region_and_period(column, agency, village):
    page = make_disclosure(
        column, agency, quarter=3, published_on=datetime.date(2025, 10, 12)
    )
    record = page.as_public_record()
    assert record.kind == "village_disclosure"
    assert record.region_code == village.code
    assert record.period == "2025-Q3"
    assert "巷道硬化" in record.text
    assert record.index_number.endswith("/2025-00001")


def test_region_kinds_of_level_three_all_work(section, town, agency):
    gacha = Region.objects.create(
        code="150299100299", name="乌兰嘎查", kind="嘎查", parent=town
    )
    page = make_disclosure(make_column(section, gacha), agency, quarter=1)
    assert page.title == "乌兰嘎查2025年第1季度事务公开"
