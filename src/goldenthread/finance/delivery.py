"""Savings delivery against the Medium Term Financial Plan's gap.

:func:`savings_summary` adds the savings programme up by year and sets it against the
MTFP's gap: how much of the gap there would be if the savings at risk, or those judged
unachievable, are not delivered.  A saving not delivered in one year also raises the
requirement brought forward into each following year that brings its base forward, so its
shortfall is carried into those years' gaps too (a year with its own ``base`` row starts
afresh).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from attrs import frozen

from goldenthread.finance.book import Finance
from goldenthread.finance.mtfp import mtfp_years
from goldenthread.finance.savings import Saving, SavingStatus
from goldenthread.periods import FinancialYear

__all__ = ["SavingsYear", "savings_summary"]


@frozen
class SavingsYear:
    """The savings programme of one financial year against the MTFP's gap.

    Attributes:
        year: the financial year.
        savings: how many savings are counted in it.
        planned: the sum of their amounts.
        delivered: the amounts of savings marked delivered.
        on_track: the amounts of savings on track.
        at_risk: the amounts of savings at risk.
        unachievable: the amounts of savings judged unachievable.
        delivered_to_date: the sum of the ``delivered`` figures recorded (savings
            without one count 0).
        gap: the MTFP's gap for the year (``None`` when the MTFP does not cover it).
        gap_if_unachievable_missed: the gap if the unachievable savings (of this year
            and of earlier years brought forward) are not delivered.
        gap_if_at_risk_missed: the gap if the savings at risk and the unachievable ones
            are not delivered.
    """

    year: FinancialYear
    savings: int
    planned: Decimal
    delivered: Decimal
    on_track: Decimal
    at_risk: Decimal
    unachievable: Decimal
    delivered_to_date: Decimal
    gap: Decimal | None
    gap_if_unachievable_missed: Decimal | None
    gap_if_at_risk_missed: Decimal | None

    @property
    def not_secure(self) -> Decimal:
        """The savings at risk or unachievable: what may widen the gap."""
        return self.at_risk + self.unachievable

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready object: the year's label and every figure (``Decimal``)."""
        return {
            "year": self.year.label,
            "savings": self.savings,
            "planned": self.planned,
            "delivered": self.delivered,
            "on_track": self.on_track,
            "at_risk": self.at_risk,
            "unachievable": self.unachievable,
            "delivered_to_date": self.delivered_to_date,
            "gap": self.gap,
            "gap_if_unachievable_missed": self.gap_if_unachievable_missed,
            "gap_if_at_risk_missed": self.gap_if_at_risk_missed,
        }


def savings_summary(
    finance: Finance, years: Iterable[FinancialYear] | None = None
) -> tuple[SavingsYear, ...]:
    """The savings programme by year, set against the MTFP's gap.

    Args:
        finance: the finance data (its ``savings`` and ``mtfp``).
        years: the years wanted, in the order wanted; ``None`` for every year that has
            savings or is in the MTFP, earliest first.

    Raises:
        ValueError: the MTFP's first year has no base budget
            (:func:`~goldenthread.finance.mtfp.mtfp_years`).
    """
    zero = Decimal(0)
    plan = {y.year: y for y in mtfp_years(finance.mtfp)}
    by_year: dict[FinancialYear, list[Saving]] = {}
    for saving in finance.savings:
        by_year.setdefault(saving.year, []).append(saving)

    def total(rows: list[Saving], *statuses: SavingStatus) -> Decimal:
        return sum((s.amount for s in rows if s.status in statuses), zero)

    # the shortfalls carried forward through years that bring their base forward
    carried: dict[FinancialYear, tuple[Decimal, Decimal]] = {}
    unachievable_carry = at_risk_carry = zero
    for year, worked in plan.items():
        if not worked.base_brought_forward:
            unachievable_carry = at_risk_carry = zero
        rows = by_year.get(year, [])
        unachievable_carry += total(rows, SavingStatus.UNACHIEVABLE)
        at_risk_carry += total(rows, SavingStatus.UNACHIEVABLE, SavingStatus.AT_RISK)
        carried[year] = (unachievable_carry, at_risk_carry)
    if years is None:
        wanted = sorted(set(by_year) | set(plan), key=lambda y: (y.year, y.year_start_month))
    else:
        wanted = list(years)
    summary: list[SavingsYear] = []
    for year in wanted:
        rows = by_year.get(year, [])
        worked_year = plan.get(year)
        gap = None if worked_year is None else worked_year.gap
        lost = carried.get(year)
        summary.append(
            SavingsYear(
                year=year,
                savings=len(rows),
                planned=sum((s.amount for s in rows), zero),
                delivered=total(rows, SavingStatus.DELIVERED),
                on_track=total(rows, SavingStatus.ON_TRACK),
                at_risk=total(rows, SavingStatus.AT_RISK),
                unachievable=total(rows, SavingStatus.UNACHIEVABLE),
                delivered_to_date=sum((s.delivered for s in rows if s.delivered is not None), zero),
                gap=gap,
                gap_if_unachievable_missed=None if gap is None or lost is None else gap + lost[0],
                gap_if_at_risk_missed=None if gap is None or lost is None else gap + lost[1],
            )
        )
    return tuple(summary)
