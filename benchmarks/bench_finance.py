"""Benchmark of budget monitoring.

Run with ``pytest benchmarks/bench_finance.py --benchmark-enable -p no:cacheprovider``.

Target (issue #13): 10,000 budget lines × 12 months of actuals monitored by line, service
and council (with the council's forecast trend month by month) in under 0.5 s.
"""

from __future__ import annotations

import random
from decimal import Decimal

from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    BudgetMonitoring,
    Finance,
    LineKind,
    MonthlyBudget,
    monitor,
)
from goldenthread.indicators.definition import Tolerance
from goldenthread.periods import FinancialYear, Month

YEAR = FinancialYear(2025)
MONTHS = YEAR.month_periods()
LINES = 10_000
SERVICES = 40


def _finance() -> Finance:
    rnd = random.Random(2025)
    lines: list[BudgetLine] = []
    budgets: list[AnnualBudget] = []
    profiles: list[MonthlyBudget] = []
    actuals: list[Actual] = []
    for i in range(LINES):
        code = f"L{i:05d}"
        kind = LineKind.INCOME if i % 5 == 0 else LineKind.EXPENDITURE
        tolerance = Tolerance.parse("5000") if i % 7 == 0 else None
        lines.append(
            BudgetLine(code, f"Line {i}", f"Service {i % SERVICES}", kind, tolerance=tolerance)
        )
        monthly = [Decimal(rnd.randint(1_000_00, 50_000_00)) / 100 for _ in MONTHS]
        total = sum(monthly, Decimal(0))
        budgets.append(AnnualBudget(code, YEAR, total))
        if i % 3 == 0:
            profiles.extend(MonthlyBudget(code, m, a) for m, a in zip(MONTHS, monthly, strict=True))
        for month, planned in zip(MONTHS, monthly, strict=True):
            forecast = None
            if rnd.random() < 0.2:
                forecast = (total * Decimal(rnd.randint(90, 110)) / 100).quantize(Decimal("0.01"))
            actual = (planned * Decimal(rnd.randint(80, 120)) / 100).quantize(Decimal("0.01"))
            note = "Commentary" if forecast is not None else ""
            actuals.append(Actual(code, month, actual, None, forecast, note))
    return Finance(
        lines=tuple(lines),
        budgets=tuple(budgets),
        profiles=tuple(profiles),
        actuals=tuple(actuals),
    )


FINANCE = _finance()


def test_monitor_10000_lines_12_months(benchmark: BenchmarkFixture) -> None:
    result: BudgetMonitoring = benchmark(monitor, FINANCE, Month(2026, 3))
    assert len(result.lines) == LINES
    assert len(result.services) == SERVICES
    assert result.total.lines == LINES
    assert len(result.forecast_trend) == 12
    assert result.forecast_trend[-1][1] == result.total.forecast_outturn
