"""Benchmarks for the plugin seam and the serialisation converter.

Run with ``pytest benchmarks/bench_serialise.py --benchmark-enable -p no:cacheprovider``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import Month
from goldenthread.plugins import collect, get_plugin_manager
from goldenthread.serialise import from_json, make_converter, to_json

VALUES = [
    IndicatorValue.present(
        f"NI{i % 50}", Month(2024, i % 12 + 1), Decimal(i) / 7, note_date=dt.date(2024, 1, 1)
    )
    for i in range(1000)
]


def test_build_plugin_manager(benchmark: BenchmarkFixture) -> None:
    benchmark(get_plugin_manager, entry_points=False)


def test_build_converter(benchmark: BenchmarkFixture) -> None:
    pm = get_plugin_manager(entry_points=False)
    benchmark(make_converter, pm)


def test_collect_rag_rules(benchmark: BenchmarkFixture) -> None:
    pm = get_plugin_manager(entry_points=False)
    benchmark(collect, pm, "rag_rules")


def test_json_round_trip_1000_values(benchmark: BenchmarkFixture) -> None:
    converter = make_converter()

    def run() -> list[IndicatorValue]:
        text = to_json(VALUES, converter=converter, indent=None)
        return from_json(text, list[IndicatorValue], converter=converter)

    assert benchmark(run) == VALUES
