"""Benchmarks for benchmarking: reading published figures and placing a council among them."""

from __future__ import annotations

from typing import Any

from goldenthread.examples import example_path
from goldenthread.indicators.comparison import benchmark_framework
from goldenthread.io.benchmarks import read_comparators, read_comparisons
from goldenthread.io.bundle import load_bundle
from goldenthread.io.tables import read_csv
from goldenthread.periods import Quarter


def test_benchmark_framework_rossendale_quarter(benchmark: Any) -> None:
    framework = load_bundle(example_path("rossendale"))
    results = benchmark(benchmark_framework, framework, Quarter(2025, 1))
    assert len(results) == 4


def test_read_comparisons_rossendale(benchmark: Any) -> None:
    folder = example_path("rossendale")
    framework = load_bundle(folder)
    groups, _ = read_comparators(read_csv(folder / "comparators.csv"))
    table = read_csv(folder / "comparisons.csv")
    found = benchmark(
        read_comparisons,
        table,
        framework.indicators.definitions,
        council="rossendale",
        groups=groups,
    )
    assert len(found) == len(table)
