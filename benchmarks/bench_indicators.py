"""Benchmarks for the indicator engine.

Run with ``pytest benchmarks/bench_indicators.py --benchmark-enable -p no:cacheprovider``.

Target: assessing 1,000 indicators with ten years of monthly values (120,000 values)
for all four quarters of the latest year in under 1 s and under 200 MB on one core
(value, target, RAG, directions, year to date, confidence intervals).  The year-end
forecasts, made by :mod:`goldenthread.indicators.forecast`, are measured separately.
"""

from __future__ import annotations

import random
import tracemalloc
from decimal import Decimal

from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, Quarter

YEARS = range(2015, 2025)
KINDS = [
    (Polarity.HIGHER, Aggregation.RATIO),
    (Polarity.LOWER, Aggregation.SUM),
    (Polarity.LOWER, Aggregation.LAST),
    (Polarity.HIGHER, Aggregation.MEAN),
    (Polarity.NONE, Aggregation.SUM),
]


def _inputs() -> tuple[list[IndicatorDefinition], list[IndicatorValue], list[Target]]:
    rnd = random.Random(2024)
    months = [m for year in YEARS for m in FinancialYear(year).month_periods()]
    definitions: list[IndicatorDefinition] = []
    values: list[IndicatorValue] = []
    targets: list[Target] = []
    for i in range(1000):
        polarity, aggregation = KINDS[i % len(KINDS)]
        code = f"PI {i:04d}"
        definitions.append(
            IndicatorDefinition(
                code,
                f"Indicator {i}",
                polarity,
                aggregation,
                Frequency.MONTHLY,
                decimals=1,
                factor=Decimal(100),
            )
        )
        for month in months:
            if aggregation is Aggregation.RATIO:
                den = rnd.randint(50, 500)
                values.append(IndicatorValue.counts(code, month, rnd.randint(0, den), den))
            else:
                values.append(
                    IndicatorValue.present(code, month, Decimal(rnd.randint(0, 9999)) / 10)
                )
        for year in YEARS:
            targets.append(Target(code, FinancialYear(year), Decimal(rnd.randint(100, 9999)) / 10))
    return definitions, values, targets


DEFINITIONS, VALUES, TARGETS = _inputs()
QUARTERS = [Quarter(2024, q) for q in range(1, 5)]


def _assess_year(data: IndicatorSet, forecasts: bool = False) -> list[Assessment]:
    out: list[Assessment] = []
    for quarter in QUARTERS:
        out.extend(assess_all(data, quarter, forecasts=forecasts))
    return out


def test_build_indicator_set_120k_values(benchmark: BenchmarkFixture) -> None:
    data = benchmark(IndicatorSet.build, DEFINITIONS, VALUES, TARGETS)
    assert sum(len(v) for v in data.values.values()) == 120_000


def test_assess_1000_indicators_four_quarters(benchmark: BenchmarkFixture) -> None:
    data = IndicatorSet.build(DEFINITIONS, VALUES, TARGETS)
    results = benchmark(_assess_year, data)
    assert len(results) == 4000


def test_assess_1000_indicators_four_quarters_with_forecasts(benchmark: BenchmarkFixture) -> None:
    data = IndicatorSet.build(DEFINITIONS, VALUES, TARGETS)
    results = benchmark(_assess_year, data, True)
    assert len(results) == 4000
    assert all(r.forecast is not None for r in results)


def test_peak_memory_under_200mb() -> None:
    tracemalloc.start()
    data = IndicatorSet.build(DEFINITIONS, VALUES, TARGETS)
    results = _assess_year(data, True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(results) == 4000
    print(f"\npeak traced memory building and assessing: {peak / 2**20:.1f} MiB")
    assert peak < 200 * 2**20
