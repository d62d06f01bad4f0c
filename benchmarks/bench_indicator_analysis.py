"""Benchmarks for indicator analysis: benchmarking within groups, intervals, quality, sampling.

Run with ``pytest benchmarks/bench_indicator_analysis.py --benchmark-enable``.
Cases: ranking 1,000 indicators across a 16-member comparator group (a CIPFA nearest
neighbour group is 15 councils plus the council itself), Wilson and Byar intervals for
100,000 counts, validating 10,000 values against their history, and drawing a spot-check
sample of 30 from 2,000 indicators.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.indicators import benchmarking
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.quality import ValidationRule, validate_value
from goldenthread.indicators.spotcheck import Candidate, draw_sample
from goldenthread.indicators.stats import byar_interval, wilson_interval
from goldenthread.periods import Quarter

_RNG = random.Random(20240401)
MEMBERS = tuple(f"council-{n:02}" for n in range(16))
GROUP = benchmarking.ComparatorGroup("cipfa", MEMBERS, kind="cipfa-nearest-neighbours")
INDICATORS = [
    (
        {m: Decimal(_RNG.randint(0, 100_000)) / 100 for m in MEMBERS},
        Polarity.HIGHER if n % 2 else Polarity.LOWER,
    )
    for n in range(1_000)
]
COUNTS = [(_RNG.randint(0, 5_000), 5_000 + _RNG.randint(0, 50_000)) for _ in range(100_000)]
CANDIDATES = [
    Candidate(f"PI {n:04}", statutory=n % 7 == 0, government_return=n % 11 == 0, red=n % 5 == 0)
    for n in range(2_000)
]
HISTORY = [Decimal(_RNG.randint(90, 110)) for _ in range(12)]
VALUES = [Decimal(_RNG.randint(50, 150)) for _ in range(10_000)]
RULE = ValidationRule(
    "PI",
    minimum=Decimal(0),
    maximum=Decimal(140),
    max_change_percent=Decimal(20),
    max_mads=Decimal(3),
)


def test_benchmark_1000_indicators_across_16_members(benchmark: BenchmarkFixture) -> None:
    def run() -> None:
        for values, polarity in INDICATORS:
            benchmarking.benchmark(GROUP, MEMBERS[0], values, polarity)

    benchmark(run)


def test_rank_all_members_of_1000_indicators(benchmark: BenchmarkFixture) -> None:
    def run() -> None:
        for values, polarity in INDICATORS:
            benchmarking.rank_values(values, polarity)

    benchmark(run)


def test_wilson_intervals_for_100k_proportions(benchmark: BenchmarkFixture) -> None:
    def run() -> None:
        for numerator, denominator in COUNTS:
            wilson_interval(numerator, denominator, factor=100)

    benchmark(run)


def test_byar_intervals_for_100k_rates(benchmark: BenchmarkFixture) -> None:
    def run() -> None:
        for count, population in COUNTS:
            byar_interval(count, population, factor=1000)

    benchmark(run)


def test_validate_10k_values_with_history(benchmark: BenchmarkFixture) -> None:
    period = Quarter(2024, 2)

    def run() -> None:
        for value in VALUES:
            validate_value(RULE, period, value, history=HISTORY)

    benchmark(run)


def test_draw_30_from_2000_candidates(benchmark: BenchmarkFixture) -> None:
    benchmark(draw_sample, CANDIDATES, 30, 2025, dt.date(2025, 5, 12))
