"""The example councils' budgets, monitored as Management Team and Cabinet see them.

Poole's "Monthly Budget reports are presented to Management Team and Cabinet"; both
example councils carry a 2025/26 revenue budget monitored to November 2025.  As at
September and November each shows the mix a real budget report shows: three red lines
(temporary accommodation, car parking income, planning fee income), several amber, one
significant underspend (vacancy savings), an amber council total and a forecast that
moves month by month; an MTFP whose gap grows after a balanced 2025/26; a savings
programme with every delivery status; unit costs for the months the activity covers.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache

import pytest

from goldenthread.examples import example_path
from goldenthread.finance import BudgetStatus, ForecastMethod, SavingStatus, mtfp_years
from goldenthread.finance.monitoring import BudgetMonitoring, monitor
from goldenthread.framework import Framework
from goldenthread.indicators.numbers import ValueState
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import Month, parse_period

RED = {
    "poole": {"HSG-TA", "TOU-CPKINC", "PLN-FEES"},
    "rossendale": {"HH-TA", "FP-CPKINC", "PL-FEES"},
}
UNDERSPEND = {"poole": "REV-ADMIN", "rossendale": "FP-REVBEN"}
UNIT_COSTS = {
    # unit cost, its one budget line, its activity indicator
    "poole": [("POOLE UC1", "OPS-WASTE", "POOLE 11"), ("POOLE UC2", "PLN-DM", "POOLE 12")],
    "rossendale": [("LPI UC1", "SL-WASTE", "LPI 12"), ("LPI UC2", "PL-DM", "LPI 13")],
}
AS_AT = ("2025-09", "2025-11")


@cache
def framework(council: str) -> Framework:
    return load_bundle(example_path(council))


def monitored(council: str, month: str) -> BudgetMonitoring:
    period = parse_period(month)
    assert isinstance(period, Month)
    return monitor(framework(council).finance, period)


@pytest.mark.parametrize("month", AS_AT)
@pytest.mark.parametrize("council", sorted(RED))
def test_three_red_lines_several_amber_and_one_significant_underspend(
    council: str, month: str
) -> None:
    result = monitored(council, month)
    assert len(result.lines) == len(framework(council).finance.lines)
    red = {m.line.code for m in result.lines if m.status is BudgetStatus.RED}
    amber = {m.line.code for m in result.lines if m.status is BudgetStatus.AMBER}
    assert red == RED[council]
    assert 5 <= len(amber) <= 12
    assert [m.line.code for m in result.lines if m.significant_underspend] == [UNDERSPEND[council]]
    assert sum(m.status is BudgetStatus.GREEN for m in result.lines) > len(result.lines) / 2
    for line in result.lines:
        if line.status is BudgetStatus.RED:
            assert line.forecast_method is ForecastMethod.HOLDER
            assert line.note  # the budget holder explains it


@pytest.mark.parametrize("month", AS_AT)
@pytest.mark.parametrize("council", sorted(RED))
def test_the_council_is_amber_and_its_services_add_up(council: str, month: str) -> None:
    result = monitored(council, month)
    assert result.total.status is BudgetStatus.AMBER
    assert result.total.forecast_variance > 0
    assert sum(s.forecast_variance for s in result.services) == result.total.forecast_variance
    assert sum(s.year_budget for s in result.services) == result.total.year_budget
    assert 8 <= len(result.services) <= 10
    statuses = {s.status for s in result.services}
    assert statuses == {BudgetStatus.GREEN, BudgetStatus.AMBER, BudgetStatus.RED}


@pytest.mark.parametrize("council", sorted(RED))
def test_the_forecast_moves_month_by_month(council: str) -> None:
    result = monitored(council, "2025-11")
    trend = [figure for _month, figure in result.forecast_trend]
    assert [m.label for m, _figure in result.forecast_trend] == [
        f"2025-{n:02d}" for n in range(4, 12)
    ]
    assert len(set(trend)) == len(trend)
    assert trend[-1] > trend[0]  # the forecast overspend has grown since April
    for line in result.lines:
        if line.line.code in RED[council]:
            assert line.previous_forecast is not None
            assert line.forecast_outturn != line.previous_forecast


@pytest.mark.parametrize("council", sorted(RED))
def test_both_forecast_methods_are_used(council: str) -> None:
    methods = {m.forecast_method for m in monitored(council, "2025-11").lines}
    assert methods == {ForecastMethod.HOLDER, ForecastMethod.PROFILE}


@pytest.mark.parametrize("council", sorted(RED))
def test_the_mtfp_gap_grows_after_a_balanced_first_year(council: str) -> None:
    years = mtfp_years(framework(council).finance.mtfp)
    assert [y.year.label for y in years] == ["2025/26", "2026/27", "2027/28", "2028/29"]
    assert years[0].gap == 0
    assert not years[0].base_brought_forward
    assert all(y.base_brought_forward for y in years[1:])
    gaps = [y.gap for y in years]
    assert gaps == sorted(gaps)
    assert all(y.incremental_gap > 0 for y in years[1:])
    # the first year's requirement is the budget lines' net original budget
    finance = framework(council).finance
    kinds = {line.code: line.kind.sign for line in finance.lines}
    net = sum(b.original * kinds[b.line] for b in finance.budgets if b.year == years[0].year)
    assert years[0].requirement == net


@pytest.mark.parametrize("council", sorted(RED))
def test_savings_show_every_delivery_status(council: str) -> None:
    savings = framework(council).finance.savings
    assert {s.status for s in savings} == set(SavingStatus)
    first_year = [s for s in savings if s.year.label == "2025/26"]
    assert any(s.status in (SavingStatus.AT_RISK, SavingStatus.UNACHIEVABLE) for s in first_year)


@pytest.mark.parametrize("council", sorted(RED))
def test_unit_costs_for_the_months_the_activity_covers(council: str) -> None:
    fw = framework(council)
    with (example_path(council) / "actuals.csv").open(newline="", encoding="utf-8") as handle:
        actuals = list(csv.DictReader(handle))
    quarter = parse_period("2025/26 Q2")
    months = ("2025-07", "2025-08", "2025-09")
    for code, line, activity in UNIT_COSTS[council]:
        cost = sum(
            Decimal(a["actual"]) for a in actuals if a["line"] == line and a["period"] in months
        )
        done = sum(
            (fw.indicators.value(activity, parse_period(m)).value or Decimal(0) for m in months),
            Decimal(0),
        )
        per = Decimal(12) if "household" in fw.indicators.definitions[code].title else Decimal(1)
        value = fw.indicators.value(code, quarter)
        assert value.state is ValueState.PRESENT
        assert value.value == cost / done * per
        # October's activity is not yet reported, so October has no unit cost
        assert fw.indicators.value(code, parse_period("2025-10")).state is not ValueState.PRESENT


def test_cost_per_household_is_credible() -> None:
    # a district's collection costs £50-£90 a household a year
    for council, [(code, _line, _activity), *_] in UNIT_COSTS.items():
        value = framework(council).indicators.value(code, parse_period("2025/26 Q2")).value
        assert value is not None
        assert Decimal(50) < value < Decimal(90)
