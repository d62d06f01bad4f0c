"""Hypothesis strategies for finance data: every draw is valid under any seed.

Money is a ``Decimal`` with 2 dp, bounded well inside the figures a council can hold
(:data:`~goldenthread.indicators.numbers.MAX_MAGNITUDE`); every line is in one financial
year (2025/26, April start) so any month of that year can monitor it.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    Finance,
    LineKind,
    MonthlyBudget,
    MtfpEntry,
    MtfpKind,
)
from goldenthread.indicators.definition import Tolerance, ToleranceKind
from goldenthread.periods import FinancialYear, Month

YEAR = FinancialYear(2025)
MONTHS: tuple[Month, ...] = YEAR.month_periods()
SERVICES = ("Environment", "Planning", "Leisure", "Housing")
PENNY = Decimal("0.01")


def money(low: int = 0, high: int = 10_000_000) -> st.SearchStrategy[Decimal]:
    """Pounds with 2 dp between ``low`` and ``high`` pounds."""
    return st.integers(low * 100, high * 100).map(lambda pennies: Decimal(pennies) * PENNY)


tolerances: st.SearchStrategy[Tolerance | None] = st.one_of(
    st.none(),
    st.integers(0, 100).map(lambda tenths: Tolerance(ToleranceKind.RELATIVE, Decimal(tenths) / 10)),
    money(0, 50_000).map(lambda amount: Tolerance(ToleranceKind.ABSOLUTE, amount)),
)

months = st.sampled_from(MONTHS)


@st.composite
def line_data(
    draw: st.DrawFn, code: str, *, holder_forecasts: bool = True
) -> tuple[BudgetLine, list[AnnualBudget], list[MonthlyBudget], list[Actual]]:
    """One line with (maybe) a budget, (maybe) a monthly profile and some actuals."""
    line = BudgetLine(
        code,
        f"Line {code}",
        draw(st.sampled_from(SERVICES)),
        draw(st.sampled_from(LineKind)),
        tolerance=draw(tolerances),
    )
    budgets: list[AnnualBudget] = []
    profiles: list[MonthlyBudget] = []
    has_budget = draw(st.booleans()) or draw(st.booleans())
    if has_budget:
        if draw(st.booleans()):
            amounts = draw(st.lists(money(0, 1_000_000), min_size=12, max_size=12))
            profiles = [MonthlyBudget(code, m, a) for m, a in zip(MONTHS, amounts, strict=True)]
            total = sum(amounts, Decimal(0))
            original = draw(st.one_of(st.just(total), money(0, 12_000_000)))
            budgets.append(AnnualBudget(code, YEAR, original, total))
        else:
            budgets.append(AnnualBudget(code, YEAR, draw(money(0, 12_000_000))))
    actuals: list[Actual] = []
    for month in MONTHS:
        if not draw(st.booleans()):
            continue
        forecast = draw(money(0, 15_000_000)) if holder_forecasts and draw(st.booleans()) else None
        commitment = draw(st.one_of(st.none(), money(0, 100_000)))
        note = draw(st.sampled_from(("", "", "On track", "Agency staff costs")))
        actuals.append(
            Actual(code, month, draw(money(-100_000, 1_000_000)), commitment, forecast, note)
        )
    return line, budgets, profiles, actuals


@st.composite
def finances(draw: st.DrawFn, *, holder_forecasts: bool = True, max_lines: int = 8) -> Finance:
    """A council's finance data: 0 to ``max_lines`` lines in 2025/26."""
    count = draw(st.integers(0, max_lines))
    lines, budgets, profiles, actuals = [], [], [], []
    for index in range(count):
        line, b, p, a = draw(line_data(f"L{index:02d}", holder_forecasts=holder_forecasts))
        lines.append(line)
        budgets.extend(b)
        profiles.extend(p)
        actuals.extend(a)
    tolerance = draw(tolerances) or Tolerance(ToleranceKind.RELATIVE, Decimal(2))
    return Finance(
        lines=tuple(lines),
        budgets=tuple(budgets),
        profiles=tuple(profiles),
        actuals=tuple(actuals),
        tolerance=tolerance,
    )


@st.composite
def mtfp_entries(draw: st.DrawFn) -> list[MtfpEntry]:
    """An MTFP of 1 to 5 years from 2025/26 whose first year has a base."""
    years = draw(st.integers(1, 5))
    entries: list[MtfpEntry] = []
    for offset in range(years):
        year = FinancialYear(2025 + offset)
        kinds = list(MtfpKind)
        rows = draw(st.lists(st.tuples(st.sampled_from(kinds), money(0, 5_000_000)), max_size=8))
        if offset == 0 and not any(kind is MtfpKind.BASE for kind, _ in rows):
            rows.append((MtfpKind.BASE, draw(money(0, 50_000_000))))
        entries.extend(
            MtfpEntry(year, kind, f"item {i}", amount) for i, (kind, amount) in enumerate(rows)
        )
    return entries
