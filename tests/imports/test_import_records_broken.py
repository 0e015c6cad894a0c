"""import_records on files however broken: a report naming the file and, where it
can, the row and column; never a traceback, never a partial write. Size limits are
checked before a byte of an XLSX sheet is inflated."""

import time
import zipfile
from decimal import Decimal

import pytest

from content_models.charity.models import FundraisingFiling
from content_models.credit.models import CreditListEntry, SocialOrganisation
from content_models.villages.models import FinanceRow, VillageDisclosurePage
from imports.records.run import import_records
from tests.content_models import charity_factories as charities
from tests.content_models.villages_factories import make_column, make_section

from .records_files import (
    SHEET,
    corrupt_member,
    csv_bytes,
    replace_member,
    sheet_xml,
    xlsx_bytes,
    zip_bomb,
)
from .test_import_records import HEADER, credit_row

CODE = "51150299MJ0000000E"


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            SocialOrganisation,
            CreditListEntry,
            FundraisingFiling,
            VillageDisclosurePage,
            FinanceRow,
        )
    }


@pytest.fixture
def write(tmp_path):
    def write(data, name):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def only_problem(report):
    assert not report.written
    assert len(report.errors) == 1, report.errors
    return report.errors[0]


# -- XLSX: broken parts -------------------------------------------------------------


def test_malformed_sheet_xml_names_the_file_and_the_row(agency, write):
    good = xlsx_bytes([HEADER, credit_row(CODE), credit_row(CODE, listed="2024-08-01")])
    xml = sheet_xml(good)
    broken = xml.replace(b'<row r="3"', b'<<row r="3"')  # ParseError at row 3
    assert broken != xml
    path = write(replace_member(good, SHEET, broken), "名录.xlsx")
    before = counts()
    problem = only_problem(import_records("credit-list", path))
    assert "名录.xlsx" in problem.message and "损坏" in problem.message
    # The parser reads ahead, so the rows read before the damage may not have been
    # handed over yet: "near" the row reached, never past the damage.
    assert problem.row in (2, 3)
    assert counts() == before


def test_corrupted_compressed_sheet_is_reported_not_raised(agency, write):
    good = xlsx_bytes([HEADER, credit_row(CODE)])
    path = write(corrupt_member(good, SHEET), "名录.xlsx")  # zlib.error
    problem = only_problem(import_records("credit-list", path))
    assert "名录.xlsx" in problem.message and "不是有效的XLSX" in problem.message


def test_member_corrupted_half_way_names_the_row_reached(agency, write):
    rows = [HEADER] + [
        credit_row(CODE, listed=f"20{year:02d}-0{month}-01")
        for year in range(10, 30)
        for month in range(1, 10)
    ]
    good = xlsx_bytes(rows)
    path = write(corrupt_member(good, SHEET, start=0.6), "名录.xlsx")
    before = counts()
    problem = only_problem(import_records("credit-list", path))
    assert "名录.xlsx" in problem.message
    assert problem.row and 2 < problem.row <= len(rows) + 1
    assert counts() == before  # rows before the damage were written, then undone


@pytest.mark.parametrize(
    "data",
    [b"", b"PK\x03\x04 cut short", "统一社会信用代码,名称\n".encode(), b"\x00" * 64],
    ids=["empty", "truncated-zip", "csv-named-xlsx", "nul-bytes"],
)
def test_not_an_xlsx_is_reported(agency, write, data):
    problem = only_problem(import_records("credit-list", write(data, "坏.xlsx")))
    assert problem.row is None and "坏.xlsx" in problem.message


def test_workbook_without_sheets_is_reported(agency, write):
    good = xlsx_bytes([HEADER, credit_row(CODE)])
    path = write(replace_member(good, "xl/workbook.xml", b"<workbook/>"), "空.xlsx")
    assert "空.xlsx" in only_problem(import_records("credit-list", path)).message


# -- XLSX: limits, before reading -----------------------------------------------------


def test_zip_bomb_is_refused_from_the_directory_without_inflating(
    agency, write, monkeypatch
):
    bomb = zip_bomb([HEADER, credit_row(CODE)])
    assert len(bomb) < 400 * 1024
    info = zipfile.ZipFile(write(bomb, "b.xlsx")).getinfo(SHEET)
    assert info.file_size > 300 * 1024 * 1024
    path = write(bomb, "炸弹.xlsx")

    def inflate(*args, **kwargs):
        raise AssertionError("the archive was opened for reading")

    monkeypatch.setattr("openpyxl.load_workbook", inflate)
    monkeypatch.setattr(zipfile.ZipFile, "open", inflate)
    started = time.perf_counter()
    problem = only_problem(import_records("credit-list", path))
    assert time.perf_counter() - started < 1
    assert "炸弹.xlsx" in problem.message and "超过上限150 MB" in problem.message


def test_unpacked_limit_is_a_setting(agency, write, settings):
    settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = 2 * 1024
    path = write(xlsx_bytes([HEADER, credit_row(CODE)]), "名录.xlsx")
    assert "超过上限" in only_problem(import_records("credit-list", path)).message


def test_declared_sheet_extent_over_the_limits_is_refused_unread(
    agency, write, settings
):
    settings.IMPORT_MAX_ROWS = 1000
    good = xlsx_bytes([HEADER, credit_row(CODE)])
    xml = sheet_xml(good).replace(b'ref="A1:J2"', b'ref="A1:XFD1048576"')
    assert b"XFD1048576" in xml
    path = write(replace_member(good, SHEET, xml), "大.xlsx")
    problem = only_problem(import_records("credit-list", path))
    assert "1048576行16384列" in problem.message and "大.xlsx" in problem.message


def test_rows_past_a_declared_extent_that_lies_are_still_read(agency, write):
    good = xlsx_bytes([HEADER, credit_row(CODE), credit_row(CODE, listed="2025-01-02")])
    xml = sheet_xml(good).replace(b'ref="A1:J3"', b'ref="A1:B2"')
    path = write(replace_member(good, SHEET, xml), "名录.xlsx")
    report = import_records("credit-list", path)
    assert (report.rows, report.created) == (2, 2), report.errors


# -- limits that apply to CSV and XLSX alike -----------------------------------------


@pytest.mark.parametrize("make", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_more_rows_than_the_limit_are_refused_and_nothing_written(
    agency, write, settings, make
):
    settings.IMPORT_MAX_ROWS = 3
    rows = [HEADER] + [credit_row(CODE, listed=f"2024-07-0{d}") for d in range(1, 6)]
    suffix = "csv" if make is csv_bytes else "xlsx"
    report = import_records("credit-list", write(make(rows), f"名录.{suffix}"))
    problem = only_problem(report)
    if make is csv_bytes:
        assert "3行数据的上限" in problem.message and problem.row == 5
    else:  # refused from the sheet's declared extent, before reading a row
        assert "声明有6行10列" in problem.message and problem.row is None
    assert report.created == 0 and counts()["CreditListEntry"] == 0


def test_too_many_columns_are_refused(agency, write, settings):
    settings.IMPORT_MAX_COLUMNS = 12
    rows = [HEADER + ["备注1", "备注2", "备注3"], credit_row(CODE) + ["", "", ""]]
    problem = only_problem(
        import_records("credit-list", write(csv_bytes(rows), "宽.csv"))
    )
    assert "13列" in problem.message and problem.row == 1


def test_an_overlong_cell_names_row_and_column(agency, write):
    rows = [HEADER, credit_row(CODE), credit_row(CODE, reason="很长" * 5000)]
    report = import_records("credit-list", write(csv_bytes(rows), "名录.csv"))
    problem = only_problem(report)
    assert (problem.row, problem.column) == (3, "列入事由")
    assert "10000个字符" in problem.message
    assert counts()["CreditListEntry"] == 0


def test_report_lists_a_bounded_number_of_problems(agency, write, settings):
    settings.IMPORT_MAX_REPORTED_PROBLEMS = 5
    rows = [HEADER] + [credit_row("bad") for _ in range(20)]
    report = import_records("credit-list", write(csv_bytes(rows), "名录.csv"))
    assert len(report.errors) == 5 and report.unlisted == 15
    assert "另有15个问题未列出" in list(report.lines())[-1]
    assert report.as_dict()["unlisted_errors"] == 15


# -- CSV: encodings and empty files ---------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("统一社会信用代码".encode("utf-16"), "既不是UTF-8也不是GB18030"),
        ("统一社会信用代码".encode("utf-16-le"), "含有不可识别的字符"),
        (b"\xff\xfe\xfd" * 100, "既不是UTF-8也不是GB18030"),
        ("统一社会信用代码,".encode() + b"\xe4\xb8", "截断"),
        (b"", "是空的"),
        (b"\n\n,,,\n", "是空的"),
        (b"\xef\xbb\xbf", "是空的"),
    ],
    ids=[
        "utf-16",
        "utf-16-le",
        "neither",
        "cut-utf8",
        "empty",
        "blank-lines",
        "only-bom",
    ],
)
def test_unreadable_or_empty_csv_names_the_file(agency, write, data, words):
    problem = only_problem(import_records("credit-list", write(data, "某文件.csv")))
    assert "某文件.csv" in problem.message and words in problem.message


def test_a_control_character_far_into_the_file_names_its_line(agency, write):
    rows = [HEADER] + [credit_row(CODE, listed=f"2024-07-0{d}") for d in range(1, 8)]
    data = csv_bytes(rows).replace(b"2024-07-05", b"2024-07-05\x07")
    before = counts()
    problem = only_problem(import_records("credit-list", write(data, "名录.csv")))
    assert problem.row == 6 and "不可识别的字符" in problem.message
    assert counts() == before


def test_headers_not_recognised_lists_the_required_columns(agency, write):
    data = csv_bytes([["序号", "名称", "备注"], ["1", "某协会", ""]])
    problem = only_problem(import_records("credit-list", write(data, "名录.csv")))
    assert problem.row == 1 and "缺少必填列" in problem.message
    assert "统一社会信用代码" in problem.column


def test_header_only_is_reported(agency, write):
    problem = only_problem(
        import_records("credit-list", write(csv_bytes([HEADER]), "名录.csv"))
    )
    assert "只有表头" in problem.message


# -- cells ------------------------------------------------------------------------------


@pytest.fixture
def charity(agency):
    return charities.charity(agency)


FILING_HEADER = [
    "备案编号", "统一社会信用代码", "募捐方案名称", "募捐目的", "备案日期",
    "募捐起始日期", "募捐终止日期", "募捐目标金额（万元）",
]  # fmt: skip


def filing(code, target, serial="001"):
    return [
        f"{code}25{serial}", code, "助学募捐", "资助新生", "2025-06-20",
        "2025-07-01", "2025-09-15", target,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("1e400", "过大"),
        ("1E+999999", "过大"),
        ("9" * 60, "过大"),
        ("1e-400", "两位小数"),
        ("NaN", "不是数字"),
        ("Infinity", "不是数字"),
    ],
)
def test_amounts_beyond_any_field_are_reported_in_their_cell(
    charity, write, target, words
):
    rows = [
        FILING_HEADER,
        filing(charity.credit_code, "20", "001"),
        filing(charity.credit_code, target, "002"),
    ]
    report = import_records("charity", write(csv_bytes(rows), "备案.csv"))
    problem = only_problem(report)
    assert (problem.row, problem.column) == (3, "募捐目标金额（万元）")
    assert words in problem.message
    assert FundraisingFiling.objects.count() == 0


def test_large_but_valid_amount_in_wan_yuan(charity, write):
    rows = [FILING_HEADER, filing(charity.credit_code, "99999999.99")]
    report = import_records("charity", write(csv_bytes(rows), "备案.csv"))
    assert report.ok, report.errors
    assert FundraisingFiling.objects.get().target_amount == Decimal("999999999900.00")


@pytest.fixture
def column(home, village):
    return make_column(make_section(home), village)


@pytest.mark.parametrize(
    "quarter",
    ["²", "9" * 5000, "٣", "第⑴季度", "1" * 40],
    ids=["superscript", "overlong", "arabic-indic", "parenthesised", "many-digits"],
)
def test_odd_digits_in_a_number_cell_are_reported(agency, column, write, quarter):
    rows = [
        ["区划代码", "年度", "季度", "收支项目", "收支", "金额"],
        ["150299100201", "2025", quarter, "土地承包费", "收入", "100"],
    ]
    report = import_records("disclosure-finance", write(csv_bytes(rows), "财务.csv"))
    problem = only_problem(report)
    assert (problem.row, problem.column) == (2, "季度")


def test_an_unexpected_failure_names_the_batch_and_undoes_everything(
    agency, write, monkeypatch
):
    from imports.records import run

    rows = [HEADER] + [credit_row(CODE, listed=f"2024-07-0{d}") for d in range(1, 5)]
    real = run.save_drafts
    calls = []

    def failing(records, user):
        calls.append(records)
        if len(calls) == 3:  # the second batch's entries (batches of two rows)
            raise RuntimeError("磁盘已满")
        return real(records, user)

    monkeypatch.setattr(run, "BATCH", 2)
    monkeypatch.setattr(run, "save_drafts", failing)
    before = counts()
    report = import_records("credit-list", write(csv_bytes(rows), "名录.csv"))
    problem = only_problem(report)
    assert problem.row == 4 and "已全部撤销" in problem.message  # the batch's first
    assert "磁盘已满" in problem.message
    assert counts() == before and report.created == 0


def test_full_width_digits_in_a_number_cell_are_read(agency, column, write):
    rows = [
        ["区划代码", "年度", "季度", "收支项目", "收支", "金额"],
        ["150299100201", "２０２５", "第１季度", "土地承包费", "收入", "100"],
    ]
    report = import_records("disclosure-finance", write(csv_bytes(rows), "财务.csv"))
    assert report.ok, report.errors
    assert VillageDisclosurePage.objects.get().quarter == 1
