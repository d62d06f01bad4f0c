"""What each budget line was given to spend (or expected to receive), and how that
changed during the year.

- :class:`AnnualBudget`: a line's budget for one financial year, as set (``original``)
  and as it stands after virements and approved changes (``revised``; the original
  when none is given).
- :class:`MonthlyBudget`: one month of a line's profile.  When a line's year has monthly
  rows they must add up to its revised budget; otherwise the year is spread evenly.
- :class:`Virement`: an approved transfer of budget from one line to another, with who
  approved it, when and why, so that revised = original + virements in − virements out
  can be checked.
- :class:`Actual`: what was posted to a line in one month, with optional commitments
  (orders raised but not yet paid) and the budget holder's forecast outturn for the
  year, made that month, with their commentary.

Every amount is a :class:`~decimal.Decimal` number of pounds, written positive (a line's
kind says which way it counts).  Budgets must not be negative; an actual may be (a
refund or a journal reversing an earlier posting).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from goldenthread.periods import FinancialYear, Month

__all__ = ["Actual", "AnnualBudget", "MonthlyBudget", "Virement"]


def _not_negative(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{attribute.name} must not be negative, not {value}")


@frozen
class AnnualBudget:
    """A line's budget for one financial year.

    Attributes:
        line: the budget line's code.
        year: the financial year.
        original: the budget set at the start of the year.
        revised: the budget as it stands now; ``None`` when it has not been revised.
    """

    line: str
    year: FinancialYear
    original: Decimal = field(validator=_not_negative)
    revised: Decimal | None = field(default=None, validator=_not_negative)

    @property
    def amount(self) -> Decimal:
        """The budget monitored against: the revised budget, else the original."""
        return self.original if self.revised is None else self.revised

    @property
    def key(self) -> str:
        """``line|year label``, unique in a framework."""
        return f"{self.line}|{self.year.label}"


@frozen
class MonthlyBudget:
    """One month of a line's budget profile.

    Attributes:
        line: the budget line's code.
        month: the month.
        amount: the budget profiled to that month.
    """

    line: str
    month: Month
    amount: Decimal = field(validator=_not_negative)

    @property
    def key(self) -> str:
        """``line|month label``, unique in a framework."""
        return f"{self.line}|{self.month.label}"


@frozen
class Virement:
    """An approved transfer of budget between two lines in one financial year.

    Attributes:
        year: the financial year whose budgets it changes.
        source: the line the budget moves from.
        destination: the line it moves to.
        amount: how much moves (positive).
        approved_by: who approved it (an officer, Cabinet, a delegated decision).
        approved_on: the day it was approved.
        reason: why.
    """

    year: FinancialYear
    source: str
    destination: str
    amount: Decimal = field(validator=_not_negative)
    approved_by: str = ""
    approved_on: dt.date | None = None
    reason: str = ""

    @property
    def key(self) -> str:
        """``year|source|destination|approved on``; a repeat gets ``#2`` when stored."""
        day = self.approved_on.isoformat() if self.approved_on else ""
        return f"{self.year.label}|{self.source}|{self.destination}|{day}"


@frozen
class Actual:
    """What happened on a line in one month.

    Attributes:
        line: the budget line's code.
        month: the month the amount was posted in.
        actual: the amount posted that month (negative for a net refund or reversal).
        commitment: orders raised but not yet paid at the month's end, if recorded.
        forecast: the budget holder's forecast outturn for the whole year, made that
            month; ``None`` when they made none.
        note: the budget holder's commentary.
    """

    line: str
    month: Month
    actual: Decimal
    commitment: Decimal | None = None
    forecast: Decimal | None = field(default=None, validator=_not_negative)
    note: str = ""

    @property
    def key(self) -> str:
        """``line|month label``, unique in a framework."""
        return f"{self.line}|{self.month.label}"
