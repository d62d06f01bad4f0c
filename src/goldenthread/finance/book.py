"""A council's finances in one object: what a bundle's finance files hold.

:class:`Finance` gathers the budget lines, annual budgets and their monthly profiles,
virements, monthly actuals and forecasts, the Medium Term Financial Plan, the savings
programme and the unit cost definitions.  It is part of
:class:`~goldenthread.framework.Framework` (``framework.finance``); every part is
optional and empty by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from attrs import frozen

from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget, Virement
from goldenthread.finance.lines import DEFAULT_BUDGET_TOLERANCE, BudgetLine
from goldenthread.finance.mtfp import MtfpEntry
from goldenthread.finance.savings import Saving
from goldenthread.finance.unit_costs import UnitCost
from goldenthread.indicators.definition import Tolerance
from goldenthread.periods import Month

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

    def lines_funding(self, items: Collection[str]) -> tuple[BudgetLine, ...]:
        """The budget lines that fund any of the thread items ``items`` (by id), in the
        order of :attr:`lines`: the money behind a plan, objective or action."""
        return tuple(line for line in self.lines if any(i in items for i in line.funds))

    def latest_actual_month(
        self, on: dt.date, lines: Collection[str] | None = None
    ) -> Month | None:
        """The latest month that had ended by ``on`` with an actual posted to a budget
        line (to one of ``lines``, by code, when given); ``None`` when there is none."""
        months = [
            a.month
            for a in self.actuals
            if a.month.end <= on and (lines is None or a.line in lines)
        ]
        return max(months, key=lambda m: m.start_index) if months else None

    def line(self, code: str) -> BudgetLine:
        """The budget line with this code.

        Raises:
            KeyError: there is none.
        """
        for line in self.lines:
            if line.code == code:
                return line
        raise KeyError(code)
