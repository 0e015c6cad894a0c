"""The spreadsheet rules of content_models.disclosure.spreadsheets, and that the
importer, the publication guards and every CSV we serve share them."""

import pytest

from content_models.disclosure import spreadsheets
from content_models.disclosure.spreadsheets import neutralise
from imports.records import readers
from imports.records.kinds import Column

COLUMNS = [Column("name", "名称", required=True), Column("note", "备注")]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start):
    assert neutralise(start + "1+1") == "'" + start + "1+1"


def test_ordinary_text_is_left_alone():
    assert neutralise("清源区民政局") == "清源区民政局"


def test_importer_refuses_the_same_formula_starts():
    assert readers.FORMULA_STARTS is spreadsheets.FORMULA_STARTS


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+86", "-1", "@cmd"])
def test_import_refuses_a_formula_cell(tmp_path, cell):
    path = tmp_path / "名录.csv"
    path.write_text(f"名称,备注\n清源区书法家协会,{cell}\n", encoding="utf-8")
    row = next(iter(readers.read_table(path, COLUMNS).rows))
    assert "note" not in row.values
    assert row.problems and row.problems[0][0] == "备注"
