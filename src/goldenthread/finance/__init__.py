"""Finance: budget monitoring, the Medium Term Financial Plan, savings and unit costs.

See DESIGN.md's "Finance" section and :doc:`/tutorials/finance`.
"""

from goldenthread.finance.book import Finance
from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget, Virement
from goldenthread.finance.lines import DEFAULT_BUDGET_TOLERANCE, BudgetLine, LineKind
from goldenthread.finance.monitoring import (
    BudgetStatus,
    ForecastMethod,
    GroupMonitoring,
    LineMonitoring,
)
from goldenthread.finance.mtfp import MtfpEntry, MtfpKind, MtfpYear, mtfp_years
from goldenthread.finance.savings import Saving, SavingStatus
from goldenthread.finance.unit_costs import UnitCost

__all__ = [
    "DEFAULT_BUDGET_TOLERANCE",
    "Actual",
    "AnnualBudget",
    "BudgetLine",
    "BudgetStatus",
    "Finance",
    "ForecastMethod",
    "GroupMonitoring",
    "LineKind",
    "LineMonitoring",
    "MonthlyBudget",
    "MtfpEntry",
    "MtfpKind",
    "MtfpYear",
    "Saving",
    "SavingStatus",
    "UnitCost",
    "Virement",
    "mtfp_years",
]
