"""A council's finances in one object: what a bundle's finance files hold.

:class:`Finance` gathers the budget lines, annual budgets and their monthly profiles,
virements, monthly actuals and forecasts, the Medium Term Financial Plan, the savings
programme and the unit cost definitions.  It is part of
:class:`~goldenthread.framework.Framework` (``framework.finance``); every part is
optional and empty by default.
"""

from __future__ import annotations

from attrs import frozen

from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget, Virement
from goldenthread.finance.lines import DEFAULT_BUDGET_TOLERANCE, BudgetLine
from goldenthread.finance.mtfp import MtfpEntry
from goldenthread.finance.savings import Saving
from goldenthread.finance.unit_costs import UnitCost
from goldenthread.indicators.definition import Tolerance

__all__ = ["Finance"]


@frozen
class Finance:
    """Everything goldenthread knows about one council's revenue budget.

    Attributes:
        lines: the budget lines (``budget_lines.csv``).
        budgets: each line's budget per financial year (``budgets.csv`` year rows).
        profiles: the monthly profiles (``budgets.csv`` month rows).
        virements: approved transfers between lines (``virements.csv``).
        actuals: monthly actuals, commitments and forecasts (``actuals.csv``).
        mtfp: the Medium Term Financial Plan's lines (``mtfp.csv``).
        savings: the savings programme (``savings.csv``).
        unit_costs: the unit costs derived from lines and activity
            (``unit_costs.csv``).
        tolerance: the tolerance of lines that give none and of service and council
            totals (``[finance] tolerance`` in ``framework.toml``; 2% by default).
    """

    lines: tuple[BudgetLine, ...] = ()
    budgets: tuple[AnnualBudget, ...] = ()
    profiles: tuple[MonthlyBudget, ...] = ()
    virements: tuple[Virement, ...] = ()
    actuals: tuple[Actual, ...] = ()
    mtfp: tuple[MtfpEntry, ...] = ()
    savings: tuple[Saving, ...] = ()
    unit_costs: tuple[UnitCost, ...] = ()
    tolerance: Tolerance = DEFAULT_BUDGET_TOLERANCE

    @property
    def empty(self) -> bool:
        """Whether the framework has no finance data at all."""
        return not (
            self.lines
            or self.budgets
            or self.profiles
            or self.virements
            or self.actuals
            or self.mtfp
            or self.savings
            or self.unit_costs
        )

    def line(self, code: str) -> BudgetLine:
        """The budget line with this code.

        Raises:
            KeyError: there is none.
        """
        for line in self.lines:
            if line.code == code:
                return line
        raise KeyError(code)
