"""Year-end outturn forecasts (goldenthread.indicators.forecast)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.indicators.definition import Aggregation
from goldenthread.indicators.forecast import (
    ForecastMethod,
    forecast_meets_target,
    run_rate_forecast,
    seasonal_forecast,
)
from goldenthread.indicators.polarity import Polarity
from goldenthread.periods import FinancialYear, Frequency, Month, Period, Quarter

FY24 = FinancialYear(2024)
QUARTERS = FY24.subperiods(Frequency.QUARTERLY)
MONTHS = FY24.subperiods(Frequency.MONTHLY)
LAST_MONTHS = FinancialYear(2023).subperiods(Frequency.MONTHLY)

amounts = st.decimals(0, 100_000, places=2, allow_nan=False, allow_infinity=False)


def series(
    periods: tuple[Period, ...], figures: Sequence[int | Decimal]
) -> list[tuple[Period, Decimal]]:
    return [(p, Decimal(v)) for p, v in zip(periods, figures, strict=False)]


# -- run rate ------------------------------------------------------------------------


def test_sum_run_rate_scales_the_year_to_date() -> None:
    # Planning applications decided: 120 in Q1 and 150 in Q2 -> 270 × 4 ÷ 2 = 540.
    forecast = run_rate_forecast(series(QUARTERS, [120, 150]), FY24, Aggregation.SUM)
    assert forecast.to_date == 270
    assert forecast.outturn == 540
    assert forecast.periods_elapsed == 2
    assert forecast.periods_in_year == 4
    assert forecast.latest == Quarter(2024, 2)
    assert forecast.method is ForecastMethod.RUN_RATE
    assert not forecast.complete


def test_values_may_come_in_any_order() -> None:
    given_order = list(reversed(series(MONTHS, [10, 20, 30])))
    assert run_rate_forecast(given_order, FY24, Aggregation.SUM).outturn == 240


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [
        (Aggregation.MEAN, Decimal(20)),
        (Aggregation.LAST, Decimal(15)),
        (Aggregation.MIN, Decimal(15)),
        (Aggregation.MAX, Decimal(25)),
    ],
)
def test_other_aggregations_forecast_from_the_year_so_far(
    aggregation: Aggregation, expected: Decimal
) -> None:
    forecast = run_rate_forecast(series(QUARTERS, [20, 25, 15]), FY24, aggregation)
    assert forecast.outturn == expected
    assert forecast.to_date == expected


def test_ratio_run_rate_is_the_ratio_to_date() -> None:
    # Calls answered within 20 seconds, as a percentage.
    answered = series(QUARTERS, [800, 900])
    calls = series(QUARTERS, [1000, 1000])
    forecast = run_rate_forecast(answered, FY24, Aggregation.RATIO, denominators=calls, factor=100)
    assert forecast.outturn == 85


def test_ratio_needs_matching_non_zero_denominators() -> None:
    answered = series(QUARTERS, [800, 900])
    with pytest.raises(ValueError, match="the denominators has no values for 2024/25"):
        run_rate_forecast(answered, FY24, Aggregation.RATIO)
    with pytest.raises(
        ValueError, match="the denominators run to 2024/25 Q1 but the values to 2024/25 Q2"
    ):
        run_rate_forecast(answered, FY24, Aggregation.RATIO, denominators=series(QUARTERS, [1000]))
    with pytest.raises(ValueError, match="the denominators to date sum to zero"):
        run_rate_forecast(answered, FY24, Aggregation.RATIO, denominators=series(QUARTERS, [0, 0]))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([], "this year has no values for 2024/25"),
        (
            [(Quarter(2024, 1), 1), (Month(2024, 7), 1)],
            "this year mixes quarterly and monthly periods",
        ),
        ([(Quarter(2025, 1), 1)], "this year: 2025/26 Q1 is not in 2024/25"),
        ([(Quarter(2024, 1), 1), (Quarter(2024, 1), 2)], "this year has 2024/25 Q1 more than once"),
        (
            [(Quarter(2024, 1), 1), (Quarter(2024, 4), 2)],
            "this year has no value for 2024/25 Q2, 2024/25 Q3; a forecast needs every period",
        ),
        ([(Quarter(2024, 1), float("nan"))], "the value for 2024/25 Q1 must be a finite number"),
    ],
)
def test_bad_inputs_are_rejected(values: list[tuple[Period, float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run_rate_forecast(values, FY24, Aggregation.SUM)


@settings(max_examples=75)
@given(st.lists(amounts, min_size=12, max_size=12), st.sampled_from(list(Aggregation)))
def test_a_complete_year_forecasts_the_actual(
    figures: list[Decimal], aggregation: Aggregation
) -> None:
    values = series(MONTHS, figures)
    denominators = series(MONTHS, [f + 1 for f in figures])
    forecast = run_rate_forecast(values, FY24, aggregation, denominators=denominators)
    assert forecast.complete
    actual = {
        Aggregation.SUM: sum(figures, Decimal(0)),
        Aggregation.RATIO: sum(figures, Decimal(0)) / sum((f + 1 for f in figures), Decimal(0)),
        Aggregation.MEAN: sum(figures, Decimal(0)) / 12,
        Aggregation.LAST: figures[-1],
        Aggregation.CUMULATIVE: figures[-1],
        Aggregation.MIN: min(figures),
        Aggregation.MAX: max(figures),
    }[aggregation]
    assert forecast.outturn == actual


@given(amounts, st.integers(1, 12))
def test_a_steady_sum_forecasts_its_annual_total(monthly: Decimal, elapsed: int) -> None:
    forecast = run_rate_forecast(series(MONTHS, [monthly] * elapsed), FY24, Aggregation.SUM)
    assert forecast.outturn == pytest.approx(monthly * 12)


@settings(max_examples=75)
@given(st.lists(amounts, min_size=1, max_size=11), amounts)
def test_sum_run_rate_rises_with_the_latest_value(figures: list[Decimal], extra: Decimal) -> None:
    base = run_rate_forecast(series(MONTHS, figures), FY24, Aggregation.SUM)
    more = [*figures[:-1], figures[-1] + extra]
    higher = run_rate_forecast(series(MONTHS, more), FY24, Aggregation.SUM)
    assert higher.outturn >= base.outturn


# -- seasonal ------------------------------------------------------------------------


def test_seasonal_profile_uses_last_years_shape() -> None:
    # Leisure visits: last year 40% of the year's 1,000 came by the end of Q1.
    last_year = series(FinancialYear(2023).subperiods(Frequency.QUARTERLY), [400, 300, 100, 200])
    this_year = series(QUARTERS, [500])
    forecast = seasonal_forecast(this_year, last_year, FY24)
    assert forecast.outturn == 1250
    assert forecast.method is ForecastMethod.SEASONAL
    assert run_rate_forecast(this_year, FY24, Aggregation.SUM).outturn == 2000


def test_seasonal_needs_a_complete_usable_last_year() -> None:
    this_year = series(QUARTERS, [500])
    last_quarters = FinancialYear(2023).subperiods(Frequency.QUARTERLY)
    with pytest.raises(ValueError, match="last year runs only to 2023/24 Q3; a seasonal profile"):
        seasonal_forecast(this_year, series(last_quarters, [1, 2, 3]), FY24)
    with pytest.raises(ValueError, match=r"last year's total \(2023/24\) is zero"):
        seasonal_forecast(this_year, series(last_quarters, [0, 0, 0, 0]), FY24)
    with pytest.raises(ValueError, match="last year had nothing by 2023/24 Q1"):
        seasonal_forecast(this_year, series(last_quarters, [0, 1, 1, 1]), FY24)
    with pytest.raises(ValueError, match="last year is monthly but this year is quarterly"):
        seasonal_forecast(this_year, series(LAST_MONTHS, [1] * 12), FY24)
    with pytest.raises(ValueError, match="last year: 2024/25 Q1 is not in 2023/24"):
        seasonal_forecast(this_year, this_year, FY24)


@settings(max_examples=75)
@given(st.lists(amounts, min_size=12, max_size=12), st.lists(amounts, min_size=12, max_size=12))
def test_seasonal_with_a_complete_year_is_the_actual(
    this: list[Decimal], last: list[Decimal]
) -> None:
    forecast = seasonal_forecast(series(MONTHS, this), series(LAST_MONTHS, last), FY24)
    assert forecast.outturn == sum(this, Decimal(0))


@settings(max_examples=75)
@given(
    st.lists(amounts.filter(lambda a: a > 0), min_size=12, max_size=12),
    st.integers(1, 11),
    st.decimals("0.1", 10, places=2),
)
def test_a_year_shaped_like_last_year_forecasts_its_scaled_total(
    last: list[Decimal], elapsed: int, growth: Decimal
) -> None:
    this = [v * growth for v in last[:elapsed]]
    forecast = seasonal_forecast(series(MONTHS, this), series(LAST_MONTHS, last), FY24)
    assert forecast.outturn == pytest.approx(sum(last, Decimal(0)) * growth)


# -- meeting the target ----------------------------------------------------------------


def test_meeting_the_target_by_polarity() -> None:
    assert forecast_meets_target(540, Polarity.HIGHER, 500) is True
    assert forecast_meets_target(500, Polarity.HIGHER, 500) is True
    assert forecast_meets_target(499, Polarity.HIGHER, 500) is False
    assert forecast_meets_target(Decimal("8.5"), Polarity.LOWER, Decimal("9")) is True
    assert forecast_meets_target(10, Polarity.LOWER, 9) is False
    assert forecast_meets_target(5, Polarity.RANGE, lower=4, upper=6) is True
    assert forecast_meets_target(7, Polarity.RANGE, lower=4, upper=6) is False
    assert forecast_meets_target(7, Polarity.NONE, 5) is None


def test_meeting_the_target_needs_one() -> None:
    with pytest.raises(ValueError, match="a higher-is-better indicator needs a target"):
        forecast_meets_target(1, Polarity.HIGHER)
    with pytest.raises(ValueError, match="a range indicator needs both a lower and an upper"):
        forecast_meets_target(1, Polarity.RANGE, lower=0)


@given(amounts, amounts)
def test_higher_and_lower_agree_except_on_the_target(outturn: Decimal, target: Decimal) -> None:
    higher = forecast_meets_target(outturn, Polarity.HIGHER, target)
    lower = forecast_meets_target(outturn, Polarity.LOWER, target)
    if outturn == target:
        assert higher is lower is True
    else:
        assert higher is not lower
