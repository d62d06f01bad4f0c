"""Reading numeric cells: the documented rule, its rejections, and half-up rounding."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.numbers import ValueState, parse_number, round_half_up


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1234", "", Decimal("1234")),
        ("1,234", "", Decimal("1234")),
        ("1,234,567.8", "", Decimal("1234567.8")),
        ("-3", "", Decimal("-3")),
        ("0", "", Decimal("0")),
        (".5", "", Decimal("0.5")),
        (" 12.50 ", "", Decimal("12.50")),
        ("12%", "%", Decimal("12")),
        ("97.5 %", "%", Decimal("97.5")),
        ("£1,234", "£", Decimal("1234")),
        ("-£20", "£", Decimal("-20")),
    ],
)
def test_numbers_are_read_exactly(text: str, unit: str, expected: Decimal) -> None:
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("", ValueState.MISSING),
        ("-", ValueState.MISSING),
        ("tbc", ValueState.MISSING),
        ("TBC", ValueState.MISSING),
        ("tba", ValueState.MISSING),
        ("..", ValueState.MISSING),
        ("N/A", ValueState.NOT_APPLICABLE),
        ("n/a", ValueState.NOT_APPLICABLE),
        ("Not applicable", ValueState.NOT_APPLICABLE),
        ("not yet due", ValueState.NOT_YET_DUE),
        ("NYD", ValueState.NOT_YET_DUE),
    ],
)
def test_words_are_states_never_zero(text: str, state: ValueState) -> None:
    assert parse_number(text) is state


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("12%", "", "is a percentage but the indicator's unit is 'not set'"),
        ("12%", "days", "is a percentage but the indicator's unit is 'days'"),
        ("£12", "%", "is an amount in pounds but the indicator's unit is '%'"),
        ("12a", "", "cannot read '12a' as a number"),
        ("1e5", "", "cannot read '1e5' as a number"),
        ("(12)", "", "cannot read '(12)' as a number"),
        ("1,23", "", "cannot read '1,23' as a number"),
        ("12%%", "%", "cannot read '12%%' as a number"),
        ("%", "%", "cannot read '%' as a number"),
        ("nil", "", "expected a number such as 1234"),
    ],
)
def test_other_text_is_rejected_with_a_reason(text: str, unit: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_number(text, unit)


@given(st.integers(-(10**15), 10**15).map(lambda i: Decimal(i).scaleb(-3)))
def test_thousands_separated_numbers_round_trip(number: Decimal) -> None:
    assert parse_number(f"{number:,}") == number


@given(
    st.integers(-(10**15), 10**15).map(lambda i: Decimal(i).scaleb(-6)),
    st.integers(0, 4),
)
def test_half_up_is_symmetric_and_within_half_a_unit(number: Decimal, decimals: int) -> None:
    rounded = round_half_up(number, decimals)
    assert round_half_up(-number, decimals) == -rounded
    assert abs(rounded - number) <= Decimal(1).scaleb(-decimals) / 2


def test_half_up_rounds_halves_away_from_zero() -> None:
    assert round_half_up(Decimal("2.45"), 1) == Decimal("2.5")
    assert round_half_up(Decimal("2.5"), 0) == Decimal("3")
    assert round_half_up(Decimal("-0.5"), 0) == Decimal("-1")
