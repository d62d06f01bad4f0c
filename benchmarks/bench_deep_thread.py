"""Benchmark of a deep golden thread: the performance report over a chain of objectives.

Run with ``.venv/bin/pytest benchmarks/bench_deep_thread.py --benchmark-enable
-p no:cacheprovider``.

A chain of ``n`` public corporate objectives, each contributing to the one above it, with
an action and an indicator at the bottom (so every objective is a priority with
everything beneath it): the report's time was items x depth (3,000 deep about 13 s,
20,000 over two minutes) and is now linear.  The thread report's coverage had the same
shape and is timed too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.thread.test_deep_thread import deep_council

from goldenthread.periods import parse_period
from goldenthread.reports.builders import PerformanceReport, ThreadReport
from goldenthread.thread import effective_classifications

DEPTHS = [1_000, 3_000, 20_000]
TODAY = dt.date(2025, 11, 1)


@pytest.mark.parametrize("n", DEPTHS)
def test_performance_report_deep_chain(benchmark: Any, n: int) -> None:
    framework = deep_council(n)
    period = parse_period("2025/26 H1")
    report = benchmark.pedantic(
        PerformanceReport().build,
        (framework, period),
        {"today": TODAY},
        rounds=3,
        iterations=1,
    )
    # one section per priority of the chain (besides the summary, exceptions, other
    # indicators and the appendices, whose number changes as reports grow)
    assert sum((s.id or "").startswith("priority-") for s in report.sections) == n


@pytest.mark.parametrize("n", DEPTHS)
def test_thread_report_deep_chain(benchmark: Any, n: int) -> None:
    framework = deep_council(n)
    period = parse_period("2025/26 H1")
    report = benchmark.pedantic(
        ThreadReport().build, (framework, period), {"today": TODAY}, rounds=3, iterations=1
    )
    assert report.sections


@pytest.mark.parametrize("n", DEPTHS)
def test_effective_classifications_deep_chain(benchmark: Any, n: int) -> None:
    thread = deep_council(n).thread
    result = benchmark.pedantic(effective_classifications, (thread,), rounds=3, iterations=1)
    assert len(result) == n + 1
