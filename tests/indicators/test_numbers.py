"""Reading numeric cells: the documented rule, its rejections, and half-up rounding."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.assess import assess_all
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import (
    MAX_DECIMALS,
    MAX_FACTOR,
    ValueState,
    check_decimals,
    check_figure,
    parse_number,
    round_half_up,
    significant_digits,
)
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import default_rules
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, Month, Period, Quarter
from goldenthread.testing.strategies import figures


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


@given(st.integers(-(10**15) + 1, 10**15 - 1).map(lambda i: Decimal(i).scaleb(-3)))
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


# -- the range of a figure (issue 12, point 3) -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12345678901234567890123456789", "has more than 15 significant digits"),
        ("1234567890.123456", "has more than 15 significant digits"),
        ("1000000000000", "is too large"),
        ("-1,000,000,000,000", "is too large"),
        ("\u0661\u0662", "cannot read"),  # Arabic-Indic digits: ASCII digits only
    ],
)
def test_figures_outside_the_range_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(text)


@pytest.mark.parametrize(
    "text", ["999,999,999,999.999", "-999999999999", "123456789012.345", "0.000001", "1.5000000"]
)
def test_figures_at_the_edge_of_the_range_are_read(text: str) -> None:
    assert parse_number(text) == Decimal(text.replace(",", ""))


@pytest.mark.parametrize(
    ("number", "digits"),
    [(Decimal("1200.50"), 5), (Decimal("0.0012"), 2), (Decimal(0), 0), (Decimal("-7E+3"), 1)],
)
def test_significant_digits_ignore_trailing_zeros(number: Decimal, digits: int) -> None:
    assert significant_digits(number) == digits


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("1E+12")])
def test_check_figure_refuses_what_no_cell_may_hold(value: Decimal) -> None:
    with pytest.raises(ValueError, match=r"not a number|too large"):
        check_figure(value)


@pytest.mark.parametrize("text", ["²", "7", "-1", "2.0", "two", "", "٣"])
def test_decimals_are_whole_ascii_numbers_up_to_six(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected a whole number 0-6"):
        check_decimals(text)


def test_decimals_are_read() -> None:
    assert [check_decimals(t) for t in ("0", " 6", 3)] == [0, 6, 3]


def test_round_half_up_rounds_numbers_longer_than_the_default_precision() -> None:
    # 29 significant digits: Python's default 28-digit context raised InvalidOperation.
    number = Decimal("12345678901234567890123456789")
    assert round_half_up(number, 1) == number
    assert round_half_up(Decimal("1E+40") + Decimal("0.05"), 1) == Decimal("1E+40") + Decimal("0.1")


def test_round_half_up_refuses_what_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="cannot round"):
        round_half_up(Decimal("NaN"), 1)


@given(st.decimals(allow_nan=False, allow_infinity=False), st.integers(0, MAX_DECIMALS))
def test_round_half_up_rounds_every_finite_number(number: Decimal, decimals: int) -> None:
    rounded = round_half_up(number, decimals)
    assert abs(rounded - number) <= Decimal(1).scaleb(-decimals) / 2
    assert rounded.as_tuple().exponent == -decimals


@given(
    figures(),
    figures(min_value=0).filter(lambda d: d != 0),
    st.sampled_from([Decimal(1), Decimal(100), Decimal(MAX_FACTOR)]),
    st.integers(0, MAX_DECIMALS),
)
def test_a_ratio_of_any_accepted_counts_rounds(
    numerator: Decimal, denominator: Decimal, factor: Decimal, decimals: int
) -> None:
    # The extremes: 10**12 / 10**-15 * 10**6 = 10**33, far past 28 digits.
    shown = round_half_up(numerator / denominator * factor, decimals)
    assert shown.is_finite()


@given(figures())
def test_every_drawn_figure_is_accepted(number: Decimal) -> None:
    assert check_figure(number) == number
    assert parse_number(format(number, "f")) == number


@st.composite
def _extreme_sets(draw: st.DrawFn) -> IndicatorSet:
    """One monthly indicator with two years of figures and targets drawn from the whole
    accepted range (counts for a ratio), under any aggregation, polarity and rule."""
    aggregation = draw(st.sampled_from(Aggregation))
    annualise = aggregation is Aggregation.SUM and draw(st.booleans())
    # a profile only where the aggregation spreads a year's target over its periods
    profiled = (aggregation is Aggregation.SUM and not annualise) or (
        aggregation is Aggregation.CUMULATIVE
    )
    definition = IndicatorDefinition(
        code="X1",
        title="Extreme",
        polarity=draw(st.sampled_from(Polarity)),
        aggregation=aggregation,
        frequency=Frequency.MONTHLY,
        unit="%" if aggregation is Aggregation.RATIO else "",
        decimals=draw(st.integers(0, MAX_DECIMALS)),
        factor=draw(st.sampled_from([Decimal(1), Decimal(100), Decimal(MAX_FACTOR)])),
        rag_rule=draw(st.sampled_from(sorted(default_rules()))),
        profile=draw(st.sampled_from(["even", "seasonal"])) if profiled else "even",
        annualise=annualise,
    )
    values = []
    for offset in range(24):
        month = Month(2024, 1).shift(offset)
        if not draw(st.integers(0, 5)):
            continue
        if aggregation is Aggregation.RATIO:
            values.append(
                IndicatorValue(
                    "X1",
                    month,
                    numerator=draw(figures(min_value=0)),
                    denominator=draw(figures(min_value=0)),
                )
            )
        else:
            values.append(IndicatorValue("X1", month, value=draw(figures())))
    targets = []
    for year in (FinancialYear(2024), FinancialYear(2025)):
        low, high = sorted([draw(figures()), draw(figures())])
        targets.append(
            Target("X1", year, draw(st.none() | figures()), low, high, draw(st.none() | figures()))
        )
    return IndicatorSet.build([definition], values, targets)


@given(_extreme_sets(), st.sampled_from([Quarter(2025, 2), FinancialYear(2025), Month(2025, 9)]))
def test_any_accepted_figures_are_assessed_without_an_arithmetic_error(
    dataset: IndicatorSet, period: Period
) -> None:
    for assessment in assess_all(dataset, period, as_at=dt.date(2026, 5, 1), trend_periods=4):
        assert assessment.status is not None
