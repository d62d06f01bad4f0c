"""``goldenthread risks SOURCE``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from goldenthread.cli.risks import risks_command

RISKS = """\
id,title,register,category,inherent_likelihood,inherent_impact,current_likelihood,current_impact,\
target_likelihood,target_impact,controls,next_review
S1,Service risk,service,financial,5,5,4,4,2,2,Budget monitoring,2014-03-31
C1,Corporate risk,corporate,financial,3,3,2,2,1,1,Insurance,2014-06-30
"""
FRAMEWORK = """\
[organisation]
name = "Test"

[[risk.escalation]]
name = "up"
registers = ["service"]
min_score = 15
escalate_to = "corporate"
report_to = ["Audit Committee"]
"""


def bundle(tmp_path: Path, risks: str = RISKS, framework: str = FRAMEWORK) -> Path:
    (tmp_path / "risks.csv").write_text(risks, encoding="utf-8")
    (tmp_path / "framework.toml").write_text(framework, encoding="utf-8")
    return tmp_path


def test_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        risks_command, [str(bundle(tmp_path)), "--format", "json", "--as-at", "2014-04-15"]
    )
    assert result.exit_code == 0, result.output
    s1, c1 = json.loads(result.output)
    assert s1["id"] == "S1"
    assert s1["inherent"] == {"likelihood": 5, "impact": 5, "score": 25, "level": "High"}
    assert s1["current"] == {"likelihood": 4, "impact": 4, "score": 16, "level": "High"}
    assert s1["target"] == {"likelihood": 2, "impact": 2, "score": 4, "level": "Low"}
    assert s1["within_appetite"] is False
    assert s1["escalate"] is True
    assert s1["escalations"][0]["report_to"] == ["Audit Committee"]
    assert s1["review_overdue"] is True
    assert s1["trend"] == "new"
    assert (c1["within_appetite"], c1["escalate"], c1["review_overdue"]) == (True, False, False)


def test_table(tmp_path: Path) -> None:
    result = CliRunner().invoke(risks_command, [str(bundle(tmp_path)), "--as-at", "2014-04-15"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "ID", "Register", "Inherent", "Current", "Target", "Appetite", "Trend", "Escalate"
    ]  # fmt: skip
    assert lines[1].split()[:2] == ["S1", "service"]
    assert "16 High (4x4)" in lines[1]
    assert "OUTSIDE" in lines[1]
    assert lines[1].endswith("corporate")
    assert "Current ratings (2 risks)" in result.output
    assert "Reviews overdue at 2014-04-15: S1 (due 2014-03-31)" in result.output
    assert "Top risks: S1 (16 High (4x4)), C1 (4 Low (2x2))" in result.output


def test_error_findings_exit_1(tmp_path: Path) -> None:
    risks = "id,title,inherent_likelihood,inherent_impact,current_likelihood,current_impact\n"
    risks += "R1,Worse now,2,2,4,4\n"
    result = CliRunner().invoke(risks_command, [str(bundle(tmp_path, risks)), "--format", "json"])
    assert result.exit_code == 1
    (record,) = json.loads(result.output)
    codes = [f["code"] for f in record["findings"]]
    assert codes == ["current-above-inherent", "target-not-rated"]


def test_bad_input_exit_2(tmp_path: Path) -> None:
    risks = "id,title,current_likelihood,current_impact\nR1,Off the scale,7,1\n"
    result = CliRunner().invoke(risks_command, [str(bundle(tmp_path, risks))])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: risks.csv, row 2, column 'current_likelihood': likelihood 7 is outside the "
        "scale 1–5 of matrix 'default-5x5'\n"
    )


def test_missing_files_and_bad_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(risks_command, [str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no bundle at" in result.stderr
    assert "expected a folder or an .xlsx workbook" in result.stderr
    empty = CliRunner().invoke(risks_command, [str(tmp_path), "--format", "json"])
    assert empty.exit_code == 0
    assert json.loads(empty.output) == []
    result = CliRunner().invoke(risks_command, [str(bundle(tmp_path)), "--as-at", "soon"])
    assert result.exit_code == 2
    assert "'soon' is not a timestamp" in result.stderr
    (tmp_path / "framework.toml").write_text("[risk\n", encoding="utf-8")
    result = CliRunner().invoke(risks_command, [str(tmp_path)])
    assert result.exit_code == 2
    assert "framework.toml: not valid TOML" in result.stderr


def test_reviews_give_trends(tmp_path: Path) -> None:
    bundle(tmp_path)
    (tmp_path / "risk_reviews.csv").write_text(
        "risk,reviewed_on,current_likelihood,current_impact\n"
        "S1,2013-12-20,3,3\nS1,2014-03-28,4,4\nC1,2014-03-28,2,2\nX9,2014-03-28,1,1\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(risks_command, [str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    assert "risk_reviews.csv, row 5, column 'risk': no risk with id 'X9'" in result.stderr
    (tmp_path / "risk_reviews.csv").write_text(
        "risk,reviewed_on,current_likelihood,current_impact\n"
        "S1,2013-12-20,3,3\nS1,2014-03-28,4,4\nC1,2014-03-28,2,2\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(risks_command, [str(tmp_path), "--format", "json"])
    assert [r["trend"] for r in json.loads(result.output)] == ["rising", "new"]
