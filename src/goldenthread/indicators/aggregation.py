"""Values of longer periods from shorter ones, and of larger units from smaller ones.

One rule serves both directions of aggregation, months into quarters, half-years, years
to date and years, and services into a council and councils into a partnership area:

* ``sum`` adds the values; ``mean`` averages the values of every input figure (so a
  year's mean is the mean of its months, however they were grouped on the way);
  ``min`` and ``max`` take the smallest and largest; ``ratio`` is always
  Σnumerator ÷ Σdenominator × factor, never an average of percentages.
* ``last`` is the latest period's figure (snapshots and rolling measures).
  ``cumulative`` (a running total since the start of the financial year) is the
  figure at the period's last month in the same way: a quarter's value is its third
  month's, the year's is the year-end (March) figure, and the year to date is the
  value itself.  Neither is ever summed, so ``last`` and ``cumulative`` indicators
  cannot be combined across units (:class:`AggregationError`).
* A zero denominator gives no value (``value`` is ``None`` with a ``reason``), never 0.
* If any input is missing the aggregate is missing (a part-sum would understate);
  otherwise if any input is not yet due the aggregate is not yet due; not-applicable
  inputs are left out, and if every input is not applicable so is the aggregate.  For
  ``last`` and ``cumulative`` only the latest input counts.
* The data status of an aggregate is the weakest of its present inputs
  (:func:`~goldenthread.indicators.polarity.weakest_status`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from attrs import frozen

from goldenthread.errors import GoldenthreadError
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus, weakest_status
from goldenthread.indicators.values import IndicatorValue

__all__ = [
    "Aggregate",
    "AggregationError",
    "absent",
    "annualised",
    "combine",
    "combine_units",
    "from_figures",
    "from_value",
]

ZERO_DENOMINATOR = "zero denominator"
NO_COUNTS = "a ratio of several figures needs each one's numerator and denominator"


_PRESENT = ValueState.PRESENT
_NOT_ACROSS_UNITS = (Aggregation.LAST, Aggregation.CUMULATIVE)
_ZERO = Decimal(0)


class AggregationError(GoldenthreadError, ValueError):
    """Figures that cannot be combined by the indicator's aggregation."""


@frozen
class Aggregate:
    """A figure for a period (or a unit), with what is needed to combine it further.

    ``value`` is the figure, or ``None`` when there is none: because of ``state``, or,
    for a present aggregate, for the ``reason`` given (a zero denominator).  ``total``
    and ``count`` are the sum and number of the input figures (for ``mean``);
    ``numerator`` and ``denominator`` are the summed counts (for ``ratio``); ``status``
    is the weakest data status of the inputs (``None`` when none is present).
    """

    state: ValueState
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    total: Decimal | None = None
    count: int = 0
    status: DataStatus | None = None
    reason: str = ""


def absent(state: ValueState, reason: str = "") -> Aggregate:
    """An aggregate with no figure because of ``state`` (never :attr:`ValueState.PRESENT`)."""
    if state is ValueState.PRESENT:
        raise ValueError("an absent aggregate cannot be present")
    return Aggregate(state, reason=reason)


def _ratio(numerator: Decimal, denominator: Decimal, factor: Decimal) -> Decimal | None:
    if denominator == 0:
        return None
    return numerator / denominator * factor


def from_value(definition: IndicatorDefinition, value: IndicatorValue) -> Aggregate:
    """The aggregate of one recorded value.

    An entered ``value`` is the figure; with only counts the figure is
    numerator ÷ denominator × factor (none for a zero denominator).
    """
    return from_figures(
        definition, value.state, value.value, value.numerator, value.denominator, value.status
    )


_ABSENT: dict[ValueState, Aggregate] = {
    state: Aggregate(state) for state in ValueState if state is not ValueState.PRESENT
}


def from_figures(
    definition: IndicatorDefinition,
    state: ValueState,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    status: DataStatus,
) -> Aggregate:
    """:func:`from_value` on a recorded value's fields (a value already checked)."""
    if state is not _PRESENT:
        return _ABSENT[state]
    figure = value
    reason = ""
    if figure is None:
        assert numerator is not None
        assert denominator is not None
        figure = _ratio(numerator, denominator, definition.factor)
        if figure is None:
            reason = ZERO_DENOMINATOR
    return Aggregate(
        _PRESENT,
        figure,
        numerator,
        denominator,
        value if value is not None else figure,
        1 if figure is not None else 0,
        status,
        reason,
    )


def combine(definition: IndicatorDefinition, parts: Sequence[Aggregate]) -> Aggregate:
    """Combine the aggregates of consecutive periods, in time order, by the aggregation.

    See the module documentation for the rule.  A single part is returned unchanged.

    Raises:
        AggregationError: there are no parts.
    """
    if not parts:
        raise AggregationError(f"{definition.code}: nothing to combine")
    if len(parts) == 1:
        return parts[0]
    aggregation = definition.aggregation
    if aggregation is Aggregation.LAST or aggregation is Aggregation.CUMULATIVE:
        return parts[-1]
    present = [p for p in parts if p.state is _PRESENT]
    if len(present) < len(parts):
        states = [p.state for p in parts]
        if ValueState.MISSING in states:
            return Aggregate(ValueState.MISSING)
        if ValueState.NOT_YET_DUE in states:
            return Aggregate(ValueState.NOT_YET_DUE)
        if not present:
            return Aggregate(ValueState.NOT_APPLICABLE)
    if len(present) == 1:
        return present[0]
    status = present[0].status
    for part in present:
        if part.status is not status:
            status = weakest_status(p.status for p in present if p.status is not None)
            break
    if aggregation is Aggregation.RATIO:
        try:
            numerator = sum(cast("list[Decimal]", [p.numerator for p in present]), _ZERO)
            denominator = sum(cast("list[Decimal]", [p.denominator for p in present]), _ZERO)
        except TypeError:  # a part without counts
            return Aggregate(ValueState.PRESENT, status=status, reason=NO_COUNTS)
        figure = _ratio(numerator, denominator, definition.factor)
        return Aggregate(
            ValueState.PRESENT,
            figure,
            numerator,
            denominator,
            figure,
            1 if figure is not None else 0,
            status,
            "" if figure is not None else ZERO_DENOMINATOR,
        )
    for part in present:
        if part.value is None:
            return Aggregate(ValueState.PRESENT, status=status, reason=part.reason)
    figures = cast("list[Decimal]", [p.value for p in present])
    totals = cast("list[Decimal]", [p.value if p.total is None else p.total for p in present])
    if aggregation is Aggregation.SUM:
        figure = sum(figures, _ZERO)
        count = sum(p.count for p in present)
        return Aggregate(ValueState.PRESENT, figure, None, None, figure, count, status)
    if aggregation is Aggregation.MEAN:
        total = sum(totals, _ZERO)
        count = sum(p.count for p in present)
        return Aggregate(ValueState.PRESENT, total / count, None, None, total, count, status)
    figure = min(figures) if aggregation is Aggregation.MIN else max(figures)
    total = sum(totals, _ZERO)
    count = sum(p.count for p in present)
    return Aggregate(ValueState.PRESENT, figure, None, None, total, count, status)


def combine_units(definition: IndicatorDefinition, parts: Sequence[Aggregate]) -> Aggregate:
    """Combine the aggregates of several units (services, councils) for the same period.

    The same rule as :func:`combine`: ``sum`` adds, ``ratio`` divides the summed counts,
    ``mean`` averages every input figure, ``min``/``max`` take the extremes.

    Raises:
        AggregationError: the indicator aggregates by ``last`` or ``cumulative`` (a
            snapshot or running total is never summed, and no unit's figure is "the
            latest"), or there are no parts.
    """
    if definition.aggregation in _NOT_ACROSS_UNITS and len(parts) > 1:
        kind = "a snapshot" if definition.aggregation is Aggregation.LAST else "a running total"
        raise AggregationError(
            f"{definition.code} aggregates by {definition.aggregation.value!r} ({kind}); "
            "its values for several units cannot be combined"
        )
    return combine(definition, parts)


def annualised(definition: IndicatorDefinition, aggregate: Aggregate, months: int) -> Aggregate:
    """The aggregate scaled to a full year (× 12 ÷ ``months``) if the indicator says so.

    Only ``sum`` indicators are annualised (see
    :attr:`~goldenthread.indicators.definition.IndicatorDefinition.annualise`).
    """
    if not definition.annualise or aggregate.value is None or months == 12:
        return aggregate
    scale = Decimal(12) / Decimal(months)
    return Aggregate(
        aggregate.state,
        aggregate.value * scale,
        aggregate.numerator,
        aggregate.denominator,
        aggregate.total,
        aggregate.count,
        aggregate.status,
        aggregate.reason,
    )
