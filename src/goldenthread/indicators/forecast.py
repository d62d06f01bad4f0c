"""Year-end outturn forecasts from the year to date, and whether the target will be met.

Two methods, both on plain inputs (a sequence of ``(period, value)`` pairs for this
year, in any order, with every period of the year up to the latest present):

**Run rate** (:func:`run_rate_forecast`) assumes the rest of the year goes as the year
so far, by the indicator's :class:`~goldenthread.indicators.definition.Aggregation`:

==============  ==========================================================================
aggregation     forecast outturn
==============  ==========================================================================
``sum``         year to date ÷ periods elapsed × periods in the year
``ratio``       Σ numerators ÷ Σ denominators × factor, to date (the values are the
                numerators; ``denominators`` must be given for the same periods)
``mean``        the mean of the values to date
``last``        the latest value (a snapshot: the year ends where it stands)
``cumulative``  the latest value (a running total) × periods in the year ÷ periods
                elapsed, that is value × 12 ÷ k after k months
``min``         the smallest value to date (it can only fall further)
``max``         the largest value to date (it can only rise further)
==============  ==========================================================================

**Seasonal profile** (:func:`seasonal_forecast`, ``sum`` indicators only) scales this
year's total to date by the share of last year's total that had been achieved by the
same point: ``outturn = year to date ÷ (last year to the same point ÷ last year's
total)``.  It suits measures with a strong season (planning fees, leisure visits).
Last year must be complete and its total and its share to date non-zero.

**Cumulative measures** (:func:`cumulative_forecast`, ``cumulative`` indicators: a
running total since the start of the financial year) follow last year's shape: ``outturn
= value ÷ last year's figure at the same point × last year's year-end figure``; without
last year's figures, the run rate ``value × 12 ÷ k`` after k months.  55.6% collected by
the end of September, against 56.2% then and 96.9% at the year end last year, forecasts
55.6 ÷ 56.2 × 96.9 = 95.9%.

With every period of the year present, both methods return the actual outturn: the
year's figure by the aggregation's own rule, with no scaling.  Forecasts are exact
:class:`~decimal.Decimal` (28 significant digits) and not rounded: round at the
indicator's precision for display.

:func:`forecast_meets_target` says whether a forecast meets a target by polarity.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal

from attrs import frozen

from goldenthread.indicators.definition import Aggregation
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.stats import Number
from goldenthread.periods import FinancialYear, Period

__all__ = [
    "Forecast",
    "ForecastMethod",
    "cumulative_forecast",
    "forecast_meets_target",
    "run_rate_forecast",
    "seasonal_forecast",
]


class ForecastMethod(enum.Enum):
    """How a forecast was made."""

    RUN_RATE = "run-rate"
    SEASONAL = "seasonal"


@frozen
class Forecast:
    """A year-end forecast.

    ``to_date`` is the year-to-date figure by the aggregation (the sum for ``sum``, the
    ratio for ``ratio``, and so on); ``latest`` the last period with a value;
    ``complete`` says the whole year is in, so ``outturn`` is the actual.
    """

    year: FinancialYear
    method: ForecastMethod
    aggregation: Aggregation
    latest: Period
    periods_elapsed: int
    periods_in_year: int
    to_date: Decimal
    outturn: Decimal

    @property
    def complete(self) -> bool:
        """Whether every period of the year has a value."""
        return self.periods_elapsed == self.periods_in_year


def _exact(value: Number, what: str) -> Decimal:
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"{what} must be a finite number, not {value}")
    return number


def _year_to_date(
    values: Sequence[tuple[Period, Number]], year: FinancialYear, what: str
) -> tuple[Period, list[Decimal]]:
    """The values of ``year`` in period order, checked to run from its start unbroken.

    Works on month indices (no :class:`~goldenthread.periods.Period` is built unless
    there is an error to name): a period belongs to ``year`` when it has the same year
    start month and its first month falls within the year.
    """
    if not values:
        raise ValueError(f"{what} has no values for {year.label}")
    frequency = values[0][0].frequency
    ysm = year.year_start_month
    first = year.start_index
    after = first + 12
    by_index: dict[int, Decimal] = {}
    latest = values[0][0]
    latest_index = -1
    for period, value in values:
        if period.frequency is not frequency:
            raise ValueError(f"{what} mixes {frequency.value} and {period.frequency.value} periods")
        index = period.start_index
        if period.year_start_month != ysm or not first <= index < after:
            raise ValueError(f"{what}: {period.label} is not in {year.label}")
        if index in by_index:
            raise ValueError(f"{what} has {period.label} more than once")
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if not number.is_finite():
            raise ValueError(f"the value for {period.label} must be a finite number, not {value}")
        by_index[index] = number
        if index > latest_index:
            latest, latest_index = period, index
    step = frequency.months
    elapsed = range(first, latest_index + 1, step)
    if len(by_index) != len(elapsed):
        gaps = [
            period.label
            for period in year.subperiods(frequency)
            if period.start_index <= latest_index and period.start_index not in by_index
        ]
        raise ValueError(
            f"{what} has no value for {', '.join(gaps)}; a forecast needs every period "
            "from the start of the year"
        )
    return latest, [by_index[i] for i in elapsed]


def run_rate_forecast(
    this_year: Sequence[tuple[Period, Number]],
    year: FinancialYear,
    aggregation: Aggregation,
    *,
    denominators: Sequence[tuple[Period, Number]] = (),
    factor: Number = 1,
) -> Forecast:
    """The run-rate forecast of ``year``'s outturn (see the module notes for each rule).

    Raises:
        ValueError: no values; a period outside ``year``, repeated, of another
            frequency, or missing between the start of the year and the latest value;
            for ``ratio``, denominators that do not match the values' periods or sum to
            zero.
    """
    latest, figures = _year_to_date(this_year, year, "this year")
    in_year = latest.frequency.per_year
    elapsed = len(figures)
    to_date: Decimal
    if aggregation is Aggregation.SUM:
        to_date = sum(figures, Decimal(0))
        outturn = to_date if elapsed == in_year else to_date / elapsed * in_year
    elif aggregation is Aggregation.RATIO:
        bottom_latest, bottoms = _year_to_date(denominators, year, "the denominators")
        if bottom_latest != latest or len(bottoms) != elapsed:
            raise ValueError(
                f"the denominators run to {bottom_latest.label} but the values to "
                f"{latest.label}; they must cover the same periods"
            )
        total = sum(bottoms, Decimal(0))
        if total == 0:
            raise ValueError("the denominators to date sum to zero, so there is no ratio")
        to_date = sum(figures, Decimal(0)) / total * _exact(factor, "the factor")
        outturn = to_date
    elif aggregation is Aggregation.MEAN:
        to_date = sum(figures, Decimal(0)) / elapsed
        outturn = to_date
    elif aggregation is Aggregation.LAST:
        to_date = outturn = figures[-1]
    elif aggregation is Aggregation.CUMULATIVE:
        to_date = figures[-1]
        outturn = to_date if elapsed == in_year else to_date * in_year / elapsed
    elif aggregation is Aggregation.MIN:
        to_date = outturn = min(figures)
    else:
        to_date = outturn = max(figures)
    return Forecast(
        year, ForecastMethod.RUN_RATE, aggregation, latest, elapsed, in_year, to_date, outturn
    )


def seasonal_forecast(
    this_year: Sequence[tuple[Period, Number]],
    last_year: Sequence[tuple[Period, Number]],
    year: FinancialYear,
) -> Forecast:
    """The seasonal-profile forecast of a ``sum`` indicator's outturn for ``year``.

    ``last_year`` holds every period of the previous financial year, at the same
    frequency as ``this_year``.

    Raises:
        ValueError: the inputs break the rules of :func:`run_rate_forecast`; last year is
            incomplete or of another frequency; last year's total, or its total to the
            same point, is zero.
    """
    latest, figures = _year_to_date(this_year, year, "this year")
    previous = FinancialYear(year.year - 1, year.year_start_month)
    last_latest, last_figures = _year_to_date(last_year, previous, "last year")
    in_year = latest.frequency.per_year
    if last_latest.frequency is not latest.frequency:
        raise ValueError(
            f"last year is {last_latest.frequency.value} but this year is {latest.frequency.value}"
        )
    if len(last_figures) != in_year:
        raise ValueError(
            f"last year runs only to {last_latest.label}; a seasonal profile needs the whole year"
        )
    elapsed = len(figures)
    to_date = sum(figures, Decimal(0))
    if elapsed == in_year:
        outturn = to_date
    else:
        last_total = sum(last_figures, Decimal(0))
        last_to_point = sum(last_figures[:elapsed], Decimal(0))
        if last_total == 0:
            raise ValueError(
                f"last year's total ({previous.label}) is zero, so it gives no seasonal profile"
            )
        if last_to_point == 0:
            raise ValueError(
                f"last year had nothing by {latest.same_period_last_year().label}, so it "
                "gives no seasonal profile"
            )
        outturn = to_date * last_total / last_to_point
    return Forecast(
        year, ForecastMethod.SEASONAL, Aggregation.SUM, latest, elapsed, in_year, to_date, outturn
    )


def cumulative_forecast(
    value: Number,
    latest: Period,
    *,
    last_year: tuple[Number, Number] | None = None,
) -> Forecast:
    """The forecast year-end figure of a ``cumulative`` indicator from its ``value`` at the
    end of ``latest`` (a period of any length within the year).

    With ``last_year`` as (last year's figure at the same point, its year-end figure)
    the forecast follows last year's shape (method ``seasonal``): value ÷ the first ×
    the second.  Without it, it is the run rate (method ``run-rate``): value × 12 ÷ the
    months from the start of the year to the end of ``latest``.  At the year end the
    forecast is the value itself.

    Raises:
        ValueError: a figure is not finite; last year's figure at the same point is
            zero (it gives no shape).
    """
    figure = _exact(value, "the value")
    year = latest.financial_year
    elapsed_months = latest.end_index - year.start_index + 1
    step = latest.frequency.months
    elapsed, in_year = elapsed_months // step, 12 // step
    method = ForecastMethod.RUN_RATE
    if elapsed_months == 12:
        outturn = figure
        if last_year is not None:
            method = ForecastMethod.SEASONAL
    elif last_year is not None:
        point = _exact(last_year[0], "last year's figure at the same point")
        end = _exact(last_year[1], "last year's year-end figure")
        if point == 0:
            raise ValueError(
                f"last year's figure at {latest.same_period_last_year().label} is zero, "
                "so it gives no shape to forecast by"
            )
        method = ForecastMethod.SEASONAL
        outturn = figure / point * end
    else:
        outturn = figure * 12 / elapsed_months
    return Forecast(year, method, Aggregation.CUMULATIVE, latest, elapsed, in_year, figure, outturn)


def forecast_meets_target(
    outturn: Number,
    polarity: Polarity,
    target: Number | None = None,
    *,
    lower: Number | None = None,
    upper: Number | None = None,
) -> bool | None:
    """Whether ``outturn`` meets the target by ``polarity`` (on the target counts as met).

    Polarity ``higher`` needs ``outturn >= target``, ``lower`` needs ``outturn <=
    target``; ``range`` needs ``lower <= outturn <= upper``.  Polarity ``none`` has no
    target to meet, and the answer is ``None``.

    Raises:
        ValueError: the target (or, for ``range``, a bound) needed is not given.
    """
    value = _exact(outturn, "the outturn")
    if polarity is Polarity.NONE:
        return None
    if polarity is Polarity.RANGE:
        if lower is None or upper is None:
            raise ValueError("a range indicator needs both a lower and an upper bound")
        return _exact(lower, "the lower bound") <= value <= _exact(upper, "the upper bound")
    if target is None:
        raise ValueError(f"a {polarity.value}-is-better indicator needs a target")
    goal = _exact(target, "the target")
    return value >= goal if polarity is Polarity.HIGHER else value <= goal
