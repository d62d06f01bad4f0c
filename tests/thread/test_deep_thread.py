"""Deep threads: every traversal is iterative and the performance report is linear.

A chain of 20,000 corporate objectives, each contributing to the one above it, makes
20,000 priorities each with everything beneath it; the report used to gather each
priority's contributors afresh (time ~ items x depth: 3,000 deep took 14 s, 20,000 over
two minutes).  The test only has to finish; the timing is in
``benchmarks/bench_deep_thread.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.framework import Authority, Framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import Frequency, Month, parse_period
from goldenthread.reports.builders import PerformanceReport, ThreadReport
from goldenthread.reports.model import Table
from goldenthread.thread import (
    GENERIC,
    Classification,
    Item,
    ItemKind,
    ItemStatus,
    Link,
    Thread,
    contributors,
    coverage,
    descendants,
    effective_classifications,
)

DEPTH = 20_000
TODAY = dt.date(2025, 11, 1)


def deep_council(depth: int) -> Framework:
    """A chain of ``depth`` public corporate objectives, an action and an indicator
    at the bottom."""
    chain = [
        Item(
            f"C{k}",
            ItemKind.OBJECTIVE,
            f"Objective {k}",
            "corporate",
            parent=None if k == 0 else f"C{k - 1}",
            owner="Chief Executive",
            status=ItemStatus.APPROVED,
            classification=Classification.PUBLIC,
        )
        for k in range(depth)
    ]
    action = Item(
        "A1",
        ItemKind.ACTION,
        "Bottom action",
        "service",
        parent=f"C{depth - 1}",
        owner="Head of Service",
        start=dt.date(2025, 4, 1),
        due=dt.date(2026, 3, 31),
        status=ItemStatus.IN_PROGRESS,
        progress=Decimal(50),
        classification=Classification.PUBLIC,
    )
    definition = IndicatorDefinition(
        "BOTTOM",
        "Bottom indicator",
        Polarity.HIGHER,
        Aggregation.SUM,
        Frequency.MONTHLY,
        objective=f"C{depth - 1}",
    )
    values = [IndicatorValue.present("BOTTOM", Month(2025, m), m) for m in range(4, 10)]
    return Framework(
        Authority("Deep Borough Council", code="deep"),
        thread=Thread([*chain, action], GENERIC),
        indicators=IndicatorSet.build([definition], values),
    )


def test_a_20000_deep_chain_builds_the_performance_report() -> None:
    report = PerformanceReport().build(deep_council(DEPTH), parse_period("2025/26 H1"), today=TODAY)
    priorities = [s for s in report.sections if s.id and s.id.startswith("priority-")]
    assert len(priorities) == DEPTH
    for section in (priorities[0], priorities[-1]):
        tables = [b for b in section.blocks if isinstance(b, Table)]
        actions, indicators = tables[0], tables[1]
        assert [row[1].value for row in actions.rows] == ["A1"]
        assert [row[1].value for row in indicators.rows] == ["BOTTOM"]


def test_a_20000_deep_chain_builds_the_thread_report() -> None:
    report = ThreadReport().build(deep_council(DEPTH), parse_period("2025/26 H1"), today=TODAY)
    [table] = [b for s in report.sections if s.id == "coverage" for b in s.blocks[:1]]
    assert isinstance(table, Table)
    assert len(table.rows) == DEPTH
    # the top priority has every other objective and the action beneath it
    assert table.rows[0][-2].value == DEPTH


def test_classification_is_inherited_down_a_20000_deep_chain() -> None:
    thread = deep_council(DEPTH).thread
    top = thread.items[0]
    personal_top = Thread(
        [Item(top.id, top.kind, top.title, "individual"), *thread.items[1:]], GENERIC
    )
    effective = effective_classifications(personal_top)
    assert set(effective.values()) == {Classification.PERSONAL}


def test_contributors_down_a_20000_deep_chain() -> None:
    thread = deep_council(DEPTH).thread
    ids = [f"C{k}" for k in range(DEPTH)]
    found = contributors(thread, ids, {"A1", "C5"})
    assert found["C0"] == {"A1", "C5"}
    assert found["C5"] == {"A1", "C5"}
    assert found["C6"] == {"A1"}


_IDS = [f"I{k}" for k in range(8)]


@given(
    edges=st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS)), max_size=20),
    tops=st.lists(st.sampled_from(_IDS), max_size=8),
    among=st.sets(st.sampled_from(_IDS)),
)
def test_contributors_are_the_descendants_among_a_set(
    edges: list[tuple[str, str]], tops: list[str], among: set[str]
) -> None:
    thread = Thread(
        [Item(i, ItemKind.OBJECTIVE, i, "corporate") for i in _IDS],
        GENERIC,
        [Link(child, parent) for child, parent in edges],
    )
    found = contributors(thread, tops, among)
    assert set(found) == set(tops)
    for top in tops:
        assert found[top] == (descendants(thread, top) | {top}) & among


@given(
    edges=st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS)), max_size=20),
    levels=st.lists(st.sampled_from(["corporate", "service", "team"]), min_size=8, max_size=8),
)
def test_coverage_counts_the_distinct_descendants_at_each_level(
    edges: list[tuple[str, str]], levels: list[str]
) -> None:
    thread = Thread(
        [Item(i, ItemKind.OBJECTIVE, i, lv) for i, lv in zip(_IDS, levels, strict=True)],
        GENERIC,
        [Link(child, parent) for child, parent in edges],
    )
    found = coverage(thread, "corporate")
    tops = [i for i, lv in zip(_IDS, levels, strict=True) if lv == "corporate"]
    assert [p.priority for p in found.priorities] == tops
    for row in found.priorities:
        below = descendants(thread, row.priority)
        for key in GENERIC.keys:
            assert row.counts[key] == sum(1 for d in below if thread[d].level == key)
