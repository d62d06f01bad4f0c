"""finance_findings: virements, revised budgets and cross-references, one test per code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from goldenthread.finance import (
    Actual,
    AnnualBudget,
    BudgetLine,
    Finance,
    MonthlyBudget,
    MtfpEntry,
    MtfpKind,
    Saving,
    SavingStatus,
    UnitCost,
    Virement,
    finance_findings,
)
from goldenthread.findings import Severity
from goldenthread.periods import FinancialYear, Month

D = Decimal
YEAR = FinancialYear(2025)
WASTE = BudgetLine("ENV-WASTE", "Waste collection", "Environment", funds=("OBJ-1",))
STREETS = BudgetLine("ENV-STREETS", "Street cleansing", "Environment")
BUDGETS = (
    AnnualBudget("ENV-WASTE", YEAR, D(1000000), D(1050000)),
    AnnualBudget("ENV-STREETS", YEAR, D(500000), D(450000)),
)
VIREMENT = Virement(
    YEAR,
    "ENV-STREETS",
    "ENV-WASTE",
    D(50000),
    "Cabinet",
    dt.date(2025, 7, 16),
    "Additional rounds for new housing",
)


def _codes(finance: Finance, **kw: object) -> list[tuple[str, Severity, str | None]]:
    return [(f.code, f.severity, f.item) for f in finance_findings(finance, **kw)]  # type: ignore[arg-type]


def test_consistent_finance_has_no_findings() -> None:
    finance = Finance(lines=(WASTE, STREETS), budgets=BUDGETS, virements=(VIREMENT,))
    assert finance_findings(finance) == []
    assert finance_findings(Finance()) == []


def test_a_revised_budget_not_matching_its_virements_is_a_warning() -> None:
    finance = Finance(lines=(WASTE, STREETS), budgets=BUDGETS)  # the virement is not recorded
    findings = finance_findings(finance)
    assert [(f.code, f.severity, f.item) for f in findings] == [
        ("budget-not-reconciled", Severity.WARNING, "ENV-WASTE"),
        ("budget-not-reconciled", Severity.WARNING, "ENV-STREETS"),
    ]
    assert "1050000" in findings[0].message
    assert "1000000" in findings[0].message


def test_a_virement_not_reflected_in_the_revised_budget_is_a_warning() -> None:
    budgets = (
        AnnualBudget("ENV-WASTE", YEAR, D(1000000)),
        AnnualBudget("ENV-STREETS", YEAR, D(500000)),
    )
    finance = Finance(lines=(WASTE, STREETS), budgets=budgets, virements=(VIREMENT,))
    assert [c for c, _, _ in _codes(finance)] == ["budget-not-reconciled"] * 2


def test_unknown_lines_are_errors() -> None:
    finance = Finance(
        lines=(WASTE,),
        budgets=(AnnualBudget("ENV-WASTE", YEAR, D(100)), AnnualBudget("NOPE", YEAR, D(100))),
        profiles=(MonthlyBudget("GONE", Month(2025, 4), D(1)),),
        actuals=(Actual("TYPO", Month(2025, 4), D(1)),),
        unit_costs=(UnitCost("UC-1", "Cost", ("ENV-WASTE", "MISSING"), "HH"),),
    )
    assert _codes(finance) == [
        ("budget-unknown-line", Severity.ERROR, "NOPE"),
        ("budget-unknown-line", Severity.ERROR, "GONE"),
        ("actual-unknown-line", Severity.ERROR, "TYPO"),
        ("unit-cost-unknown-line", Severity.ERROR, "UC-1"),
    ]


def test_virements_naming_unknown_lines_the_same_line_or_lines_without_budget() -> None:
    finance = Finance(
        lines=(WASTE, STREETS),
        budgets=(AnnualBudget("ENV-WASTE", YEAR, D(100)),),
        virements=(
            Virement(YEAR, "ENV-WASTE", "NOPE", D(1)),
            Virement(YEAR, "ENV-WASTE", "ENV-WASTE", D(1)),
            Virement(YEAR, "ENV-STREETS", "ENV-WASTE", D(1)),
        ),
    )
    codes = _codes(finance)
    assert ("virement-unknown-line", Severity.ERROR, "NOPE") in codes
    assert ("virement-same-line", Severity.WARNING, "ENV-WASTE") in codes
    assert ("virement-no-budget", Severity.WARNING, "ENV-STREETS") in codes


def test_actuals_without_a_budget_are_reported_once_per_line_and_year() -> None:
    finance = Finance(
        lines=(WASTE,),
        actuals=(
            Actual("ENV-WASTE", Month(2025, 4), D(1)),
            Actual("ENV-WASTE", Month(2025, 5), D(1)),
        ),
    )
    assert _codes(finance) == [("actuals-without-budget", Severity.WARNING, "ENV-WASTE")]


def test_a_profile_not_adding_up_is_an_error() -> None:
    finance = Finance(
        lines=(WASTE,),
        budgets=(AnnualBudget("ENV-WASTE", YEAR, D(1200)),),
        profiles=tuple(MonthlyBudget("ENV-WASTE", m, D(99)) for m in YEAR.month_periods()),
    )
    findings = finance_findings(finance)
    assert [(f.code, f.item) for f in findings] == [("profile-not-adding-up", "ENV-WASTE")]
    assert "1188" in findings[0].message


def test_savings_findings() -> None:
    finance = Finance(
        lines=(WASTE,),
        savings=(
            Saving("SAV-1", "A", YEAR, D(100), line="NOPE"),
            Saving("SAV-2", "B", YEAR, D(100), delivered=D(120)),
            Saving("SAV-3", "C", YEAR, D(100), SavingStatus.DELIVERED, delivered=D(80)),
        ),
    )
    assert _codes(finance) == [
        ("saving-unknown-line", Severity.WARNING, "SAV-1"),
        ("saving-over-delivered", Severity.WARNING, "SAV-2"),
        ("saving-delivered-short", Severity.WARNING, "SAV-3"),
    ]


def test_an_mtfp_without_a_first_base_is_an_error() -> None:
    finance = Finance(mtfp=(MtfpEntry(YEAR, MtfpKind.PRESSURE, "Pay", D(1)),))
    assert _codes(finance) == [("mtfp-no-base", Severity.ERROR, None)]


def test_duplicate_lines_and_unknown_funded_items() -> None:
    finance = Finance(lines=(WASTE, WASTE))
    assert _codes(finance) == [("budget-line-duplicate", Severity.ERROR, "ENV-WASTE")]
    assert _codes(Finance(lines=(WASTE,)), known_items={"OBJ-2"}) == [
        ("budget-line-unknown-item", Severity.WARNING, "ENV-WASTE")
    ]
    assert _codes(Finance(lines=(WASTE,)), known_items={"OBJ-1"}) == []


def test_goldenthread_check_reports_the_finance_findings() -> None:
    from goldenthread.checks import check_framework
    from goldenthread.framework import Authority, Framework

    framework = Framework(
        Authority("Borough of Poole"),
        finance=Finance(lines=(WASTE, STREETS), budgets=BUDGETS),
    )
    found = [(f.code, f.item) for f in check_framework(framework, dt.date(2025, 11, 1))]
    assert ("budget-not-reconciled", "ENV-WASTE") in found
    assert ("budget-not-reconciled", "ENV-STREETS") in found
    # no thread: a line's funded items are not judged
    assert not any(code == "budget-line-unknown-item" for code, _ in found)
