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

:func:`read_cycles` checks everything and raises one :class:`~goldenthread.errors.BundleError`
listing every problem, each naming ``framework.toml``, the entry (``monitoring[2]``, counted
from 1 in file order) and key, and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from attrs import frozen

from goldenthread.cycles.arrangements import Arrangement
from goldenthread.cycles.calendars import WorkingDayCalendar, builtin_calendars, resolve_calendar
from goldenthread.cycles.meetings import MeetingSchedule, Recurrence, parse_recurrence
from goldenthread.cycles.rules import DueRule, parse_due_rule
from goldenthread.errors import BundleError, InputError, Problem
from goldenthread.periods import FinancialYear, Frequency, parse_period

__all__ = ["DEFAULT_CALENDAR", "CycleConfig", "read_cycles"]

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
