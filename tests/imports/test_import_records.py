"""import_records: credit lists from CSV, bad input of every kind, and the command."""

import csv
import io
import json

from django.core.management import CommandError, call_command

import pytest

from content_models.credit.models import CreditListEntry, SocialOrganisation
from imports.records import credit as credit_kind
from imports.records.kinds import UnknownKind
from imports.records.run import import_records
from tests.content_models.credit_factories import (
    bad_code,
    entry,
    organisation,
    valid_code,
)

HEADER = [
    "统一社会信用代码", "社会组织名称", "组织类型", "登记管理机关", "名录类型",
    "列入事由", "列入依据", "作出决定机关", "列入决定书文号", "列入日期",
]  # fmt: skip


def credit_row(
    code,
    name="清源区书法家协会",
    listed="2024-07-02",
    reason="未按规定报送年度工作报告",
):
    return [
        code, name, "社会团体", "清源区民政局", "活动异常名录", reason,
        "《社会组织信用信息管理办法》第十条", "清源区民政局", "清民社异〔2024〕1号", listed,
    ]  # fmt: skip


def csv_bytes(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def write(tmp_path):
    def write(rows, name="名录.csv", encoding="utf-8-sig", raw=None):
        path = tmp_path / name
        path.write_bytes(raw if raw is not None else csv_bytes(rows, encoding))
        return path

    return write


CODE = valid_code(1, "书法")
OTHER = valid_code(1, "摄影")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_credit_list_reads_utf8_with_or_without_bom_and_gb18030(
    agency, write, encoding
):
    path = write([HEADER, credit_row(CODE)], encoding=encoding)
    report = import_records("credit-list", path)
    assert report.ok, report.errors
    org = SocialOrganisation.objects.get(credit_code=CODE)
    assert org.name == "清源区书法家协会"  # no mojibake, whichever encoding
    assert not org.live
    listing = CreditListEntry.objects.get(organisation=org)
    assert listing.reason == "未按规定报送年度工作报告"
    assert not listing.live and listing.latest_revision is not None


def test_random_bytes_are_rejected_naming_the_file(agency, write):
    path = write(None, name="乱码.csv", raw=bytes(range(128, 256)) * 4)
    report = import_records("credit-list", path)
    assert not report.written
    assert "乱码.csv" in report.errors[0].message
    assert SocialOrganisation.objects.count() == 0


def test_truncated_csv_is_reported(agency, write):
    data = csv_bytes([HEADER, credit_row(CODE), credit_row(OTHER, name="摄影家协会")])
    report = import_records("credit-list", write(None, raw=data[:-40]))
    assert not report.written
    assert any(problem.row == 3 for problem in report.errors)
    assert CreditListEntry.objects.count() == 0


def test_csv_cut_inside_a_character_is_reported_as_truncated(agency, write):
    data = csv_bytes([HEADER, credit_row(CODE)], encoding="utf-8")
    cut = data.index("清源区书法家协会".encode()) + 2  # inside 清
    report = import_records("credit-list", write(None, raw=data[:cut]))
    assert "截断" in report.errors[0].message


def test_empty_file_is_reported(agency, write):
    report = import_records("credit-list", write(None, raw=b""))
    assert report.errors[0].row is None
    assert "空" in report.errors[0].message


def test_missing_required_column_is_named(agency, write):
    report = import_records("credit-list", write([HEADER[:-1], credit_row(CODE)[:-1]]))
    assert "列入日期" in report.errors[0].message


def test_bad_check_character_names_row_and_column(agency, write):
    rows = [HEADER, credit_row(CODE), credit_row(bad_code(1, "x"), name="坏代码协会")]
    report = import_records("credit-list", write(rows))
    assert [(p.row, p.column) for p in report.errors] == [(3, "统一社会信用代码")]
    assert "校验码" in report.errors[0].message
    # The valid row is not written either.
    assert SocialOrganisation.objects.count() == 0


def test_skip_invalid_writes_only_the_valid_rows(agency, write):
    rows = [HEADER, credit_row(CODE), credit_row(bad_code(1, "x"), name="坏代码协会")]
    report = import_records("credit-list", write(rows), skip_invalid=True)
    assert (report.created, report.skipped, len(report.errors)) == (1, 1, 1)
    assert list(SocialOrganisation.objects.values_list("credit_code", flat=True)) == [
        CODE
    ]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"])
def test_formulas_in_cells_are_refused(agency, write, cell):
    rows = [HEADER, credit_row(CODE, reason=cell)]
    report = import_records("credit-list", write(rows))
    assert (report.errors[0].row, report.errors[0].column) == (2, "列入事由")
    assert "公式" in report.errors[0].message
    assert CreditListEntry.objects.count() == 0


def test_duplicate_rows_in_one_file_are_reported(agency, write):
    rows = [HEADER, credit_row(CODE), credit_row(CODE)]
    report = import_records("credit-list", write(rows))
    assert report.errors[0].row == 3 and "第2行重复" in report.errors[0].message
    assert CreditListEntry.objects.count() == 0


def test_upsert_updates_instead_of_duplicating(agency, write):
    org = organisation(agency, credit_code=CODE)
    live = entry(org)  # published: the import must not change the public version
    rows = [HEADER, credit_row(CODE, reason="未按规定接受年度检查")]
    report = import_records("credit-list", write(rows))
    assert (report.created, report.updated) == (0, 1)
    assert CreditListEntry.objects.count() == 1
    live.refresh_from_db()
    assert live.reason == "未按规定报送2023年度工作报告"  # public version untouched
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().reason == "未按规定接受年度检查"


def test_a_second_import_of_a_draft_updates_it(agency, write):
    import_records("credit-list", write([HEADER, credit_row(CODE)]))
    rows = [HEADER, credit_row(CODE, reason="未按规定接受年度检查")]
    report = import_records("credit-list", write(rows))
    assert report.updated == 1
    assert CreditListEntry.objects.get().reason == "未按规定接受年度检查"


def test_dry_run_writes_nothing_but_counts(agency, write):
    report = import_records(
        "credit-list", write([HEADER, credit_row(CODE)]), dry_run=True
    )
    assert report.created == 1 and not report.written
    assert SocialOrganisation.objects.count() == 0


def test_nothing_half_written_after_a_failure(agency, write, monkeypatch):
    rows = [HEADER, credit_row(CODE), credit_row(OTHER, name="清源区摄影家协会")]
    # Every write path (one by one or in bulk) serialises the entry for its revision.
    original = CreditListEntry.serializable_data

    def fail_on_second(self, *args, **kwargs):
        if self.organisation.credit_code == OTHER:
            raise RuntimeError("磁盘已满")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CreditListEntry, "serializable_data", fail_on_second)
    report = import_records("credit-list", write(rows))
    assert not report.written and "磁盘已满" in report.errors[0].message
    assert SocialOrganisation.objects.count() == 0
    assert CreditListEntry.objects.count() == 0


def test_unknown_kind_lists_the_kinds():
    with pytest.raises(UnknownKind) as raised:
        import_records("credit", "x.csv")
    assert "credit-list、charity、disclosure-finance" in str(raised.value)


def test_header_aliases_and_chinese_dates(agency, write):
    header = ["信用代码", "组织名称", "类型", "登记机关", "名单类型", "列入原因", "依据",
              "决定机关", "文号", "列入时间"]  # fmt: skip
    row = credit_row(CODE, listed="2024年7月2日")
    report = import_records("credit-list", write([header, row]))
    assert report.ok, report.errors
    assert str(CreditListEntry.objects.get().listed_on) == "2024-07-02"


def test_excel_date_serial_in_csv(agency, write):
    # A date cell Excel saved to CSV as its serial number.
    report = import_records(
        "credit-list", write([HEADER, credit_row(CODE, listed="45475")])
    )
    assert report.ok, report.errors
    assert str(CreditListEntry.objects.get().listed_on) == "2024-07-02"


def test_template_example_rows_import(agency, tmp_path):
    from imports.records.templates import template_csv

    path = tmp_path / "template.csv"
    path.write_bytes(template_csv("credit-list"))
    report = import_records("credit-list", path, dry_run=True)
    assert report.ok, report.errors


def test_aliases_are_documented_in_one_list_per_kind():
    headers = [h for column in credit_kind.COLUMNS for h in column.all_headers]
    assert "统一社会信用代码" in headers and len(headers) == len(set(headers))


def test_xlsx_read_with_openpyxl(agency, tmp_path):
    import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(credit_row(CODE)[:-1] + [datetime.datetime(2024, 7, 2)])
    sheet.append(credit_row(OTHER, name="清源区摄影家协会")[:-1] + ["2024/7/3"])
    path = tmp_path / "名录.xlsx"
    workbook.save(path)
    report = import_records("credit-list", path)
    assert report.ok, report.errors
    assert sorted(str(e.listed_on) for e in CreditListEntry.objects.all()) == [
        "2024-07-02",
        "2024-07-03",
    ]


def test_xlsx_formula_cell_is_refused(agency, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(credit_row(CODE, reason="=A1&B1"))
    path = tmp_path / "名录.xlsx"
    workbook.save(path)
    report = import_records("credit-list", path)
    assert report.errors[0].column == "列入事由"


# -- the command ---------------------------------------------------------------------


def test_command_json_report(agency, write, capsys):
    call_command(
        "import_records",
        "credit-list",
        str(write([HEADER, credit_row(CODE)])),
        "--json",
    )
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "kind": "credit-list", "file": "名录.csv", "rows": 1, "created": 1,
        "updated": 0, "skipped": 0, "errors": [],
    }  # fmt: skip


def test_command_fails_when_errors_and_nothing_written(agency, write, capsys):
    rows = [HEADER, credit_row(bad_code(1, "x"))]
    with pytest.raises(CommandError):
        call_command("import_records", "credit-list", str(write(rows)), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["errors"][0] == {
        "row": 2,
        "column": "统一社会信用代码",
        "message": data["errors"][0]["message"],
    }


def test_command_wrong_kind_lists_kinds(write):
    with pytest.raises(CommandError, match="credit-list、charity、disclosure-finance"):
        call_command("import_records", "villages", "x.csv")


def test_command_skip_invalid_succeeds_with_partial_write(agency, write):
    rows = [HEADER, credit_row(CODE), credit_row(bad_code(1, "x"))]
    call_command("import_records", "credit-list", str(write(rows)), "--skip-invalid")
    assert SocialOrganisation.objects.count() == 1
