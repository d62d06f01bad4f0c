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
``1,23``, ``12%%``, ``١٢``)                 what was expected
==========================================  ==============================================

Case and surrounding space do not matter for the words.  Digits are the ASCII digits
``0``-``9`` only.

**The range of a figure.**  Every figure read from a bundle (a value, numerator,
denominator, target, floor, bound, factor, tolerance, weight) must be a number a
spreadsheet can hold exactly and a council can mean (:func:`check_figure`):

* at most :data:`MAX_SIGNIFICANT_DIGITS` (15) significant digits, the precision Excel
  keeps (``1234567890.12345`` is accepted, ``1234567890.123456`` is not); trailing zeros
  do not count;
* a size below :data:`MAX_MAGNITUDE` (10^12, a million million: the whole of
  UK public spending is about £1.2 trillion a year, so no council figure, in pounds or
  people, comes near it).

Decimal places shown and compared at (an indicator's ``decimals``) are 0 to
:data:`MAX_DECIMALS` (6), and a ratio's ``factor`` is above 0 and at most
:data:`MAX_FACTOR` (1,000,000: a rate per million people).  Inside those limits every
calculation is safe: :func:`round_half_up` widens its precision to the number it
rounds, so a ratio of extreme accepted counts (10^12 ÷ 0.000001 × a factor) still
rounds, never raising :class:`decimal.InvalidOperation`.
"""

from __future__ import annotations

import enum
import re
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

__all__ = [
    "MAX_DECIMALS",
    "MAX_FACTOR",
    "MAX_MAGNITUDE",
    "MAX_SIGNIFICANT_DIGITS",
    "MISSING_SPELLINGS",
    "NOT_APPLICABLE_SPELLINGS",
    "NOT_YET_DUE_SPELLINGS",
    "ValueState",
    "check_decimals",
    "check_figure",
    "is_money_unit",
    "is_percent_unit",
    "parse_number",
    "round_half_up",
    "significant_digits",
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

MAX_SIGNIFICANT_DIGITS = 15
"""The most significant digits a figure may have: the precision Excel keeps."""
MAX_MAGNITUDE = Decimal(10) ** 12
"""Every figure's size is below this (10**12, a million million)."""
MAX_DECIMALS = 6
"""The most decimal places an indicator may be shown and compared at."""
MAX_FACTOR = 1_000_000
"""The largest ``factor`` of a ratio indicator: a rate per million people."""

_NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?$", re.ASCII)
_WHOLE = re.compile(r"[0-9]+", re.ASCII)
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
    if not _NUMBER.match(cleaned) or not any("0" <= ch <= "9" for ch in cleaned):
        raise ValueError(f"cannot read {raw!r} as a number; {_EXPECTED}")
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueError(f"cannot read {raw!r} as a number; {_EXPECTED}") from None
    return check_figure(number, raw)


def significant_digits(number: Decimal) -> int:
    """How many significant digits ``number`` has, trailing zeros not counted.

    >>> significant_digits(Decimal("1200.50")), significant_digits(Decimal("0.0012"))
    (5, 2)
    """
    digits = "".join(map(str, number.as_tuple().digits)).strip("0")
    return len(digits)


def check_figure(number: Decimal, text: str | None = None) -> Decimal:
    """``number``, if it is within the range of a figure (see the module notes).

    Args:
        number: the figure.
        text: the cell text it was read from, quoted in the message (default ``number``).

    Raises:
        ValueError: not finite, more than :data:`MAX_SIGNIFICANT_DIGITS` significant
            digits, or a size of :data:`MAX_MAGNITUDE` or more; the message says which.
    """
    shown = repr(text) if text is not None else str(number)
    if not number.is_finite():
        raise ValueError(f"{shown} is not a number")
    if significant_digits(number) > MAX_SIGNIFICANT_DIGITS:
        raise ValueError(
            f"{shown} has more than {MAX_SIGNIFICANT_DIGITS} significant digits, "
            "more than a spreadsheet keeps; round it"
        )
    if abs(number) >= MAX_MAGNITUDE:
        raise ValueError(f"{shown} is too large: a figure must be below 1,000,000,000,000")
    return number


def check_decimals(value: object) -> int:
    """Read a number of decimal places: a whole number from 0 to :data:`MAX_DECIMALS`,
    given as an ``int`` or as text of ASCII digits (``"2"``; not ``"²"`` or ``"2.0"``).

    Raises:
        ValueError: anything else, quoted.
    """
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None or not 0 <= number <= MAX_DECIMALS:
        raise ValueError(f"expected a whole number 0-{MAX_DECIMALS}, not {value!r}")
    return number


_QUANTA = tuple(Decimal(1).scaleb(-d) for d in range(11))


def round_half_up(number: Decimal, decimals: int) -> Decimal:
    """``number`` rounded to ``decimals`` places, halves away from zero (as people round).

    Comparisons for RAG and direction of travel are made on these figures, so a status
    always matches the figure a reader sees.

    >>> round_half_up(Decimal("2.45"), 1)
    Decimal('2.5')
    >>> round_half_up(Decimal("-2.45"), 1)
    Decimal('-2.5')

    Any finite number rounds, however many digits it has: the rounding is made with enough
    precision for its result (Python's default of 28 digits would raise
    :class:`decimal.InvalidOperation` for a result longer than that).

    Raises:
        ValueError: ``number`` is not finite (NaN or an infinity).
    """
    if not number.is_finite():
        raise ValueError(f"cannot round {number}")
    quantum = _QUANTA[decimals] if 0 <= decimals < len(_QUANTA) else Decimal(1).scaleb(-decimals)
    digits = max(number.adjusted(), 0) + max(decimals, 0) + 2
    context = _ROUNDING if digits <= _ROUNDING.prec else _wide(digits)
    return number.quantize(quantum, context=context)


_ROUNDING = Context(prec=28, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""The context of :func:`round_half_up` (its rounding mode set once, not per call)."""


def _wide(digits: int) -> Context:
    return Context(prec=digits, rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)
