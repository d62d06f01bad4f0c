"""Reading period labels as councils write them.

:func:`parse_period` accepts the canonical labels (``2024/25``, ``2024/25 H1``,
``2024/25 Q2``, ``2024-09``) and the common spellings found in council spreadsheets:

=====================  ================================================
written                read as
=====================  ================================================
``2024/25``            financial year 2024/25 (also ``2024-25``, ``2024/2025``,
                       ``2024-2025``, ``FY2024/25``, ``FY 2024-25``)
``2024/25 Q2``         quarter 2 (also ``Q2 2024/25``, ``2024-25 Q2``,
                       ``2018-19;Q1``, ``2024/25 Quarter 2``, ``Q2-2024/25``)
``2024/25 H1``         half-year 1 (also ``H1 2024/25``, ``2024-25 H1``)
``2024-09``            September 2024 (also ``Sep-24``, ``Sep 2024``,
                       ``September 2024``, ``Sept 2024``)
=====================  ================================================

Decided readings (see *Decisions* in the docs):

* ``YYYY-MM`` (a hyphen and two digits, ``MM`` from 01 to 12) is always a month, the
  canonical month label, so ``2011-12`` is December 2011; ``YYYY/YY`` (a slash) is always
  a financial year, so ``2011/12`` is the year 2011/12.
* A two-digit year in a month (``Sep-24``) is 2000-2068 for ``00``-``68`` and 1969-1999
  for ``69``-``99``, as :func:`time.strptime` reads ``%y``.
* A bare four-digit year (``2024``) is a financial year only when the year starts in
  January; otherwise it is ambiguous and rejected.
* With a January year start, split-year labels (``2024/25``) are rejected: the year is
  written ``2024``.

Anything else, including impossible text (``2024/26``, ``Q5``, ``2024/25 H3``) and empty
text, raises :class:`~goldenthread.errors.PeriodError` saying what was expected.
"""

from __future__ import annotations

import re

from goldenthread.errors import PeriodError
from goldenthread.periods.period import (
    MAX_YEAR,
    MIN_YEAR,
    FinancialYear,
    HalfYear,
    Month,
    Period,
    Quarter,
)

__all__ = ["parse_period"]

_EXPECTED = (
    "expected a financial year (2024/25), half-year (2024/25 H1), quarter (2024/25 Q2) "
    "or month (2024-09, Sep-24, September 2024)"
)

_MONTHS = {
    "JAN": 1, "JANUARY": 1, "FEB": 2, "FEBRUARY": 2, "MAR": 3, "MARCH": 3,
    "APR": 4, "APRIL": 4, "MAY": 5, "JUN": 6, "JUNE": 6, "JUL": 7, "JULY": 7,
    "AUG": 8, "AUGUST": 8, "SEP": 9, "SEPT": 9, "SEPTEMBER": 9, "OCT": 10, "OCTOBER": 10,
    "NOV": 11, "NOVEMBER": 11, "DEC": 12, "DECEMBER": 12,
}  # fmt: skip

_YEAR = r"(?:FY\s*)?(?P<y1>\d{4})(?:\s*[/-]\s*(?P<y2>\d{2}|\d{4}))?"
_PART = r"(?P<kind>Q|H|QUARTER|HALF|HALF\s*YEAR)\s*-?\s*(?P<n>\d+)"
_SEP = r"[\s;,_:-]*"
_YEAR_PART = re.compile(rf"^{_YEAR}{_SEP}{_PART}$")
_PART_YEAR = re.compile(rf"^{_PART}{_SEP}{_YEAR}$")
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")
_ISO_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")
_NAMED_MONTH = re.compile(r"^(?P<name>[A-Z]+)\.?[\s,'-]*(?P<y>\d{4}|\d{2})$")
_PART_ONLY = re.compile(rf"^{_PART}$")


def parse_period(text: str, year_start_month: int = 4) -> Period:
    """Read a period label.

    >>> parse_period("2024/25 Q2")
    Quarter(2024, 2)
    >>> parse_period("Sep-24")
    Month(2024, 9)

    Args:
        text: the label, in any of the spellings listed in this module's documentation;
            case and surrounding space do not matter.
        year_start_month: the month (1-12) the financial year starts in.

    Raises:
        PeriodError: the text is empty, ambiguous or impossible; the message says which
            and what was expected.
    """
    if not isinstance(text, str):
        raise PeriodError(f"a period label must be text, not {type(text).__name__}")
    if not isinstance(year_start_month, int) or not 1 <= year_start_month <= 12:
        raise PeriodError(f"year_start_month must be a month number 1-12, not {year_start_month!r}")
    raw = text
    norm = " ".join(text.strip().upper().split())
    if not norm:
        raise PeriodError(f"empty period; {_EXPECTED}")

    match = _YEAR_PART.match(norm) or _PART_YEAR.match(norm)
    if match:
        year = _financial_year(raw, match["y1"], match["y2"], year_start_month)
        kind = match["kind"]
        number = int(match["n"])
        if kind.startswith("Q"):
            if not 1 <= number <= 4:
                raise PeriodError(f"{raw!r}: quarter must be Q1-Q4, not Q{number}")
            return Quarter(year, number, year_start_month)
        if not 1 <= number <= 2:
            raise PeriodError(f"{raw!r}: half-year must be H1 or H2, not H{number}")
        return HalfYear(year, number, year_start_month)

    match = _ISO_MONTH.match(norm)
    if match and 1 <= int(match["m"]) <= 12:
        return Month(_check_range(raw, int(match["y"])), int(match["m"]), year_start_month)

    match = _YEAR_ONLY.match(norm)
    if match:
        return FinancialYear(
            _financial_year(raw, match["y1"], match["y2"], year_start_month), year_start_month
        )

    match = _NAMED_MONTH.match(norm)
    if match and match["name"] in _MONTHS:
        year = int(match["y"])
        if len(match["y"]) == 2:
            year += 2000 if year <= 68 else 1900
        return Month(_check_range(raw, year), _MONTHS[match["name"]], year_start_month)

    part = _PART_ONLY.match(norm)
    if part:
        limit = 4 if part["kind"].startswith("Q") else 2
        if not 1 <= int(part["n"]) <= limit:
            letter = part["kind"][0]
            raise PeriodError(
                f"{raw!r}: {letter}{part['n']} does not exist; use {letter}1-{letter}{limit}"
            )
        raise PeriodError(f"{raw!r} names no year; write it with its year, e.g. '2024/25 Q2'")
    if match and match["name"] not in _MONTHS:
        raise PeriodError(f"{raw!r}: {match['name'].title()!r} is not a month name; {_EXPECTED}")
    raise PeriodError(f"cannot read {raw!r} as a period; {_EXPECTED}")


def _check_range(raw: str, year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"{raw!r}: year must be {MIN_YEAR}-{MAX_YEAR}")
    return year


def _financial_year(raw: str, first: str, second: str | None, year_start_month: int) -> int:
    year = _check_range(raw, int(first))
    if second is None:
        if year_start_month != 1:
            raise PeriodError(
                f"{raw!r} is ambiguous: a financial year starting in month {year_start_month} "
                f"spans two calendar years; write it as {year:04d}/{(year + 1) % 100:02d}"
            )
        return year
    if year_start_month == 1:
        raise PeriodError(
            f"{raw!r}: the financial year starts in January, so it is one calendar year; "
            f"write it as {year:04d}"
        )
    following = int(second)
    expected = year + 1 if len(second) == 4 else (year + 1) % 100
    if following != expected:
        raise PeriodError(
            f"{raw!r}: the second year must follow the first; expected "
            f"{year:04d}/{(year + 1) % 100:02d}"
        )
    return year
