"""The two example bundles follow the seeds' structures and show realistic findings."""

from __future__ import annotations

from goldenthread.examples import EXAMPLE_AS_AT as TODAY
from goldenthread.examples import example_path
from goldenthread.findings import Severity
from goldenthread.io.thread import load_thread
from goldenthread.thread import (
    ItemKind,
    RollupRule,
    RollupStatus,
    check_thread,
    coverage,
    health,
    rollup,
    trace_down,
    trace_up,
)
from goldenthread.thread.presets import POOLE, ROSSENDALE


def test_rossendale_has_the_seed_structure() -> None:
    thread = load_thread(example_path("rossendale"))
    assert thread.levels == ROSSENDALE
    objectives = [
        i for i in thread.items if i.level == "corporate" and i.kind is ItemKind.OBJECTIVE
    ]
    assert len(objectives) == 11
    shared = [o for o in objectives if "lsp" in o.partners]
    assert len(shared) == 5
    internal = [o for o in objectives if o.category == "internal objective"]
    assert len(internal) == 3
    assert all(o.lead == "rbc" or "rbc" in o.partners for o in objectives)
    business_plans = [i for i in thread.items if i.level == "service" and i.kind is ItemKind.PLAN]
    assert len(business_plans) == 9
    assert {o.key for o in thread.organisations} == {"rbc", "police", "pct", "lcc", "lsp"}


def test_poole_has_the_seed_structure() -> None:
    thread = load_thread(example_path("poole"))
    assert thread.levels == POOLE
    plan_titles = {i.level: i.title for i in thread.items if i.kind is ItemKind.PLAN}
    assert plan_titles["community"].startswith("Poole's Sustainable Community Strategy 2022-2038")
    assert plan_titles["financial"].startswith("Medium Term Financial Plan")
    assert thread.current("SU-FIN-1213") == "SU-FIN"


def test_examples_have_no_errors_and_the_intended_warnings() -> None:
    expected = {
        "rossendale": {("orphan", "CC-2"), ("overdue-action", "CC-1"), ("stale-update", "OPS-2")},
        "poole": {("orphan", "WST-2"), ("overdue-action", "LEIS-1"), ("stale-update", "WST-1")},
    }
    for name, warnings in expected.items():
        findings = check_thread(load_thread(example_path(name)), TODAY)
        assert not [f for f in findings if f.severity is Severity.ERROR]
        got = {(f.code, f.item) for f in findings if f.severity is Severity.WARNING}
        assert got == warnings


def test_rossendale_internal_objectives_skip_the_community_level() -> None:
    findings = check_thread(load_thread(example_path("rossendale")), TODAY)
    skips = sorted(f.item or "" for f in findings if f.code == "level-skip")
    assert skips == ["RBC-O10", "RBC-O11", "RBC-O9"]


def test_an_officers_objective_traces_up_to_national_priorities() -> None:
    thread = load_thread(example_path("rossendale"))
    paths = trace_up(thread, "PDI-01-1")
    assert ("PDI-01-1", "TC-1", "REG-1", "RBC-O3", "RCS-P3", "NAT-3") in paths
    everything = trace_down(thread, "NAT-3")
    assert list(everything) == ["community", "corporate", "service", "team", "individual"]
    assert "PDI-01-1" in everything["individual"]


def test_coverage_finds_the_priority_that_reaches_no_team() -> None:
    thread = load_thread(example_path("rossendale"))
    cov = coverage(thread)
    assert cov.level == "national"
    assert cov.gaps == ("NAT-4",)
    assert cov["NAT-4"].counts["service"] == 2  # COM-2 and its business plan action
    assert cov["NAT-4"].counts["team"] == 0
    summary = health(thread, TODAY)
    assert summary.by_severity["error"] == 0
    assert summary.front_line_share == 5 / 6


def test_rollup_of_an_example_objective() -> None:
    thread = load_thread(example_path("poole"))
    result = rollup(thread, TODAY, RollupRule.WORST_OF)
    assert result["EVT-1"].status is RollupStatus.GREEN
    assert result["LEIS-1"].status is RollupStatus.RED  # overdue
    assert result["CUL-2"].status is RollupStatus.RED
    assert result["POOLE-P3-O1"].status is RollupStatus.RED
