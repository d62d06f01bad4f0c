"""The savings programme: each planned saving and how its delivery is going.

A :class:`Saving` (a bundle's ``savings.csv``) is a saving the MTFP counts on: its
amount for a year, the service and officer delivering it, and its
:class:`SavingStatus`: delivered or on track (green), at risk (amber) or unachievable
(red).  Savings at risk or unachievable are shown against the MTFP gap, since each pound
not delivered widens it.

:func:`~goldenthread.finance.delivery.savings_summary` sets the programme against the
MTFP's gap.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from attrs import field, frozen

from goldenthread.periods import FinancialYear
from goldenthread.thread.levels import _Parsed

__all__ = ["Saving", "SavingStatus"]


class SavingStatus(_Parsed):
    """How a saving's delivery is going."""

    DELIVERED = "delivered"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    UNACHIEVABLE = "unachievable"

    @property
    def rag(self) -> str:
        """``green`` (delivered, on track), ``amber`` (at risk) or ``red``
        (unachievable)."""
        return {"at-risk": "amber", "unachievable": "red"}.get(self.value, "green")

    @classmethod
    def _noun(cls) -> str:
        return "saving status"


def _not_negative(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{attribute.name} must not be negative, not {value}")


@frozen
class Saving:
    """One saving in the programme.

    Attributes:
        code: its reference, unique in the framework (``SAV-01``); an MTFP ``saving``
            row may name it as its item.
        title: what it is.
        year: the financial year the saving is counted in.
        amount: the saving planned for that year, in pounds.
        status: delivered, on track, at risk or unachievable.
        delivered: how much has been delivered so far, if known.
        service: the service delivering it.
        owner: the officer responsible.
        line: the budget line it reduces, if any.
        note: commentary on its delivery.
    """

    code: str
    title: str
    year: FinancialYear
    amount: Decimal = field(validator=_not_negative)
    status: SavingStatus = SavingStatus.ON_TRACK
    delivered: Decimal | None = field(default=None, validator=_not_negative)
    service: str = ""
    owner: str = ""
    line: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        """``code|year label``, unique in a framework."""
        return f"{self.code}|{self.year.label}"
