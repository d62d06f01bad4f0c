"""Committee meetings: when Management Team, Cabinet or Audit Committee meet.

A :class:`MeetingSchedule` gives one body's meetings as explicit dates, as recurrence
rules, or both, less any cancelled dates.  Recurrences are spelled as councils write them
and parsed by :func:`parse_recurrence`:

- ``"2nd Wednesday monthly"`` (also ``"second Wednesday of each month"``,
  ``"last Tuesday of every month"``; ordinals ``1st``-``4th``, ``first``-``fourth`` and
  ``last``);
- ``"every Tuesday"`` (weekly).

They are expanded with :mod:`dateutil.rrule`.  Due rules such as "the first Cabinet meeting
at least 6 weeks after period end" look meetings up here with :func:`meetings_for`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from attrs import field, frozen
from dateutil import rrule

from goldenthread.errors import InputError

__all__ = [
    "MeetingSchedule",
    "Recurrence",
    "meetings_for",
    "parse_recurrence",
]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINALS = {
    "1st": 1,
    "first": 1,
    "2nd": 2,
    "second": 2,
    "3rd": 3,
    "third": 3,
    "4th": 4,
    "fourth": 4,
    "last": -1,
}
_ORDINAL_NAMES = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
_MONTHLY = re.compile(
    r"^(?P<ordinal>\w+) (?P<weekday>\w+?)s?(?: monthly| of (?:each|every|the) month| each month)$"
)
_WEEKLY = re.compile(r"^(?:every|each) (?P<weekday>\w+?)s?(?: weekly)?$|^(?P<w2>\w+?)s? weekly$")

_SPELLINGS = "'2nd Wednesday monthly', 'last Tuesday of each month' or 'every Monday'"


def _check_weekday(instance: Recurrence, attribute: object, value: int) -> None:
    if not 0 <= value <= 6:
        raise InputError(f"weekday must be 0 (Monday) to 6 (Sunday), not {value!r}")


def _check_ordinal(instance: Recurrence, attribute: object, value: int | None) -> None:
    if value is not None and value not in _ORDINAL_NAMES:
        raise InputError(f"ordinal must be 1-4 or -1 (last), not {value!r}")


@frozen
class Recurrence:
    """A meeting that recurs: on ``weekday`` (0 = Monday) every week when ``ordinal`` is
    ``None``, otherwise on the ``ordinal``-th such weekday of every month (``-1`` = last).
    """

    weekday: int = field(validator=_check_weekday)
    ordinal: int | None = field(default=None, validator=_check_ordinal)

    def between(self, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
        """The dates of this recurrence from ``first`` to ``last`` inclusive, in order."""
        if last < first:
            return ()
        weekday = rrule.weekdays[self.weekday]
        start = dt.datetime.combine(first, dt.time())
        until = dt.datetime.combine(last, dt.time())
        if self.ordinal is None:
            rule = rrule.rrule(rrule.WEEKLY, byweekday=weekday, dtstart=start, until=until)
        else:
            rule = rrule.rrule(
                rrule.MONTHLY, byweekday=weekday(self.ordinal), dtstart=start, until=until
            )
        return tuple(moment.date() for moment in rule)

    def __str__(self) -> str:
        day = _WEEKDAYS[self.weekday].capitalize()
        if self.ordinal is None:
            return f"every {day}"
        return f"{_ORDINAL_NAMES[self.ordinal]} {day} monthly"


def parse_recurrence(text: str) -> Recurrence:
    """Read a meeting recurrence such as ``"2nd Wednesday monthly"`` or ``"every Monday"``.

    ``str()`` of the result reads back to an equal recurrence.

    Raises:
        InputError: the text is not one of the accepted spellings; the message says which
            spellings are accepted.
    """
    key = " ".join(text.strip().lower().split())
    monthly = _MONTHLY.match(key)
    if monthly:
        ordinal = _ORDINALS.get(monthly["ordinal"])
        weekday = _weekday(monthly["weekday"])
        if ordinal is not None and weekday is not None:
            return Recurrence(weekday, ordinal)
    weekly = _WEEKLY.match(key)
    if weekly:
        weekday = _weekday(weekly["weekday"] or weekly["w2"])
        if weekday is not None:
            return Recurrence(weekday)
    raise InputError(f"cannot read meeting recurrence {text!r}; write e.g. {_SPELLINGS}")


def _weekday(word: str) -> int | None:
    for number, name in enumerate(_WEEKDAYS):
        if word in (name, name[:3]):
            return number
    return None


def _to_dates(values: Iterable[dt.date]) -> tuple[dt.date, ...]:
    return tuple(sorted(set(values)))


def _to_recurrences(values: Iterable[Recurrence]) -> tuple[Recurrence, ...]:
    return tuple(values)


def _check_body(instance: MeetingSchedule, attribute: object, value: str) -> None:
    if not value.strip():
        raise InputError("a meeting schedule needs the name of the body that meets")


@frozen
class MeetingSchedule:
    """When one body (``"Cabinet"``) meets: explicit ``dates`` and ``recurrences``, less
    ``cancelled`` dates."""

    body: str = field(validator=_check_body)
    dates: tuple[dt.date, ...] = field(default=(), converter=_to_dates)
    recurrences: tuple[Recurrence, ...] = field(default=(), converter=_to_recurrences)
    cancelled: tuple[dt.date, ...] = field(default=(), converter=_to_dates)

    @property
    def is_empty(self) -> bool:
        """Whether the schedule has no explicit dates and no recurrences."""
        return not self.dates and not self.recurrences

    def between(self, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
        """Every meeting from ``first`` to ``last`` inclusive, in order, without duplicates."""
        found = {day for day in self.dates if first <= day <= last}
        for recurrence in self.recurrences:
            found.update(recurrence.between(first, last))
        found.difference_update(self.cancelled)
        return tuple(sorted(found))

    def first_on_or_after(self, day: dt.date, *, horizon_days: int = 400) -> dt.date | None:
        """The first meeting on or after ``day`` within ``horizon_days`` days, or ``None``."""
        found = self.between(day, day + dt.timedelta(days=horizon_days))
        return found[0] if found else None


def meetings_for(body: str, meetings: Sequence[MeetingSchedule]) -> MeetingSchedule:
    """The meetings of ``body`` (compared case-insensitively), merged when listed twice.

    Raises:
        InputError: no schedule names ``body``, or its schedules hold no meetings.
    """
    wanted = body.strip().casefold()
    mine = [schedule for schedule in meetings if schedule.body.strip().casefold() == wanted]
    merged = MeetingSchedule(
        body,
        dates=[day for schedule in mine for day in schedule.dates],
        recurrences=[rule for schedule in mine for rule in schedule.recurrences],
        cancelled=[day for schedule in mine for day in schedule.cancelled],
    )
    if merged.is_empty:
        known = ", ".join(sorted({schedule.body for schedule in meetings if not schedule.is_empty}))
        raise InputError(
            f"no meetings are known for {body!r}; give its meeting dates or a recurrence"
            + (f" (bodies with meetings: {known})" if known else "")
        )
    return merged
