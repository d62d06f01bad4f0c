"""A budget line's monthly profile: how its year's budget is spread over the months.

The profile of a line's financial year is its :class:`~goldenthread.finance.budgets.MonthlyBudget`
rows for that year when it has any (a month without a row is 0), and they must add up to
the year's budget exactly; otherwise the year's budget is spread evenly (:func:`even_profile`):
1/12 a month rounded down to the penny, the pennies left over going to the year's last
month, so the twelve months always add up to the year exactly and none is negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from goldenthread.finance.budgets import MonthlyBudget
from goldenthread.periods import FinancialYear

__all__ = ["PENNY", "even_profile", "positioned_profile", "year_profile"]

PENNY = Decimal("0.01")
"""One penny: the precision an even profile is spread at."""

_TWELVE = Decimal(12)


def even_profile(amount: Decimal) -> tuple[Decimal, ...]:
    """``amount`` spread over twelve months: 1/12 rounded down to the penny for the first
    eleven, the rest (the leftover pennies) in the twelfth.

    >>> even_profile(Decimal("100.00"))[0], even_profile(Decimal("100.00"))[11]
    (Decimal('8.33'), Decimal('8.37'))

    The months add up to ``amount`` exactly.  For an amount that is not negative none is
    negative; a negative amount is spread the same way (each of the first eleven rounded
    towards zero).
    """
    month = (amount / _TWELVE).quantize(PENNY, rounding=ROUND_DOWN)
    return (month,) * 11 + (amount - month * 11,)


def year_profile(
    line: str, year: FinancialYear, year_budget: Decimal, rows: Iterable[MonthlyBudget]
) -> tuple[Decimal, ...]:
    """The twelve monthly budgets of ``line`` in ``year``, first month first.

    Args:
        line: the budget line's code (for the error message).
        year: the financial year.
        year_budget: the year's budget monitored against (the revised budget).
        rows: the line's monthly budget rows; those outside ``year`` are ignored.

    Raises:
        ValueError: the rows within the year do not add up to ``year_budget``; the
            message names the line, the year and both totals.
    """
    first = year.start_index
    return positioned_profile(
        line,
        year,
        year_budget,
        [(row.month.start_index - first, row) for row in rows],
    )


def positioned_profile(
    line: str,
    year: FinancialYear,
    year_budget: Decimal,
    rows: Iterable[tuple[int, MonthlyBudget]],
) -> tuple[Decimal, ...]:
    """:func:`year_profile` of rows already paired with their position in the year
    (0 for its first month; rows at other positions are ignored).

    Raises:
        ValueError: as :func:`year_profile`.
    """
    months = [Decimal(0)] * 12
    given = False
    for position, row in rows:
        if 0 <= position < 12:
            months[position] += row.amount
            given = True
    if not given:
        return even_profile(year_budget)
    total = sum(months, Decimal(0))
    if total != year_budget:
        raise ValueError(
            f"budget line {line}: its monthly profile for {year.label} adds up to {total}, "
            f"not the year's budget of {year_budget}"
        )
    return tuple(months)
