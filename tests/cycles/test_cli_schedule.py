"""The ``schedule`` command: table, JSON and iCalendar output, and bad input."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from goldenthread.cli.schedule import schedule

POOLE = str(resources.files("goldenthread.examples").joinpath("poole"))
ROSSENDALE = str(resources.files("goldenthread.examples").joinpath("rossendale"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(schedule, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_every_occurrence() -> None:
    code, out, _ = run(POOLE, "--year", "2024/25", "--format", "json")
    assert code == 0
    records = json.loads(out)
    [h1] = [
        r
        for r in records
        if r["arrangement"] == "corporate-performance" and r["period"] == "2024/25 H1"
    ]
    assert h1 == {
        "arrangement": "corporate-performance",
        "what": "Corporate Strategy priorities (corporate performance report)",
        "who": ["Management Team", "Cabinet"],
        "frequency": "half-yearly",
        "period": "2024/25 H1",
        "period_start": "2024-04-01",
        "period_end": "2024-09-30",
        "data_due": "2024-10-21",
        "report_due": "2024-11-12",
        "concerns": "corporate",
    }
    assert sum(r["arrangement"] == "budget" for r in records) == 12


def test_json_with_as_at_adds_status() -> None:
    code, out, _ = run(POOLE, "--year", "2024/25", "--format", "json", "--as-at", "2024-11-01")
    assert code == 0
    statuses = {(r["arrangement"], r["period"]): r["status"] for r in json.loads(out)}
    assert statuses[("corporate-performance", "2024/25 H1")] == "due-soon"
    # from presentations.csv: presented by its due date, after it, and not yet
    assert statuses[("budget", "2024-04")] == "done"
    assert statuses[("performance-indicators", "2024/25 Q1")] == "late"
    assert statuses[("corporate-risk-register", "2024/25 Q4")] == "not-due"
    code, out, _ = run(
        POOLE, "--year", "2024/25", "--format", "json", "--as-at", "2024-11-01", "--soon", "0"
    )
    statuses = {(r["arrangement"], r["period"]): r["status"] for r in json.loads(out)}
    assert statuses[("corporate-performance", "2024/25 H1")] == "not-due"
    code, out, _ = run(
        POOLE, "--year", "2024/25", "--format", "json", "--as-at", "2024-11-01T09:00:00+00:00"
    )
    assert code == 0
    statuses = {(r["arrangement"], r["period"]): r["status"] for r in json.loads(out)}
    assert statuses[("corporate-performance", "2024/25 H1")] == "due-soon"


def test_table_is_readable() -> None:
    code, out, _ = run(ROSSENDALE, "--year", "2024/25", "--as-at", "2024-11-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Planning and review cycle 2024/25 as at Fri 1 Nov 2024"
    assert lines[2].split() == ["Report", "due", "Data", "due", "Period", "What", "Who", "Status"]
    [pdi] = [line for line in lines if "Personal Development Interviews" in line]
    assert pdi.startswith("Mon 30 Jun 2025")
    assert pdi.endswith("not-due")


def test_ics_parses_back() -> None:
    code, out, _ = run(POOLE, "--year", "2024/25", "--format", "ics", "--as-at", "2024-11-01")
    assert code == 0
    calendar = Calendar.from_ical(out)
    assert str(calendar["X-WR-CALNAME"]) == "Poole planning and review cycle 2024/25"
    assert len(calendar.walk("VEVENT")) > 40


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2024/25 Q1"], "error: --year must be a financial year such as 2024/25,"),
        (["--year", "2024/25", "--as-at", "soon"], "Usage: schedule [OPTIONS] SOURCE"),
    ],
)
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    code, out, err = run(POOLE, *args)
    assert code == 2
    assert out == ""
    assert err.startswith(message)


def test_missing_or_broken_framework_exits_2(tmp_path: Path) -> None:
    code, out, _ = run(str(tmp_path), "--year", "2024/25", "--format", "json")
    assert code == 0
    assert json.loads(out) == []
    code, _, err = run(str(tmp_path / "nowhere"), "--year", "2024/25")
    assert code == 2
    assert "no bundle at" in err
    (tmp_path / "framework.toml").write_text("[cycle\n")
    code, _, err = run(str(tmp_path), "--year", "2024/25")
    assert code == 2
    assert err.startswith("error: framework.toml: not valid TOML: ")


def test_bad_framework_content_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / "framework.toml").write_text("[organisation]\nyear_start_month = 13\n")
    code, _, err = run(str(tmp_path), "--year", "2024/25")
    assert code == 2
    assert err == (
        "error: framework.toml, column 'organisation.year_start_month': must"
        " be a month number 1-12, not 13\n"
    )
    (tmp_path / "framework.toml").write_text(
        '[[monitoring]]\nkey = "budget"\nwhat = "Budget"\nwho = "Cabinet"\n'
        'frequency = "monthly"\nreport_due = "soon"\n\n[[meetings]]\nbody = "Cabinet"\n'
    )
    code, _, err = run(str(tmp_path), "--year", "2024/25")
    assert code == 2
    assert err.startswith("error: 2 problems:\n  - framework.toml, column 'meetings[1]': ")
    assert "column 'monitoring[1].report_due': arrangement 'budget': cannot read" in err


def test_a_year_whose_meetings_are_not_known_exits_2(tmp_path: Path) -> None:
    (tmp_path / "framework.toml").write_text(
        '[[meetings]]\nbody = "Council"\ndates = [2024-05-15]\n\n'
        '[[monitoring]]\nkey = "plan"\nwhat = "Plan"\nwho = "Council"\nfrequency = "annual"\n'
        'report_due = "first Council meeting after period end"\n'
    )
    code, _, err = run(str(tmp_path), "--year", "2024/25")
    assert code == 2
    assert err == (
        "error: arrangement 'plan': no Council meeting is known on or after 2025-04-01"
        " (looked 400 days ahead) for rule 'first Council meeting after period end'\n"
    )
