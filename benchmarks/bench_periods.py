"""Benchmarks for financial periods: reading labels and mapping dates to periods.

Run with ``pytest benchmarks/bench_periods.py --benchmark-enable``.
Target: over 100,000 dates mapped to periods per second on one core.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread import Frequency, parse_period, period_containing

DATES = [dt.date.fromordinal(random.Random(1).randint(730_000, 750_000)) for _ in range(100_000)]
LABELS = ["2024/25", "2024/25 Q2", "Q2 2024/25", "2018-19;Q1", "Sep-24", "September 2024"] * 1000


@pytest.mark.parametrize("frequency", list(Frequency), ids=lambda f: f.value)
def test_map_100k_dates(benchmark: BenchmarkFixture, frequency: Frequency) -> None:
    def run() -> None:
        for date in DATES:
            period_containing(date, frequency)

    benchmark(run)


def test_parse_6k_labels(benchmark: BenchmarkFixture) -> None:
    def run() -> None:
        for label in LABELS:
            parse_period(label)

    benchmark(run)
