"""Properties of the budget report for any budget: its tables list exactly the lines
the monitoring flags, and a public report never shows a line that is not public."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    BudgetStatus,
    Finance,
    LineKind,
    LineMonitoring,
    monitor,
)
from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import FinancialYear, Month
from goldenthread.reports import render
from goldenthread.reports.builders.budget import BudgetReport
from goldenthread.reports.model import Table
from goldenthread.thread.levels import Classification
from tests.finance_bundle import write_finance_bundle

MONTH = Month(2025, 6)
YEAR = FinancialYear(2025)
MONTHS = (Month(2025, 4), Month(2025, 5), Month(2025, 6))
SERVICES = ("Environment", "Planning", "Housing")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    """The tiny bundle's framework (its organisation and settings), loaded once."""
    return load_bundle(write_finance_bundle(tmp_path_factory.mktemp("budget") / "tdc"))


pounds = st.integers(min_value=0, max_value=500_000).map(Decimal)
signed = st.integers(min_value=-20_000, max_value=60_000).map(Decimal)


@st.composite
def finances(draw: st.DrawFn) -> Finance:
    count = draw(st.integers(min_value=1, max_value=8))
    lines, budgets, actuals = [], [], []
    for n in range(count):
        code = f"L{n}"
        lines.append(
            BudgetLine(
                code=code,
                title=f"Line title {n}",
                service=draw(st.sampled_from(SERVICES)),
                kind=draw(st.sampled_from(list(LineKind))),
                owner=f"Holder {n}",
                classification=draw(
                    st.sampled_from([Classification.PUBLIC, Classification.INTERNAL])
                ),
            )
        )
        budgets.append(AnnualBudget(code, YEAR, draw(pounds)))
        for month in MONTHS:
            forecast = draw(st.none() | pounds)
            actuals.append(
                Actual(code, month, draw(signed), forecast=forecast, note=f"Comment {n}")
            )
    return Finance(lines=tuple(lines), budgets=tuple(budgets), actuals=tuple(actuals))


def table(report_tables: list[Table], caption: str) -> Table:
    return next(t for t in report_tables if t.caption == caption)


def codes(report_tables: list[Table], caption: str) -> list[str]:
    """The codes in the table ``caption``; none when the report left it out (a section
    with no rows is one sentence)."""
    t = next((t for t in report_tables if t.caption == caption), None)
    if t is None:
        return []
    index = [c.key for c in t.columns].index("code")
    return [str(row[index].value) for row in t.rows]


@settings(max_examples=60, deadline=None)
@given(finances())
def test_the_tables_list_exactly_the_lines_the_monitoring_flags(
    base: Framework, finance: Finance
) -> None:
    framework = attrs.evolve(base, finance=finance)
    report = BudgetReport().build(framework, MONTH, today=dt.date(2025, 7, 10))
    tables = [b for s in report.sections for b in s.blocks if isinstance(b, Table)]
    monitoring = monitor(finance, MONTH)
    flagged = [m for m in monitoring.lines if m.status is not BudgetStatus.GREEN]
    red_amber = codes(tables, "Budget lines red or amber")
    assert sorted(red_amber) == sorted(m.line.code for m in flagged)
    statuses = [monitoring_status(monitoring.lines, code) for code in red_amber]
    assert statuses == sorted(statuses, key=lambda s: s is not BudgetStatus.RED)
    under = codes(tables, "Significant underspends")
    assert sorted(under) == sorted(
        m.line.code for m in monitoring.lines if m.significant_underspend
    )
    services = table(tables, "Services (net)")
    outturn = [c.key for c in services.columns].index("forecast_outturn")
    assert services.rows[-1][outturn].value == monitoring.total.forecast_outturn
    assert len(services.rows) == len(monitoring.services) + 1


def monitoring_status(lines: Sequence[LineMonitoring], code: str) -> BudgetStatus:
    return next(m.status for m in lines if m.line.code == code)


@settings(max_examples=40, deadline=None)
@given(finances())
def test_a_public_report_never_shows_a_line_that_is_not_public(
    base: Framework, finance: Finance
) -> None:
    framework = attrs.evolve(base, finance=finance)
    report = BudgetReport().build(
        framework, MONTH, today=dt.date(2025, 7, 10), classification="public"
    )
    text = render(report, "json")
    assert isinstance(text, str)
    for line in finance.lines:
        if line.classification is not Classification.PUBLIC:
            assert f'"{line.code}"' not in text
            assert line.title not in text
        assert line.owner not in text
    for actual in finance.actuals:
        assert actual.note not in text
