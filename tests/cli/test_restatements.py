"""A report reproduced as at an earlier moment lists what has been restated since."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.examples import example_path
from goldenthread.reports.restatements import describe_value

PERIOD = "2025/26 Q2"


def _import(runner: CliRunner, bundle: Path, url: str, why: str) -> None:
    result = runner.invoke(
        main, ["import", str(bundle), "--store", url, "--by", "Test", "--why", why]
    )
    assert result.exit_code == 0, result.output


def test_a_late_correction_is_listed_and_the_old_figure_reproduced(tmp_path: Path) -> None:
    runner = CliRunner()
    bundle = tmp_path / "poole"
    shutil.copytree(example_path("poole"), bundle)
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    _import(runner, bundle, url, "Q2 returns")
    reported_at = dt.datetime.now(dt.UTC)
    values = bundle / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("value")
    numerator = header.index("numerator")
    for number, line in enumerate(lines[1:], start=1):
        cells = line.split(",")
        if cells[1] == "2025-07" and cells[column] and not cells[numerator]:
            corrected = cells[0]
            cells[column] = "999"
            lines[number] = ",".join(cells)
            break
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _import(runner, bundle, url, "late correction after audit")

    stamp = reported_at.isoformat()
    then = runner.invoke(
        main, ["report", "performance", url, "-p", PERIOD, "--as-at", stamp, "--format", "md"]
    )
    assert then.exit_code == 0, then.output
    section = then.output.split("Restatements since this report", 1)[1]
    assert corrected in section
    assert "late correction after audit" in section
    assert "999" in section

    now = runner.invoke(main, ["report", "performance", url, "-p", PERIOD, "--format", "md"])
    assert now.exit_code == 0, now.output
    assert "Restatements since this report" not in now.output


def test_nothing_restated_says_so(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    _import(runner, example_path("poole"), url, "Q2 returns")
    stamp = dt.datetime.now(dt.UTC).isoformat()
    result = runner.invoke(
        main, ["report", "risk", url, "-p", PERIOD, "--as-at", stamp, "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    assert "No figure in this report has been restated since" in result.output


def test_describe_value() -> None:
    assert describe_value(None) == "not reported"
    assert describe_value({"state": "not-yet-due"}) == "not yet due"
    assert describe_value({"value": "12.5", "status": "final"}) == "12.5"
    assert describe_value({"numerator": "45", "denominator": "50", "status": "provisional"}) == (
        "45 / 50 (provisional)"
    )
