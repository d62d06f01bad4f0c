"""The ``report`` and ``publish`` commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from goldenthread.cli.options import parse_as_at
from goldenthread.cli.report import format_for, publish_command, report_command
from goldenthread.errors import InputError
from tests.reports.builders.conftest import EXAMPLES

POOLE = str(EXAMPLES / "poole")


def _run(command: object, args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(command, args)  # type: ignore[arg-type]
    return result.exit_code, result.stdout, result.stderr


def test_html_to_standard_output_by_default() -> None:
    code, out, err = _run(
        report_command, ["performance", POOLE, "--period", "2025/26 H1", "--as-at", "2025-11-01"]
    )
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>")
    assert "Corporate performance report, 2025/26 H1" in out


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("report.html", b"<!DOCTYPE html>"),
        ("report.md", b"# Data quality report"),
        ("report.json", b"{"),
        ("report.xlsx", b"PK"),
        ("report.csv", b""),
    ],
)
def test_the_format_follows_the_extension(tmp_path: Path, name: str, check: bytes) -> None:
    target = tmp_path / name
    code, out, err = _run(
        report_command,
        ["data-quality", POOLE, "-p", "2025/26 H1", "-o", str(target), "--as-at", "2025-11-01"],
    )
    assert (code, err) == (0, "")
    assert out.strip() == str(target)
    assert target.read_bytes().startswith(check)
    assert target.stat().st_size > 0


def test_json_to_standard_output() -> None:
    code, out, _ = _run(
        report_command,
        ["service-plan", POOLE, "-p", "2025/26 Q2", "--service", "SU-ENV", "--format", "json"],
    )
    assert code == 0
    assert json.loads(out)["report"]["kind"] == "service-plan"


def test_classification_can_be_widened() -> None:
    code, out, _ = _run(
        report_command,
        [
            "performance",
            POOLE,
            "-p",
            "2025/26 H1",
            "--format",
            "json",
            "--classification",
            "internal",
        ],
    )
    assert code == 0
    assert json.loads(out)["report"]["classification"] == "internal"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["capital", POOLE, "-p", "2025/26 H1"],
            "error: unknown report kind 'capital'; available: budget, data-quality, performance, "
            "risk, service-plan, thread\n",
        ),
        (
            ["performance", POOLE, "-p", "2025/26 Q9"],
            "error: '2025/26 Q9': quarter must be Q1-Q4, not Q9\n",
        ),
        (
            ["risk", POOLE, "-p", "2025/26 Q2", "--format", "xlsx"],
            "error: xlsx is a binary format: give a file with -o\n",
        ),
        (
            ["risk", POOLE, "-p", "2025/26 Q2", "--service", "SU-ENV"],
            "error: --service applies only to service-plan reports\n",
        ),
        (
            ["service-plan", POOLE, "-p", "2025/26 Q2"],
            "error: a service plan is needed; service plans: SU-ASC",
        ),
        (
            ["risk", POOLE, "-p", "2025/26 Q2", "--as-at", "soon"],
            "Usage: report [OPTIONS] KIND SOURCE",
        ),
        (
            ["risk", POOLE, "-p", "2025/26 Q2", "-o", "report.docx"],
            "error: cannot tell the format from 'report.docx'; use --format (csv, csv-zip, "
            "html, json, markdown, pdf, xlsx)\n",
        ),
    ],
)
def test_bad_input_exits_2_with_the_reason(args: list[str], message: str) -> None:
    code, out, err = _run(report_command, args)
    assert code == 2
    assert out == ""
    assert err.startswith(message)


def test_a_bad_bundle_names_file_row_and_column(bundle_copy: Path) -> None:
    values = bundle_copy / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("NI 157a,2021-04", "NI 157a,April")
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = _run(report_command, ["thread", str(bundle_copy), "-p", "2025/26 H1"])
    assert code == 2
    assert "values.csv" in err
    assert "row 2" in err
    assert "period" in err


def test_a_missing_source_exits_2(tmp_path: Path) -> None:
    code, _, err = _run(report_command, ["thread", str(tmp_path / "none"), "-p", "2025/26 H1"])
    assert code == 2
    assert "no bundle at" in err


def test_publish_writes_the_files_and_prints_their_paths(tmp_path: Path) -> None:
    code, out, err = _run(
        publish_command, [POOLE, "-p", "2025/26 H1", "-o", str(tmp_path), "--as-at", "2025-11-01"]
    )
    assert (code, err) == (0, "")
    printed = out.split()
    assert sorted(Path(p).name for p in printed) == [
        "datapackage.json",
        "index.html",
        "indicators.csv",
        "performance.csv",
        "plan.csv",
        "values.csv",
    ]
    assert all(Path(p).exists() for p in printed)


def test_publish_needs_an_output_folder() -> None:
    code, _, err = _run(publish_command, [POOLE, "-p", "2025/26 H1"])
    assert code == 2
    assert "Missing option '--output'" in err


def test_publish_refuses_a_bad_period(tmp_path: Path) -> None:
    code, _, err = _run(publish_command, [POOLE, "-p", "H1", "-o", str(tmp_path)])
    assert code == 2
    assert err == "error: 'H1' names no year; write it with its year, e.g. '2024/25 Q2'\n"


def test_format_for() -> None:
    assert format_for("md", None) == "markdown"
    assert format_for(None, None) == "html"
    assert format_for(None, Path("a.XLSX")) == "xlsx"
    assert format_for("json", Path("a.html")) == "json"
    with pytest.raises(InputError, match=r"cannot tell the format from 'a\.txt'"):
        format_for(None, Path("a.txt"))


def test_parse_as_at() -> None:
    assert parse_as_at(None) is None
    assert parse_as_at("2025-11-01") == dt.datetime.combine(
        dt.date(2025, 11, 1), dt.time.max, tzinfo=dt.UTC
    )
    assert parse_as_at("01/11/2025") == parse_as_at("2025-11-01")
    zoned = parse_as_at("2025-11-01T10:00+01:00")
    assert zoned == dt.datetime(2025, 11, 1, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(click.BadParameter, match="has no time zone"):
        parse_as_at("2025-11-01T10:00")
