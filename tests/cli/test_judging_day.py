"""The judging day (``--on DATE``) apart from the recorded state (``--as-at``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.examples import example_path
from goldenthread.storage import open_store

ROSSENDALE = str(example_path("rossendale"))

RISKS = """id,title,owner,category,inherent_likelihood,inherent_impact,current_likelihood,\
current_impact,review_frequency,next_review,status
R1,Funding gap,Head of Finance,financial,5,5,2,2,quarterly,2026-06-27,open
R2,Office move,Head of Resources,operational,4,4,3,3,quarterly,2026-06-27,closed
"""
REVIEWS = """risk,reviewed_on,period,current_likelihood,current_impact,status,note
R1,2025-01-10,2024/25 Q3,3,3,open,
R1,2025-03-20,2024/25 Q4,4,4,open,worse
R1,2025-09-20,2025/26 Q2,2,2,open,better
R2,2025-03-01,2024/25 Q4,3,3,open,
R2,2025-12-01,2025/26 Q3,3,3,closed,moved
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def register(tmp_path: Path) -> Path:
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "risks.csv").write_text(RISKS, encoding="utf-8")
    (folder / "risk_reviews.csv").write_text(REVIEWS, encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> str:
    """The Rossendale example, with five years of values, imported today."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    code, _, err = run("import", ROSSENDALE, "--store", url, "--by", "tester")
    assert code == 0, err
    return url


def _risks(source: str, *args: str) -> dict[str, dict[str, object]]:
    code, out, err = run("risks", source, "--format", "json", *args)
    assert code in (0, 1), err
    return {str(r["id"]): r for r in json.loads(out)}


def test_a_store_imported_today_is_judged_on_an_earlier_day(store: str) -> None:
    code, out, err = run(
        "report", "performance", store, "--period", "2024/25 Q4", "--on", "2025-04-20",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    assert "20 Apr 2025" in json.dumps(report) or "2025-04-20" in json.dumps(report)


def test_as_at_before_the_import_fails_and_points_to_on(store: str) -> None:
    code, _, err = run("report", "performance", store, "--period", "2024/25 Q4", "--as-at",
                       "2025-04-20")  # fmt: skip
    assert code == 2
    assert "holds no framework as at" in err
    assert "--on" in err
    assert "Traceback" not in err


def test_an_empty_store_without_as_at_has_no_on_hint(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(url).close()  # an empty store: reading commands never create one
    code, _, err = run("assess", url, "--period", "2024/25 Q4")
    assert code == 2
    assert "holds no framework" in err
    assert "--on" not in err


def test_reviews_after_the_judging_day_do_not_count(store: str) -> None:
    # Every example risk was reviewed on 2025-06-28; judged on 2025-08-01 none is overdue,
    # and the reviews of December and March have not happened yet.
    on = _risks(store, "--on", "2025-08-01")
    assert all(r["review_overdue"] is False for r in on.values())
    assert on["CR01"]["trend"] == "new"
    assert on["CR01"]["next_review"] == "2025-09-28"
    # judged today, the same record is read but the day moves on
    later = _risks(store, "--on", "2027-01-01")
    assert all(r["review_overdue"] is True for r in later.values() if r["status"] == "open")


def test_risk_trends_ratings_and_status_use_reviews_by_the_judging_day(register: Path) -> None:
    early = _risks(str(register), "--on", "2025-04-01")
    # R1's latest review by then rated it 4x4, worse than January's 3x3
    assert early["R1"]["trend"] == "rising"
    assert early["R1"]["current"]["score"] == 16  # type: ignore[index]
    assert early["R1"]["next_review"] == "2025-06-20"
    assert early["R1"]["review_overdue"] is False
    # R2 was closed in December, so on 1 April 2025 it is still open
    assert early["R2"]["status"] == "open"
    late = _risks(str(register), "--on", "2026-01-01")
    assert late["R1"]["trend"] == "falling"
    assert late["R1"]["current"]["score"] == 4  # type: ignore[index]
    assert late["R2"]["status"] == "closed"


def test_risks_table_lists_overdue_reviews_as_on_the_day(register: Path) -> None:
    code, out, _ = run("risks", str(register), "--on", "2025-07-01")
    assert code in (0, 1)
    assert "Reviews overdue at 2025-07-01: R2 (due 2025-06-01), R1 (due 2025-06-20)" in out


def test_on_with_as_at_reads_the_record_then_and_judges_on_the_day(store: str) -> None:
    moment = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat()
    both = _risks(store, "--as-at", moment, "--on", "2025-08-01")
    assert both == _risks(store, "--on", "2025-08-01")
    assert all(r["review_overdue"] is False for r in both.values())
    alone = _risks(store, "--as-at", moment)
    assert any(r["review_overdue"] is True for r in alone.values())


def test_as_at_alone_still_sets_the_judging_day(register: Path) -> None:
    # before: the reviews of September and December counted as at 1 April 2025
    assert _risks(str(register), "--as-at", "2025-04-01")["R1"]["trend"] == "rising"
    assert _risks(str(register), "--as-at", "2025-04-01") == _risks(
        str(register), "--on", "2025-04-01"
    )


def test_check_is_judged_on_the_day(store: str) -> None:
    _, out, _ = run("check", store, "--format", "json", "--on", "2025-11-30")
    early = [f for f in json.loads(out) if f["code"] == "overdue-action"]
    _, out, _ = run("check", store, "--format", "json", "--on", "2030-01-01")
    late = [f for f in json.loads(out) if f["code"] == "overdue-action"]
    assert len(early) < len(late)


def test_publish_and_benchmark_take_on(store: str, tmp_path: Path) -> None:
    code, _, err = run("publish", store, "--period", "2024/25 Q4", "--on", "2025-04-20",
                         "-o", str(tmp_path / "open"))  # fmt: skip
    assert code == 0, err
    assert "20 Apr 2025" in (tmp_path / "open" / "index.html").read_text(encoding="utf-8")
    code, _, err = run("benchmark", store, "--period", "2024/25", "--on", "2025-07-01")
    assert code == 0, err


def test_on_accepts_the_uk_spelling(register: Path) -> None:
    assert _risks(str(register), "--on", "01/04/2025") == _risks(
        str(register), "--on", "2025-04-01"
    )


COMMANDS = [
    ["check", ROSSENDALE],
    ["assess", ROSSENDALE, "--period", "2025/26 Q2"],
    ["risks", ROSSENDALE],
    ["schedule", ROSSENDALE, "--year", "2025/26"],
    ["report", "performance", ROSSENDALE, "--period", "2025/26 Q2"],
    ["report", "data-quality", ROSSENDALE, "--period", "2025/26 Q2"],
    ["publish", ROSSENDALE, "--period", "2025/26 Q2", "-o", "unused"],
    ["benchmark", ROSSENDALE, "--period", "2024/25"],
    ["demo", "--output", "unused"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("bad", ["2025-13-01", "31/02/2025", "20 April 2025", "04/20/2025", ""])
def test_a_bad_judging_day_exits_2_with_a_clear_message(command: list[str], bad: str) -> None:
    code, _, err = run(*command, "--on", bad)
    assert code == 2
    assert "is not a date" in err
    assert "2025-04-20 or 20/04/2025" in err
    assert "Traceback" not in err
