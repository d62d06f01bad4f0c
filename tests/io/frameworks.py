"""Shared helpers for the persistence, export and source tests: the example frameworks."""

from __future__ import annotations

import functools
from collections.abc import Iterable

import attrs

from goldenthread.examples import example_path
from goldenthread.framework import Framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.bundle import load_bundle
from goldenthread.serialise import make_converter

EXAMPLES = ("rossendale", "poole")

CONVERTER = make_converter()


@functools.cache
def example(name: str) -> Framework:
    """The example council's framework, loaded once per test run."""
    return load_bundle(example_path(name))


def without_source(framework: Framework) -> Framework:
    """``framework`` with its ``source`` cleared, to compare contents only."""
    return attrs.evolve(framework, source="")


def all_values(framework: Framework) -> list[IndicatorValue]:
    """Every recorded value of ``framework``."""
    return [v for rec in framework.indicators.recorded.values() for v in rec.values()]


def with_values(framework: Framework, values: Iterable[IndicatorValue]) -> Framework:
    """``framework`` holding exactly ``values`` (its definitions and targets unchanged)."""
    indicators = framework.indicators
    rebuilt = IndicatorSet.build(
        indicators.definitions.values(),
        values,
        [t for targets in indicators.targets.values() for t in targets.values()],
        year_start_month=indicators.year_start_month,
    )
    return attrs.evolve(framework, indicators=rebuilt)
