"""Reading numbers from spreadsheet cells, and the states a figure can be in instead.

Councils type all sorts of text into a numeric column.  :func:`parse_number` reads a
cell by one documented rule and never turns text into zero silently:

==========================================  ==============================================
cell text                                   read as
==========================================  ==============================================
empty, ``-``, ``tbc``, ``tba``, ``?``,      :attr:`ValueState.MISSING` (a figure is due but
``..``, ``missing``                         not supplied)
``N/A``, ``n/a``, ``na``,                   :attr:`ValueState.NOT_APPLICABLE`
``not applicable``
``not yet due``, ``nyd``, ``not due``       :attr:`ValueState.NOT_YET_DUE`
``1234``, ``-3``, ``0.5``, ``.5``           that number, exactly (:class:`~decimal.Decimal`)
``1,234`` and ``1,234,567.8``               the number without its thousands separators;
                                            the commas must group digits in threes
``12%`` or ``12 %``                         12, but only for a percentage indicator (unit
                                            ``%``); elsewhere it is rejected
``£1,234``                                  1234, but only for a money indicator (unit
                                            ``£``); elsewhere it is rejected
anything else (``12a``, ``1e5``, ``(12)``,  rejected with a :class:`ValueError` saying
``1,23``, ``12%%``)                         what was expected
==========================================  ==============================================

Case and surrounding space do not matter for the words.
"""

from __future__ import annotations

import enum
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "MISSING_SPELLINGS",
    "NOT_APPLICABLE_SPELLINGS",
    "NOT_YET_DUE_SPELLINGS",
    "ValueState",
    "is_money_unit",
    "is_percent_unit",
    "parse_number",
    "round_half_up",
]


class ValueState(enum.Enum):
    """Whether a figure exists, and if not, why not.

    Missing, not-yet-due and not-applicable are different from each other and from zero:
    a zero is a :attr:`PRESENT` figure whose value is ``0``.
    """

    PRESENT = "present"
    """A figure was supplied."""
    MISSING = "missing"
    """A figure was due but is not there (late, or never supplied)."""
    NOT_YET_DUE = "not-yet-due"
    """The period has not ended, so no figure is expected yet."""
    NOT_APPLICABLE = "not-applicable"
    """No figure can exist for this period (the service was not provided, for example)."""


MISSING_SPELLINGS = frozenset({"", "-", "tbc", "tba", "?", "..", "missing"})
"""Cell texts (lower case) read as :attr:`ValueState.MISSING`."""
NOT_APPLICABLE_SPELLINGS = frozenset({"n/a", "na", "not applicable"})
"""Cell texts (lower case) read as :attr:`ValueState.NOT_APPLICABLE`."""
NOT_YET_DUE_SPELLINGS = frozenset({"not yet due", "nyd", "not due"})
"""Cell texts (lower case) read as :attr:`ValueState.NOT_YET_DUE`."""

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_EXPECTED = "expected a number such as 1234, 1,234 or 12.5, or tbc, N/A or not yet due"


def is_percent_unit(unit: str) -> bool:
    """Whether ``unit`` names a percentage (``%``, ``percent``, ``percentage``)."""
    return unit.strip().lower() in {"%", "percent", "percentage", "per cent"}


def is_money_unit(unit: str) -> bool:
    """Whether ``unit`` names pounds sterling (``£``, ``gbp``, ``pounds``)."""
    return unit.strip().lower() in {"£", "gbp", "pounds"}


def parse_number(text: str, unit: str = "") -> Decimal | ValueState:
    """Read one numeric cell by the rule in this module's documentation.

    >>> parse_number("1,234")
    Decimal('1234')
    >>> parse_number("12%", unit="%")
    Decimal('12')
    >>> parse_number("N/A")
    <ValueState.NOT_APPLICABLE: 'not-applicable'>

    Args:
        text: the cell text.
        unit: the indicator's unit; it decides whether ``%`` and ``£`` are accepted.

    Returns:
        The number, or the :class:`ValueState` the text stands for (never
        :attr:`ValueState.PRESENT`).

    Raises:
        ValueError: the text is neither a number nor one of the words above; the message
            quotes it and says what was expected.
    """
    raw = text
    cleaned = " ".join(text.strip().split())
    key = cleaned.lower()
    if key in MISSING_SPELLINGS:
        return ValueState.MISSING
    if key in NOT_APPLICABLE_SPELLINGS:
        return ValueState.NOT_APPLICABLE
    if key in NOT_YET_DUE_SPELLINGS:
        return ValueState.NOT_YET_DUE
    if cleaned.endswith("%"):
        if not is_percent_unit(unit):
            raise ValueError(
                f"{raw!r} is a percentage but the indicator's unit is {unit or 'not set'!r}; "
                "write the number without '%'"
            )
        cleaned = cleaned[:-1].rstrip()
    elif cleaned.lstrip("+-").startswith("£"):
        if not is_money_unit(unit):
            raise ValueError(
                f"{raw!r} is an amount in pounds but the indicator's unit is "
                f"{unit or 'not set'!r}; write the number without '£'"
            )
        sign = cleaned[0] if cleaned[0] in "+-" else ""
        cleaned = sign + cleaned.lstrip("+-")[1:].lstrip()
    if not _NUMBER.match(cleaned) or not any(ch.isdigit() for ch in cleaned):
        raise ValueError(f"cannot read {raw!r} as a number; {_EXPECTED}")
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueError(f"cannot read {raw!r} as a number; {_EXPECTED}") from None


_QUANTA = tuple(Decimal(1).scaleb(-d) for d in range(11))


def round_half_up(number: Decimal, decimals: int) -> Decimal:
    """``number`` rounded to ``decimals`` places, halves away from zero (as people round).

    Comparisons for RAG and direction of travel are made on these figures, so a status
    always matches the figure a reader sees.

    >>> round_half_up(Decimal("2.45"), 1)
    Decimal('2.5')
    >>> round_half_up(Decimal("-2.45"), 1)
    Decimal('-2.5')
    """
    quantum = _QUANTA[decimals] if 0 <= decimals < len(_QUANTA) else Decimal(1).scaleb(-decimals)
    return number.quantize(quantum, rounding=ROUND_HALF_UP)
