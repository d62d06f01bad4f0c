"""``goldenthread report KIND SOURCE -o x.csv`` writes the report's tables as one tidy CSV,
and ``-o x.zip`` one tidy CSV per table."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.examples import example_path

POOLE = str(example_path("poole"))
ARGS = ("performance", POOLE, "-p", "2025/26 Q2", "--on", "2025-11-01")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["report", *args])
    return result.exit_code, result.output


def _number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def test_report_to_csv_is_one_tidy_table(tmp_path: Path) -> None:
    out = tmp_path / "performance.csv"
    code, printed = _run(*ARGS, "-o", str(out))
    assert code == 0, printed
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    assert header[:3] == ["table", "section", "record"]
    assert {len(row) for row in rows} == {len(header)}
    assert len({row[0] for row in rows[1:]}) > 3  # several tables, each named
    assert "section,block,row,column,value,display" not in out.read_text(encoding="utf-8")
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    indicators = [r for r in records if r.get("indicator") and r.get("value")]
    assert indicators
    for record in indicators:
        assert _number(record["value"]), record
        assert "," not in record["value"]
    for key in header:
        if key.endswith("_unit"):
            figures = [r[key.removesuffix("_unit")] for r in records if r[key]]
            assert all(_number(f) for f in figures), key


def test_report_to_zip_is_one_csv_per_table(tmp_path: Path) -> None:
    out = tmp_path / "performance.zip"
    code, printed = _run(*ARGS, "-o", str(out))
    assert code == 0, printed
    single = tmp_path / "performance.csv"
    assert _run(*ARGS, "-o", str(single))[0] == 0
    joined = list(csv.DictReader(io.StringIO(single.read_text(encoding="utf-8"), newline="")))
    with zipfile.ZipFile(out) as archive:
        index = list(csv.DictReader(io.StringIO(archive.read("tables.csv").decode("utf-8"))))
        with_rows = [r["table"] for r in index if r["rows"] != "0"]  # empty: no row to join
        assert with_rows == list(dict.fromkeys(r["table"] for r in joined))
        for entry in index:
            text = archive.read(f"{entry['table']}.csv").decode("utf-8")
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
            mine = [r for r in joined if r["table"] == entry["table"]]
            assert len(rows) == len(mine) == int(entry["rows"])
            for alone, together in zip(rows, mine, strict=True):
                assert alone == {key: together[key] for key in alone}


def test_a_zip_needs_a_file() -> None:
    code, printed = _run(*ARGS, "--format", "csv-zip")
    assert code == 2
    assert "csv-zip is a binary format: give a file with -o" in printed
