"""The laws of budget monitoring, the profile and the MTFP (issue #13, "Must show")."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    BudgetStatus,
    Finance,
    ForecastMethod,
    LineKind,
    MonthlyBudget,
    MtfpEntry,
    budget_status,
    even_profile,
    monitor,
    mtfp_years,
    year_profile,
)
from goldenthread.finance.monitoring import GroupMonitoring, LineMonitoring
from goldenthread.indicators.definition import Tolerance
from goldenthread.periods import Month

from .strategies import MONTHS, YEAR, finances, money, months, mtfp_entries, tolerances

_RANK = {BudgetStatus.GREEN: 0, BudgetStatus.AMBER: 1, BudgetStatus.RED: 2}
_GROUP_FIGURES = (
    "year_budget",
    "budget_to_date",
    "actual_to_date",
    "variance_to_date",
    "forecast_outturn",
    "forecast_variance",
)


def _net(lines: list[LineMonitoring], figure: str) -> Decimal:
    return sum(
        (m.line.kind.sign * getattr(m, figure) for m in lines),
        Decimal(0),
    )


@given(finances(), months)
def test_services_add_up_to_the_council(finance: Finance, month: Month) -> None:
    result = monitor(finance, month)
    groups: list[GroupMonitoring] = list(result.services)
    for figure in _GROUP_FIGURES:
        assert sum((getattr(g, figure) for g in groups), Decimal(0)) == getattr(
            result.total, figure
        ), figure
    assert sum(g.lines for g in groups) == result.total.lines == len(result.lines)
    if month == MONTHS[0]:
        assert result.total.previous_forecast is None
        assert all(g.previous_forecast is None for g in groups)
    else:
        previous = [g.previous_forecast for g in groups]
        assert all(p is not None for p in previous)
        assert sum((p for p in previous if p is not None), Decimal(0)) == (
            result.total.previous_forecast
        )
    # each service is its own lines, net; variances net equal netF - netB
    for group in groups:
        own = [m for m in result.lines if m.line.service == group.key]
        assert group.lines == len(own)
        for figure in ("year_budget", "budget_to_date", "actual_to_date", "forecast_outturn"):
            assert getattr(group, figure) == _net(own, figure), figure
        assert group.forecast_variance == group.forecast_outturn - group.year_budget
        assert group.variance_to_date == group.actual_to_date - group.budget_to_date
    total = result.total
    assert total.forecast_variance == total.forecast_outturn - total.year_budget
    if result.lines:
        assert result.forecast_trend[-1] == (month, total.forecast_outturn)
        assert len(result.forecast_trend) == MONTHS.index(month) + 1
        if total.previous_forecast is not None:
            assert result.forecast_trend[-2][1] == total.previous_forecast


@given(finances(holder_forecasts=False), months)
def test_without_a_holder_forecast_the_forecast_is_actual_plus_remaining_profile(
    finance: Finance, month: Month
) -> None:
    result = monitor(finance, month)
    position = MONTHS.index(month)
    for m in result.lines:
        code = m.line.code
        budget = next((b.amount for b in finance.budgets if b.line == code), Decimal(0))
        profile = year_profile(code, YEAR, budget, [p for p in finance.profiles if p.line == code])
        actual = sum(
            (a.actual for a in finance.actuals if a.line == code and a.month <= month),
            Decimal(0),
        )
        assert m.forecast_method is ForecastMethod.PROFILE
        assert m.actual_to_date == actual
        assert m.budget_to_date == sum(profile[: position + 1], Decimal(0))
        assert m.forecast_outturn == actual + sum(profile[position + 1 :], Decimal(0))


@given(
    budget=money(1, 5_000_000),
    share=st.integers(0, 200),
    posted=st.lists(money(-50_000, 500_000), min_size=12, max_size=12),
    holder=st.booleans(),
    tolerance=tolerances,
    month=months,
)
def test_mirroring_a_line_between_expenditure_and_income_keeps_its_variance_and_status(
    budget: Decimal,
    share: int,
    posted: list[Decimal],
    holder: bool,
    tolerance: Tolerance | None,
    month: Month,
) -> None:
    # expenditure: forecast F, actual a each month; income mirrored about the budget:
    # forecast 2B - F (within 0..2B, so F = B x share / 100), actual 2p - a each month
    forecast = (budget * share / 100).quantize(Decimal("0.01"))
    profile = even_profile(budget)
    mirrored_actuals = [2 * p - a for p, a in zip(profile, posted, strict=True)]

    def finance(kind: LineKind, amounts: list[Decimal], outturn: Decimal) -> Finance:
        line = BudgetLine("L", "Line", "S", kind, tolerance=tolerance)
        return Finance(
            lines=(line,),
            budgets=(AnnualBudget("L", YEAR, budget),),
            actuals=tuple(
                Actual("L", m, a, forecast=outturn if holder and m == MONTHS[0] else None)
                for m, a in zip(MONTHS, amounts, strict=True)
            ),
        )

    spent = monitor(finance(LineKind.EXPENDITURE, posted, forecast), month).lines[0]
    received = monitor(finance(LineKind.INCOME, mirrored_actuals, 2 * budget - forecast), month)
    got = received.lines[0]
    assert got.variance_to_date == spent.variance_to_date
    assert got.forecast_variance == spent.forecast_variance
    assert got.forecast_variance_pct == spent.forecast_variance_pct
    assert got.status is spent.status
    assert got.significant_underspend == spent.significant_underspend


@given(
    variance=money(-1_000_000, 1_000_000),
    more=money(0, 1_000_000),
    band=money(0, 100_000),
)
def test_a_larger_adverse_variance_never_gets_a_better_status(
    variance: Decimal, more: Decimal, band: Decimal
) -> None:
    status, _ = budget_status(variance, band)
    worse, _ = budget_status(variance + more, band)
    assert _RANK[worse] >= _RANK[status]


@given(
    budget=money(0, 5_000_000),
    forecast=money(0, 10_000_000),
    more=money(0, 1_000_000),
    kind=st.sampled_from(LineKind),
    tolerance=tolerances,
)
def test_a_line_further_adverse_is_never_judged_better(
    budget: Decimal, forecast: Decimal, more: Decimal, kind: LineKind, tolerance: Tolerance | None
) -> None:
    # adverse is a higher forecast for expenditure, a lower one for income
    worse_forecast = (
        forecast + more if kind is LineKind.EXPENDITURE else max(forecast - more, Decimal(0))
    )

    def status(outturn: Decimal) -> BudgetStatus:
        line = BudgetLine("L", "Line", "S", kind, tolerance=tolerance)
        finance = Finance(
            lines=(line,),
            budgets=(AnnualBudget("L", YEAR, budget),),
            actuals=(Actual("L", MONTHS[3], Decimal(0), forecast=outturn),),
        )
        return monitor(finance, MONTHS[5]).lines[0].status

    assert _RANK[status(worse_forecast)] >= _RANK[status(forecast)]


@given(money(0, 100_000_000))
def test_an_even_profile_adds_up_to_the_year(amount: Decimal) -> None:
    profile = even_profile(amount)
    assert len(profile) == 12
    assert sum(profile, Decimal(0)) == amount
    assert all(month >= 0 for month in profile)
    assert len(set(profile[:11])) == 1
    assert profile[11] - profile[0] < Decimal("0.12")


@given(st.lists(money(0, 1_000_000), min_size=12, max_size=12), st.booleans())
def test_a_given_profile_adds_up_to_the_year(amounts: list[Decimal], gaps: bool) -> None:
    rows = [
        MonthlyBudget("L", m, a)
        for m, a in zip(MONTHS, amounts, strict=True)
        if not (gaps and a == 0)
    ]
    total = sum(amounts, Decimal(0))
    assert sum(year_profile("L", YEAR, total, rows), Decimal(0)) == total


@given(finances(), st.sampled_from(MONTHS[-1:]))
def test_the_budget_to_date_at_the_years_end_is_the_year(finance: Finance, month: Month) -> None:
    for m in monitor(finance, month).lines:
        assert m.budget_to_date == m.year_budget


@given(mtfp_entries())
def test_the_mtfp_gap_is_requirement_less_funding_every_year(entries: list[MtfpEntry]) -> None:
    years = mtfp_years(entries)
    previous = None
    for year in years:
        assert year.requirement == year.base + year.pressures - year.savings
        assert year.gap == year.requirement - year.funding
        if year.base_brought_forward:
            assert previous is not None
            assert year.base == previous.requirement
        previous = year
    assert sum((y.incremental_gap for y in years), Decimal(0)) == years[-1].gap
    labels = [y.year.year for y in years]
    assert labels == list(range(labels[0], labels[0] + len(labels)))
