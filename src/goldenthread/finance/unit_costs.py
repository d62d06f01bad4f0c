"""Unit costs: what a unit of service costs, as a derived indicator.

Poole's service units must "publish real time service level activity and unit cost
information".  A :class:`UnitCost` (a bundle's ``unit_costs.csv``) divides the net actual
cost of one or more budget lines over a period by the value of an activity indicator
(aggregation ``sum``) over the same period, times ``per``: the cost per household of
waste collection, or per planning application decided.  It is an indicator like any
other (lower is better unless stated), assessed, benchmarked and published the same way.
No activity, or zero activity, gives no value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from attrs import field, frozen

from goldenthread.indicators.polarity import Polarity
from goldenthread.thread.levels import Classification

__all__ = ["UnitCost"]


def _lines(value: Any) -> tuple[str, ...]:
    return tuple(value)


def _check_lines(instance: Any, attribute: Any, value: tuple[str, ...]) -> None:
    if not value:
        raise ValueError("a unit cost needs at least one budget line")


def _check_per(instance: Any, attribute: Any, value: Decimal) -> None:
    if value <= 0:
        raise ValueError(f"per must be above 0, not {value}")


@frozen
class UnitCost:
    """How one unit cost is derived.

    Attributes:
        code: the derived indicator's code, unique among indicators.
        title: what it is (``Cost per household of waste collection``).
        lines: the budget lines whose net actual cost is divided.
        activity: the code of the activity indicator (aggregation ``sum``) divided by.
        per: the unit cost is cost ÷ activity × ``per`` (``1000`` for per 1,000).
        decimals: decimal places shown.
        classification: who may see it; public by default, so it is published.
        polarity: lower is better unless stated.
        unit: the unit shown (``£``).
        comparator_group: the comparator group it is benchmarked against.
    """

    code: str
    title: str
    lines: tuple[str, ...] = field(converter=_lines, validator=_check_lines)
    activity: str
    per: Decimal = field(default=Decimal(1), validator=_check_per)
    decimals: int = 2
    classification: Classification = Classification.PUBLIC
    polarity: Polarity = Polarity.LOWER
    unit: str = "£"
    comparator_group: str = ""
