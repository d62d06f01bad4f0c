"""Consistency checks of a council's finance data: what ``goldenthread check`` adds.

:func:`finance_findings` reports :class:`~goldenthread.findings.Finding` objects with
these stable codes:

=================================  ========  ==============================================
code                               severity  when
=================================  ========  ==============================================
``budget-line-duplicate``          error     two budget lines share a code
``budget-unknown-line``            error     an annual budget or profile row names no line
``actual-unknown-line``            error     an actual names no budget line
``virement-unknown-line``          error     a virement moves budget from or to no line
``unit-cost-unknown-line``         error     a unit cost divides the cost of no line
``profile-not-adding-up``          error     a line's monthly profile for a year does not
                                             add up to its budget for the year
``mtfp-no-base``                   error     the MTFP's first year has no base budget
``budget-not-reconciled``          warning   a revised budget is not the original +
                                             virements in − virements out
``virement-same-line``             warning   a virement moves budget to the line it is from
``virement-no-budget``             warning   a virement moves budget from or to a line with
                                             no budget that year
``actuals-without-budget``         warning   a line has actuals in a year it has no budget
``saving-unknown-line``            warning   a saving names a budget line that is not one
``saving-over-delivered``          warning   more is recorded delivered than the saving
``saving-delivered-short``         warning   a saving marked delivered records less
                                             delivered than its amount
``budget-line-unknown-item``       warning   a line funds a thread item that does not exist
                                             (only when ``known_items`` is given)
=================================  ========  ==============================================

Findings come in a fixed order (by check, then as the data is given), so two runs over
the same data give the same list.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

from goldenthread.finance.book import Finance
from goldenthread.finance.mtfp import mtfp_years
from goldenthread.finance.profile import year_profile
from goldenthread.finance.savings import SavingStatus
from goldenthread.findings import Finding, Severity
from goldenthread.periods import FinancialYear

__all__ = ["finance_findings"]

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING


def finance_findings(
    finance: Finance, *, known_items: Collection[str] | None = None
) -> list[Finding]:
    """Every consistency finding about ``finance`` (see the module documentation).

    Args:
        finance: the finance data.
        known_items: the ids of the thread's items; when given, a line funding an item
            not among them is a ``budget-line-unknown-item`` finding.
    """
    found: list[Finding] = []
    lines: dict[str, object] = {}
    for line in finance.lines:
        if line.code in lines:
            found.append(
                Finding(
                    "budget-line-duplicate",
                    _ERROR,
                    line.code,
                    f"two budget lines have the code {line.code}",
                )
            )
        lines[line.code] = line
    budgets: dict[tuple[str, FinancialYear], Decimal] = {}
    for budget in finance.budgets:
        if budget.line not in lines:
            found.append(
                Finding(
                    "budget-unknown-line",
                    _ERROR,
                    budget.line,
                    f"a {budget.year.label} budget is set for {budget.line!r}, "
                    "which is not a budget line",
                )
            )
        budgets[(budget.line, budget.year)] = budget.amount
    profiled: dict[tuple[str, FinancialYear], list[object]] = {}
    for row in finance.profiles:
        if row.line not in lines:
            found.append(
                Finding(
                    "budget-unknown-line",
                    _ERROR,
                    row.line,
                    f"a {row.month.label} profile row is for {row.line!r}, "
                    "which is not a budget line",
                )
            )
            continue
        profiled.setdefault((row.line, row.month.financial_year), []).append(row)
    for (code, year), _rows in profiled.items():
        amount = budgets.get((code, year), Decimal(0))
        try:
            year_profile(code, year, amount, [r for r in finance.profiles if r.line == code])
        except ValueError as error:
            found.append(Finding("profile-not-adding-up", _ERROR, code, str(error)))
    seen_without_budget: set[tuple[str, FinancialYear]] = set()
    for actual in finance.actuals:
        if actual.line not in lines:
            found.append(
                Finding(
                    "actual-unknown-line",
                    _ERROR,
                    actual.line,
                    f"an actual for {actual.month.label} is posted to {actual.line!r}, "
                    "which is not a budget line",
                )
            )
            continue
        key = (actual.line, actual.month.financial_year)
        if key not in budgets and key not in seen_without_budget:
            seen_without_budget.add(key)
            found.append(
                Finding(
                    "actuals-without-budget",
                    _WARNING,
                    actual.line,
                    f"budget line {actual.line} has actuals in {key[1].label} but no "
                    "budget for that year; it is monitored against a budget of 0",
                )
            )
    moved: dict[tuple[str, FinancialYear], Decimal] = {}
    for virement in finance.virements:
        label = (
            f"the {virement.year.label} virement of {virement.amount} from "
            f"{virement.source} to {virement.destination}"
        )
        for code in (virement.source, virement.destination):
            if code not in lines:
                found.append(
                    Finding(
                        "virement-unknown-line",
                        _ERROR,
                        code,
                        f"{label} names {code!r}, which is not a budget line",
                    )
                )
            elif (code, virement.year) not in budgets:
                found.append(
                    Finding(
                        "virement-no-budget",
                        _WARNING,
                        code,
                        f"{label} names {code}, which has no {virement.year.label} budget",
                    )
                )
        if virement.source == virement.destination:
            found.append(
                Finding(
                    "virement-same-line",
                    _WARNING,
                    virement.source,
                    f"{label} moves budget to the line it comes from",
                )
            )
        source = (virement.source, virement.year)
        destination = (virement.destination, virement.year)
        moved[source] = moved.get(source, Decimal(0)) - virement.amount
        moved[destination] = moved.get(destination, Decimal(0)) + virement.amount
    for budget in finance.budgets:
        net = moved.get((budget.line, budget.year))
        if budget.revised is None and net is None:
            continue
        expected = budget.original + (net or Decimal(0))
        if budget.amount != expected:
            found.append(
                Finding(
                    "budget-not-reconciled",
                    _WARNING,
                    budget.line,
                    f"budget line {budget.line}'s {budget.year.label} revised budget is "
                    f"{budget.amount}, but its original {budget.original} with virements "
                    f"of {net or Decimal(0)} net makes {expected}",
                )
            )
    for unit_cost in finance.unit_costs:
        for code in unit_cost.lines:
            if code not in lines:
                found.append(
                    Finding(
                        "unit-cost-unknown-line",
                        _ERROR,
                        unit_cost.code,
                        f"unit cost {unit_cost.code} divides the cost of {code!r}, "
                        "which is not a budget line",
                    )
                )
    for saving in finance.savings:
        if saving.line and saving.line not in lines:
            found.append(
                Finding(
                    "saving-unknown-line",
                    _WARNING,
                    saving.code,
                    f"saving {saving.code} reduces {saving.line!r}, which is not a budget line",
                )
            )
        if saving.delivered is not None and saving.delivered > saving.amount:
            found.append(
                Finding(
                    "saving-over-delivered",
                    _WARNING,
                    saving.code,
                    f"saving {saving.code} records {saving.delivered} delivered of a "
                    f"planned {saving.amount}",
                )
            )
        if (
            saving.status is SavingStatus.DELIVERED
            and saving.delivered is not None
            and saving.delivered < saving.amount
        ):
            found.append(
                Finding(
                    "saving-delivered-short",
                    _WARNING,
                    saving.code,
                    f"saving {saving.code} is marked delivered but records only "
                    f"{saving.delivered} of {saving.amount}",
                )
            )
    try:
        mtfp_years(finance.mtfp)
    except ValueError as error:
        found.append(Finding("mtfp-no-base", _ERROR, None, str(error)))
    if known_items is not None:
        for line in finance.lines:
            for item in line.funds:
                if item not in known_items:
                    found.append(
                        Finding(
                            "budget-line-unknown-item",
                            _WARNING,
                            line.code,
                            f"budget line {line.code} funds {item!r}, which is not in the thread",
                        )
                    )
    return found
