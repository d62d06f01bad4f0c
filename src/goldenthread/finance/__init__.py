"""Finance: budget monitoring, the Medium Term Financial Plan, savings and unit costs.

See DESIGN.md's "Finance" section and :doc:`/tutorials/finance`.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread.finance.book import Finance
    from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget, Virement
    from goldenthread.finance.checks import finance_findings
    from goldenthread.finance.delivery import SavingsYear, savings_summary
    from goldenthread.finance.lines import DEFAULT_BUDGET_TOLERANCE, BudgetLine, LineKind
    from goldenthread.finance.monitoring import (
        BudgetMonitoring,
        BudgetStatus,
        ForecastMethod,
        GroupMonitoring,
        LineMonitoring,
        budget_status,
        monitor,
    )
    from goldenthread.finance.mtfp import (
        MtfpEntry,
        MtfpKind,
        MtfpPlan,
        MtfpYear,
        mtfp_plan,
        mtfp_years,
    )
    from goldenthread.finance.profile import even_profile, year_profile
    from goldenthread.finance.savings import Saving, SavingStatus
    from goldenthread.finance.unit_costs import UnitCost, unit_cost_definition, with_unit_costs

__all__ = [
    "DEFAULT_BUDGET_TOLERANCE",
    "Actual",
    "AnnualBudget",
    "BudgetLine",
    "BudgetMonitoring",
    "BudgetStatus",
    "Finance",
    "ForecastMethod",
    "GroupMonitoring",
    "LineKind",
    "LineMonitoring",
    "MonthlyBudget",
    "MtfpEntry",
    "MtfpKind",
    "MtfpPlan",
    "MtfpYear",
    "Saving",
    "SavingStatus",
    "SavingsYear",
    "UnitCost",
    "Virement",
    "budget_status",
    "even_profile",
    "finance_findings",
    "monitor",
    "mtfp_plan",
    "mtfp_years",
    "savings_summary",
    "unit_cost_definition",
    "with_unit_costs",
    "year_profile",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.finance.book": ("Finance",),
            "goldenthread.finance.budgets": ("Actual", "AnnualBudget", "MonthlyBudget", "Virement"),
            "goldenthread.finance.checks": ("finance_findings",),
            "goldenthread.finance.delivery": ("SavingsYear", "savings_summary"),
            "goldenthread.finance.lines": ("DEFAULT_BUDGET_TOLERANCE", "BudgetLine", "LineKind"),
            "goldenthread.finance.monitoring": (
                "BudgetMonitoring",
                "BudgetStatus",
                "ForecastMethod",
                "GroupMonitoring",
                "LineMonitoring",
                "budget_status",
                "monitor",
            ),
            "goldenthread.finance.mtfp": (
                "MtfpEntry",
                "MtfpKind",
                "MtfpPlan",
                "MtfpYear",
                "mtfp_plan",
                "mtfp_years",
            ),
            "goldenthread.finance.profile": ("even_profile", "year_profile"),
            "goldenthread.finance.savings": ("Saving", "SavingStatus"),
            "goldenthread.finance.unit_costs": (
                "UnitCost",
                "unit_cost_definition",
                "with_unit_costs",
            ),
        },
    )
