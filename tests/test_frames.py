"""pandas DataFrames of indicator values, assessments and scored risks."""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable
from decimal import Decimal
from functools import cache

import pandas as pd
import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.examples import example_path
from goldenthread.frames import (
    ASSESSMENT_COLUMNS,
    PANDAS_MISSING,
    RISK_COLUMNS,
    VALUE_COLUMNS,
    assessments_frame,
    heat_map_frame,
    risks_frame,
    values_frame,
)
from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.bundle import load_bundle
from goldenthread.notebook import Assessments, Register
from goldenthread.periods import Frequency, Month, Quarter
from goldenthread.risk.assessment import ScoredRisk, assess_register
from goldenthread.risk.heatmap import TIERS, heat_map
from goldenthread.risk.register import Nature

QUARTER = Quarter(2025, 1)


@cache
def rossendale() -> Framework:
    return load_bundle(example_path("rossendale"))


@cache
def assessments() -> tuple[Assessment, ...]:
    return tuple(assess_all(rossendale().indicators, QUARTER))


@cache
def scored() -> tuple[ScoredRisk, ...]:
    framework = rossendale()
    return assess_register(framework.risks, framework.risk_settings)


DEFINITION = IndicatorDefinition(
    "LPI 01",
    "Household waste recycled",
    Polarity.HIGHER,
    Aggregation.SUM,
    Frequency.MONTHLY,
    unit="tonnes",
    decimals=2,
)

FIGURES = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, places=4
)


@st.composite
def indicator_sets(draw: st.DrawFn) -> tuple[IndicatorSet, list[IndicatorValue]]:
    months = draw(st.lists(st.integers(0, 47), unique=True, max_size=20))
    values: list[IndicatorValue] = []
    for index in months:
        period = Month(2022 + (index + 3) // 12, (index + 3) % 12 + 1)
        figure = draw(st.one_of(st.none(), FIGURES))
        if figure is None:
            values.append(IndicatorValue(DEFINITION.code, period, ValueState.MISSING))
        else:
            status = draw(st.sampled_from(DataStatus))
            values.append(IndicatorValue(DEFINITION.code, period, value=figure, status=status))
    return IndicatorSet.build([DEFINITION], values), values


# ---------------------------------------------------------------- values


@given(indicator_sets())
def test_values_frame_has_a_row_per_value_with_exact_decimals(
    case: tuple[IndicatorSet, list[IndicatorValue]],
) -> None:
    dataset, values = case
    frame = values_frame(dataset)
    assert list(frame.columns) == list(VALUE_COLUMNS)
    assert len(frame) == len(values)
    assert list(frame["period"]) == [v.period.label for v in values]
    assert list(frame["state"]) == [v.state.value for v in values]
    for cell, value in zip(frame["value"], values, strict=True):
        assert cell == value.value
        assert cell is None or isinstance(cell, Decimal)
    assert list(frame["status"]) == [v.status.value for v in values]


@given(indicator_sets())
def test_values_frame_inexact_is_the_nearest_float(
    case: tuple[IndicatorSet, list[IndicatorValue]],
) -> None:
    dataset, values = case
    frame = values_frame(dataset, exact=False)
    assert len(frame) == len(values)
    assert frame["value"].dtype == "float64"
    for cell, value in zip(frame["value"], values, strict=True):
        if value.value is None:
            assert math.isnan(cell)
        else:
            assert cell == float(value.value)


def test_values_frame_of_the_example_and_indicator_set_to_pandas() -> None:
    dataset = rossendale().indicators
    recorded = sum(len(v) for v in dataset.recorded.values())
    frame = dataset.to_pandas()
    assert len(frame) == recorded
    pd.testing.assert_frame_equal(frame, values_frame(dataset))
    row = frame.iloc[0]
    assert row["period_start"] <= row["period_end"]
    assert dataset.to_pandas(exact=False)["value"].dtype == "float64"


def test_values_frame_keeps_counts_notes_and_periods() -> None:
    definition = evolve(DEFINITION, aggregation=Aggregation.RATIO, unit="%", factor=Decimal(100))
    value = IndicatorValue.counts(
        definition.code,
        Month(2024, 9),
        7,
        8,
        note="late return",
        entered_by="performance team",
    )
    frame = values_frame(IndicatorSet.build([definition], [value]))
    row = frame.iloc[0]
    assert row["numerator"] == Decimal(7)
    assert row["denominator"] == Decimal(8)
    assert row["value"] is None
    assert row["note"] == "late return"
    assert row["entered_by"] == "performance team"
    assert str(row["period_start"]) == "2024-09-01"
    assert str(row["period_end"]) == "2024-09-30"


def test_empty_frames_keep_their_columns() -> None:
    assert list(values_frame(IndicatorSet.build((), (), ())).columns) == list(VALUE_COLUMNS)
    assert list(assessments_frame(()).columns) == list(ASSESSMENT_COLUMNS)
    assert list(risks_frame(()).columns) == list(RISK_COLUMNS)
    assert len(risks_frame(())) == 0


# ---------------------------------------------------------------- assessments


@given(st.lists(st.integers(0, 26), max_size=30))
def test_assessments_frame_row_per_assessment_matching_to_dict(picks: list[int]) -> None:
    items = [assessments()[i % len(assessments())] for i in picks]
    frame = assessments_frame(items)
    assert list(frame.columns) == list(ASSESSMENT_COLUMNS)
    assert len(frame) == len(items)
    for (_, row), a in zip(frame.iterrows(), items, strict=True):
        expected = a.to_dict()
        assert row["indicator"] == expected["indicator"]
        assert row["value"] == expected["value"]
        assert row["status"] == expected["status"]
        assert row["decimals"] == expected["decimals"]


def test_assessments_frame_decimals_exact_or_float() -> None:
    items = assessments()
    exact = assessments_frame(items)
    present = [a for a in items if a.value is not None]
    assert present
    for cell, a in zip(exact["value"], items, strict=True):
        assert cell == a.to_dict()["value"]
        assert cell is None or isinstance(cell, Decimal)
    loose = assessments_frame(items, exact=False)
    assert loose["value"].dtype == "float64"
    assert loose["target"].dtype == "float64"
    assert exact["decimals"].dtype == "Int64"
    assert str(exact["forecast_meets_target"].dtype) == "boolean"
    assert Assessments(items).to_pandas().equals(exact)


# ---------------------------------------------------------------- risks


@given(st.lists(st.integers(0, 21), max_size=30))
def test_risks_frame_row_per_risk(picks: list[int]) -> None:
    items = [scored()[i % len(scored())] for i in picks]
    frame = risks_frame(items)
    assert list(frame.columns) == list(RISK_COLUMNS)
    assert len(frame) == len(items)
    assert list(frame["id"]) == [s.risk.id for s in items]


def test_risks_frame_ratings_and_nullable_columns() -> None:
    items = scored()
    first = items[0]
    assert first.current is not None
    unrated = evolve(first, current=None, within_appetite=None)
    opportunity = evolve(first, risk=evolve(first.risk, nature=Nature.OPPORTUNITY))
    frame = risks_frame([first, unrated, opportunity])
    assert frame.loc[0, "current_score"] == first.current.score
    assert frame.loc[0, "current_level"] == first.current.level
    assert frame.loc[0, "current_likelihood"] == first.current.likelihood
    assert frame["current_score"].dtype == "Int64"
    assert frame.loc[1, "current_score"] is pd.NA
    assert frame.loc[1, "current_level"] is None
    assert frame.loc[1, "within_appetite"] is pd.NA
    assert frame.loc[2, "nature"] == "opportunity"
    assert frame.loc[0, "objectives"] == ", ".join(first.risk.objectives)
    assert bool(frame.loc[0, "escalate"]) is first.escalate
    if first.escalations:
        assert frame.loc[0, "escalate_to"] == first.escalations[0].escalate_to.value
    assert Register(items).to_pandas().equals(risks_frame(items))


# ---------------------------------------------------------------- heat maps


@given(st.lists(st.integers(0, 21), max_size=30), st.sampled_from(TIERS))
def test_heat_map_frame_holds_every_rated_risk(picks: list[int], tier: str) -> None:
    matrix = rossendale().risk_settings.matrix
    hm = heat_map([scored()[i % len(scored())] for i in picks], matrix, tier)
    frame = heat_map_frame(hm)
    assert frame.shape == matrix.size
    assert int(frame.to_numpy().sum()) == hm.total
    for cell in hm.cells():
        row = f"{cell.likelihood} {matrix.likelihood[cell.likelihood - 1].name}"
        column = f"{cell.impact} {matrix.impact[cell.impact - 1].name}"
        assert frame.loc[row, column] == cell.count


def test_heat_map_frame_layout() -> None:
    matrix = rossendale().risk_settings.matrix
    hm = heat_map(scored(), matrix, "inherent")
    frame = hm.to_pandas()
    assert frame.index.name == "likelihood"
    assert frame.columns.name == "impact"
    assert frame.index[0] == f"{len(matrix.likelihood)} {matrix.likelihood[-1].name}"
    assert frame.columns[0] == f"1 {matrix.impact[0].name}"
    assert all(dtype == "int64" for dtype in frame.dtypes)
    pd.testing.assert_frame_equal(frame, heat_map_frame(hm))


# ---------------------------------------------------------------- pandas missing


def test_a_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    calls: list[Callable[[], object]] = [
        lambda: values_frame(rossendale().indicators),
        lambda: assessments_frame(assessments()),
        lambda: risks_frame(scored()),
        lambda: rossendale().indicators.to_pandas(),
        lambda: heat_map_frame(heat_map(scored(), rossendale().risk_settings.matrix)),
    ]
    for call in calls:
        with pytest.raises(ImportError) as raised:
            call()
        assert str(raised.value) == PANDAS_MISSING
        assert "goldenthread[pandas]" in str(raised.value)


def test_assessments_frame_has_the_new_statuses_and_their_reasons() -> None:
    items = assess_all(rossendale().indicators, Quarter(2025, 3), as_at=dt.date(2025, 11, 30))
    frame = assessments_frame(items)
    assert set(frame["status"]) == {"not-yet-due", "data-only"}
    for (_, row), a in zip(frame.iterrows(), items, strict=True):
        assert row["status_reason"] == a.status_reason
        assert row["ytd_status_reason"] == a.ytd_status_reason
        assert row["status_reason"]
    assert list(frame.columns) == list(items[0].to_dict())
