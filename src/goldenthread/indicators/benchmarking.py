"""Benchmarking: how a council compares with its comparator group.

A :class:`ComparatorGroup` (CIPFA nearest neighbours, a family group, the region) is
data with validity dates: CIPFA revises its nearest neighbours, and a comparison for
2019/20 must use the group that was valid then (:func:`group_valid_on`).

:func:`benchmark` places one member's value within the group's values:

* **rank**: 1 is best by polarity (highest value for polarity ``higher``, lowest for
  ``lower``).  Ties share the best rank and the next rank is skipped, as in sport
  ("1224" or *competition* ranking): values 90, 80, 80, 70 rank 1, 2, 2, 4.
* **position**: rank ÷ group size, in (0, 1]; smaller is better.
* **quartile**: 1 (best) to 4 by equal counts, read from the position: quartile
  ``q`` holds the ranks with ``(q - 1)/4 < rank/size <= q/4``, that is
  ``quartile = ceil(4 × rank ÷ size)``.  With a group size divisible by 4 each quartile
  holds exactly a quarter of the ranks; otherwise the quartiles' sizes differ by at most
  one (a group of 10 has ranks 1-2, 3-5, 6-7 and 8-10 in quartiles 1 to 4).  Tied
  members share a rank and therefore a quartile.
* **median** and **median absolute deviation** (MAD: the median of the absolute
  differences from the median, unscaled) of the group's values, and the member's
  **MAD score** ``(value - median) ÷ MAD`` as the Office for Local Government (Oflog)
  publishes it.  When the MAD is zero (at least half the group share one value) the
  score has no value (``None``), never infinity.

Polarity ``range`` (best within bounds, so neither end of the group is best) is ranked
by **distance from the range's midpoint**, nearest first, as the Local Government
Benchmarking Framework ranks its "Goldilocks" measures: with a range of 40 to 60, values
50, 47, 53 and 70 rank 1, 2, 2 and 4 (47 and 53 are each 3 from the midpoint and share
the best rank).  The ranking is symmetric about the midpoint, and ties share the best
rank as for the other polarities; the range comes from the indicator's ``lower`` and
``upper`` target for the period (``target_range``).  Without a range, a range indicator
gets no rank, position or quartile, and polarity ``none`` (data only) never does; the
median, MAD and MAD score are still given.  Members of the group with no value are left
out of the ranking (the group size is the number of members with a value) and listed in
:attr:`BenchmarkResult.missing`.

Where the figures come from counts, :func:`compare_with_group` adds Fingertips' test:
the group's value (Σ numerators ÷ Σ denominators × factor, all members included) is
compared with the member's confidence interval, saying ``better``, ``similar`` or
``worse`` (see :mod:`goldenthread.indicators.stats`).

Values, medians and MADs are exact :class:`~decimal.Decimal`; the position is a
``float`` (a statistic).
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.stats import (
    ConfidenceInterval,
    IntervalMethod,
    Number,
    Significance,
    compare_with_benchmark,
    confidence_interval,
)

__all__ = [
    "BenchmarkResult",
    "ComparatorGroup",
    "GroupComparison",
    "benchmark",
    "compare_with_group",
    "group_valid_on",
    "mad_score",
    "median",
    "median_absolute_deviation",
    "quartile",
    "rank_values",
]


def _decimal(value: Number) -> Decimal:
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"a benchmark value must be a finite number, not {value}")
    return number


def _check_members(instance: Any, attribute: Any, value: tuple[str, ...]) -> None:
    if not value:
        raise ValueError("a comparator group needs at least one member")
    repeated = sorted(m for m, n in Counter(value).items() if n > 1)
    if repeated:
        raise ValueError(f"a comparator group lists {', '.join(repeated)} more than once")


def _members(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _check_name(instance: Any, attribute: Any, value: str) -> None:
    if not value.strip():
        raise ValueError("a comparator group needs a name")


@frozen
class ComparatorGroup:
    """A named set of councils to compare with, valid between two dates (inclusive).

    ``kind`` is free text such as ``cipfa-nearest-neighbours``, ``family`` or
    ``region``.  An open ``valid_from`` or ``valid_to`` (``None``) means "since always"
    or "until further notice".

    Raises:
        ValueError: no name, no members, a member listed twice, or ``valid_to`` before
            ``valid_from``.
    """

    name: str = field(validator=_check_name)
    members: tuple[str, ...] = field(converter=_members, validator=_check_members)
    kind: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_to < self.valid_from
        ):
            raise ValueError(
                f"comparator group {self.name!r} ends ({self.valid_to}) before it starts "
                f"({self.valid_from})"
            )

    def is_valid_on(self, date: dt.date) -> bool:
        """Whether the group applies on ``date``."""
        starts = self.valid_from is None or self.valid_from <= date
        return starts and (self.valid_to is None or date <= self.valid_to)

    @property
    def size(self) -> int:
        """The number of members."""
        return len(self.members)


def group_valid_on(
    groups: Iterable[ComparatorGroup], name: str, date: dt.date
) -> ComparatorGroup | None:
    """The group called ``name`` that is valid on ``date``, or ``None`` if there is none.

    Raises:
        ValueError: two versions of the group are valid on that date (their validity
            dates overlap), so the answer would be ambiguous.
    """
    valid = [g for g in groups if g.name == name and g.is_valid_on(date)]
    if len(valid) > 1:
        raise ValueError(
            f"{len(valid)} versions of comparator group {name!r} are valid on {date}; "
            "their validity dates must not overlap"
        )
    return valid[0] if valid else None


def _midpoint(target_range: tuple[Number, Number]) -> Decimal:
    lower, upper = (_decimal(x) for x in target_range)
    if lower > upper:
        raise ValueError(f"a range's lower bound ({lower}) is above its upper bound ({upper})")
    return (lower + upper) / 2


def rank_values(
    values: Mapping[str, Number],
    polarity: Polarity,
    *,
    target_range: tuple[Number, Number] | None = None,
) -> dict[str, int]:
    """Competition ("1224") ranks of ``values``, 1 = best by ``polarity``.

    >>> rank_values({"a": 90, "b": 80, "c": 80, "d": 70}, Polarity.HIGHER)
    {'a': 1, 'b': 2, 'c': 2, 'd': 4}

    For polarity ``range`` the best is nearest the midpoint of ``target_range``
    (``(lower, upper)``), as LGBF ranks its "Goldilocks" measures:

    >>> rank_values({"a": 50, "b": 47, "c": 53, "d": 70}, Polarity.RANGE, target_range=(40, 60))
    {'a': 1, 'b': 2, 'c': 2, 'd': 4}

    Raises:
        ValueError: polarity is ``none``, or ``range`` without a ``target_range`` (no order
            is better), the range's lower bound is above its upper bound, or a value is
            not finite.
    """
    if polarity is Polarity.RANGE and target_range is not None:
        centre = _midpoint(target_range)
        distances = {key: abs(_decimal(v) - centre) for key, v in values.items()}
        return rank_values(distances, Polarity.LOWER)
    if polarity not in (Polarity.HIGHER, Polarity.LOWER):
        reason = " without their range" if polarity is Polarity.RANGE else ""
        raise ValueError(f"indicators of polarity {polarity.value!r} are not ranked{reason}")
    exact = {key: _decimal(v) for key, v in values.items()}
    ordered = sorted(exact.values())
    size = len(ordered)
    if polarity is Polarity.HIGHER:
        return {key: size - bisect_right(ordered, v) + 1 for key, v in exact.items()}
    return {key: bisect_left(ordered, v) + 1 for key, v in exact.items()}


def quartile(rank: int, size: int) -> int:
    """The quartile (1 best to 4) of ``rank`` in a group of ``size``: ``ceil(4·rank/size)``.

    Raises:
        ValueError: ``rank`` is not within 1..``size``.
    """
    if not 1 <= rank <= size:
        raise ValueError(f"rank {rank} is outside 1..{size}")
    return (4 * rank + size - 1) // size


def median(values: Iterable[Number]) -> Decimal:
    """The median (the mean of the two middle values for an even count), exactly.

    Raises:
        ValueError: there are no values.
    """
    ordered = sorted(_decimal(v) for v in values)
    if not ordered:
        raise ValueError("the median of no values is undefined")
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def median_absolute_deviation(values: Iterable[Number]) -> Decimal:
    """The median of the absolute differences from the median (unscaled).

    Raises:
        ValueError: there are no values.
    """
    exact = [_decimal(v) for v in values]
    centre = median(exact)
    return median(abs(v - centre) for v in exact)


def mad_score(value: Number, values: Iterable[Number]) -> Decimal | None:
    """``(value - median) ÷ MAD`` of ``values``, or ``None`` when the MAD is zero.

    Raises:
        ValueError: there are no values.
    """
    exact = [_decimal(v) for v in values]
    centre = median(exact)
    spread = median(abs(v - centre) for v in exact)
    if spread == 0:
        return None
    return (_decimal(value) - centre) / spread


@frozen
class BenchmarkResult:
    """Where one member stands in its comparator group for one indicator.

    ``rank``, ``position`` and ``quartile`` are ``None`` for polarity ``none`` and for
    ``range`` without a range; ``mad_score`` is ``None`` when the group's MAD is zero.
    ``size`` counts the members with a value; ``missing`` lists the members without one.
    """

    member: str
    value: Decimal
    size: int
    rank: int | None
    position: float | None
    quartile: int | None
    median: Decimal
    mad: Decimal
    mad_score: Decimal | None
    missing: tuple[str, ...] = ()


def benchmark(
    group: ComparatorGroup,
    member: str,
    values: Mapping[str, Number],
    polarity: Polarity,
    *,
    target_range: tuple[Number, Number] | None = None,
) -> BenchmarkResult:
    """Place ``member``'s value among the values of ``group`` (see the module notes).

    ``values`` maps councils to their value for one indicator and period; councils
    outside the group are ignored.  ``target_range`` is a range indicator's
    ``(lower, upper)``: members are then ranked by distance from its midpoint.

    Raises:
        ValueError: ``member`` is not in the group, or has no value, or the range's lower
            bound is above its upper bound.
    """
    if member not in group.members:
        raise ValueError(f"{member!r} is not a member of comparator group {group.name!r}")
    if member not in values:
        raise ValueError(f"{member!r} has no value to compare with group {group.name!r}")
    present = {m: _decimal(values[m]) for m in group.members if m in values}
    missing = tuple(m for m in group.members if m not in values)
    size = len(present)
    centre = median(present.values())
    spread = median(abs(v - centre) for v in present.values())
    own = present[member]
    score = None if spread == 0 else (own - centre) / spread
    rank: int | None = None
    position: float | None = None
    place: int | None = None
    if polarity in (Polarity.HIGHER, Polarity.LOWER) or (
        polarity is Polarity.RANGE and target_range is not None
    ):
        rank = rank_values(present, polarity, target_range=target_range)[member]
        position = rank / size
        place = quartile(rank, size)
    return BenchmarkResult(member, own, size, rank, position, place, centre, spread, score, missing)


@frozen
class GroupComparison:
    """A member's interval against its group's value, and what the test says."""

    member: str
    interval: ConfidenceInterval
    group_value: float
    significance: Significance


def compare_with_group(
    member: str,
    counts: Mapping[str, tuple[Number, Number]],
    polarity: Polarity,
    method: IntervalMethod = IntervalMethod.WILSON,
    confidence: float = 0.95,
    factor: Number = 1,
) -> GroupComparison:
    """Whether ``member`` is significantly better, similar or worse than its group.

    ``counts`` maps every member of the group (``member`` included) to its
    ``(numerator, denominator)``.  The group's value is Σ numerators ÷ Σ denominators ×
    ``factor``; the member's interval is by ``method`` (Wilson for proportions, Byar for
    rates) at ``confidence``; :func:`~goldenthread.indicators.stats.compare_with_benchmark`
    decides.

    Raises:
        ValueError: ``member`` has no counts, the group's total denominator is not
            positive, or the member's counts are invalid for the method.
    """
    if member not in counts:
        raise ValueError(f"{member!r} has no counts to compare with its group")
    total_numerator = math.fsum(float(n) for n, _ in counts.values())
    total_denominator = math.fsum(float(d) for _, d in counts.values())
    if not total_denominator > 0:
        raise ValueError(f"the group's total denominator must be positive, not {total_denominator}")
    group_value = total_numerator / total_denominator * float(factor)
    own_numerator, own_denominator = counts[member]
    interval = confidence_interval(method, own_numerator, own_denominator, confidence, factor)
    return GroupComparison(
        member, interval, group_value, compare_with_benchmark(interval, group_value, polarity)
    )
