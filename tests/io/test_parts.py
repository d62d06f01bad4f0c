"""A command reads only the parts of a framework it uses (``parts`` of the readers)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.errors import BundleError
from goldenthread.examples import example_path
from goldenthread.framework import PARTS, check_parts
from goldenthread.io.bundle import load_bundle
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.io.source import load_source
from goldenthread.periods import parse_period
from goldenthread.reports.builders import (
    BudgetReport,
    DataQualityReport,
    PerformanceReport,
    ReportKind,
    RiskReport,
    ThreadReport,
)
from goldenthread.storage import open_store

AT = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def rossendale() -> Path:
    return example_path("rossendale")


def test_parts_are_checked_and_some_bring_the_indicators() -> None:
    assert check_parts(None) == frozenset(PARTS)
    assert check_parts(["risks"]) == {"risks"}
    assert check_parts(["thread"]) == {"thread", "indicators"}
    with pytest.raises(ValueError, match="unknown framework part 'budgets'; the parts are"):
        check_parts(["budgets"])


def test_a_bundle_read_for_its_indicators_holds_only_them(rossendale: Path) -> None:
    whole = load_bundle(rossendale)
    indicators = load_bundle(rossendale, parts=["indicators"])
    assert indicators.parts == {"indicators"}
    assert whole.parts == frozenset(PARTS)
    assert indicators.indicators == whole.indicators
    assert indicators.finance == whole.finance  # unit costs are derived from it
    assert indicators.risks == ()
    assert indicators.thread.items == ()
    assert indicators.comparisons == ()
    assert indicators.spot_checks == ()
    assert whole.risks
    assert whole.comparisons
    assert whole.thread.items


def test_a_bundle_read_for_its_risks_holds_no_indicators(rossendale: Path) -> None:
    risks = load_bundle(rossendale, parts=["risks"])
    whole = load_bundle(rossendale)
    assert risks.risks == whole.risks
    assert risks.risk_reviews == whole.risk_reviews
    assert not risks.indicators.definitions


def test_a_broken_file_of_a_part_not_read_is_not_read(rossendale: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    shutil.copytree(rossendale, bundle)
    with (bundle / "risks.csv").open("a", encoding="utf-8") as risks:
        risks.write("R99,A risk rated nine,,,,,,,,nine,3\n")
    with pytest.raises(BundleError) as caught:
        load_bundle(bundle)
    assert any(p.file == "risks.csv" for p in caught.value.problems)
    assert load_bundle(bundle, parts=["indicators"]).indicators.definitions
    runner = CliRunner()
    assessed = runner.invoke(main, ["assess", str(bundle), "--period", "2025/26 Q2"])
    assert assessed.exit_code == 0, assessed.output
    checked = runner.invoke(main, ["check", str(bundle)])
    assert checked.exit_code == 2
    assert "risks.csv" in checked.output


def test_a_store_read_for_one_part_holds_only_that_part(rossendale: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    whole = load_bundle(rossendale)
    with open_store(url) as store:
        save_framework(store, whole, by="test", at=AT, why="import")
        indicators = load_framework(store, parts=["indicators"])
        risks = load_framework(store, parts=["risks"])
        everything = load_framework(store)
    assert indicators.indicators == everything.indicators
    assert indicators.finance == everything.finance
    assert indicators.risks == ()
    assert indicators.comparisons == ()
    assert risks.risks == everything.risks
    assert not risks.indicators.definitions
    assert indicators.parts == {"indicators"}
    assert everything.parts == frozenset(PARTS)
    assert load_source(url, parts=["comparisons"]).comparisons == everything.comparisons


def test_commands_that_read_parts_still_answer(rossendale: Path) -> None:
    runner = CliRunner()
    for args in (
        ["assess", str(rossendale), "--period", "2025/26 Q2", "--format", "json"],
        ["risks", str(rossendale), "--format", "json", "--on", "2025-11-01"],
        ["benchmark", str(rossendale), "--period", "2024/25", "--format", "json"],
        ["thread", str(rossendale), "--format", "json"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert result.output.strip().startswith("["), (args, result.output[:200])


def test_every_stored_kind_and_bundle_file_belongs_to_a_part() -> None:
    # a kind or file no part names would silently go unread, even when every part is
    from goldenthread.io.bundle import _PART_FILES, BUNDLE_FILES
    from goldenthread.io.persist import _PART_KINDS, FRAMEWORK_KINDS

    assert set(_PART_KINDS) == set(PARTS) == set(_PART_FILES)
    assert set().union(*_PART_KINDS.values()) == set(FRAMEWORK_KINDS) - {"settings", "sequence"}
    assert set().union(*_PART_FILES.values()) == set(BUNDLE_FILES)


@pytest.mark.parametrize(
    ("builder", "parts", "period"),
    [
        (PerformanceReport(), ["indicators"], "2025/26 Q2"),
        (RiskReport(), ["risks"], "2025/26 Q2"),
        (BudgetReport(), ["indicators"], "2025-09"),
        (ThreadReport(), ["thread"], "2025/26 Q2"),
        (DataQualityReport(), ["indicators", "cycle"], "2025/26 Q2"),
    ],
)
def test_a_report_refuses_a_framework_read_in_part(
    rossendale: Path, builder: ReportKind, parts: list[str], period: str
) -> None:
    # a report of part of a framework would leave the rest out without a word (and a
    # public report could not raise an indicator's classification through its thread)
    day = dt.date(2025, 11, 30)
    partial = load_bundle(rossendale, parts=parts)
    with pytest.raises(ValueError, match="read it without parts"):
        builder.build(partial, parse_period(period), as_at=None, today=day)
    whole = load_bundle(rossendale)
    assert builder.build(whole, parse_period(period), as_at=None, today=day).sections
