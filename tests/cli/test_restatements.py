"""A report reproduced as at an earlier moment lists what has been restated since."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.examples import example_path
from goldenthread.reports.restatements import describe_target, describe_value

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


# -- withdrawals, targets and equal rewrites ---------------------------------------------------


def _edit(path: Path, change: Callable[[list[str], list[list[str]]], None]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    change(header, rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])


def _restatements_after(
    tmp_path: Path, edit: Callable[[Path], None]
) -> tuple[str | None, list[list[str]]]:
    """Import Poole, note the moment, apply ``edit`` to the bundle and import it again;
    the performance report as at the moment: its restatements section's text (``None``
    when nothing was restated) and table rows."""
    runner = CliRunner()
    bundle = tmp_path / "poole"
    shutil.copytree(example_path("poole"), bundle)
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    _import(runner, bundle, url, "Q2 returns")
    reported_at = dt.datetime.now(dt.UTC)
    edit(bundle)
    _import(runner, bundle, url, "after the close")
    stamp = reported_at.isoformat()
    args = ["report", "performance", url, "-p", PERIOD, "--as-at", stamp, "--format", "md"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    section = result.output.split("Restatements since this report", 1)[1]
    if "No figure in this report has been restated" in section:
        return None, []
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and "after the close" in line
    ]
    return section, rows


def test_a_value_withdrawn_after_the_close_is_a_restatement(tmp_path: Path) -> None:
    def withdraw(bundle: Path) -> None:
        _edit(
            bundle / "values.csv",
            lambda header, rows: rows.remove(
                next(r for r in rows if r[:2] == ["NI 157b", "2025-07"])
            ),
        )

    section, rows = _restatements_after(tmp_path, withdraw)
    assert section is not None
    assert [row[:5] for row in rows] == [
        ["NI 157b", "2025-07", "value", "85.7 (provisional)", "withdrawn"]
    ]


def test_a_target_changed_after_the_close_is_a_restatement(tmp_path: Path) -> None:
    def move(bundle: Path) -> None:
        def change(header: list[str], rows: list[list[str]]) -> None:
            row = next(r for r in rows if r[:2] == ["NI 157a", "2025/26"])
            row[header.index("target")] = "70.0"

        _edit(bundle / "targets.csv", change)

    _, rows = _restatements_after(tmp_path, move)
    assert [row[:5] for row in rows] == [["NI 157a", "2025/26", "target", "78.0", "70.0"]]


def test_a_target_withdrawn_after_the_close_is_a_restatement(tmp_path: Path) -> None:
    def withdraw(bundle: Path) -> None:
        _edit(
            bundle / "targets.csv",
            lambda header, rows: rows.remove(
                next(r for r in rows if r[:2] == ["NI 157c", "2025/26"])
            ),
        )

    _, rows = _restatements_after(tmp_path, withdraw)
    assert [row[:5] for row in rows] == [["NI 157c", "2025/26", "target", "89.0", "withdrawn"]]


def test_a_rewrite_of_an_equal_value_is_not_a_restatement(tmp_path: Path) -> None:
    """A new note on a value (the figure unchanged) is recorded, but is no restatement."""

    def annotate(bundle: Path) -> None:
        def change(header: list[str], rows: list[list[str]]) -> None:
            row = next(r for r in rows if r[:2] == ["NI 157b", "2025-07"])
            row[header.index("note")] = "checked again, no change"

        _edit(bundle / "values.csv", change)

    section, rows = _restatements_after(tmp_path, annotate)
    assert (section, rows) == (None, [])


def test_describe_target() -> None:
    assert describe_target(None) == "no target"
    assert describe_target({"target": "78.0"}) == "78.0"
    assert describe_target({"target": "5", "lower": "4", "upper": "6"}) == "5 (range 4–6)"
    assert describe_target({"target": None, "floor": "60"}) == "(floor 60)"
