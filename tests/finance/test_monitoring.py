"""Budget monitoring, hand-computed: every status boundary, income lines, absolute and
relative tolerances, the forecast fallback, services and the council.

The examples follow Poole's framework ("Monthly Budget reports are presented to
Management Team and Cabinet"): a district council's lines in 2025/26, monitored as at a
month, with budget holders' forecasts and commentary.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    BudgetStatus,
    Finance,
    ForecastMethod,
    LineKind,
    MonthlyBudget,
    budget_status,
    monitor,
)
from goldenthread.indicators.definition import Tolerance
from goldenthread.periods import FinancialYear, Month

D = Decimal
YEAR = FinancialYear(2025)
SEP = Month(2025, 9)
GREEN, AMBER, RED = BudgetStatus.GREEN, BudgetStatus.AMBER, BudgetStatus.RED

WASTE = BudgetLine("ENV-WASTE", "Waste collection", "Environment", owner="Head of Environment")
PLANNING_FEES = BudgetLine(
    "PLN-FEES",
    "Planning application fees",
    "Planning",
    LineKind.INCOME,
    tolerance=Tolerance.parse("5000"),
)
LEISURE = BudgetLine("LEI-CENTRES", "Leisure centres", "Leisure", tolerance=Tolerance.parse("5%"))


def _one(line: BudgetLine, budget: str, *actuals: Actual, tolerance: str = "2%") -> Finance:
    return Finance(
        lines=(line,),
        budgets=(AnnualBudget(line.code, YEAR, D(budget)),),
        actuals=actuals,
        tolerance=Tolerance.parse(tolerance),
    )


def _holder(line: BudgetLine, budget: str, forecast: str) -> tuple[BudgetStatus, bool, D]:
    finance = _one(line, budget, Actual(line.code, SEP, D(0), forecast=D(forecast)))
    m = monitor(finance, SEP).lines[0]
    assert m.forecast_method is ForecastMethod.HOLDER
    return m.status, m.significant_underspend, m.forecast_variance


# Waste collection: £1,200,000, default 2% tolerance -> band £24,000.
@pytest.mark.parametrize(
    ("forecast", "status", "underspend", "variance"),
    [
        ("1200000.00", GREEN, False, "0.00"),  # on budget
        ("1200000.01", AMBER, False, "0.01"),  # a penny adverse
        ("1224000.00", AMBER, False, "24000.00"),  # exactly on the band: amber
        ("1224000.01", RED, False, "24000.01"),  # a penny beyond: red
        ("1176000.00", GREEN, False, "-24000.00"),  # favourable, on the band
        ("1175999.99", GREEN, True, "-24000.01"),  # favourable beyond: significant
    ],
)
def test_every_status_boundary_of_an_expenditure_line_with_the_default_tolerance(
    forecast: str, status: BudgetStatus, underspend: bool, variance: str
) -> None:
    assert _holder(WASTE, "1200000", forecast) == (status, underspend, D(variance))


# Planning fees: income of £480,000, absolute tolerance £5,000.
@pytest.mark.parametrize(
    ("forecast", "status", "underspend", "variance"),
    [
        ("480000.00", GREEN, False, "0.00"),
        ("485000.00", GREEN, False, "-5000.00"),  # more income is favourable
        ("485000.01", GREEN, True, "-5000.01"),
        ("475000.00", AMBER, False, "5000.00"),  # less income is adverse
        ("474999.99", RED, False, "5000.01"),
    ],
)
def test_an_income_line_with_an_absolute_tolerance(
    forecast: str, status: BudgetStatus, underspend: bool, variance: str
) -> None:
    assert _holder(PLANNING_FEES, "480000", forecast) == (status, underspend, D(variance))


# Leisure centres: £300,000 with its own 5% tolerance -> band £15,000 (not 2%'s £6,000).
@pytest.mark.parametrize(
    ("forecast", "status"),
    [("306000.01", AMBER), ("315000.00", AMBER), ("315000.01", RED)],
)
def test_a_lines_relative_tolerance_overrides_the_default(
    forecast: str, status: BudgetStatus
) -> None:
    assert _holder(LEISURE, "300000", forecast)[0] is status


def test_the_councils_tolerance_applies_to_lines_without_their_own() -> None:
    finance = _one(WASTE, "1200000", Actual(WASTE.code, SEP, D(0), forecast=D("1230000")))
    assert monitor(finance, SEP).lines[0].tolerance_band == D(24000)
    wider = _one(
        WASTE, "1200000", Actual(WASTE.code, SEP, D(0), forecast=D("1230000")), tolerance="3%"
    )
    m = monitor(wider, SEP).lines[0]
    assert (m.tolerance_band, m.status) == (D(36000), AMBER)


def test_budget_status_directly() -> None:
    assert budget_status(D(0), D(0)) == (GREEN, False)
    assert budget_status(D("0.01"), D(0)) == (RED, False)
    assert budget_status(D("-0.01"), D(0)) == (GREEN, True)


def test_the_forecast_falls_back_to_actual_plus_the_rest_of_the_profile() -> None:
    # £120,000 spread evenly: £10,000 a month.  Apr-Jun actuals £30,750.
    finance = _one(
        WASTE,
        "120000",
        Actual(WASTE.code, Month(2025, 4), D("9000")),
        Actual(WASTE.code, Month(2025, 5), D("11500"), note="Vehicle hire"),
        Actual(WASTE.code, Month(2025, 6), D("10250")),
    )
    m = monitor(finance, Month(2025, 6)).lines[0]
    assert m.forecast_method is ForecastMethod.PROFILE
    assert (m.budget_to_date, m.actual_to_date, m.variance_to_date) == (
        D("30000.00"),
        D("30750"),
        D("750.00"),
    )
    assert m.forecast_outturn == D("120750.00")  # 30,750 + 9 x 10,000
    assert m.forecast_variance == D("750.00")
    assert m.forecast_variance_pct == D("0.6")
    assert m.tolerance_band == D("2400")
    assert m.status is AMBER
    assert m.previous_forecast == D("120500.00")  # May: 20,500 + 10 x 10,000
    assert m.note == "Vehicle hire"  # the latest non-empty commentary


def test_the_latest_holder_forecast_in_the_year_wins_and_persists() -> None:
    finance = _one(
        WASTE,
        "120000",
        Actual(WASTE.code, Month(2025, 4), D("10000"), forecast=D("125000"), note="Pay award"),
        Actual(WASTE.code, Month(2025, 5), D("10000"), forecast=D("123000")),
        Actual(WASTE.code, Month(2025, 6), D("10000"), commitment=D("4000")),
    )
    june = monitor(finance, Month(2025, 6)).lines[0]
    assert (june.forecast_outturn, june.forecast_method) == (D("123000"), ForecastMethod.HOLDER)
    assert june.previous_forecast == D("123000")
    assert june.commitment == D("4000")
    assert june.note == "Pay award"
    april = monitor(finance, Month(2025, 4)).lines[0]
    assert (april.forecast_outturn, april.previous_forecast) == (D("125000"), None)
    # a forecast made after the month is not yet known
    assert monitor(finance, Month(2025, 4)).total.forecast_outturn == D("125000")


def test_an_income_line_to_date() -> None:
    # planning fees £480,000 evenly: £40,000 a month; Apr-Sep received £228,000
    actuals = [Actual(PLANNING_FEES.code, Month(2025, m), D("38000")) for m in range(4, 10)]
    finance = _one(PLANNING_FEES, "480000", *actuals)
    m = monitor(finance, SEP).lines[0]
    assert m.budget_to_date == D("240000.00")
    assert m.actual_to_date == D("228000")
    assert m.variance_to_date == D("12000.00")  # adverse: less received
    assert m.forecast_outturn == D("468000.00")  # 228,000 + 6 x 40,000
    assert m.forecast_variance == D("12000.00")
    assert m.forecast_variance_pct == D("2.5")
    assert m.status is RED  # beyond its £5,000 band


def test_the_percentage_is_rounded_half_up_to_one_place() -> None:
    # 50 / 4,000 x 100 = 1.25 -> 1.3 (half-up, not 1.2)
    finance = _one(WASTE, "4000", Actual(WASTE.code, SEP, D(0), forecast=D("4050")))
    assert monitor(finance, SEP).lines[0].forecast_variance_pct == D("1.3")


def test_a_tiny_favourable_variance_is_0_0_percent_not_minus_0_0() -> None:
    finance = _one(WASTE, "1000000", Actual(WASTE.code, SEP, D(0), forecast=D("999999.99")))
    assert str(monitor(finance, SEP).lines[0].forecast_variance_pct) == "0.0"


def test_a_zero_budget_has_no_percentage_and_any_overspend_is_red() -> None:
    finance = _one(WASTE, "0", Actual(WASTE.code, SEP, D("0.01")))
    m = monitor(finance, SEP).lines[0]
    assert m.forecast_variance_pct is None
    assert (m.forecast_variance, m.status) == (D("0.01"), RED)


def test_a_given_monthly_profile_is_used_for_the_budget_to_date() -> None:
    # a seasonal line: £60,000 with half of it in the summer months
    amounts = [
        D(a) for a in (2000, 4000, 8000, 8000, 8000, 6000, 4000, 4000, 4000, 4000, 4000, 4000)
    ]
    rows = tuple(
        MonthlyBudget(LEISURE.code, m, a)
        for m, a in zip(YEAR.month_periods(), amounts, strict=True)
    )
    finance = Finance(
        lines=(LEISURE,),
        budgets=(AnnualBudget(LEISURE.code, YEAR, D(50000), D(60000)),),
        profiles=rows,
    )
    m = monitor(finance, SEP).lines[0]
    assert m.year_budget == D(60000)  # the revised budget
    assert m.budget_to_date == D(36000)
    assert m.forecast_outturn == D(24000)  # nothing spent: 0 + the rest of the profile
    assert m.significant_underspend


def test_a_profile_not_adding_up_to_the_year_is_an_error_naming_the_line() -> None:
    rows = tuple(MonthlyBudget(LEISURE.code, m, D(1000)) for m in YEAR.month_periods())
    finance = Finance(
        lines=(LEISURE,), budgets=(AnnualBudget(LEISURE.code, YEAR, D(12001)),), profiles=rows
    )
    with pytest.raises(ValueError, match=r"LEI-CENTRES.*2025/26.*12000.*12001"):
        monitor(finance, SEP)


def test_services_and_the_council_are_net() -> None:
    building_control = BudgetLine("PLN-BC", "Building control", "Planning")
    finance = Finance(
        lines=(WASTE, PLANNING_FEES, building_control),
        budgets=(
            AnnualBudget(WASTE.code, YEAR, D(1200000)),
            AnnualBudget(PLANNING_FEES.code, YEAR, D(480000)),
            AnnualBudget(building_control.code, YEAR, D(600000)),
        ),
        actuals=(
            Actual(PLANNING_FEES.code, SEP, D(0), forecast=D(470000)),  # £10,000 adverse
            Actual(building_control.code, SEP, D(0), forecast=D(598000)),  # £2,000 favourable
            Actual(WASTE.code, SEP, D(0), forecast=D(1200000)),
        ),
    )
    result = monitor(finance, SEP)
    assert [m.line.code for m in result.lines] == ["ENV-WASTE", "PLN-FEES", "PLN-BC"]
    assert [g.key for g in result.services] == ["Environment", "Planning"]
    planning = result.by_service("Planning")
    assert planning.lines == 2
    assert planning.year_budget == D(120000)  # 600,000 - 480,000
    assert planning.forecast_outturn == D(128000)  # 598,000 - 470,000
    assert planning.forecast_variance == D(8000)  # 10,000 - 2,000
    assert planning.tolerance_band == D(2400)  # 2% of £120,000
    assert planning.status is RED
    assert planning.forecast_variance_pct == D("6.7")
    total = result.total
    assert (total.key, total.lines) == ("council", 3)
    assert total.year_budget == D(1320000)
    assert total.forecast_variance == D(8000)
    assert total.status is AMBER  # within 2% of £1,320,000 = £26,400
    assert [m.label for m, _ in result.forecast_trend] == [
        "2025-04",
        "2025-05",
        "2025-06",
        "2025-07",
        "2025-08",
        "2025-09",
    ]
    # April: nothing posted, so 0 + the rest of the year: 11/12 of £1,320,000
    assert result.forecast_trend[0][1] == D(1210000)
    assert result.forecast_trend[-1][1] == D(1328000)
    assert [m.line.code for m in result.service_lines("Planning")] == ["PLN-FEES", "PLN-BC"]
    with pytest.raises(KeyError):
        result.by_service("Housing")


def test_a_line_with_actuals_but_no_budget_is_monitored_against_zero() -> None:
    finance = Finance(lines=(WASTE,), actuals=(Actual(WASTE.code, SEP, D(500)),))
    m = monitor(finance, SEP).lines[0]
    assert (m.year_budget, m.forecast_outturn, m.status) == (D(0), D(500), RED)


def test_a_line_with_neither_budget_nor_actuals_in_the_year_is_left_out() -> None:
    finance = Finance(
        lines=(WASTE, LEISURE),
        budgets=(
            AnnualBudget(WASTE.code, YEAR, D(1200)),
            AnnualBudget(LEISURE.code, FinancialYear(2024), D(1200)),
        ),
        actuals=(Actual(LEISURE.code, Month(2025, 3), D(100)),),  # March 2025: 2024/25
    )
    assert [m.line.code for m in monitor(finance, SEP).lines] == ["ENV-WASTE"]


def test_a_line_with_actuals_only_later_in_the_year_is_listed_with_nothing_yet() -> None:
    finance = Finance(lines=(WASTE,), actuals=(Actual(WASTE.code, Month(2026, 1), D(500)),))
    m = monitor(finance, SEP).lines[0]
    assert (m.year_budget, m.actual_to_date, m.forecast_outturn, m.status) == (
        D(0),
        D(0),
        D(0),
        GREEN,
    )


def test_actuals_after_the_month_are_not_counted() -> None:
    finance = _one(
        WASTE, "1200", Actual(WASTE.code, SEP, D(100)), Actual(WASTE.code, Month(2025, 10), D(900))
    )
    assert monitor(finance, SEP).lines[0].actual_to_date == D(100)


def test_a_month_outside_every_budgeted_year_gives_no_lines() -> None:
    finance = _one(WASTE, "1200000", Actual(WASTE.code, SEP, D(100)))
    result = monitor(finance, Month(2027, 1))
    assert result.lines == ()
    assert result.services == ()
    assert result.forecast_trend == ()
    assert result.total.lines == 0
    assert result.total.forecast_outturn == 0
    assert result.total.status is GREEN
    assert monitor(Finance(), SEP).lines == ()


def test_a_year_starting_in_january() -> None:
    year = FinancialYear(2025, 1)
    line = BudgetLine("A", "A", "S")
    finance = Finance(
        lines=(line,),
        budgets=(AnnualBudget("A", year, D(1200)),),
        actuals=(Actual("A", Month(2025, 1, 1), D(100)),),
    )
    m = monitor(finance, Month(2025, 2, 1)).lines[0]
    assert (m.budget_to_date, m.actual_to_date) == (D(200), D(100))
    assert monitor(finance, Month(2025, 2, 1)).forecast_trend[0][0] == Month(2025, 1, 1)
