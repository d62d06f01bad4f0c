"""Read the planning and review cycle from an already-parsed ``framework.toml``.

The sections (all optional)::

    [cycle]
    calendar = "england-and-wales"      # a working-day calendar name (default)

    [[meetings]]                        # one entry per body (or several, merged)
    body = "Cabinet"
    recurrence = "2nd Wednesday monthly"   # or a list of recurrences
    dates = [2024-07-24, 2024-11-20]       # extra meeting dates (TOML dates or "YYYY-MM-DD")
    cancelled = [2024-08-14]               # dates on which the recurrence does not meet

    [[monitoring]]                      # one entry per arrangement
    key = "risk-register"
    what = "Corporate risk register"
    who = ["Management Team", "Audit Committee"]
    frequency = "quarterly"
    data_due = "10 working days after period end"                 # optional
    report_due = "first Audit Committee meeting at least 4 weeks after period end"
    concerns = "corporate"                                        # optional
    description = "Updated and reported quarterly."               # optional
    every_years = 3                                               # optional, annual only
    anchor_year = "2024/25"                                       # with every_years > 1

An arrangement may also name the indicators whose returns (figures) it collects,
``returns = ["BV 9", "LPI 12"]`` or ``returns = "all"``; their data quality timeliness
is judged by its due rules (see
:mod:`goldenthread.reports.builders.data_quality`).

:func:`read_cycles` checks everything and raises one :class:`~goldenthread.errors.BundleError`
listing every problem, each naming ``framework.toml``, the entry (``monitoring[2]``, counted
from 1 in file order) and key, and the reason.

What happened in the cycle is recorded in two bundle files (each also a workbook sheet),
read by :func:`read_returns` and :func:`read_presentations`:

``returns.csv``: ``indicator,period,received,by,note``
    the day each return (an indicator's figure for a period) was received.
``presentations.csv``: ``report,period,meeting,presented,note``
    the day each occurrence of a monitoring arrangement (``report`` is its ``key``) was
    presented, and at which meeting.

Dates are ISO (``2025-10-30``) or UK day-first (``30/10/2025``); anything else is an
error naming the file, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Container, Mapping, Sequence
from typing import Any, TypeVar

from attrs import frozen

from goldenthread.cycles.arrangements import Arrangement
from goldenthread.cycles.calendars import WorkingDayCalendar, builtin_calendars, resolve_calendar
from goldenthread.cycles.meetings import MeetingSchedule, Recurrence, parse_recurrence
from goldenthread.cycles.records import Presentation, ReturnRecord
from goldenthread.cycles.rules import DueRule, parse_due_rule
from goldenthread.errors import BundleError, InputError, Problem
from goldenthread.io.tables import Row, Table
from goldenthread.io.thread import parse_date
from goldenthread.periods import FinancialYear, Frequency, Period, parse_period

__all__ = [
    "DEFAULT_CALENDAR",
    "PRESENTATION_COLUMNS",
    "RETURN_COLUMNS",
    "CycleConfig",
    "read_cycles",
    "read_presentations",
    "read_returns",
]

RETURN_COLUMNS = ("indicator", "period", "received", "by", "note")
"""The columns of ``returns.csv``."""

PRESENTATION_COLUMNS = ("report", "period", "meeting", "presented", "note")
"""The columns of ``presentations.csv``."""

DEFAULT_CALENDAR = "england-and-wales"
"""The working-day calendar used when ``[cycle]`` names none."""

_MONITORING_KEYS = (
    "key",
    "what",
    "who",
    "frequency",
    "data_due",
    "report_due",
    "description",
    "concerns",
    "every_years",
    "anchor_year",
    "returns",
)
_MEETING_KEYS = ("body", "recurrence", "dates", "cancelled")
_CYCLE_KEYS = ("calendar",)

T = TypeVar("T")


@frozen
class CycleConfig:
    """The cycle a ``framework.toml`` describes: its calendar, meetings and arrangements."""

    calendar: WorkingDayCalendar
    meetings: tuple[MeetingSchedule, ...] = ()
    arrangements: tuple[Arrangement, ...] = ()


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: str, reason: str) -> None:
        self.problems.append(Problem(reason, file=self.file, column=where))

    def attempt(self, where: str, prefix: str, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except (InputError, ValueError) as exc:
            reasons = (
                [p.reason for p in exc.problems] if isinstance(exc, InputError) else [str(exc)]
            )
            for reason in reasons:
                self.add(where, prefix + reason)
            return None


def _entries(document: Mapping[str, Any], name: str, found: _Collector) -> list[Mapping[str, Any]]:
    value = document.get(name, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        found.add(name, f"'{name}' must be a list of tables, written [[{name}]]")
        return []
    return value


def _unknown_keys(
    entry: Mapping[str, Any], known: Sequence[str], where: str, found: _Collector
) -> None:
    for key in entry:
        if key not in known:
            found.add(f"{where}.{key}", f"unknown key {key!r}; expected one of {', '.join(known)}")


def _text(
    entry: Mapping[str, Any], key: str, where: str, found: _Collector, *, required: bool
) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            found.add(f"{where}.{key}", f"{key!r} is required")
        return None
    if not isinstance(value, str) or not value.strip():
        found.add(f"{where}.{key}", f"{key!r} must be non-empty text, not {value!r}")
        return None
    return value.strip()


def _texts(entry: Mapping[str, Any], key: str, where: str, found: _Collector) -> tuple[str, ...]:
    value = entry.get(key)
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        found.add(
            f"{where}.{key}", f"{key!r} must be text or a list of non-empty texts, not {value!r}"
        )
        return ()
    return tuple(v.strip() for v in items)


def _dates(
    entry: Mapping[str, Any], key: str, where: str, found: _Collector
) -> tuple[dt.date, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        found.add(f"{where}.{key}", f"{key!r} must be a list of dates, not {value!r}")
        return ()
    days = []
    for item in value:
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            days.append(item)
            continue
        if isinstance(item, str):
            try:
                days.append(dt.date.fromisoformat(item.strip()))
                continue
            except ValueError:
                pass
        found.add(f"{where}.{key}", f"{item!r} is not a date; write YYYY-MM-DD")
    return tuple(days)


def _recurrence(text: str) -> Callable[[], Recurrence]:
    return lambda: parse_recurrence(text)


def _read_meetings(document: Mapping[str, Any], found: _Collector) -> list[MeetingSchedule]:
    schedules = []
    for number, entry in enumerate(_entries(document, "meetings", found), start=1):
        where = f"meetings[{number}]"
        _unknown_keys(entry, _MEETING_KEYS, where, found)
        body = _text(entry, "body", where, found, required=True)
        recurrences: list[Recurrence] = []
        if "recurrence" in entry:
            for text in _texts(entry, "recurrence", where, found):
                rule = found.attempt(f"{where}.recurrence", "", _recurrence(text))
                if rule is not None:
                    recurrences.append(rule)
        dates = _dates(entry, "dates", where, found)
        cancelled = _dates(entry, "cancelled", where, found)
        if "recurrence" not in entry and "dates" not in entry:
            found.add(where, f"meetings of {body or 'this body'!r} need 'dates' or 'recurrence'")
        if body is not None:
            schedules.append(MeetingSchedule(body, dates, recurrences, cancelled))
    return schedules


def _rule(
    entry: Mapping[str, Any], key: str, where: str, prefix: str, found: _Collector
) -> DueRule | None:
    text = _text(entry, key, where, found, required=key == "report_due")
    if text is None:
        return None
    return found.attempt(f"{where}.{key}", prefix, lambda: parse_due_rule(text))


def _anchor_year(value: object, year_start_month: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        period = parse_period(value, year_start_month)
        if isinstance(period, FinancialYear):
            return period.year
    raise InputError(f"anchor_year must be a financial year such as '2024/25', not {value!r}")


def _read_arrangement(
    entry: Mapping[str, Any],
    where: str,
    year_start_month: int,
    meeting_bodies: set[str],
    found: _Collector,
) -> Arrangement | None:
    before = len(found.problems)
    _unknown_keys(entry, _MONITORING_KEYS, where, found)
    key = _text(entry, "key", where, found, required=True)
    prefix = f"arrangement {key!r}: " if key else ""
    what = _text(entry, "what", where, found, required=True)
    who: tuple[str, ...] = ()
    if "who" not in entry:
        found.add(f"{where}.who", "'who' is required")
    else:
        who = _texts(entry, "who", where, found)
    frequency = None
    frequency_text = _text(entry, "frequency", where, found, required=True)
    if frequency_text is not None:
        frequency = found.attempt(
            f"{where}.frequency", prefix, lambda: Frequency.parse(frequency_text)
        )
    data_due = _rule(entry, "data_due", where, prefix, found)
    report_due = _rule(entry, "report_due", where, prefix, found)
    for name, rule in (("data_due", data_due), ("report_due", report_due)):
        for body in rule.bodies if rule is not None else ():
            if body.casefold() not in meeting_bodies:
                found.add(
                    f"{where}.{name}",
                    f"{prefix}the rule refers to {body!r}, but no [[meetings]] give its meetings",
                )
    description = _text(entry, "description", where, found, required=False) or ""
    concerns = _text(entry, "concerns", where, found, required=False)
    every = entry.get("every_years", 1)
    if isinstance(every, bool) or not isinstance(every, int) or every < 1:
        found.add(
            f"{where}.every_years",
            f"{prefix}every_years must be a whole number of at least 1, not {every!r}",
        )
        every = 1
    returns: tuple[str, ...] = ()
    if "returns" in entry:
        returns = _texts(entry, "returns", where, found)
        if any(code.casefold() == "all" for code in returns):
            returns = ("all",) if len(returns) == 1 else returns
            if len(returns) > 1:
                found.add(f"{where}.returns", f"{prefix}'all' cannot be listed with codes")
    anchor_year = None
    if "anchor_year" in entry:
        anchor_year = found.attempt(
            f"{where}.anchor_year",
            prefix,
            lambda: _anchor_year(entry["anchor_year"], year_start_month),
        )
    if len(found.problems) > before or key is None or what is None or frequency is None:
        return None
    if report_due is None:
        return None
    return found.attempt(
        where,
        "",
        lambda: Arrangement(
            key,
            what,
            who,
            frequency,
            report_due,
            data_due,
            description=description,
            concerns=concerns,
            every_years=every,
            anchor_year=anchor_year,
            returns=returns,
        ),
    )


def read_cycles(
    document: Mapping[str, Any],
    *,
    year_start_month: int = 4,
    calendars: Mapping[str, WorkingDayCalendar] | None = None,
    file: str = "framework.toml",
) -> CycleConfig:
    """The cycle described by the ``[cycle]``, ``[[meetings]]`` and ``[[monitoring]]``
    sections of a parsed ``framework.toml`` (the dictionary :func:`tomllib.load` returns).

    ``calendars`` is the registry the ``[cycle] calendar`` name is looked up in
    (:func:`~goldenthread.cycles.calendars.builtin_calendars` when not given);
    ``year_start_month`` is used to read ``anchor_year`` labels.

    Raises:
        BundleError: listing every problem found, each naming ``file``, the entry and key.
    """
    found = _Collector(file)
    registry = builtin_calendars() if calendars is None else calendars
    section = document.get("cycle", {})
    calendar_name = DEFAULT_CALENDAR
    if not isinstance(section, dict):
        found.add("cycle", "'cycle' must be a table, written [cycle]")
    else:
        _unknown_keys(section, _CYCLE_KEYS, "cycle", found)
        calendar_name = _text(section, "calendar", "cycle", found, required=False) or calendar_name
    calendar = found.attempt(
        "cycle.calendar", "", lambda: resolve_calendar(calendar_name, registry)
    )
    schedules = _read_meetings(document, found)
    with_meetings = {s.body.casefold() for s in schedules if not s.is_empty}
    arrangements: list[Arrangement] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(_entries(document, "monitoring", found), start=1):
        where = f"monitoring[{number}]"
        arrangement = _read_arrangement(entry, where, year_start_month, with_meetings, found)
        if arrangement is None:
            continue
        if arrangement.key in seen:
            found.add(
                f"{where}.key",
                f"arrangement {arrangement.key!r} is already defined in"
                f" monitoring[{seen[arrangement.key]}]",
            )
            continue
        seen[arrangement.key] = number
        arrangements.append(arrangement)
    if found.problems or calendar is None:
        raise BundleError(found.problems)
    return CycleConfig(calendar, tuple(schedules), tuple(arrangements))


def _period(row: Row, year_start_month: int, problems: list[Problem]) -> Period | None:
    try:
        text = row.period("period")  # a workbook date cell on the 1st reads as its month
    except ValueError as exc:
        problems.append(row.problem("period", str(exc)))
        return None
    if not text:
        problems.append(row.problem("period", "the period is empty"))
        return None
    try:
        return parse_period(text, year_start_month)
    except InputError as exc:
        problems.append(row.problem("period", "; ".join(p.reason for p in exc.problems)))
        return None


def _day(row: Row, column: str, problems: list[Problem]) -> dt.date | None:
    text = row.get(column)
    if not text:
        problems.append(row.problem(column, f"the {column} date is empty"))
        return None
    try:
        return parse_date(text)
    except ValueError:
        problems.append(
            row.problem(column, f"expected a date such as 2025-10-30 or 30/10/2025, not {text!r}")
        )
        return None


def read_returns(
    table: Table,
    codes: Collection[str],
    *,
    year_start_month: int = 4,
    rejected: Container[str] = (),
) -> tuple[ReturnRecord, ...]:
    """The returns recorded in ``returns.csv``, in file order.

    ``codes`` are the indicators defined in ``indicators.csv``; returns of the
    ``rejected`` codes (rows of ``indicators.csv`` already rejected and reported) are
    skipped, so one bad indicator row is reported once.

    Raises:
        BundleError: every bad cell: an empty or undefined indicator, an unreadable
            period, an empty or unreadable ``received`` date, and a return recorded
            twice for one indicator and period.
    """
    table.check_columns(RETURN_COLUMNS, ("indicator", "period", "received"))
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    out: list[ReturnRecord] = []
    for row in table:
        before = len(problems)
        code = row.get("indicator")
        if code in rejected:
            continue
        if not code:
            problems.append(row.problem("indicator", "the indicator code is empty"))
        elif code not in codes:
            problems.append(
                row.problem("indicator", f"no indicator {code!r} is defined in indicators.csv")
            )
        period = _period(row, year_start_month, problems)
        received = _day(row, "received", problems)
        if len(problems) > before or period is None or received is None:
            continue
        record = ReturnRecord(code, period, received, row.get("by"), row.get("note"))
        if record.key in seen:
            problems.append(
                row.problem(
                    "period",
                    f"the return of {code} for {period.label} is already recorded in row "
                    f"{seen[record.key]}",
                )
            )
            continue
        seen[record.key] = row.number
        out.append(record)
    if problems:
        raise BundleError(problems)
    return tuple(out)


def read_presentations(
    table: Table, arrangements: Sequence[Arrangement], *, year_start_month: int = 4
) -> tuple[Presentation, ...]:
    """The presentations recorded in ``presentations.csv``, in file order.

    ``arrangements`` are the framework's monitoring arrangements: ``report`` must name
    one by its key, and the period must be one of its periods (its frequency).

    Raises:
        BundleError: every bad cell: an empty or unknown report, an unreadable period or
            one of another frequency, an empty or unreadable ``presented`` date, and an
            occurrence recorded twice.
    """
    table.check_columns(PRESENTATION_COLUMNS, ("report", "period", "presented"))
    by_key = {a.key: a for a in arrangements}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    out: list[Presentation] = []
    for row in table:
        before = len(problems)
        key = row.get("report")
        arrangement = by_key.get(key)
        if not key:
            problems.append(row.problem("report", "the report (an arrangement's key) is empty"))
        elif arrangement is None:
            known = ", ".join(sorted(by_key)) or "none in framework.toml"
            problems.append(
                row.problem(
                    "report", f"no monitoring arrangement {key!r}; known arrangements: {known}"
                )
            )
        period = _period(row, year_start_month, problems)
        if (
            period is not None
            and arrangement is not None
            and period.months != arrangement.frequency.months
        ):
            problems.append(
                row.problem(
                    "period",
                    f"{key!r} is {arrangement.frequency.value}, so its period is a "
                    f"{arrangement.frequency.value} period, not {period.label!r}",
                )
            )
        presented = _day(row, "presented", problems)
        if len(problems) > before or period is None or presented is None:
            continue
        record = Presentation(key, period, presented, row.get("meeting"), row.get("note"))
        if record.key in seen:
            problems.append(
                row.problem(
                    "period",
                    f"{key} {period.label} is already recorded as presented in row "
                    f"{seen[record.key]}",
                )
            )
            continue
        seen[record.key] = row.number
        out.append(record)
    if problems:
        raise BundleError(problems)
    return tuple(out)
