"""Benchmarks for saving a whole framework into SQLite and loading it back.

Run with ``pytest benchmarks/bench_persist.py --benchmark-enable -p no:cacheprovider``.
Cases: the Rossendale example (about 1,550 entities) saved into a new store, re-saved
unchanged (the change detection alone) and loaded; and a synthetic council of 1,000 monthly
indicators with 120 values each (120,000 values) saved into a new store, re-saved with one
value corrected, loaded now, and loaded as at the moment before the correction.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.examples import example_path
from goldenthread.framework import Authority, Framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.bundle import load_bundle
from goldenthread.io.persist import load_framework, save_framework, settings_parts
from goldenthread.periods import Frequency, Month
from goldenthread.serialise import make_converter
from goldenthread.storage import Store, open_store

CONVERTER = make_converter()
T0 = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2025, 2, 1, 9, 0, tzinfo=dt.UTC)
INDICATORS = 1000
MONTHS = 120
_counter = itertools.count()


def _synthetic() -> Framework:
    authority = Authority("Synthetic Borough Council", code="synthetic")
    parts = settings_parts({}, authority)
    definitions = [
        IndicatorDefinition(
            f"PI {i:04d}", f"Indicator {i}", Polarity.HIGHER, Aggregation.SUM, Frequency.MONTHLY
        )
        for i in range(INDICATORS)
    ]
    months = [Month(2015, 4).shift(k) for k in range(MONTHS)]
    values = [
        IndicatorValue(d.code, month, value=Decimal(i * (k + 1) % 997))
        for i, d in enumerate(definitions)
        for k, month in enumerate(months)
    ]
    return Framework(
        authority,
        indicators=IndicatorSet.build(definitions, values, ()),
        cycle=parts.cycle,
        branding=parts.branding,
    )


def _corrected(framework: Framework) -> Framework:
    recorded = framework.indicators.recorded
    values = [v for rec in recorded.values() for v in rec.values()]
    values[0] = attrs.evolve(values[0], value=Decimal(-1), note="corrected")
    indicators = IndicatorSet.build(framework.indicators.definitions.values(), values, ())
    return attrs.evolve(framework, indicators=indicators)


def _new_store(folder: Path) -> Store:
    return open_store(f"sqlite:///{folder / f'bench-{next(_counter)}.db'}")


def _save(store: Store, framework: Framework, at: dt.datetime) -> int | None:
    return save_framework(store, framework, by="bench", at=at, why="bench", converter=CONVERTER)


@pytest.fixture(scope="module")
def rossendale() -> Framework:
    return load_bundle(example_path("rossendale"))


@pytest.fixture(scope="module")
def synthetic() -> Framework:
    return _synthetic()


@pytest.fixture(scope="module")
def synthetic_store(synthetic: Framework, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = _new_store(tmp_path_factory.mktemp("persist"))
    _save(store, synthetic, T0)
    _save(store, _corrected(synthetic), T1)
    return store


def test_save_rossendale(
    benchmark: BenchmarkFixture, rossendale: Framework, tmp_path: Path
) -> None:
    def run() -> int | None:
        with _new_store(tmp_path) as store:
            return _save(store, rossendale, T0)

    assert benchmark(run) == 1


def test_resave_rossendale_unchanged(
    benchmark: BenchmarkFixture, rossendale: Framework, tmp_path: Path
) -> None:
    with _new_store(tmp_path) as store:
        _save(store, rossendale, T0)
        moments = (T0 + dt.timedelta(seconds=n) for n in itertools.count(1))
        assert benchmark(lambda: _save(store, rossendale, next(moments))) is None
        assert len(store.batches()) == 1  # an unchanged framework writes nothing


def test_load_rossendale(
    benchmark: BenchmarkFixture, rossendale: Framework, tmp_path: Path
) -> None:
    with _new_store(tmp_path) as store:
        _save(store, rossendale, T0)
        loaded = benchmark(lambda: load_framework(store, converter=CONVERTER))
    assert attrs.evolve(loaded, source=rossendale.source) == rossendale


def test_save_synthetic(benchmark: BenchmarkFixture, synthetic: Framework, tmp_path: Path) -> None:
    def run() -> int | None:
        with _new_store(tmp_path) as store:
            return _save(store, synthetic, T0)

    saved = benchmark.pedantic(run, rounds=2, iterations=1)  # type: ignore[no-untyped-call]
    assert saved == 1


def test_resave_synthetic_with_one_correction(
    benchmark: BenchmarkFixture, synthetic: Framework, tmp_path: Path
) -> None:
    corrected = _corrected(synthetic)

    def setup() -> tuple[tuple[Store], dict[str, object]]:
        store = _new_store(tmp_path)
        _save(store, synthetic, T0)
        return (store,), {}

    def run(store: Store) -> None:
        _save(store, corrected, T1)
        assert store.batches()[-1].size == 1
        store.close()

    benchmark.pedantic(run, setup=setup, rounds=2, iterations=1)  # type: ignore[no-untyped-call]


def test_load_synthetic_now(benchmark: BenchmarkFixture, synthetic_store: Store) -> None:
    loaded = benchmark.pedantic(  # type: ignore[no-untyped-call]
        lambda: load_framework(synthetic_store, converter=CONVERTER), rounds=2, iterations=1
    )
    assert len(loaded.indicators.definitions) == INDICATORS


def test_load_synthetic_as_at(
    benchmark: BenchmarkFixture, synthetic_store: Store, synthetic: Framework
) -> None:
    loaded = benchmark.pedantic(  # type: ignore[no-untyped-call]
        lambda: load_framework(synthetic_store, as_at=T0, converter=CONVERTER),
        rounds=2,
        iterations=1,
    )
    assert loaded.indicators == synthetic.indicators
