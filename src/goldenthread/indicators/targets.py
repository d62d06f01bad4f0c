"""Targets: set per period or for a year, profiled to its periods, and to date.

A target row may carry, besides ``target``, a ``lower`` and ``upper`` bound (range
polarity and the activity-range rule), a ``floor`` (the Kent-style floor standard) and a
``stretch`` target.  The target that applies to a period is found in this order
(:func:`resolve_target`):

1. a target set for exactly that period;
2. the target for its financial year: for a ``sum`` indicator (not annualised) the year's
   figures are *profiled*, multiplied by the period's share of the year's weights
   (:func:`month_weights`: even, last year's seasonal shape, or a given profile); for
   every other aggregation they apply to each period unchanged;
3. for a period longer than the indicator's collection frequency, the targets of its
   sub-periods when every one is set: summed for ``sum``, the last one's for ``last``.

A ``cumulative`` indicator (a running total since the start of the financial year)
has targets for points in the year: a period's target is the target at its last month.
So after a target set for exactly the period, a target set for another period of the
same year ending in the same month applies (H1's is Q2's, Q2's is September's, the
year's is Q4's).  Otherwise the year's target (the year-end figure: set for the year,
else for the period ending at the year end) is profiled *cumulatively*: the target at
the end of a period is the year's target × the cumulative share of the year reached by
then (:func:`cumulative_weights`): from the given profile, else last year's own
cumulative shape (last year's figure at that point ÷ last year's year-end figure), else
evenly (k/12 after k months).  The target at the year end is the year's target, and
the profiled targets never fall through the year.

The year-to-date target (:func:`year_to_date_target`) of a ``sum`` indicator is the
year's target times the share of the weights up to the period's end (or the sum of the
year-to-date periods' own targets); of a ``cumulative`` indicator it is the period's own
target (its year to date is its value); for every other aggregation it is the year's
target, or failing that the period's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from itertools import pairwise

from attrs import field, frozen

from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.periods import FinancialYear, Frequency, Period

__all__ = [
    "PeriodKey",
    "ResolvedTarget",
    "Target",
    "cumulative_weights",
    "month_weights",
    "resolve_target",
    "year_to_date_target",
]

PeriodKey = tuple[int, int]
"""How periods are indexed for speed: (months in the period, index of its first month)."""


@frozen
class Target:
    """The target figures set for one indicator and period, as entered.

    Any of the figures may be ``None``.  ``lower`` ≤ ``upper`` when both are set.
    """

    indicator: str
    period: Period
    target: Decimal | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    floor: Decimal | None = None
    stretch: Decimal | None = None
    note: str = ""
    extras: dict[str, str] = field(factory=dict, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ValueError(
                f"{self.indicator} {self.period.label}: lower {self.lower} is above "
                f"upper {self.upper}"
            )


@frozen
class ResolvedTarget:
    """The target figures that apply to a period, and how they were found.

    ``basis`` is ``period`` (set for the period), ``profiled`` (a share of the year's),
    ``year`` (the year's, applied unchanged), ``sub-periods`` (built from shorter
    periods' targets), ``year-to-date``, or for a ``cumulative`` indicator ``same
    point`` (set for another period ending in the same month).
    """

    target: Decimal | None
    lower: Decimal | None = None
    upper: Decimal | None = None
    floor: Decimal | None = None
    stretch: Decimal | None = None
    basis: str = "period"

    def scaled(self, share: tuple[Decimal, Decimal], basis: str) -> ResolvedTarget:
        """Every figure multiplied by the share ``part / whole`` (multiplied first, so a
        whole share is exact)."""
        part, whole = share

        def times(x: Decimal | None) -> Decimal | None:
            return None if x is None else x * part / whole

        return ResolvedTarget(
            times(self.target),
            times(self.lower),
            times(self.upper),
            times(self.floor),
            times(self.stretch),
            basis,
        )


def _resolved(target: Target, basis: str) -> ResolvedTarget:
    return ResolvedTarget(
        target.target, target.lower, target.upper, target.floor, target.stretch, basis
    )


def _summed(parts: Sequence[Target], basis: str) -> ResolvedTarget:
    def total(name: str) -> Decimal | None:
        figures: list[Decimal | None] = [getattr(p, name) for p in parts]
        if any(f is None for f in figures):
            return None
        return sum((f for f in figures if f is not None), Decimal(0))

    return ResolvedTarget(
        total("target"), total("lower"), total("upper"), total("floor"), total("stretch"), basis
    )


def month_weights(
    definition: IndicatorDefinition, last_year: Sequence[Decimal | None] | None = None
) -> tuple[Decimal, ...]:
    """The twelve monthly weights (in financial-year order) a year's target is spread by.

    Only their proportions matter.  ``even`` weighs every month equally.  A given
    profile (one weight per collection period) gives each month of a period that
    period's weight, so the period's share of the year is its weight's share of the
    profile.  ``seasonal`` uses ``last_year``, last year's figure for each collection
    period, in order; when any of them is missing or negative, or they sum to zero, the
    weights fall back to even.
    """
    months = definition.frequency.months
    per_period: Sequence[Decimal | None]
    if isinstance(definition.profile, tuple):
        per_period = definition.profile
    elif definition.profile == "seasonal" and last_year is not None:
        per_period = last_year
        if (
            len(per_period) != definition.frequency.per_year
            or any(w is None or w < 0 for w in per_period)
            or sum(w for w in per_period if w is not None) <= 0
        ):
            return (Decimal(1),) * 12
    else:
        return (Decimal(1),) * 12
    return tuple(w for w in per_period if w is not None for _ in range(months))


def cumulative_weights(
    definition: IndicatorDefinition, last_year: Sequence[Decimal | None] | None = None
) -> tuple[Decimal, ...]:
    """The twelve monthly weights that profile a ``cumulative`` indicator's year target.

    The share of the year reached after a month is the sum of the weights up to it ÷
    their total.  A given profile (weights, one per collection period: the part of the
    year's total collected in each) is spread as by :func:`month_weights`.  Otherwise
    ``last_year`` is last year's running total at the end of each collection period, in
    order; its increments make the weights, so the share reached by a point is last
    year's figure then ÷ its year-end figure.  Last year is used only when every figure
    is there, none is negative, none falls below the one before and the year-end figure
    is above zero; otherwise the weights are even (k/12 after k months).
    """
    if isinstance(definition.profile, tuple):
        return month_weights(definition)
    figures = last_year or ()
    if len(figures) != definition.frequency.per_year or any(f is None for f in figures):
        return (Decimal(1),) * 12
    totals = [f for f in figures if f is not None]
    increments = [totals[0]] + [b - a for a, b in pairwise(totals)]
    if any(i < 0 for i in increments) or totals[-1] <= 0:
        return (Decimal(1),) * 12
    months = definition.frequency.months
    return tuple(i for i in increments for _ in range(months))


def _share(
    weights: Sequence[Decimal], start: int, first_index: int, last_index: int
) -> tuple[Decimal, Decimal]:
    part = sum(weights[first_index - start : last_index - start + 1], Decimal(0))
    return part, sum(weights, Decimal(0))


def _year_start(period: Period) -> int:
    first = period.start_index
    return first - (first - period.year_start_month + 1) % 12


def _profiles(definition: IndicatorDefinition) -> bool:
    return definition.aggregation is Aggregation.SUM and not definition.annualise


def _same_end(
    targets: Mapping[PeriodKey, Target], months: int, last: int, year_start: int
) -> Target | None:
    """A target for another period of the year ending in month ``last`` (longest first)."""
    for step in (12, 6, 3, 1):
        if step == months or last - step + 1 < year_start:
            continue
        found = targets.get((step, last - step + 1))
        if found is not None:
            return found
    return None


def _cumulative_target(
    targets: Mapping[PeriodKey, Target],
    period: Period,
    weights: Callable[[FinancialYear], Sequence[Decimal]],
) -> ResolvedTarget | None:
    months = period.months
    first = period.start_index
    last = first + months - 1
    exact = targets.get((months, first))
    if exact is not None:
        return _resolved(exact, "period")
    year_start = _year_start(period)
    same_end = _same_end(targets, months, last, year_start)
    if same_end is not None:
        return _resolved(same_end, "same point")
    year_end = year_start + 11
    annual = targets.get((12, year_start)) or _same_end(targets, 12, year_end, year_start)
    if annual is None or last == year_end:
        return None
    share = _share(weights(period.financial_year), year_start, year_start, last)
    return _resolved(annual, "year").scaled(share, "profiled")


def resolve_target(
    definition: IndicatorDefinition,
    targets: Mapping[PeriodKey, Target],
    period: Period,
    weights: Callable[[FinancialYear], Sequence[Decimal]],
) -> ResolvedTarget | None:
    """The target that applies to ``period`` by the order in the module documentation.

    Args:
        definition: the indicator.
        targets: its targets, keyed by (months, first month index) of their period.
        period: the period to find a target for.
        weights: the twelve monthly weights of a financial year (called only when a
            year's target has to be profiled; see :func:`month_weights`).

    Returns:
        The target figures, or ``None`` when no target applies.
    """
    if definition.aggregation is Aggregation.CUMULATIVE:
        return _cumulative_target(targets, period, weights)
    months = period.months
    first = period.start_index
    last = first + months - 1
    exact = targets.get((months, first))
    if exact is not None:
        return _resolved(exact, "period")
    year_start = _year_start(period)
    if months < 12:
        annual = targets.get((12, year_start))
        if annual is not None:
            if _profiles(definition):
                share = _share(weights(period.financial_year), year_start, first, last)
                return _resolved(annual, "year").scaled(share, "profiled")
            return _resolved(annual, "year")
    if definition.aggregation not in (Aggregation.SUM, Aggregation.LAST):
        return None
    for frequency in (Frequency.HALF_YEARLY, Frequency.QUARTERLY, Frequency.MONTHLY):
        step = frequency.months
        if step >= months or step < definition.frequency.months:
            continue
        parts = [targets.get((step, i)) for i in range(first, last + 1, step)]
        if any(p is None for p in parts):
            continue
        found = [p for p in parts if p is not None]
        if definition.aggregation is Aggregation.LAST:
            return _resolved(found[-1], "sub-periods")
        return _summed(found, "sub-periods")
    return None


def year_to_date_target(
    definition: IndicatorDefinition,
    targets: Mapping[PeriodKey, Target],
    period: Period,
    weights: Callable[[FinancialYear], Sequence[Decimal]],
) -> ResolvedTarget | None:
    """The target for the financial year to the end of ``period`` (module documentation).

    Returns:
        The target figures, or ``None`` when no year-to-date target can be found.
    """
    if definition.aggregation is Aggregation.CUMULATIVE:
        return _cumulative_target(targets, period, weights)
    year_start = _year_start(period)
    last = period.start_index + period.months - 1
    annual = targets.get((12, year_start))
    if not _profiles(definition):
        if annual is not None:
            return _resolved(annual, "year")
        return resolve_target(definition, targets, period, weights)
    if annual is not None:
        share = _share(weights(period.financial_year), year_start, year_start, last)
        return _resolved(annual, "year").scaled(share, "year-to-date")
    span = last - year_start + 1
    for step in (6, 3, 1):
        if step < definition.frequency.months or span % step:
            continue
        found = [targets.get((step, i)) for i in range(year_start, last + 1, step)]
        if any(p is None for p in found):
            continue
        return _summed([p for p in found if p is not None], "year-to-date")
    return None
