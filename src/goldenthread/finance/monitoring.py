"""Budget monitoring as at a month: budget, actual and forecast, by line, service and
council.

As at month *m* of a financial year (see DESIGN.md, "Finance"):

- budget to date = the line's profile for the months up to *m* (its monthly rows, else
  the revised budget spread evenly, 1/12 a month, the pennies left over in the last
  month so the profile adds up to the year exactly);
- actual to date = the actuals posted up to *m*; variance to date = actual − budget to
  date for expenditure, budget − actual for income (positive is adverse);
- forecast outturn = the latest budget-holder forecast made in the year up to *m*
  (method :attr:`ForecastMethod.HOLDER`), else actual to date + the rest of the year's
  profiled budget (:attr:`ForecastMethod.PROFILE`, "on budget from here");
- forecast variance = forecast − budget for expenditure, budget − forecast for income;
  percentage = variance ÷ annual budget × 100, 1 dp (``None`` when the budget is 0);
- status: green when the forecast variance ≤ 0, amber when within the tolerance band
  (exactly on it is amber), red beyond; a favourable variance beyond the band is a
  significant underspend;
- service and council totals are net (expenditure − income) and judged by the same rule
  with the framework's default tolerance.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

from goldenthread.finance.lines import BudgetLine
from goldenthread.periods import Month

__all__ = ["BudgetStatus", "ForecastMethod", "GroupMonitoring", "LineMonitoring"]


class ForecastMethod(enum.Enum):
    """How a forecast outturn was arrived at."""

    HOLDER = "budget holder"
    """The budget holder's latest forecast made in the year up to the month."""
    PROFILE = "on budget from here"
    """Actual to date + the rest of the year's profiled budget."""


class BudgetStatus(enum.Enum):
    """The status of a forecast variance."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@frozen
class LineMonitoring:
    """One budget line as at a month.

    Attributes:
        line: the budget line.
        month: the month monitored to.
        year_budget: the year's (revised) budget.
        budget_to_date: the profiled budget for the months up to ``month``.
        actual_to_date: the actuals posted up to ``month``.
        commitment: the latest recorded commitments, if any.
        variance_to_date: actual − budget to date, signed so positive is adverse.
        forecast_outturn: the forecast for the whole year.
        forecast_method: how the forecast was arrived at.
        forecast_variance: forecast − budget, signed so positive is adverse.
        forecast_variance_pct: the variance as a % of the year's budget, 1 dp; ``None``
            when the budget is 0.
        status: green, amber or red.
        significant_underspend: a favourable variance beyond the tolerance band.
        previous_forecast: last month's forecast outturn (``None`` in the year's first
            month), for the forecast movement.
        tolerance_band: the amber band in pounds.
        note: the budget holder's latest commentary in the year up to ``month``.
    """

    line: BudgetLine
    month: Month
    year_budget: Decimal
    budget_to_date: Decimal
    actual_to_date: Decimal
    commitment: Decimal | None
    variance_to_date: Decimal
    forecast_outturn: Decimal
    forecast_method: ForecastMethod
    forecast_variance: Decimal
    forecast_variance_pct: Decimal | None
    status: BudgetStatus
    significant_underspend: bool
    previous_forecast: Decimal | None
    tolerance_band: Decimal
    note: str


@frozen
class GroupMonitoring:
    """A service or the whole council as at a month: its lines' figures, net
    (expenditure − income), judged with the default tolerance.

    Attributes:
        key: the service's name, or ``council`` for the total.
        title: how reports name it.
        month: the month monitored to.
        lines: how many budget lines it adds up.
        year_budget, budget_to_date, actual_to_date, variance_to_date, forecast_outturn,
        forecast_variance, forecast_variance_pct, status, significant_underspend,
        previous_forecast, tolerance_band: as for :class:`LineMonitoring`, net.
    """

    key: str
    title: str
    month: Month
    lines: int
    year_budget: Decimal
    budget_to_date: Decimal
    actual_to_date: Decimal
    variance_to_date: Decimal
    forecast_outturn: Decimal
    forecast_variance: Decimal
    forecast_variance_pct: Decimal | None
    status: BudgetStatus
    significant_underspend: bool
    previous_forecast: Decimal | None
    tolerance_band: Decimal
