"""``goldenthread assess``: formats, the example councils and bad input (exit 2)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli.assess import assess_command

EXAMPLES = Path(__file__).parents[2] / "src" / "goldenthread" / "examples"
KEYS = {
    "indicator",
    "period",
    "value",
    "target",
    "status",
    "direction",
    "direction_last_year",
    "ytd_value",
}
STATUSES = {"green", "amber", "red", "no-data", "no-target", "data-only"}


@pytest.mark.parametrize("council", ["rossendale", "poole"])
def test_json_for_the_example_councils(council: str) -> None:
    result = CliRunner().invoke(
        assess_command,
        [
            str(EXAMPLES / council),
            "--period",
            "2025/26 Q2",
            "--format",
            "json",
            "--as-at",
            "2025-11-01",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) >= 25
    for row in rows:
        assert set(row) >= KEYS
        assert row["status"] in STATUSES
        assert row["period"] == "2025/26 Q2"
    by_code = {row["indicator"]: row for row in rows}
    assert by_code["NI 157a"]["status"] == "no-data"  # a late return (tbc)
    assert isinstance(by_code["NI 157b"]["value"], float)


def test_table_and_csv(tmp_path: Path) -> None:
    source = EXAMPLES / "rossendale"
    table = CliRunner().invoke(
        assess_command, [str(source), "-p", "Q1 2024/25", "--as-at", "2025-01-01"]
    )
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split()[:5] == ["indicator", "period", "value", "target", "status"]
    assert any(line.startswith("BV 9 ") for line in lines)
    result = CliRunner().invoke(
        assess_command,
        [str(source), "-p", "2024/25", "--format", "csv", "--as-at", "2025-06-01", "--trend", "3"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert set(rows[0]) >= KEYS
    assert {r["period"] for r in rows} == {"2024/25"}
    assert any(r["indicator"] == "NI 182" for r in rows)  # annual indicators in a year


def _bundle(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


INDICATORS = "code,title,polarity,aggregation,frequency\nA1,Test,higher,sum,quarterly\n"


def test_bad_values_exit_2_naming_file_row_and_column(tmp_path: Path) -> None:
    source = _bundle(
        tmp_path,
        **{
            "indicators.csv": INDICATORS,
            "values.csv": "indicator,period,value\nA1,2024/25 Q1,lots\nA1,2024/25 Q2,12%\n",
        },
    )
    result = CliRunner().invoke(assess_command, [str(source), "--period", "2024/25 Q1"])
    assert result.exit_code == 2
    assert "values.csv, row 2, column 'value': cannot read 'lots' as a number" in result.stderr
    assert "values.csv, row 3, column 'value': '12%' is a percentage" in result.stderr


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({"values.csv": "indicator,period,value\n"}, [], "no indicators table defining the codes"),
        ({"indicators.csv": INDICATORS}, ["--period", "2024/26"], "the second year must follow"),
        (
            {"indicators.csv": INDICATORS, "framework.toml": "[organisation\n"},
            [],
            "framework.toml: not valid TOML",
        ),
        (
            {
                "indicators.csv": INDICATORS,
                "framework.toml": "[organisation]\nyear_start_month = 13\n",
            },
            [],
            "must be a month number 1-12, not 13",
        ),
        (
            {"indicators.csv": INDICATORS, "framework.toml": "indicators = 3\n"},
            [],
            "[indicators] must be a table",
        ),
        (
            {"indicators.csv": INDICATORS, "framework.toml": "[indicators]\ndecimals = -1\n"},
            [],
            "decimals must be a whole number 0-6, not -1",
        ),
        (
            {
                "indicators.csv": "code,title,polarity,aggregation,frequency,rag_rule\n"
                "A1,Test,higher,sum,quarterly,essex\n"
            },
            [],
            "unknown RAG rule 'essex'",
        ),
    ],
)
def test_bad_bundles_exit_2(
    tmp_path: Path, files: dict[str, str], args: list[str], message: str
) -> None:
    source = _bundle(tmp_path, **files)
    result = CliRunner().invoke(assess_command, [str(source), *(args or ["--period", "2024/25"])])
    assert result.exit_code == 2
    assert message in result.stderr


def test_bad_as_at(tmp_path: Path) -> None:
    source = _bundle(tmp_path, **{"indicators.csv": INDICATORS})
    result = CliRunner().invoke(assess_command, [str(source), "-p", "2024/25", "--as-at", "soon"])
    assert result.exit_code == 2
    assert "is not a timestamp" in result.stderr


def test_year_start_month_from_framework(tmp_path: Path) -> None:
    source = _bundle(
        tmp_path,
        **{
            "indicators.csv": INDICATORS,
            "values.csv": "indicator,period,value\nA1,2024 Q1,5\n",
            "targets.csv": "indicator,period,target\nA1,2024,20\n",
            "framework.toml": "[organisation]\nyear_start_month = 1\n",
        },
    )
    result = CliRunner().invoke(
        assess_command, [str(source), "-p", "2024 Q1", "--format", "json", "--as-at", "2024-05-01"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert (row["value"], row["target"], row["status"]) == (5, 5, "green")


def test_workbook_source(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "indicators"
    for row in csv.reader(io.StringIO(INDICATORS)):
        sheet.append(row)
    values = book.create_sheet("values")
    values.append(["indicator", "period", "value"])
    values.append(["A1", "2024/25 Q1", 7])
    path = tmp_path / "bundle.xlsx"
    book.save(path)
    result = CliRunner().invoke(
        assess_command, [str(path), "-p", "2024/25 Q1", "--format", "json", "--as-at", "2024-08-01"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["value"] == 7
