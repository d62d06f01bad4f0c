"""Benchmarks for the SQLite store: a large import, and the reads reports make.

Run with ``pytest benchmarks/bench_storage.py --benchmark-enable -p no:cacheprovider``.
Targets: importing 1,000,000 value revisions (one batch) under 8 s; reading every current
value for one period across 1,000 indicators under 50 ms, and the same as at an earlier
moment.  The read store holds 1,000 indicators x 1,000 periods (1,000,000 revisions) plus a
later batch correcting 100 values of the period read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.storage import Change, SQLiteStore

T0 = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
INDICATORS = 1000
PERIODS = 1000
PERIOD = "P0500"


def _changes() -> list[Change]:
    return [
        Change(
            "value",
            f"PI {i:04d}|P{p:04d}",
            {"value": str(i * p % 997), "status": "final", "numerator": i, "denominator": p + 1},
            period=f"P{p:04d}",
            subject=f"PI {i:04d}",
        )
        for p in range(PERIODS)
        for i in range(INDICATORS)
    ]


def test_import_1m_value_revisions(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    changes = _changes()
    runs = iter(range(100))

    def setup() -> tuple[tuple[SQLiteStore], dict[str, object]]:
        return (SQLiteStore(tmp_path / f"import{next(runs)}.db"),), {}

    def run(store: SQLiteStore) -> None:
        store.write(changes, by="bench", at=T0, why="import")
        store.close()

    benchmark.pedantic(run, setup=setup, rounds=2, iterations=1)  # type: ignore[no-untyped-call]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path_factory.mktemp("bench") / "read.db")
    store.write(_changes(), by="bench", at=T0, why="import")
    corrections = [
        Change(
            "value",
            f"PI {i:04d}|{PERIOD}",
            {"value": "0", "status": "verified"},
            period=PERIOD,
            subject=f"PI {i:04d}",
        )
        for i in range(0, INDICATORS, 10)
    ]
    store.write(corrections, by="bench", at=T0 + timedelta(days=30), why="corrections")
    yield store
    store.close()


def test_current_values_for_one_period(benchmark: BenchmarkFixture, big_store: SQLiteStore) -> None:
    result = benchmark(big_store.current, "value", period=PERIOD)
    assert len(result) == INDICATORS
    assert sum(r.batch == 2 for r in result) == INDICATORS // 10


def test_values_for_one_period_as_at_earlier(
    benchmark: BenchmarkFixture, big_store: SQLiteStore
) -> None:
    result = benchmark(big_store.as_at, T0 + timedelta(days=1), "value", period=PERIOD)
    assert len(result) == INDICATORS
    assert all(r.batch == 1 for r in result)
