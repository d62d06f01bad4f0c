"""The ``thread`` and ``check`` commands: output formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from goldenthread.cli.check import check_command
from goldenthread.cli.thread import thread_command
from goldenthread.examples import example_path

ROSSENDALE = str(example_path("rossendale"))


def test_check_example_reports_warnings_and_exits_0() -> None:
    result = CliRunner().invoke(check_command, [ROSSENDALE, "--as-at", "2025-11-30"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(
        line.split()[:3] == ["warning", "overdue-action", "CC-1"]
        and "CC-1 was due on 2025-09-30" in line
        for line in lines
    )
    assert lines[-1].endswith("0 error(s), 3 warning(s), 3 info")


def test_check_json_is_findings() -> None:
    result = CliRunner().invoke(
        check_command, [ROSSENDALE, "--format", "json", "--as-at", "30/11/2025"]
    )
    assert result.exit_code == 0
    findings = json.loads(result.output)
    assert {k: findings[0][k] for k in ("code", "severity", "item")} == {
        "code": "orphan",
        "severity": "warning",
        "item": "CC-2",
    }
    assert all(set(f) == {"code", "severity", "item", "message"} for f in findings)


def test_check_exits_1_on_errors(tmp_path: Path) -> None:
    (tmp_path / "items.csv").write_text(
        "id,kind,title,level,parent,owner\nA,objective,A,corporate,B,x\nB,objective,B,national,A,x\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(check_command, [str(tmp_path), "--as-at", "2025-11-30"])
    assert result.exit_code == 1
    assert "error    cycle" in result.output


def test_bad_input_exits_2_naming_the_cell(tmp_path: Path) -> None:
    (tmp_path / "items.csv").write_text(
        "id,kind,title,level\nA,objective,A,moon\n", encoding="utf-8"
    )
    result = CliRunner().invoke(check_command, [str(tmp_path), "--as-at", "2025-11-30"])
    assert result.exit_code == 2
    assert "items.csv, row 2, column 'level': unknown level 'moon'" in result.stderr
    result = CliRunner().invoke(thread_command, [str(tmp_path)])
    assert result.exit_code == 2
    bad_date = CliRunner().invoke(check_command, [ROSSENDALE, "--as-at", "soon"])
    assert bad_date.exit_code == 2
    assert "'soon' is not a timestamp" in bad_date.stderr


def test_thread_prints_the_tree_and_diagrams() -> None:
    runner = CliRunner()
    text = runner.invoke(thread_command, [ROSSENDALE, "--from", "RBC-O3"])
    assert text.exit_code == 0
    assert text.output.startswith("RBC-O3  Regenerate our town centres")
    to = runner.invoke(thread_command, [ROSSENDALE, "--to", "PDI-12-1", "--format", "json"])
    rows = json.loads(to.output)
    assert [r["id"] for r in rows] == [
        "NAT-3",
        "RCS-P3",
        "RBC-O3",
        "HH-1",
        "PSH-1",
        "PDI-12-1",
        "RBC-O4",
        "HH-1",
        "NAT-6",
        "RCS-P4",
        "RBC-O4",
    ]
    assert [r["repeated"] for r in rows].count(True) == 2
    assert rows[-1]["repeated"] is True
    dot = runner.invoke(thread_command, [ROSSENDALE, "--from", "RBC-O9", "--format", "dot"])
    assert '"CSE-1" -> "RBC-O9";' in dot.output
    mermaid = runner.invoke(thread_command, [ROSSENDALE, "--format", "mermaid"])
    assert mermaid.output.startswith("flowchart BT")
    missing = runner.invoke(thread_command, [ROSSENDALE, "--from", "NOPE"])
    assert missing.exit_code == 2
    assert "--from: no item 'NOPE' in the thread" in missing.stderr
