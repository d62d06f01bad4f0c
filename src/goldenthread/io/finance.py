"""Reading a bundle's finance files: budget lines, budgets, virements, actuals, the MTFP,
savings and unit costs (see DESIGN.md, "Finance", and :mod:`goldenthread.finance`).

Each file is also a sheet of a bundle workbook, read through the same
:class:`~goldenthread.io.tables.Table` machinery as every other bundle file: column names
are case- and space-insensitive, a missing required column or a near miss of a known one
is an error naming it, other columns are kept (``budget_lines.csv``) or ignored, and
every rejected cell is reported with its file, row, column and reason, once: the rows of
other finance files naming a rejected budget line (or a rejected year budget) are
skipped, not reported again.

``budget_lines.csv`` ``code,title,service,kind,owner,tolerance,classification,funds``
    ``kind`` ``expenditure`` (default) or ``income``; ``tolerance`` ``2%`` of the annual
    budget or an amount in pounds (``5000``, ``£5,000``); blank uses ``[finance]
    tolerance``; ``classification`` internal by default; ``funds`` the ids of the thread
    items the line pays for, ``;``-separated (each must be an item of ``items.csv``).
``budgets.csv`` ``line,period,original,revised``
    a financial year (``2025/26``): the line's annual budget (``revised`` blank: not
    revised); a month (``2025-09``): one month of its profile, the ``revised`` amount if
    given, else the ``original``.  A line-year's month rows must add up to its budget
    for the year, and need a year row.
``virements.csv`` ``year,from,to,amount,approved_by,approved_on,reason``
    ``approved_on`` ``2025-07-14`` or ``14/07/2025`` (day first).
``actuals.csv`` ``line,period,actual,commitment,forecast,note``
    a month's posting; the month must fall in a financial year the line has a budget
    for.
``mtfp.csv`` ``year,kind,item,amount,note``
    ``kind`` ``base``, ``pressure``, ``saving``, ``funding`` or ``reserves``.
``savings.csv`` ``code,title,year,amount,status,delivered,service,owner,line,note``
    ``status`` ``delivered``, ``on-track`` (default), ``at-risk`` or ``unachievable``.
``unit_costs.csv`` ``code,title,lines,activity,per,decimals,classification,polarity,unit,``
    ``comparator_group``:
    ``lines`` ``;``-separated budget lines; ``activity`` an indicator whose aggregation
    is ``sum``; ``code`` a new indicator code (it may not be an indicator's).

**The money rule** (:func:`parse_money`).  Amounts are pounds, written positive (a line's
kind says which way they count).  A money cell may have a leading ``£``, thousands commas
grouping the digits in threes (``1,234.50``) and surrounding spaces.  A negative is
written ``-1,234`` or, as accountants do, in brackets ``(1,234)``; negatives are allowed
only for an actual and a commitment (a refund, a reversing journal).  Anything else
(``1.234,50``, ``12,34``, a lone ``£``, ``1k``, ``€5``, words) is refused with the file,
row, column and reason.  A workbook's number cell is read as the number it holds
(currency-formatted cells included).  Every amount is a figure within the range of
:func:`~goldenthread.indicators.numbers.check_figure`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Container, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from goldenthread.errors import BundleError, InputError, Problem
from goldenthread.finance.book import Finance
from goldenthread.finance.budgets import Actual, AnnualBudget, MonthlyBudget, Virement
from goldenthread.finance.lines import DEFAULT_BUDGET_TOLERANCE, BudgetLine, LineKind
from goldenthread.finance.mtfp import MtfpEntry, MtfpKind, mtfp_years
from goldenthread.finance.savings import Saving, SavingStatus
from goldenthread.finance.unit_costs import UnitCost, with_unit_costs
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import (
    Aggregation,
    IndicatorDefinition,
    Tolerance,
    ToleranceKind,
)
from goldenthread.indicators.numbers import (
    ValueState,
    check_decimals,
    check_figure,
    parse_number,
)
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.targets import Target
from goldenthread.io.tables import EVERY, Row, Table, parse_date, rejected_keys
from goldenthread.periods import FinancialYear, Frequency, Month, Period, parse_period
from goldenthread.thread.levels import Classification

__all__ = [
    "ACTUAL_COLUMNS",
    "BUDGET_COLUMNS",
    "BUDGET_LINE_COLUMNS",
    "FINANCE_FILES",
    "MTFP_COLUMNS",
    "SAVING_COLUMNS",
    "UNIT_COST_COLUMNS",
    "VIREMENT_COLUMNS",
    "attach_unit_costs",
    "finance_tolerance",
    "parse_budget_tolerance",
    "parse_money",
    "read_actuals",
    "read_budget_lines",
    "read_budgets",
    "read_finance",
    "read_mtfp",
    "read_savings",
    "read_unit_costs",
    "read_virements",
    "unit_cost_codes",
    "unit_cost_placeholder",
]

BUDGET_LINE_COLUMNS = (
    "code",
    "title",
    "service",
    "kind",
    "owner",
    "tolerance",
    "classification",
    "funds",
)
"""The columns of ``budget_lines.csv``."""
BUDGET_COLUMNS = ("line", "period", "original", "revised")
"""The columns of ``budgets.csv``."""
VIREMENT_COLUMNS = ("year", "from", "to", "amount", "approved_by", "approved_on", "reason")
"""The columns of ``virements.csv``."""
ACTUAL_COLUMNS = ("line", "period", "actual", "commitment", "forecast", "note")
"""The columns of ``actuals.csv``."""
MTFP_COLUMNS = ("year", "kind", "item", "amount", "note")
"""The columns of ``mtfp.csv``."""
SAVING_COLUMNS = (
    "code",
    "title",
    "year",
    "amount",
    "status",
    "delivered",
    "service",
    "owner",
    "line",
    "note",
)
"""The columns of ``savings.csv``."""
UNIT_COST_COLUMNS = (
    "code",
    "title",
    "lines",
    "activity",
    "per",
    "decimals",
    "classification",
    "polarity",
    "unit",
    "comparator_group",
)
"""The columns of ``unit_costs.csv``."""

FINANCE_FILES = (
    "budget_lines",
    "budgets",
    "virements",
    "actuals",
    "mtfp",
    "savings",
    "unit_costs",
)
"""The finance tables a bundle may hold, each ``NAME.csv`` or a workbook sheet ``NAME``."""

T = TypeVar("T")

_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+", re.ASCII)
_PLAIN = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,3})?", re.ASCII)
_MONEY_FORMS = "write pounds as 1234.50, 1,234.50 or £1,234.50"


def parse_money(text: str, *, negative: bool = False) -> Decimal:
    """Read a money cell by the money rule (this module's documentation).

    >>> parse_money("£1,234.50")
    Decimal('1234.50')
    >>> parse_money("(1,234)", negative=True)
    Decimal('-1234')

    Args:
        text: the cell text.
        negative: whether a negative amount is allowed (actuals and commitments).

    Raises:
        ValueError: the text is not an amount of money by the rule, or is negative where
            that is not allowed (``must not be negative``); the message quotes it and
            says what is accepted.
    """
    body = text.strip()
    if _PLAIN.fullmatch(body):  # the usual cell: at most 15 digits, below 10**12
        return Decimal(body)
    bracketed = len(body) >= 2 and body.startswith("(") and body.endswith(")")
    if bracketed:
        body = body[1:-1].strip()
    minus = body.startswith("-")
    if minus:
        body = body[1:].strip()
    pound = body.startswith("£")
    if pound:
        body = body[1:].strip()
        if not minus and body.startswith("-"):  # £-1,234
            minus, body = True, body[1:].strip()
    if not _AMOUNT.fullmatch(body) or (bracketed and minus):
        raise ValueError(_money_reason(text, body, pound=pound))
    plain = body.replace(",", "")
    try:
        amount = (
            Decimal(plain)
            if _PLAIN.fullmatch(plain)
            else check_figure(Decimal(plain), text.strip())
        )
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(str(exc)) from None
    if bracketed or minus:
        amount = -amount
    if amount < 0 and not negative:
        raise ValueError(f"must not be negative, not {text.strip()!r}")
    return amount


def _money_reason(text: str, body: str, *, pound: bool) -> str:
    shown = repr(text.strip())
    lowered = body.lower()
    if pound and not body:
        why = "it has a £ but no amount"
    elif any(sign in text for sign in "€$¥"):
        why = "amounts are in pounds (£) only"
    elif re.fullmatch(r"[0-9.,]+\s*(k|m|bn|million|thousand)", lowered):
        why = "write the amount in full (1000, not 1k)"
    elif re.fullmatch(r"[0-9][0-9.,]*", body):
        why = (
            "commas must group the digits in threes before the decimal point "
            "(1,234.50, not 1.234,50 or 12,34)"
        )
    elif "%" in text:
        why = "a percentage is not an amount of money"
    else:
        why = "it is not an amount of money"
    return (
        f"cannot read {shown} as money: {why}; {_MONEY_FORMS}, and a negative as -1,234 or (1,234)"
    )


def parse_budget_tolerance(text: str) -> Tolerance:
    """A budget line's tolerance: ``2%`` of the annual budget (relative) or an amount in
    pounds (absolute), read by the money rule (``5000``, ``£5,000``).

    Raises:
        ValueError: neither, or negative.
    """
    stripped = text.strip()
    if stripped.endswith("%"):
        return Tolerance.parse(stripped)
    try:
        return Tolerance(ToleranceKind.ABSOLUTE, parse_money(stripped))
    except ValueError as exc:
        raise ValueError(
            f"cannot read tolerance {stripped!r}: expected a percentage of the annual "
            f"budget such as 2%, or an amount in pounds such as 5000 ({exc})"
        ) from None


def finance_tolerance(settings: Mapping[str, Any], file: str = "framework.toml") -> Tolerance:
    """The default tolerance of budget lines and of service and council totals:
    ``[finance] tolerance`` in ``framework.toml`` (``"2%"`` or ``"5000"``; 2% when
    absent).

    Raises:
        BundleError: ``[finance]`` is not a table, has an unknown key, or the tolerance
            does not read; each problem names the file and key.
    """
    section = settings.get("finance", {})
    if not isinstance(section, Mapping):
        raise BundleError([Problem("[finance] must be a table", file, None, "finance")])
    problems: list[Problem] = []
    tolerance = DEFAULT_BUDGET_TOLERANCE
    for key, raw in section.items():
        if key != "tolerance":
            problems.append(
                Problem(f"unknown key {key!r}; expected tolerance", file, None, f"finance.{key}")
            )
            continue
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            problems.append(
                Problem(
                    f'must be a tolerance such as "2%" or "5000", not {raw!r}',
                    file,
                    None,
                    "finance.tolerance",
                )
            )
            continue
        try:
            tolerance = parse_budget_tolerance(str(raw))
        except ValueError as exc:
            problems.append(Problem(str(exc), file, None, "finance.tolerance"))
    if problems:
        raise BundleError(problems)
    return tolerance


# -- cells ----------------------------------------------------------------------------------


def _money(
    row: Row,
    column: str,
    problems: list[Problem],
    *,
    required: bool = False,
    negative: bool = False,
) -> Decimal | None:
    text = row.get(column)
    if not text:
        if required:
            problems.append(row.problem(column, f"the {column} is empty: give an amount"))
        return None
    try:
        return parse_money(text, negative=negative)
    except ValueError as exc:
        reason = str(exc)
        if reason.startswith("must not be negative"):
            reason = f"the {column} {reason}"
        problems.append(row.problem(column, reason))
        return None


@functools.lru_cache(maxsize=4096)
def _parse_period(text: str, ysm: int) -> Period:
    # Periods are immutable: a finance file names a few dozen months in many rows.
    return parse_period(text, ysm)


@functools.lru_cache(maxsize=4096)
def _financial_year(period: Period) -> FinancialYear:
    return period.financial_year


def _period(row: Row, column: str, ysm: int, problems: list[Problem]) -> Period | None:
    try:
        return _parse_period(row.period(column), ysm)
    except ValueError as exc:
        problems.append(row.problem(column, str(exc)))
        return None


def _year(row: Row, column: str, ysm: int, problems: list[Problem]) -> FinancialYear | None:
    if not row.get(column):
        problems.append(
            row.problem(column, "the year is empty: give a financial year, e.g. 2025/26")
        )
        return None
    period = _period(row, column, ysm, problems)
    if period is None:
        return None
    if not isinstance(period, FinancialYear):
        problems.append(
            row.problem(
                column,
                f"{period.label} is not a financial year; give the year, e.g. "
                f"{period.financial_year.label}",
            )
        )
        return None
    return period


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _unknown_line(row: Row, column: str, code: str) -> Problem:
    return row.problem(column, f"no budget line {code!r} is defined in budget_lines.csv")


# -- the readers ---------------------------------------------------------------------------


def read_budget_lines(
    table: Table,
    *,
    items: Collection[str] | None = None,
    rejected_items: Container[str] = (),
    problems: list[Problem],
) -> tuple[BudgetLine, ...]:
    """The budget lines of ``budget_lines.csv``; bad rows' problems go to ``problems``.

    ``items`` are the thread's item ids (``None``: not checked, the thread being
    rejected); ``funds`` naming one of ``rejected_items`` is not reported again.

    Raises:
        BundleError: the header (a missing required column or a near miss).
    """
    table.check_columns(BUDGET_LINE_COLUMNS, ("code", "title", "service"))
    seen: dict[str, int] = {}
    result: list[BudgetLine] = []
    for row in table:
        before = len(problems)
        code = row.get("code")
        if not code:
            problems.append(row.problem("code", "a budget line needs a code"))
        elif code in seen:
            problems.append(row.problem("code", f"{code!r} is already defined in row {seen[code]}"))
            continue
        else:
            seen[code] = row.number
        for column in ("title", "service"):
            if not row.get(column):
                problems.append(row.problem(column, f"a budget line needs a {column}"))
        kind = row.parsed("kind", LineKind.parse, problems) or LineKind.EXPENDITURE
        tolerance = row.parsed("tolerance", parse_budget_tolerance, problems)
        classification = (
            row.parsed("classification", Classification.parse, problems) or Classification.INTERNAL
        )
        funds = _codes(row.get("funds"))
        if items is not None:
            for item in funds:
                if item not in items and item not in rejected_items:
                    problems.append(
                        row.problem(
                            "funds",
                            f"no item {item!r} is defined in items.csv (funds names the "
                            "thread items the line pays for)",
                        )
                    )
        if len(problems) > before:
            continue
        try:
            line = BudgetLine(
                code=code,
                title=row.get("title"),
                service=row.get("service"),
                kind=kind,
                owner=row.get("owner"),
                tolerance=tolerance,
                classification=classification,
                funds=funds,
                extras=row.extras(BUDGET_LINE_COLUMNS),
            )
        except ValueError as exc:
            problems.append(row.problem("code", str(exc)))
            continue
        result.append(line)
    return tuple(result)


def read_budgets(
    table: Table,
    lines: Collection[str],
    *,
    year_start_month: int,
    rejected: Container[str] = (),
    problems: list[Problem],
) -> tuple[tuple[AnnualBudget, ...], tuple[MonthlyBudget, ...], frozenset[tuple[str, str]]]:
    """The annual budgets and monthly profiles of ``budgets.csv``, and the
    ``(line, year label)`` pairs whose rows were rejected (so that actuals naming them
    are not reported again).

    Raises:
        BundleError: the header.
    """
    table.check_columns(BUDGET_COLUMNS, ("line", "period", "original"))
    annual: dict[tuple[str, str], tuple[AnnualBudget, Row]] = {}
    months: dict[tuple[str, str], list[tuple[MonthlyBudget, Row]]] = {}
    seen: dict[tuple[str, str], int] = {}
    bad: set[tuple[str, str]] = set()
    for row in table:
        code = row.get("line")
        if code in rejected:
            continue
        before = len(problems)
        if not code:
            problems.append(row.problem("line", "the budget line is empty"))
        elif code not in lines:
            problems.append(_unknown_line(row, "line", code))
        period = _period(row, "period", year_start_month, problems)
        original = _money(row, "original", problems, required=isinstance(period, FinancialYear))
        revised = _money(row, "revised", problems)
        if period is not None and not isinstance(period, FinancialYear | Month):
            problems.append(
                row.problem(
                    "period",
                    f"a budget is for a financial year (e.g. {period.financial_year.label}) "
                    f"or, in a profile, a month (e.g. {_month_example(period)}); not "
                    f"{period.label}",
                )
            )
        if period is None or len(problems) > before:
            if period is not None:
                bad.add((code, _financial_year(period).label))
            continue
        key = (code, period.label)
        if key in seen:
            problems.append(
                row.problem(
                    "period",
                    f"{code} already has a budget for {period.label} in row {seen[key]}",
                )
            )
            continue
        seen[key] = row.number
        year = _financial_year(period)
        if isinstance(period, FinancialYear):
            assert original is not None
            annual[(code, year.label)] = (AnnualBudget(code, period, original, revised), row)
        else:
            amount = revised if revised is not None else original
            if amount is None:
                problems.append(
                    row.problem("original", "the month's budget is empty: give original or revised")
                )
                bad.add((code, year.label))
                continue
            assert isinstance(period, Month)
            months.setdefault((code, year.label), []).append(
                (MonthlyBudget(code, period, amount), row)
            )
    profiles: list[tuple[int, MonthlyBudget]] = []
    for (code, label), rows in months.items():
        found = annual.get((code, label))
        if found is None:
            if (code, label) in bad:
                continue  # the year row was rejected and reported
            for profile, row in rows:
                problems.append(
                    row.problem(
                        "period",
                        f"{code} has a budget for the month {profile.month.label} but none "
                        f"for its financial year {label}; add a row for {code} with period "
                        f"{label} giving the year's budget",
                    )
                )
            continue
        budget, year_row = found
        total = sum((p.amount for p, _ in rows), Decimal(0))
        if total != budget.amount:
            column = "revised" if budget.revised is not None else "original"
            problems.append(
                year_row.problem(
                    column,
                    f"the month rows of {code} for {label} add up to {total}, but its "
                    f"budget for {label} is {budget.amount}; the profile must add up to "
                    "the year",
                )
            )
            bad.add((code, label))
            continue
        profiles.extend((row.number, p) for p, row in rows)
    budgets = tuple(b for b, _ in annual.values())
    profiles.sort(key=lambda pair: pair[0])
    return budgets, tuple(p for _, p in profiles), frozenset(bad)


def _month_example(period: Period) -> str:
    return Month(period.start.year, period.start.month, period.year_start_month).label


def read_virements(
    table: Table,
    lines: Collection[str],
    *,
    year_start_month: int,
    rejected: Container[str] = (),
    problems: list[Problem],
) -> tuple[Virement, ...]:
    """The virements of ``virements.csv``.

    Raises:
        BundleError: the header.
    """
    table.check_columns(VIREMENT_COLUMNS, ("year", "from", "to", "amount"))
    result: list[Virement] = []
    for row in table:
        if row.get("from") in rejected or row.get("to") in rejected:
            continue
        before = len(problems)
        year = _year(row, "year", year_start_month, problems)
        for column in ("from", "to"):
            code = row.get(column)
            if not code:
                problems.append(row.problem(column, f"the {column} line is empty"))
            elif code not in lines:
                problems.append(_unknown_line(row, column, code))
        if row.get("from") and row.get("from") == row.get("to"):
            problems.append(row.problem("to", "a virement moves budget between two lines"))
        amount = _money(row, "amount", problems, required=True)
        approved_on = row.parsed("approved_on", parse_date, problems)
        if len(problems) > before or year is None or amount is None:
            continue
        result.append(
            Virement(
                year,
                row.get("from"),
                row.get("to"),
                amount,
                row.get("approved_by"),
                approved_on,
                row.get("reason"),
            )
        )
    return tuple(result)


def read_actuals(
    table: Table,
    lines: Collection[str],
    budgeted: Mapping[str, Collection[str]] | None,
    *,
    year_start_month: int,
    rejected: Container[str] = (),
    rejected_years: Container[tuple[str, str]] = (),
    problems: list[Problem],
) -> tuple[Actual, ...]:
    """The actuals of ``actuals.csv``.

    ``budgeted`` gives the financial years (labels) each line has a budget for (``None``:
    not checked, ``budgets.csv`` being rejected as a whole).

    Raises:
        BundleError: the header.
    """
    table.check_columns(ACTUAL_COLUMNS, ("line", "period", "actual"))
    seen: dict[tuple[str, str], int] = {}
    result: list[Actual] = []
    for row in table:
        code = row.get("line")
        if code in rejected:
            continue
        before = len(problems)
        if not code:
            problems.append(row.problem("line", "the budget line is empty"))
        elif code not in lines:
            problems.append(_unknown_line(row, "line", code))
        period = _period(row, "period", year_start_month, problems)
        if period is not None and not isinstance(period, Month):
            problems.append(
                row.problem(
                    "period",
                    f"an actual is for a month (e.g. {_month_example(period)}), not "
                    f"{period.label}: give one row per month",
                )
            )
            period = None
        actual = _money(row, "actual", problems, required=True, negative=True)
        commitment = _money(row, "commitment", problems, negative=True)
        forecast = _money(row, "forecast", problems)
        if len(problems) > before or period is None or actual is None:
            continue
        assert isinstance(period, Month)
        label = _financial_year(period).label
        if (code, label) in rejected_years:
            continue
        if budgeted is not None and label not in budgeted.get(code, ()):
            problems.append(
                row.problem(
                    "period",
                    f"{period.label} is in the financial year {label}, for which {code} has "
                    "no budget in budgets.csv",
                )
            )
            continue
        key = (code, period.label)
        if key in seen:
            problems.append(
                row.problem(
                    "period", f"{code} already has an actual for {period.label} in row {seen[key]}"
                )
            )
            continue
        seen[key] = row.number
        result.append(Actual(code, period, actual, commitment, forecast, row.get("note")))
    return tuple(result)


def read_mtfp(
    table: Table, *, year_start_month: int, problems: list[Problem]
) -> tuple[MtfpEntry, ...]:
    """The Medium Term Financial Plan's lines (``mtfp.csv``).  The plan's first year
    must have a ``base`` row (later years bring the previous requirement forward).

    Raises:
        BundleError: the header.
    """
    table.check_columns(MTFP_COLUMNS, ("year", "kind", "item", "amount"))
    result: list[tuple[MtfpEntry, Row]] = []
    found = len(problems)
    for row in table:
        before = len(problems)
        year = _year(row, "year", year_start_month, problems)
        kind = row.parsed("kind", MtfpKind.parse, problems, required=True)
        if not row.get("item"):
            problems.append(row.problem("item", "the item is empty: say what the line is"))
        amount = _money(row, "amount", problems, required=True)
        if len(problems) > before or year is None or kind is None or amount is None:
            continue
        result.append((MtfpEntry(year, kind, row.get("item"), amount, row.get("note")), row))
    if len(problems) == found and result:
        try:
            mtfp_years(entry for entry, _ in result)
        except ValueError as exc:
            first = min(result, key=lambda pair: pair[0].year.year)[1]
            problems.append(first.problem("kind", str(exc)))
    return tuple(entry for entry, _ in result)


def read_savings(
    table: Table,
    lines: Collection[str] | None,
    *,
    year_start_month: int,
    rejected: Container[str] = (),
    problems: list[Problem],
) -> tuple[Saving, ...]:
    """The savings programme (``savings.csv``); a ``line`` given must be a budget line
    (``lines`` ``None``: not checked).

    Raises:
        BundleError: the header.
    """
    table.check_columns(SAVING_COLUMNS, ("code", "title", "year", "amount"))
    seen: dict[tuple[str, str], int] = {}
    result: list[Saving] = []
    for row in table:
        line = row.get("line")
        if line and line in rejected:
            continue
        before = len(problems)
        code = row.get("code")
        if not code:
            problems.append(row.problem("code", "a saving needs a code"))
        if not row.get("title"):
            problems.append(row.problem("title", "a saving needs a title"))
        year = _year(row, "year", year_start_month, problems)
        amount = _money(row, "amount", problems, required=True)
        status = row.parsed("status", SavingStatus.parse, problems) or SavingStatus.ON_TRACK
        delivered = _money(row, "delivered", problems)
        if line and lines is not None and line not in lines:
            problems.append(_unknown_line(row, "line", line))
        if len(problems) > before or year is None or amount is None:
            continue
        key = (code, year.label)
        if key in seen:
            problems.append(
                row.problem("year", f"saving {code} for {year.label} is already in row {seen[key]}")
            )
            continue
        seen[key] = row.number
        result.append(
            Saving(
                code,
                row.get("title"),
                year,
                amount,
                status,
                delivered,
                row.get("service"),
                row.get("owner"),
                line,
                row.get("note"),
            )
        )
    return tuple(result)


def _per(text: str) -> Decimal:
    number = parse_number(text)
    if isinstance(number, ValueState):
        raise ValueError(f"per must be a number such as 1 or 1,000, not {text!r}")
    if number <= 0:
        raise ValueError(f"per must be above 0, not {text!r}")
    return number


def read_unit_costs(
    table: Table,
    lines: Collection[str],
    indicators: Mapping[str, IndicatorDefinition] | None,
    *,
    rejected: Container[str] = (),
    rejected_indicators: Container[str] = (),
    problems: list[Problem],
) -> tuple[UnitCost, ...]:
    """The unit costs of ``unit_costs.csv``.  ``indicators`` are the indicator
    definitions (``None``: not checked, ``indicators.csv`` being rejected as a whole).

    Raises:
        BundleError: the header.
    """
    table.check_columns(UNIT_COST_COLUMNS, ("code", "title", "lines", "activity"))
    seen: dict[str, int] = {}
    result: list[UnitCost] = []
    for row in table:
        named = _codes(row.get("lines"))
        activity = row.get("activity")
        if any(code in rejected for code in named) or (
            activity and activity in rejected_indicators
        ):
            continue
        before = len(problems)
        code = row.get("code")
        if not code:
            problems.append(row.problem("code", "a unit cost needs a code"))
        elif code in seen:
            problems.append(row.problem("code", f"{code!r} is already defined in row {seen[code]}"))
            continue
        else:
            seen[code] = row.number
            if indicators is not None and code in indicators:
                problems.append(
                    row.problem(
                        "code",
                        f"{code!r} is an indicator in indicators.csv; a unit cost is an "
                        "indicator of its own and needs a code of its own",
                    )
                )
        if not row.get("title"):
            problems.append(row.problem("title", "a unit cost needs a title"))
        if not named:
            problems.append(row.problem("lines", "give at least one budget line, separated by ;"))
        for line in named:
            if line not in lines:
                problems.append(_unknown_line(row, "lines", line))
        if not activity:
            problems.append(row.problem("activity", "give the code of the activity indicator"))
        elif indicators is not None:
            definition = indicators.get(activity)
            if definition is None:
                problems.append(
                    row.problem(
                        "activity", f"no indicator {activity!r} is defined in indicators.csv"
                    )
                )
            elif definition.aggregation is not Aggregation.SUM:
                problems.append(
                    row.problem(
                        "activity",
                        f"the activity indicator {activity} has aggregation "
                        f"{definition.aggregation.value!r}; a unit cost divides by a count, "
                        "so its activity must be a 'sum' indicator",
                    )
                )
        per = row.parsed("per", _per, problems) or Decimal(1)
        decimals = row.parsed("decimals", check_decimals, problems)
        classification = (
            row.parsed("classification", Classification.parse, problems) or Classification.PUBLIC
        )
        polarity = row.parsed("polarity", Polarity.parse, problems) or Polarity.LOWER
        if len(problems) > before:
            continue
        result.append(
            UnitCost(
                code=code,
                title=row.get("title"),
                lines=named,
                activity=activity,
                per=per,
                decimals=2 if decimals is None else decimals,
                classification=classification,
                polarity=polarity,
                unit=row.get("unit") or "£",
                comparator_group=row.get("comparator_group"),
            )
        )
    return tuple(result)


# -- all together --------------------------------------------------------------------------


def _header(read: Callable[[], T], default: T, problems: list[Problem]) -> tuple[T, bool]:
    """``read()``, or ``default`` with its problems (a bad header) gathered; the flag says
    whether the table was read."""
    try:
        return read(), True
    except InputError as exc:
        problems.extend(exc.problems)
        return default, False


def read_finance(
    tables: Mapping[str, Table],
    *,
    year_start_month: int,
    tolerance: Tolerance = DEFAULT_BUDGET_TOLERANCE,
    items: Collection[str] | None = None,
    rejected_items: Container[str] = (),
    indicators: Mapping[str, IndicatorDefinition] | None = None,
    rejected_indicators: Container[str] = (),
    problems: list[Problem],
) -> Finance:
    """Read the finance tables present in ``tables`` (by name, :data:`FINANCE_FILES`)
    into a :class:`~goldenthread.finance.Finance`, appending every problem (bad headers
    included) to ``problems``.

    One bad row is reported once: rows naming a rejected budget line (or a rejected
    year's budget) are skipped.

    Args:
        tables: the bundle's tables by name.
        year_start_month: the month the financial year starts in.
        tolerance: the default tolerance (``[finance] tolerance``).
        items: the thread's item ids that ``funds`` may name (``None``: not checked).
        rejected_items: item ids whose rows were rejected (not reported again).
        indicators: the indicator definitions unit costs may name as activity and may
            not clash with (``None``: not checked).
        rejected_indicators: indicator codes whose rows were rejected.
        problems: where the problems go.
    """
    ysm = year_start_month
    lines: tuple[BudgetLine, ...] = ()
    rejected_lines: Container[str] = ()
    lines_read = True
    if "budget_lines" in tables:
        table = tables["budget_lines"]
        lines, lines_read = _header(
            lambda: read_budget_lines(
                table, items=items, rejected_items=rejected_items, problems=problems
            ),
            lines,
            problems,
        )
        rejected_lines = (
            rejected_keys(table, "code", {ln.code for ln in lines}) if lines_read else EVERY
        )
    codes = {line.code for line in lines}
    budgets: tuple[AnnualBudget, ...] = ()
    profiles: tuple[MonthlyBudget, ...] = ()
    bad_years: frozenset[tuple[str, str]] = frozenset()
    budgeted: dict[str, set[str]] | None = {}
    if "budgets" in tables:
        (budgets, profiles, bad_years), read = _header(
            lambda: read_budgets(
                tables["budgets"],
                codes,
                year_start_month=ysm,
                rejected=rejected_lines,
                problems=problems,
            ),
            (budgets, profiles, bad_years),
            problems,
        )
        if not read:
            budgeted = None
    if budgeted is not None:
        for budget in budgets:
            budgeted.setdefault(budget.line, set()).add(budget.year.label)
    virements: tuple[Virement, ...] = ()
    if "virements" in tables:
        virements, _ = _header(
            lambda: read_virements(
                tables["virements"],
                codes,
                year_start_month=ysm,
                rejected=rejected_lines,
                problems=problems,
            ),
            virements,
            problems,
        )
    actuals: tuple[Actual, ...] = ()
    if "actuals" in tables:
        actuals, _ = _header(
            lambda: read_actuals(
                tables["actuals"],
                codes,
                budgeted,
                year_start_month=ysm,
                rejected=rejected_lines,
                rejected_years=bad_years,
                problems=problems,
            ),
            actuals,
            problems,
        )
    mtfp: tuple[MtfpEntry, ...] = ()
    if "mtfp" in tables:
        mtfp, _ = _header(
            lambda: read_mtfp(tables["mtfp"], year_start_month=ysm, problems=problems),
            mtfp,
            problems,
        )
    savings: tuple[Saving, ...] = ()
    if "savings" in tables:
        savings, _ = _header(
            lambda: read_savings(
                tables["savings"],
                codes if lines_read else None,
                year_start_month=ysm,
                rejected=rejected_lines,
                problems=problems,
            ),
            savings,
            problems,
        )
    unit_costs: tuple[UnitCost, ...] = ()
    if "unit_costs" in tables:
        unit_costs, _ = _header(
            lambda: read_unit_costs(
                tables["unit_costs"],
                codes,
                indicators,
                rejected=rejected_lines,
                rejected_indicators=rejected_indicators,
                problems=problems,
            ),
            unit_costs,
            problems,
        )
    return Finance(
        lines=lines,
        budgets=budgets,
        profiles=profiles,
        virements=virements,
        actuals=actuals,
        mtfp=mtfp,
        savings=savings,
        unit_costs=unit_costs,
        tolerance=tolerance,
    )


def unit_cost_placeholder(code: str, unit: str) -> IndicatorDefinition:
    """A stand-in definition of a unit cost's indicator, for reading the targets set
    for it before the unit costs are derived (only its code and unit are used)."""
    return IndicatorDefinition(
        code=code,
        title=code,
        polarity=Polarity.LOWER,
        aggregation=Aggregation.RATIO,
        frequency=Frequency.MONTHLY,
        unit=unit,
    )


def attach_unit_costs(
    indicators: IndicatorSet,
    finance: Finance,
    unit_targets: Iterable[Target] = (),
    *,
    year_start_month: int,
    table: Table | None = None,
) -> IndicatorSet:
    """``indicators`` with the unit costs of ``finance`` derived as indicators
    (:func:`goldenthread.finance.unit_costs.with_unit_costs`), and ``unit_targets``, the
    targets set for them, in place.

    Raises:
        BundleError: the unit costs cannot be derived: the reason, at the row of
            ``table`` (``unit_costs.csv``) defining the unit cost it names; or a target
            names no unit cost.
    """
    try:
        return with_unit_costs(indicators, finance, year_start_month, targets=tuple(unit_targets))
    except InputError as exc:
        raise BundleError(exc.problems) from None
    except ValueError as exc:
        reason = str(exc)
        for row in table or ():
            if reason.startswith(f"unit cost {row.get('code')}:"):
                raise BundleError([row.problem("code", reason)]) from None
        file = table.file if table is not None else "unit_costs.csv"
        raise BundleError([Problem(reason, file, None, "code")]) from None


def unit_cost_codes(table: Table | None) -> dict[str, str]:
    """The codes ``unit_costs.csv`` names, with their units (``£`` when blank): a target
    may be set for a unit cost before the unit costs are derived."""
    if table is None:
        return {}
    return {row.get("code"): row.get("unit") or "£" for row in table if row.get("code")}
