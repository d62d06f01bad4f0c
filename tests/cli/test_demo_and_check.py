"""The main job (``demo``) and the framework-wide ``check`` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
from click.testing import CliRunner
from icalendar import Calendar

from goldenthread.checks import check_framework
from goldenthread.cli import main
from goldenthread.examples import example_path
from goldenthread.findings import Severity
from goldenthread.io.bundle import load_bundle
from goldenthread.io.source import load_source

AS_AT = "2025-11-20"


def test_demo_writes_every_output_and_prints_the_paths(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--output", str(tmp_path), "--as-at", AS_AT])
    assert result.exit_code == 0, result.output
    for council in ("rossendale", "poole"):
        folder = tmp_path / council
        assert f"{council}: loading the example bundle" in result.output
        calendar = Calendar.from_ical((folder / "calendar-2025-26.ics").read_bytes())
        assert calendar.walk("VEVENT")
        records = json.loads((folder / "calendar-2025-26.json").read_text())
        assert {r["status"] for r in records} >= {"overdue", "not-due"} or records
        assessments = json.loads((folder / "assessments-2025-26-Q2.json").read_text())
        assert {"indicator", "period", "value", "target", "status", "direction"} <= set(
            assessments[0]
        )
        assert all(a["period"] == "2025/26 Q2" for a in assessments)
        risks = json.loads((folder / "risks.json").read_text())
        assert {"id", "inherent", "current", "target", "within_appetite", "escalate"} <= set(
            risks[0]
        )
        assert (folder / "thread.mmd").read_text().startswith("flowchart")
        for kind in ("performance", "risk", "thread", "data-quality"):
            html = (folder / f"report-{kind}-2025-26-Q2.html").read_text()
            assert html.startswith("<!DOCTYPE html>")
            assert '<html lang="en-GB"' in html
            assert (folder / f"report-{kind}-2025-26-Q2.xlsx").stat().st_size > 0
            assert (folder / f"report-{kind}-2025-26-Q2.md").read_text().startswith("#")
        assert list(folder.glob("report-service-plan-*-2025-26-Q2.html"))
        # the budget report: the latest month with actuals that had ended by 20 November
        budget = (folder / "report-budget-2025-10.html").read_text()
        assert "Budget monitoring report, 2025-10" in budget
        assert (folder / "report-budget-2025-10.xlsx").stat().st_size > 0
        assert (folder / "report-budget-2025-10.md").read_text().startswith("# Budget")
        assert not list(folder.glob("report-budget-*-Q2.*"))
        package = json.loads((folder / "open-data" / "datapackage.json").read_text())
        assert package["resources"]
        stored = load_source(f"sqlite:///{folder / 'goldenthread.db'}")
        assert stored.indicators == load_bundle(example_path(council)).indicators
        assert "digraph" in (folder / "thread.dot").read_text()
        for path in folder.iterdir():
            assert str(path) in result.output


def test_check_reports_findings_as_json(tmp_path: Path) -> None:
    source = str(example_path("poole"))
    result = CliRunner().invoke(main, ["check", source, "--format", "json", "--as-at", AS_AT])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)
    assert all(set(f) == {"code", "severity", "item", "message"} for f in findings)
    assert all(f["severity"] != "error" for f in findings)


def test_check_exits_1_on_errors_and_2_on_bad_input(tmp_path: Path) -> None:
    (tmp_path / "items.csv").write_text(
        "id,kind,title,level,parent,owner\n"
        "P,plan,Plan,corporate,,Chief Executive\n"
        "A,objective,A,corporate,B,Chief Executive\n"
        "B,objective,B,corporate,A,Chief Executive\n"
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--as-at", AS_AT])
    assert result.exit_code == 1, result.output
    assert "cycle" in result.output
    (tmp_path / "items.csv").write_text("id,kind,title\nX,gadget,Thing\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "items.csv, row 2" in result.output


def test_cross_references_to_unknown_objectives_are_found() -> None:
    framework = load_bundle(example_path("rossendale"))
    risk = framework.risks[0]
    changed = attrs.evolve(framework, risks=(attrs.evolve(risk, objectives=("NOPE",)),))
    findings = check_framework(changed, dt.date(2025, 11, 20))
    unknown = [f for f in findings if f.code == "risk-unknown-objective"]
    assert len(unknown) == 1
    assert unknown[0].severity is Severity.WARNING
    assert unknown[0].item == risk.id
