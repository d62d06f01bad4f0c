"""Benchmarks for notebook display and DataFrames on the Rossendale example."""

from __future__ import annotations

from typing import Any

from goldenthread.examples import example_path
from goldenthread.frames import assessments_frame, risks_frame, values_frame
from goldenthread.indicators.assess import assess_all
from goldenthread.io.bundle import load_bundle
from goldenthread.notebook import assessments_table, risks_table
from goldenthread.periods import Quarter
from goldenthread.risk.assessment import assess_register

FRAMEWORK = load_bundle(example_path("rossendale"))
ASSESSMENTS = assess_all(FRAMEWORK.indicators, Quarter(2025, 2))
SCORED = assess_register(FRAMEWORK.risks, FRAMEWORK.risk_settings)


def test_assessments_table(benchmark: Any) -> None:
    markup = benchmark(assessments_table, ASSESSMENTS)
    assert markup.count('<th scope="row">') == len(ASSESSMENTS)


def test_risks_table(benchmark: Any) -> None:
    markup = benchmark(risks_table, SCORED)
    assert markup.count('<th scope="row">') == len(SCORED)


def test_values_frame(benchmark: Any) -> None:
    frame = benchmark(values_frame, FRAMEWORK.indicators)
    assert len(frame) == sum(len(v) for v in FRAMEWORK.indicators.recorded.values())


def test_assessments_frame(benchmark: Any) -> None:
    frame = benchmark(assessments_frame, ASSESSMENTS)
    assert len(frame) == len(ASSESSMENTS)


def test_risks_frame(benchmark: Any) -> None:
    frame = benchmark(risks_frame, SCORED)
    assert len(frame) == len(SCORED)
