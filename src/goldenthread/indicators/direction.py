"""Direction of travel: is an indicator getting better or worse?

Two figures are compared at the indicator's precision (rounded half-up to its
``decimals``), so "no change" means the figures a reader sees are equal.  With polarity
``higher`` or ``lower`` the labels are improving / worsening / no change; for ``range``
polarity improving means nearer the range (when the range is known); without polarity
(or a range without bounds) they are increasing / decreasing / no change.  When either
figure is missing there is no direction (``None``).

Short term compares with the previous period, long term with the same period last year
(both :func:`direction_of_travel`); :func:`trend_direction` fits a least-squares line
through the last *n* periods and reads the change it predicts across them.  For a
``cumulative`` indicator (a running total since the start of the financial year) only
the long-term direction is defined: the assessment leaves the short-term direction and
the trend as ``None``, since a running total always grows through the year and
restarts with the next.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal

from goldenthread.indicators.numbers import round_half_up
from goldenthread.indicators.polarity import Polarity

__all__ = ["Direction", "direction_of_travel", "trend_direction"]


class Direction(enum.Enum):
    """A direction of travel label."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no change"
    INCREASING = "increasing"
    DECREASING = "decreasing"


def _distance(value: Decimal, lower: Decimal, upper: Decimal) -> Decimal:
    if value < lower:
        return lower - value
    if value > upper:
        return value - upper
    return Decimal(0)


def direction_of_travel(
    current: Decimal | None,
    earlier: Decimal | None,
    polarity: Polarity,
    decimals: int,
    *,
    lower: Decimal | None = None,
    upper: Decimal | None = None,
) -> Direction | None:
    """The direction from ``earlier`` to ``current`` (see the module documentation).

    ``lower`` and ``upper`` are the range for ``range`` polarity.
    """
    if current is None or earlier is None:
        return None
    now = round_half_up(current, decimals)
    then = round_half_up(earlier, decimals)
    if polarity is Polarity.RANGE and lower is not None and upper is not None:
        low = round_half_up(lower, decimals)
        high = round_half_up(upper, decimals)
        change = _distance(then, low, high) - _distance(now, low, high)
        if change == 0:
            return Direction.NO_CHANGE
        return Direction.IMPROVING if change > 0 else Direction.WORSENING
    if now == then:
        return Direction.NO_CHANGE
    if polarity is Polarity.HIGHER:
        return Direction.IMPROVING if now > then else Direction.WORSENING
    if polarity is Polarity.LOWER:
        return Direction.IMPROVING if now < then else Direction.WORSENING
    return Direction.INCREASING if now > then else Direction.DECREASING


def trend_direction(
    figures: Sequence[Decimal | None], polarity: Polarity, decimals: int
) -> Direction | None:
    """The direction of the least-squares line through ``figures`` (oldest first).

    The line's rise across the whole run (slope × (n − 1)) is rounded to ``decimals``;
    zero is no change, otherwise its sign gives the direction by polarity (range
    polarity reads as no polarity here).  Needs at least three figures and none missing;
    otherwise ``None``.
    """
    n = len(figures)
    if n < 3 or any(f is None for f in figures):
        return None
    ys = [f for f in figures if f is not None]
    mean_x = Decimal(n - 1) / 2
    mean_y = sum(ys, Decimal(0)) / n
    sxy = sum(((Decimal(i) - mean_x) * (y - mean_y) for i, y in enumerate(ys)), Decimal(0))
    sxx = sum(((Decimal(i) - mean_x) ** 2 for i in range(n)), Decimal(0))
    rise = round_half_up(sxy / sxx * (n - 1), decimals)
    if rise == 0:
        return Direction.NO_CHANGE
    if polarity is Polarity.HIGHER:
        return Direction.IMPROVING if rise > 0 else Direction.WORSENING
    if polarity is Polarity.LOWER:
        return Direction.IMPROVING if rise < 0 else Direction.WORSENING
    return Direction.INCREASING if rise > 0 else Direction.DECREASING
