"""Aggregation laws: periods from months, units into councils, states and data status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.aggregation import (
    Aggregate,
    AggregationError,
    absent,
    annualised,
    combine,
    combine_units,
    from_value,
)
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Month, Quarter

YEAR = FinancialYear(2024)
MONTHS = YEAR.month_periods()


def _definition(aggregation: Aggregation, factor: int = 100, **kw: object) -> IndicatorDefinition:
    return IndicatorDefinition(
        "X1",
        "Test indicator",
        Polarity.HIGHER,
        aggregation,
        Frequency.MONTHLY,
        factor=Decimal(factor),
        **kw,  # type: ignore[arg-type]
    )


counts = st.tuples(st.integers(0, 10_000), st.integers(1, 10_000)).map(lambda nd: (min(nd), nd[1]))
figures = st.integers(-1_000_000, 1_000_000).map(lambda i: Decimal(i).scaleb(-2))


@given(st.lists(counts, min_size=12, max_size=12), st.sampled_from([1, 100, 1000, 100000]))
def test_ratio_is_sum_of_numerators_over_sum_of_denominators_at_every_level(
    pairs: list[tuple[int, int]], factor: int
) -> None:
    definition = _definition(Aggregation.RATIO, factor)
    values = [IndicatorValue.counts("X1", m, n, d) for m, (n, d) in zip(MONTHS, pairs, strict=True)]
    data = IndicatorSet.build([definition], values)
    for period in (*YEAR.subperiods(Frequency.QUARTERLY), HalfYear(2024, 2), YEAR):
        inside = [pairs[i] for i, m in enumerate(MONTHS) if period.contains(m)]
        numerator = sum(n for n, _ in inside)
        denominator = sum(d for _, d in inside)
        result = data.value("X1", period)
        assert result.numerator == numerator
        assert result.denominator == denominator
        assert result.value == Decimal(numerator) / Decimal(denominator) * factor
    ytd = data.year_to_date("X1", Quarter(2024, 3))
    nine = pairs[:9]
    expected = Decimal(sum(n for n, _ in nine)) / Decimal(sum(d for _, d in nine)) * factor
    assert ytd.value == expected


@given(st.lists(figures, min_size=12, max_size=12))
def test_sum_of_months_equals_the_year_by_any_route(months: list[Decimal]) -> None:
    definition = _definition(Aggregation.SUM)
    values = [IndicatorValue.present("X1", m, v) for m, v in zip(MONTHS, months, strict=True)]
    data = IndicatorSet.build([definition], values)
    year = data.value("X1", YEAR).value
    assert year == sum(months, Decimal(0))
    quarters = [data.value("X1", q).value for q in YEAR.subperiods(Frequency.QUARTERLY)]
    assert sum(q for q in quarters if q is not None) == year
    halves = [data.value("X1", h) for h in YEAR.subperiods(Frequency.HALF_YEARLY)]
    assert combine(definition, halves).value == year
    assert data.year_to_date("X1", Quarter(2024, 4)).value == year


@given(st.lists(figures, min_size=12, max_size=12))
def test_mean_min_max_last_over_the_year(months: list[Decimal]) -> None:
    values = [IndicatorValue.present("X1", m, v) for m, v in zip(MONTHS, months, strict=True)]
    for aggregation, expected in (
        (Aggregation.MEAN, sum(months, Decimal(0)) / 12),
        (Aggregation.MIN, min(months)),
        (Aggregation.MAX, max(months)),
        (Aggregation.LAST, months[-1]),
    ):
        data = IndicatorSet.build([_definition(aggregation)], values)
        assert data.value("X1", YEAR).value == expected
        quarters = [data.value("X1", q) for q in YEAR.subperiods(Frequency.QUARTERLY)]
        assert combine(_definition(aggregation), quarters).value == expected


def test_last_is_never_summed() -> None:
    definition = _definition(Aggregation.LAST)
    values = [IndicatorValue.present("X1", m, 10 + i) for i, m in enumerate(MONTHS)]
    data = IndicatorSet.build([definition], values)
    assert data.value("X1", Quarter(2024, 1)).value == Decimal(12)
    assert data.year_to_date("X1", Quarter(2024, 2)).value == Decimal(15)


def test_zero_denominator_gives_no_value_not_zero() -> None:
    definition = _definition(Aggregation.RATIO)
    leaf = from_value(definition, IndicatorValue.counts("X1", MONTHS[0], 0, 0))
    assert leaf.state is ValueState.PRESENT
    assert leaf.value is None
    assert leaf.reason == "zero denominator"
    both = combine(definition, [leaf, leaf])
    assert both.value is None
    assert both.denominator == 0
    other = from_value(definition, IndicatorValue.counts("X1", MONTHS[1], 3, 4))
    assert combine(definition, [leaf, other]).value == Decimal(75)


def test_missing_not_yet_due_and_not_applicable_are_distinct() -> None:
    definition = _definition(Aggregation.SUM)
    present = from_value(definition, IndicatorValue.present("X1", MONTHS[0], 0))
    assert present.value == 0
    missing = absent(ValueState.MISSING)
    due = absent(ValueState.NOT_YET_DUE)
    na = absent(ValueState.NOT_APPLICABLE)
    assert combine(definition, [present, missing, due]).state is ValueState.MISSING
    assert combine(definition, [present, due]).state is ValueState.NOT_YET_DUE
    assert combine(definition, [present, na]).value == 0
    assert combine(definition, [na, na]).state is ValueState.NOT_APPLICABLE
    with pytest.raises(ValueError, match="an absent aggregate cannot be present"):
        absent(ValueState.PRESENT)


def test_ratio_parts_without_counts_give_no_value() -> None:
    definition = _definition(Aggregation.RATIO)
    parts = [from_value(definition, IndicatorValue.present("X1", m, 50)) for m in MONTHS[:2]]
    result = combine(definition, parts)
    assert result.value is None
    assert "needs each one's numerator and denominator" in result.reason


def test_data_status_is_the_weakest_input() -> None:
    definition = _definition(Aggregation.SUM)
    statuses = [DataStatus.VERIFIED, DataStatus.PROVISIONAL, DataStatus.FINAL]
    parts = [
        from_value(definition, IndicatorValue.present("X1", m, 1, status=s))
        for m, s in zip(MONTHS, statuses, strict=False)
    ]
    assert combine(definition, parts).status is DataStatus.PROVISIONAL


@given(st.lists(st.lists(counts, min_size=1, max_size=4), min_size=2, max_size=5))
def test_units_combine_with_the_same_ratio_semantics(units: list[list[tuple[int, int]]]) -> None:
    definition = _definition(Aggregation.RATIO)
    service_totals = [
        combine(
            definition,
            [
                from_value(definition, IndicatorValue.counts("X1", MONTHS[i], n, d))
                for i, (n, d) in enumerate(unit)
            ],
        )
        for unit in units
    ]
    council = combine_units(definition, service_totals)
    numerator = sum(n for unit in units for n, _ in unit)
    denominator = sum(d for unit in units for _, d in unit)
    assert council.value == Decimal(numerator) / Decimal(denominator) * 100


@given(st.lists(st.lists(figures, min_size=1, max_size=4), min_size=2, max_size=5))
def test_units_mean_is_the_mean_of_every_input(units: list[list[Decimal]]) -> None:
    definition = _definition(Aggregation.MEAN)
    per_unit = [
        combine(
            definition,
            [
                from_value(definition, IndicatorValue.present("X1", MONTHS[i], v))
                for i, v in enumerate(unit)
            ],
        )
        for unit in units
    ]
    everything = [v for unit in units for v in unit]
    combined = combine_units(definition, per_unit).value
    assert combined == sum(everything, Decimal(0)) / len(everything)


def test_last_cannot_be_combined_across_units() -> None:
    definition = _definition(Aggregation.LAST)
    part = Aggregate(ValueState.PRESENT, Decimal(3), count=1)
    with pytest.raises(AggregationError, match=r"aggregates by 'last'.*cannot be combined"):
        combine_units(definition, [part, part])
    assert combine_units(definition, [part]) == part


def test_nothing_to_combine() -> None:
    with pytest.raises(AggregationError, match="X1: nothing to combine"):
        combine(_definition(Aggregation.SUM), [])


def test_annualised_sum_scales_to_a_year() -> None:
    definition = _definition(Aggregation.SUM, annualise=True)
    values = [IndicatorValue.present("X1", m, 3) for m in MONTHS]
    data = IndicatorSet.build([definition], values)
    assert data.value("X1", Quarter(2024, 1)).value == Decimal(36)
    assert data.value("X1", YEAR).value == Decimal(36)
    assert data.year_to_date("X1", Quarter(2024, 2)).value == Decimal(36)
    plain = Aggregate(ValueState.PRESENT, Decimal(9), count=3)
    assert annualised(_definition(Aggregation.SUM), plain, 3) == plain


def test_missing_months_and_not_yet_due() -> None:
    definition = _definition(Aggregation.SUM)
    values = [IndicatorValue.present("X1", m, 1) for m in MONTHS[:5]]
    data = IndicatorSet.build([definition], values)
    assert data.value("X1", Quarter(2024, 2)).state is ValueState.MISSING
    as_at = dt.date(2024, 9, 15)
    assert data.value("X1", Quarter(2024, 2), as_at=as_at).state is ValueState.NOT_YET_DUE
    assert data.value("X1", Quarter(2024, 1), as_at=as_at).value == 3
    assert data.value("X1", Month(2024, 9), as_at=as_at).state is ValueState.NOT_YET_DUE
    assert data.value("X1", Month(2024, 9)).state is ValueState.MISSING
    assert data.value("X1", Month(2024, 8), as_at=as_at).value == 1
