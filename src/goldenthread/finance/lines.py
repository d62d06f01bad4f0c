"""Budget lines: the cost centres or service lines a council's revenue budget is set and
monitored on.

A :class:`BudgetLine` belongs to a service and has a budget holder (its ``owner``), a
:class:`LineKind` that says which way its amounts count, a tolerance (how far its forecast
may stray from its budget before it is red) and a classification (who may see it).  Its
``funds`` name the thread items (plans, objectives, actions) the money pays for, so the
golden thread carries money as well as measures and risks.

Amounts are always written positive; the kind says whether they are spent or received.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from goldenthread.indicators.definition import Tolerance, ToleranceKind
from goldenthread.thread.levels import Classification

__all__ = ["DEFAULT_BUDGET_TOLERANCE", "BudgetLine", "LineKind"]

DEFAULT_BUDGET_TOLERANCE = Tolerance(ToleranceKind.RELATIVE, Decimal(2))
"""2% of the annual budget: the tolerance of a line that gives none, and of service and
council totals (``[finance] tolerance`` in ``framework.toml`` changes it)."""


class LineKind(enum.Enum):
    """Whether a line's amounts are money spent or money received."""

    EXPENDITURE = "expenditure"
    INCOME = "income"

    @property
    def sign(self) -> int:
        """+1 for expenditure, -1 for income: an amount's contribution to the net cost."""
        return 1 if self is LineKind.EXPENDITURE else -1

    @classmethod
    def parse(cls, text: str) -> LineKind:
        """Read ``expenditure`` or ``income`` (case-insensitive; ``exp`` and ``inc`` too).

        Raises:
            ValueError: the text is neither; the message lists what is accepted.
        """
        key = text.strip().lower()
        for member in cls:
            if key in (member.value, member.value[:3]):
                return member
        raise ValueError(f"unknown kind {text!r}; expected expenditure or income")


def _check_code(instance: Any, attribute: Any, value: str) -> None:
    if not value or value != value.strip() or any(ch in value for ch in "|;\n\r\t"):
        raise ValueError(
            f"a budget line code must be non-empty text without spaces at either end "
            f"or the characters | and ;, not {value!r}"
        )


def _item_ids(value: Any) -> tuple[str, ...]:
    return tuple(value)


@frozen
class BudgetLine:
    """One cost centre or service line of the revenue budget.

    Attributes:
        code: the line's code, unique in the framework (``ENV-WASTE``).
        title: what it is (``Waste collection``).
        service: the service it belongs to; service totals add up its lines.
        kind: expenditure or income.
        owner: the budget holder.
        tolerance: how far the forecast variance may go before the line is red: relative
            (``2%`` of the annual budget) or absolute (``5000`` pounds).  ``None`` uses
            the framework's default (:data:`DEFAULT_BUDGET_TOLERANCE` unless
            ``[finance] tolerance`` says otherwise).
        classification: who may see the line; internal by default, since monitoring
            lines carry budget holders' commentary.
        funds: ids of the thread items the line pays for.
        extras: other columns of its row, kept as read.
    """

    code: str = field(validator=_check_code)
    title: str
    service: str
    kind: LineKind = LineKind.EXPENDITURE
    owner: str = ""
    tolerance: Tolerance | None = None
    classification: Classification = Classification.INTERNAL
    funds: tuple[str, ...] = field(default=(), converter=_item_ids)
    extras: dict[str, str] = field(factory=dict, eq=False, hash=False)
