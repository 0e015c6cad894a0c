"""One CSV decoding rule (content_models.disclosure.spreadsheets.decode_csv), read by
the importer and by the publication guard alike."""

import pytest

from content_models.disclosure.spreadsheets import UndecodableCsv, decode_csv
from imports.records.readers import FileProblem, raw_rows
from publishing.guards.files import UnreadableFile, _csv_cells

TEXT = "名称,电话\n清源区书法家协会,138****5678\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_utf8_with_or_without_bom_and_gb18030_read_the_same(encoding):
    assert decode_csv(TEXT.encode(encoding), "名录.csv") == TEXT


def test_utf8_is_tried_before_gb18030():
    # These UTF-8 bytes also decode as GB18030, to other characters.
    data = "低保".encode()
    assert data.decode("gb18030") != "低保"
    assert decode_csv(data, "名录.csv") == "低保"


def test_truncated_utf8_is_named_not_misread_as_gb18030():
    with pytest.raises(UndecodableCsv, match="截断"):
        decode_csv(TEXT.encode()[:-1] + "汉".encode()[:2], "名录.csv")


def test_control_characters_give_away_a_binary_file():
    with pytest.raises(UndecodableCsv, match="不可识别"):
        decode_csv(b"\x00\x01PK\x03\x04", "名录.csv")


CUT_OFF = "名称\n低保".encode()[:-1]


def test_importer_and_guard_refuse_a_file_with_the_same_words(tmp_path):
    path = tmp_path / "名录.csv"
    path.write_bytes(CUT_OFF)
    with pytest.raises(FileProblem) as imported:
        list(raw_rows(path))
    with pytest.raises(UnreadableFile) as guarded:
        list(_csv_cells(CUT_OFF, "附件《名录.csv》", "名录.csv"))
    assert imported.value.message == str(guarded.value)


def test_guard_reads_gb18030_cells():
    cells = list(_csv_cells(TEXT.encode("gb18030"), "附件", "名录.csv"))
    assert [cell.value for cell in cells][-1] == "138****5678"
