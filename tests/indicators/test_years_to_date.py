"""A year to date worked out in one pass agrees with working each one out on its own.

:meth:`IndicatorSet.years_to_date_at` extends each year's running aggregate a period at a
time (what the aggregation laws allow); :meth:`IndicatorSet.year_to_date_at` combines the
year's periods again for every period.  For every aggregation, state and order they must
give the same aggregate, to the last digit of the figure as written.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.aggregation import Aggregate
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import Frequency, Month, Quarter

_figures = st.integers(min_value=-5000, max_value=50_000).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def cases(draw: st.DrawFn) -> tuple[IndicatorSet, IndicatorDefinition, list[int], int | None]:
    aggregation = draw(st.sampled_from(list(Aggregation)))
    frequency = draw(st.sampled_from([Frequency.MONTHLY, Frequency.QUARTERLY]))
    annualise = aggregation is Aggregation.SUM and draw(st.booleans())
    definition = IndicatorDefinition(
        "PI",
        "An indicator",
        Polarity.HIGHER,
        aggregation,
        frequency,
        decimals=draw(st.integers(min_value=0, max_value=3)),
        factor=Decimal(100) if aggregation is Aggregation.RATIO else Decimal(1),
        annualise=annualise,
    )
    step = frequency.months
    periods = (
        [Month(2023, 4).shift(k) for k in range(24)]
        if step == 1
        else [Quarter(2023 + k // 4, k % 4 + 1) for k in range(8)]
    )
    values = []
    for period in periods:
        kind = draw(st.sampled_from(["value", "counts", "none", "n/a", "missing"]))
        status = draw(st.sampled_from(list(DataStatus)))
        if kind == "value":
            values.append(IndicatorValue.present("PI", period, draw(_figures), status=status))
        elif kind == "counts":
            denominator = draw(st.integers(min_value=0, max_value=400))
            numerator = draw(st.integers(min_value=0, max_value=500))
            values.append(
                IndicatorValue.counts("PI", period, numerator, denominator, status=status)
            )
        elif kind == "n/a":
            values.append(IndicatorValue("PI", period, ValueState.NOT_APPLICABLE))
        elif kind == "missing":
            values.append(IndicatorValue("PI", period, ValueState.MISSING))
    dataset = IndicatorSet.build([definition], values)
    firsts = [p.start_index for p in periods]
    if draw(st.booleans()):
        firsts = draw(st.lists(st.sampled_from(firsts), max_size=12))
    due = draw(st.none() | st.integers(min_value=firsts[0] if firsts else 0, max_value=24_400))
    return dataset, definition, firsts, due


def _exact(aggregate: Aggregate) -> tuple[object, ...]:
    return (
        aggregate.state,
        None if aggregate.value is None else str(aggregate.value),
        aggregate.numerator,
        aggregate.denominator,
        aggregate.total,
        aggregate.count,
        aggregate.status,
        aggregate.reason,
    )


@given(cases())
def test_one_pass_agrees_with_each_on_its_own(
    case: tuple[IndicatorSet, IndicatorDefinition, list[int], int | None],
) -> None:
    dataset, definition, firsts, due = case
    step = definition.frequency.months
    together = dataset.years_to_date_at(definition, step, firsts, due)
    alone = [dataset.year_to_date_at(definition, step, first, due) for first in firsts]
    assert [_exact(a) for a in together] == [_exact(a) for a in alone]


@given(cases())
def test_periods_longer_than_collection_are_worked_out_one_by_one(
    case: tuple[IndicatorSet, IndicatorDefinition, list[int], int | None],
) -> None:
    dataset, definition, firsts, due = case
    together = dataset.years_to_date_at(definition, 12, firsts, due)
    alone = [dataset.year_to_date_at(definition, 12, first, due) for first in firsts]
    assert [_exact(a) for a in together] == [_exact(a) for a in alone]
