"""Benchmarking a council's indicators against other councils' published figures.

Other councils' figures (from LG Inform or Oflog, say) are :class:`PublishedValue`
objects: one organisation's value of one indicator for one period.  An indicator is
benchmarked against the comparator group its definition names (``comparator_group``),
in the version of that group valid on the last day of the period
(:func:`~goldenthread.indicators.benchmarking.group_valid_on`).

:func:`benchmark_indicator` puts the council's own figure among the group members'
published figures and returns an :class:`IndicatorBenchmark`: the rank (1 = best by
polarity, ties sharing the best rank; a range indicator's best is nearest the midpoint of
its ``lower``-``upper`` target for the period), position, quartile, median, median absolute
deviation and MAD score of :func:`~goldenthread.indicators.benchmarking.benchmark`,
and, where every member with a figure also gave its numerator and denominator,
Fingertips' test of whether the council is significantly ``better``, ``similar`` or
``worse`` than the group as a whole
(:func:`~goldenthread.indicators.benchmarking.compare_with_group`: Wilson's interval
for percentages, Fingertips' exact-below-10-else-Byar interval for other rates).

When an indicator cannot be benchmarked (no group valid on the day, the council not in
the group, no figure of its own) the result says why in ``reason`` instead of failing,
so a whole framework can be benchmarked at once (:func:`benchmark_framework`).

Figures are compared as they are shown: every value, the council's own included, is
rounded half up to the indicator's ``decimals`` before ranking (an exact 83.87% and a
published 83.9% tie), as the indicators' RAG ratings compare them.

Everything here is pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import frozen

from goldenthread import periods
from goldenthread.indicators.benchmarking import (
    BenchmarkResult,
    ComparatorGroup,
    GroupComparison,
    benchmark,
    compare_with_group,
    group_valid_on,
)
from goldenthread.indicators.definition import IndicatorDefinition
from goldenthread.indicators.numbers import ValueState, round_half_up
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.stats import IntervalMethod

if TYPE_CHECKING:
    from goldenthread.framework import Framework

__all__ = [
    "IndicatorBenchmark",
    "PublishedValue",
    "benchmark_framework",
    "benchmark_indicator",
    "interval_method",
]


@frozen
class PublishedValue:
    """Another organisation's published figure for one indicator and period.

    ``numerator`` and ``denominator`` are given together or not at all; ``source`` says
    where the figure was published (``LG Inform``, ``Oflog`` ...).
    """

    indicator: str
    period: periods.Period
    organisation: str
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: DataStatus = DataStatus.FINAL
    source: str = ""


@frozen
class IndicatorBenchmark:
    """How the council compares with its group on one indicator for one period.

    ``group`` is the version of the comparator group used (``None`` when none is valid
    on the period's last day).  ``result`` is ``None`` when the indicator could not be
    benchmarked, and ``reason`` then says why.  ``comparison`` is the significance test
    against the group's pooled value, present only when every member with a figure
    (the council included) gave counts and the group's denominator is positive.
    """

    indicator: str
    period: periods.Period
    group: ComparatorGroup | None
    result: BenchmarkResult | None
    comparison: GroupComparison | None = None
    reason: str = ""


def interval_method(definition: IndicatorDefinition) -> IntervalMethod:
    """Wilson's interval for a percentage (unit ``%``); for any other rate, Fingertips'
    method (exact Poisson limits below a count of 10, Byar's from 10)."""
    return IntervalMethod.WILSON if definition.unit.strip() == "%" else IntervalMethod.POISSON


def _counts(
    council: str,
    own_counts: tuple[Decimal, Decimal] | None,
    group: ComparatorGroup,
    published: dict[str, PublishedValue],
) -> dict[str, tuple[Decimal, Decimal]] | None:
    if own_counts is None:
        return None
    counts = {council: own_counts}
    for member in group.members:
        figure = published.get(member)
        if member == council or figure is None:
            continue
        if figure.numerator is None or figure.denominator is None:
            return None
        counts[member] = (figure.numerator, figure.denominator)
    if sum(d for _, d in counts.values()) <= 0:
        return None
    return counts


def benchmark_indicator(
    definition: IndicatorDefinition,
    period: periods.Period,
    council: str,
    own_value: Decimal | None,
    groups: Iterable[ComparatorGroup],
    published: Iterable[PublishedValue],
    own_counts: tuple[Decimal, Decimal] | None = None,
    target_range: tuple[Decimal, Decimal] | None = None,
) -> IndicatorBenchmark:
    """Benchmark ``council``'s ``own_value`` of ``definition`` for ``period``.

    Args:
        definition: the indicator (its ``comparator_group`` names the group, its
            polarity orders the ranks).
        period: the period compared; the group version valid on ``period.end`` is used.
        council: the council's code as a member of the group.
        own_value: the council's own figure, ``None`` when it has none.
        groups: every comparator group version known.
        published: other organisations' figures (those for other indicators or periods,
            and the council's own, are ignored).
        own_counts: the council's numerator and denominator, for the significance test.
        target_range: a range indicator's ``(lower, upper)`` for the period: members are
            ranked by distance from its midpoint (without it a range indicator has no
            rank).

    Raises:
        ValueError: ``groups`` holds overlapping versions of the indicator's group.
    """
    code = definition.code

    def unbenchmarked(group: ComparatorGroup | None, reason: str) -> IndicatorBenchmark:
        return IndicatorBenchmark(code, period, group, None, reason=reason)

    if not definition.comparator_group:
        return unbenchmarked(None, f"{code} names no comparator group")
    group = group_valid_on(groups, definition.comparator_group, period.end)
    if group is None:
        return unbenchmarked(
            None, f"no version of group {definition.comparator_group!r} is valid on {period.end}"
        )
    if council not in group.members:
        return unbenchmarked(group, f"{council!r} is not a member of group {group.name!r}")
    if own_value is None:
        return unbenchmarked(group, f"{council!r} has no value of {code} for {period.label}")
    figures = {
        p.organisation: p
        for p in published
        if p.indicator == code and p.period == period and p.organisation != council
    }
    places = definition.decimals
    values = {member: round_half_up(figure.value, places) for member, figure in figures.items()}
    values[council] = round_half_up(own_value, places)
    result = benchmark(group, council, values, definition.polarity, target_range=target_range)
    counts = _counts(council, own_counts, group, figures)
    comparison = None
    if counts is not None:
        try:
            comparison = compare_with_group(
                council,
                counts,
                definition.polarity,
                interval_method(definition),
                factor=definition.factor,
            )
        except ValueError:
            comparison = None
    return IndicatorBenchmark(code, period, group, result, comparison)


def benchmark_framework(
    framework: Framework, period: periods.Period, *, as_at: dt.date | None = None
) -> tuple[IndicatorBenchmark, ...]:
    """Benchmark every indicator of ``framework`` that names a comparator group.

    The council is the framework's organisation (its ``code``); its own figure is the
    indicator set's value for ``period`` (aggregated from finer collection periods), as
    known on ``as_at`` (``None``: every collection period is due).  An
    indicator collected less often than ``period`` (an annual indicator asked about a
    quarter) is reported with a reason and no result.

    Raises:
        ValueError: overlapping versions of a comparator group.
        InputError: ``period``'s year starts in another month than the framework's.
    """
    indicators = framework.indicators
    council = framework.organisation.code
    results: list[IndicatorBenchmark] = []
    for definition in indicators.definitions.values():
        if not definition.comparator_group:
            continue
        if period.months < definition.frequency.months:
            results.append(
                IndicatorBenchmark(
                    definition.code,
                    period,
                    None,
                    None,
                    reason=(
                        f"{definition.code} is collected {definition.frequency.value}, "
                        f"so it has no value for {period.label}"
                    ),
                )
            )
            continue
        own = indicators.value(definition.code, period, as_at=as_at)
        present = own.state is ValueState.PRESENT and own.value is not None
        counts = (
            (own.numerator, own.denominator)
            if present and own.numerator is not None and own.denominator is not None
            else None
        )
        bounds = None
        if definition.polarity is Polarity.RANGE:
            target = indicators.target_for(definition, period)
            if target is not None and target.lower is not None and target.upper is not None:
                bounds = (target.lower, target.upper)
        results.append(
            benchmark_indicator(
                definition,
                period,
                council,
                own.value if present else None,
                framework.comparators,
                framework.comparisons,
                counts,
                bounds,
            )
        )
    return tuple(results)
