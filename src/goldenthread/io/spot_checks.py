"""Reading a bundle's recorded audit spot-check outcomes: ``spot_checks.csv``.

One row per check of one indicator's figures for one financial year:

==============  ====================================================================
``indicator``   the checked indicator's code (defined in ``indicators.csv``)
``year``        the financial year whose figures were checked, e.g. ``2025/26``
``outcome``     ``verified``, ``amended``, ``qualified`` or ``not-verified``
``auditor``     who checked it
``checked_on``  the day it was checked, e.g. ``2025-10-20`` or ``20/10/2025``
``note``        what was found (optional)
==============  ====================================================================

Each row becomes a :class:`~goldenthread.indicators.spotcheck.RecordedCheck`.  An
indicator may be checked more than once in a year, but not twice on one day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Mapping

from goldenthread.errors import BundleError, Problem
from goldenthread.indicators.definition import IndicatorDefinition
from goldenthread.indicators.spotcheck import RecordedCheck, Verification, VerificationOutcome
from goldenthread.io.tables import Row, Table
from goldenthread.io.thread import parse_date
from goldenthread.periods import FinancialYear, parse_period

__all__ = ["SPOT_CHECK_COLUMNS", "read_spot_checks"]

SPOT_CHECK_COLUMNS = ("indicator", "year", "outcome", "auditor", "checked_on", "note")
"""The columns of ``spot_checks.csv``."""

_OUTCOMES = ", ".join(o.value for o in VerificationOutcome)


def _year(row: Row, year_start_month: int, problems: list[Problem]) -> FinancialYear | None:
    text = row.get("year")
    if not text:
        problems.append(row.problem("year", "the year is empty"))
        return None
    try:
        period = parse_period(row.period("year"), year_start_month)
    except ValueError as exc:
        problems.append(row.problem("year", str(exc)))
        return None
    if not isinstance(period, FinancialYear):
        problems.append(
            row.problem("year", f"expected a financial year such as 2025/26, not {text!r}")
        )
        return None
    return period


def _outcome(row: Row, problems: list[Problem]) -> VerificationOutcome | None:
    text = row.get("outcome")
    try:
        return VerificationOutcome(text.strip().lower())
    except ValueError:
        problems.append(
            row.problem("outcome", f"unknown outcome {text!r}; expected one of {_OUTCOMES}")
        )
        return None


def _checked_on(row: Row, problems: list[Problem]) -> dt.date | None:
    text = row.get("checked_on")
    try:
        return parse_date(text)
    except ValueError:
        problems.append(
            row.problem(
                "checked_on", f"expected a date such as 2025-10-20 or 20/10/2025, not {text!r}"
            )
        )
        return None


def read_spot_checks(
    table: Table,
    definitions: Mapping[str, IndicatorDefinition],
    *,
    year_start_month: int = 4,
    rejected: Container[str] = (),
) -> tuple[RecordedCheck, ...]:
    """The recorded checks of ``spot_checks.csv``, in file order.

    Checks of the ``rejected`` indicator codes (rows of ``indicators.csv`` already
    rejected and reported) are skipped.

    Raises:
        BundleError: every bad cell: an empty or undefined indicator, a year that is not
            a financial year, an unknown outcome, an empty auditor, a bad date, and a
            check recorded twice for one indicator, year and day.
    """
    table.check_columns(
        SPOT_CHECK_COLUMNS, ("indicator", "year", "outcome", "auditor", "checked_on")
    )
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    result: list[RecordedCheck] = []
    for row in table:
        code = row.get("indicator")
        if code in rejected:
            continue
        before = len(problems)
        if not code:
            problems.append(row.problem("indicator", "the indicator code is empty"))
        elif code not in definitions:
            problems.append(
                row.problem("indicator", f"no indicator {code!r} is defined in indicators.csv")
            )
        year = _year(row, year_start_month, problems)
        outcome = _outcome(row, problems)
        auditor = row.get("auditor")
        if not auditor:
            problems.append(row.problem("auditor", "a check needs the auditor's name"))
        checked_on = _checked_on(row, problems)
        if len(problems) > before:
            continue
        assert year is not None
        assert outcome is not None
        assert checked_on is not None
        check = RecordedCheck(
            year, Verification(code, outcome, auditor, checked_on, row.get("note"))
        )
        if check.key in seen:
            problems.append(
                row.problem(
                    "checked_on",
                    f"{code} {year.label} is already recorded as checked on "
                    f"{checked_on.isoformat()} in row {seen[check.key]}",
                )
            )
            continue
        seen[check.key] = row.number
        result.append(check)
    if problems:
        raise BundleError(problems)
    return tuple(result)
