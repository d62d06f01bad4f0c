"""Direction of travel: labels by polarity, at the displayed precision, and trends."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.direction import Direction, direction_of_travel, trend_direction
from goldenthread.indicators.polarity import Polarity

D = Decimal


@pytest.mark.parametrize(
    ("now", "then", "polarity", "expected"),
    [
        ("85.2", "80.1", Polarity.HIGHER, Direction.IMPROVING),
        ("79.0", "80.1", Polarity.HIGHER, Direction.WORSENING),
        ("9.5", "10.2", Polarity.LOWER, Direction.IMPROVING),
        ("10.5", "10.2", Polarity.LOWER, Direction.WORSENING),
        ("80.14", "80.05", Polarity.HIGHER, Direction.NO_CHANGE),  # both show as 80.1
        ("172", "150", Polarity.NONE, Direction.INCREASING),
        ("140", "150", Polarity.NONE, Direction.DECREASING),
        ("150", "150", Polarity.NONE, Direction.NO_CHANGE),
        ("4", "3", Polarity.RANGE, Direction.INCREASING),  # no bounds: no polarity
    ],
)
def test_direction_labels(now: str, then: str, polarity: Polarity, expected: Direction) -> None:
    assert direction_of_travel(D(now), D(then), polarity, 1) is expected


def test_range_direction_is_towards_the_range() -> None:
    bounds = {"lower": D(2), "upper": D("3.5")}
    assert direction_of_travel(D("3.8"), D("4.5"), Polarity.RANGE, 1, **bounds) is (
        Direction.IMPROVING
    )
    assert direction_of_travel(D("1.2"), D("1.8"), Polarity.RANGE, 1, **bounds) is (
        Direction.WORSENING
    )
    assert direction_of_travel(D("2.5"), D("3.0"), Polarity.RANGE, 1, **bounds) is (
        Direction.NO_CHANGE
    )


def test_no_direction_without_both_figures() -> None:
    assert direction_of_travel(None, D(1), Polarity.HIGHER, 0) is None
    assert direction_of_travel(D(1), None, Polarity.HIGHER, 0) is None


numbers = st.integers(-(10**6), 10**6).map(lambda i: Decimal(i).scaleb(-3))


@given(numbers, numbers, st.integers(0, 3))
def test_swapping_figures_or_polarity_reverses_the_direction(
    a: Decimal, b: Decimal, decimals: int
) -> None:
    forward = direction_of_travel(a, b, Polarity.HIGHER, decimals)
    backward = direction_of_travel(b, a, Polarity.HIGHER, decimals)
    flipped = direction_of_travel(a, b, Polarity.LOWER, decimals)
    opposite = {
        Direction.IMPROVING: Direction.WORSENING,
        Direction.WORSENING: Direction.IMPROVING,
        Direction.NO_CHANGE: Direction.NO_CHANGE,
    }
    assert forward is not None
    assert backward is opposite[forward]
    assert flipped is opposite[forward]


def test_trend() -> None:
    rising = [D(v) for v in ("70", "72", "71", "75", "78")]
    assert trend_direction(rising, Polarity.HIGHER, 0) is Direction.IMPROVING
    assert trend_direction(rising, Polarity.LOWER, 0) is Direction.WORSENING
    assert trend_direction(rising, Polarity.NONE, 0) is Direction.INCREASING
    flat = [D(v) for v in ("70.01", "70.02", "69.99", "70.00")]
    assert trend_direction(flat, Polarity.HIGHER, 1) is Direction.NO_CHANGE
    assert trend_direction(rising[:2], Polarity.HIGHER, 0) is None
    assert trend_direction([D(1), None, D(3)], Polarity.HIGHER, 0) is None
    assert trend_direction([D(3), D(2), D(1)], Polarity.NONE, 0) is Direction.DECREASING


@given(st.lists(numbers, min_size=3, max_size=12), numbers)
def test_a_constant_shift_does_not_change_a_trend(figures: list[Decimal], shift: Decimal) -> None:
    shifted = [f + shift for f in figures]
    assert trend_direction(shifted, Polarity.HIGHER, 6) is trend_direction(
        figures, Polarity.HIGHER, 6
    )
