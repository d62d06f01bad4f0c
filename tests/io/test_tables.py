"""Reading bundle tables from CSV and workbooks, and the problems they report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from goldenthread.errors import BundleError, Problem
from goldenthread.io.tables import normalise_column, read_csv, read_csv_text, read_workbook


def test_columns_are_case_and_space_insensitive() -> None:
    table = read_csv_text(" Code ,Inherent Likelihood,data-source\nNI 157a,3,Uniform\n", "x.csv")
    assert table.columns == ("code", "inherent_likelihood", "data_source")
    row = table.rows[0]
    assert row.get("code") == "NI 157a"
    assert row.get("inherent_likelihood") == "3"
    assert row.get("absent", "none") == "none"
    assert row.number == 2


def test_blank_lines_are_skipped_but_row_numbers_match_the_spreadsheet() -> None:
    table = read_csv_text("code,value\nA,1\n,\nB,2\n", "values.csv")
    assert [(r.number, r.get("code")) for r in table] == [(2, "A"), (4, "B")]
    assert len(table) == 2


def test_unknown_columns_are_kept() -> None:
    row = read_csv_text("code,title,my_note\nA,Alpha,keep me\n", "i.csv").rows[0]
    assert row.extras(("code", "title")) == {"my_note": "keep me"}


def test_short_rows_are_padded() -> None:
    row = read_csv_text("code,title,unit\nA,Alpha\n", "i.csv").rows[0]
    assert row.get("unit") == ""


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "indicators.csv"
    path.write_bytes("\ufeffcode,title\nA,Alpha\n".encode())
    table = read_csv(path)
    assert table.columns == ("code", "title")
    assert table.file == "indicators.csv"


def test_missing_columns_are_all_named() -> None:
    table = read_csv_text("code\nA\n", "indicators.csv")
    with pytest.raises(BundleError) as info:
        table.require("code", "title", "polarity")
    assert [p.column for p in info.value.problems] == ["title", "polarity"]
    assert info.value.problems[0] == Problem(
        "missing required column 'title' (columns found: code)", "indicators.csv", 1, "title"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "values.csv, row 1: the file is empty: it needs a header row"),
        ("code,Code\nA,B\n", "values.csv, row 1, column 'code': column 'code' appears twice"),
        ("code,value\nA,1,extra\n", "values.csv, row 2: a value in column 3, which has no header"),
        ('code,value\n"A,1\n', "values.csv, row"),
    ],
)
def test_broken_files_are_refused(text: str, message: str) -> None:
    with pytest.raises(BundleError, match=message):
        read_csv_text(text, "values.csv")


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "values.csv"
    path.write_bytes("code,title\nA,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(BundleError, match=r"values.csv: not UTF-8 text"):
        read_csv(path)


def test_every_problem_is_listed() -> None:
    with pytest.raises(BundleError) as info:
        read_csv_text("code,value\nA,1,x\nB,2\nC,3,y\n", "values.csv")
    assert [p.row for p in info.value.problems] == [2, 4]
    assert str(info.value).startswith("2 problems:")


def test_workbook_sheets_become_tables(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Indicators"
    sheet.append(["Code", "Title", "Decimals", "Since"])
    sheet.append(["NI 157a", "Major applications in time", 1, dt.datetime(2024, 4, 1)])
    sheet.append([None, None, None, None])
    sheet.append(["BV 9", "Council tax collected", 1.5, True])
    values = book.create_sheet("values.csv")
    values.append(["indicator", "period", "value"])
    book.create_sheet("Empty")
    path = tmp_path / "council.xlsx"
    book.save(path)
    tables = read_workbook(path)
    assert set(tables) == {"indicators", "values"}
    rows = tables["indicators"].rows
    assert [r.number for r in rows] == [2, 4]
    assert rows[0].cells == {
        "code": "NI 157a",
        "title": "Major applications in time",
        "decimals": "1",
        "since": "2024-04-01",
    }
    assert rows[1].get("decimals") == "1.5"
    assert rows[1].get("since") == "true"
    assert tables["indicators"].file == "council.xlsx[Indicators]"
    assert len(tables["values"]) == 0


def test_damaged_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "council.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(BundleError, match=r"council.xlsx: cannot open the workbook"):
        read_workbook(path)


def test_normalise_column() -> None:
    assert normalise_column("  Data.Status ") == "data_status"
    assert normalise_column("\ufeffid") == "id"
