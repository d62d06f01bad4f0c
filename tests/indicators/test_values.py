"""Recorded values: a figure or counts when present, nothing otherwise."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import Month

SEP = Month(2024, 9)


def test_present_value_and_counts() -> None:
    value = IndicatorValue.present("BV 8", SEP, "95.5", status=DataStatus.PROVISIONAL)
    assert value.value == Decimal("95.5")
    assert value.status is DataStatus.PROVISIONAL
    counts = IndicatorValue.counts("BV 8", SEP, 1337, 1400)
    assert counts.value is None
    assert (counts.numerator, counts.denominator) == (Decimal(1337), Decimal(1400))


def test_zero_is_a_present_value() -> None:
    assert IndicatorValue.present("NI 196", SEP, 0).state is ValueState.PRESENT


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "BV 8 2024-09: a present value needs a value or both a numerator and a denominator"),
        ({"numerator": Decimal(1)}, "needs a value or both a numerator and a denominator"),
        (
            {"value": Decimal(1), "numerator": Decimal(1)},
            "a numerator needs a denominator and a denominator a numerator",
        ),
        (
            {"numerator": Decimal(1), "denominator": Decimal(-2)},
            "the denominator must not be negative, not -2",
        ),
        (
            {"state": ValueState.MISSING, "value": Decimal(0)},
            "BV 8 2024-09: a missing value cannot carry a figure",
        ),
        (
            {"state": ValueState.NOT_APPLICABLE, "numerator": Decimal(0)},
            "a not-applicable value cannot carry a figure",
        ),
    ],
)
def test_inconsistent_values_are_rejected(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        IndicatorValue("BV 8", SEP, **kwargs)  # type: ignore[arg-type]


def test_absent_states() -> None:
    for state in (ValueState.MISSING, ValueState.NOT_YET_DUE, ValueState.NOT_APPLICABLE):
        value = IndicatorValue("BV 8", SEP, state, note="late return")
        assert value.value is None
        assert value.state is state
