"""Open data and finance: unit costs and the service activity behind them publish like
any indicator; budget lines (their codes and budget holders' commentary)
never appear."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from goldenthread.examples import example_path
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import Quarter
from goldenthread.reports.publish import open_data, write_open_data

COUNCILS = ("rossendale", "poole")


def published_text(council: str, folder: Path) -> str:
    framework = load_bundle(example_path(council))
    data = open_data(framework, Quarter(2025, 2), today=dt.date(2025, 11, 30))
    paths = write_open_data(data, folder)
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


@pytest.mark.parametrize("council", COUNCILS)
def test_public_unit_costs_and_their_activity_are_published(council: str, tmp_path: Path) -> None:
    framework = load_bundle(example_path(council))
    assert framework.finance.unit_costs
    text = published_text(council, tmp_path)
    for unit_cost in framework.finance.unit_costs:
        if unit_cost.classification.value == "public":
            assert unit_cost.code in text
            assert unit_cost.title in text
            assert framework.indicators.definitions[unit_cost.activity].title in text


@pytest.mark.parametrize("council", COUNCILS)
def test_budget_lines_never_appear_in_open_data(council: str, tmp_path: Path) -> None:
    framework = load_bundle(example_path(council))
    finance = framework.finance
    text = published_text(council, tmp_path)
    notes = {a.note for a in finance.actuals if a.note.strip()}
    assert notes
    for note in notes:
        assert note not in text
    for saving in finance.savings:
        if saving.note.strip():
            assert saving.note not in text
    named = {code for u in finance.unit_costs for code in u.lines}
    unnamed = [line.code for line in finance.lines if line.code not in named]
    assert unnamed
    for code in unnamed:
        # a public unit cost's definition names the lines it divides, and nothing else
        assert code not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "datapackage.json",
        "index.html",
        "indicators.csv",
        "performance.csv",
        "plan.csv",
        "values.csv",
    ]
