"""Due rules: when data is due and when a report is due, relative to the end of a period.

A due rule turns an *anchor* date (the last day of the period, or the date the data was
due) into a due date, using a working-day calendar and committee meetings.  Three kinds,
each read from the spellings councils use by :func:`parse_due_rule` (case and spacing do
not matter, ``str()`` of a rule reads back to an equal rule):

=======================  ==========================================================
:class:`OffsetRule`      ``"10 working days after period end"``,
                         ``"20 days after period end"``, ``"6 weeks after period end"``,
                         ``"5 working days after data due"``
:class:`MonthEndRule`    ``"last working day of the following month"``,
                         ``"last working day of the 2nd month after period end"``
:class:`MeetingRule`     ``"first Cabinet meeting at least 6 weeks after period end"``,
                         ``"first Management Team meeting after period end"``,
                         ``"next Audit Committee meeting at least 10 working days after
                         data due"``
=======================  ==========================================================

Semantics:

- *days* and *weeks* are calendar days, and the due date is not moved off a weekend or
  holiday; *working days* are counted by the calendar's ``add_working_days`` (the anchor
  itself never counts).
- The last working day of a month is the last day of that month that is a working day.
- A meeting rule picks the first meeting of the body on or after the anchor plus the
  minimum gap; with no gap ("first Cabinet meeting after period end") the meeting must be
  strictly after the anchor.  Meetings are looked up by body name, case-insensitively.
  A meeting on a day the calendar does not work (a recurrence landing on a bank holiday)
  moves to the next working day, so a meeting-based due date is a working day.
- Every due date is strictly after its anchor, so every due date falls after the period.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import enum
import re
from collections.abc import Sequence
from typing import TypeAlias

from attrs import field, frozen

from goldenthread.cycles.calendars import WorkingDayCalendar
from goldenthread.cycles.meetings import MeetingSchedule, meetings_for
from goldenthread.errors import InputError

__all__ = [
    "Anchor",
    "DueRule",
    "MeetingRule",
    "MonthEndRule",
    "OffsetRule",
    "Unit",
    "parse_due_rule",
]

MEETING_HORIZON_DAYS = 400
"""How far after the earliest allowed date a meeting rule looks for a meeting."""


class Anchor(enum.Enum):
    """The date a due rule counts from."""

    PERIOD_END = "period end"
    DATA_DUE = "data due"


class Unit(enum.Enum):
    """The unit of a gap: calendar days, weeks, or working days."""

    DAYS = "day"
    WEEKS = "week"
    WORKING_DAYS = "working day"

    def add(self, day: dt.date, amount: int, calendar: WorkingDayCalendar) -> dt.date:
        """``day`` plus ``amount`` of this unit (working days counted by ``calendar``)."""
        if self is Unit.WORKING_DAYS:
            return calendar.add_working_days(day, amount)
        days = amount * 7 if self is Unit.WEEKS else amount
        return day + dt.timedelta(days=days)

    def spell(self, amount: int) -> str:
        """``"1 working day"``, ``"6 weeks"``."""
        return f"{amount} {self.value}{'' if amount == 1 else 's'}"


def _positive(instance: object, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"the number of days, weeks or months must be at least 1, not {value!r}")


def _not_negative(instance: object, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"the minimum gap before a meeting cannot be negative, not {value!r}")


@frozen
class OffsetRule:
    """Due ``amount`` ``unit`` after the anchor: ``"10 working days after period end"``."""

    amount: int = field(validator=_positive)
    unit: Unit = Unit.WORKING_DAYS
    anchor: Anchor = Anchor.PERIOD_END

    @property
    def bodies(self) -> tuple[str, ...]:
        """The bodies whose meetings the rule needs: none."""
        return ()

    def due(
        self, anchor: dt.date, calendar: WorkingDayCalendar, meetings: Sequence[MeetingSchedule]
    ) -> dt.date:
        """The due date for a period whose anchor date is ``anchor``."""
        return self.unit.add(anchor, self.amount, calendar)

    def __str__(self) -> str:
        return f"{self.unit.spell(self.amount)} after {self.anchor.value}"


@frozen
class MonthEndRule:
    """Due on the last working day of the ``months_after``-th month after the anchor's month:
    ``"last working day of the following month"`` is ``months_after=1``."""

    months_after: int = field(default=1, validator=_positive)
    anchor: Anchor = Anchor.PERIOD_END

    @property
    def bodies(self) -> tuple[str, ...]:
        """The bodies whose meetings the rule needs: none."""
        return ()

    def due(
        self, anchor: dt.date, calendar: WorkingDayCalendar, meetings: Sequence[MeetingSchedule]
    ) -> dt.date:
        """The due date for a period whose anchor date is ``anchor``.

        When the target month has no working day at all, the last working day before it.
        """
        index = anchor.year * 12 + anchor.month - 1 + self.months_after
        year, month = divmod(index, 12)
        day = dt.date(year, month + 1, _calendar.monthrange(year, month + 1)[1])
        while not calendar.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def __str__(self) -> str:
        if self.months_after == 1 and self.anchor is Anchor.PERIOD_END:
            return "last working day of the following month"
        return (
            f"last working day of the {_ordinal(self.months_after)} month after {self.anchor.value}"
        )


def _check_body(instance: object, attribute: object, value: str) -> None:
    if not value.strip():
        raise InputError("a meeting rule needs the name of the body that meets")


def _check_gap_unit(instance: MeetingRule, attribute: object, value: Unit) -> None:
    if instance.gap == 0 and value is not Unit.DAYS:
        raise InputError("a meeting rule without a gap takes no unit (leave unit as days)")


@frozen
class MeetingRule:
    """Due at the first meeting of ``body`` at least ``gap`` ``unit`` after the anchor
    (strictly after it when ``gap`` is 0, when ``unit`` must be :attr:`Unit.DAYS`)."""

    body: str = field(validator=_check_body)
    gap: int = field(default=0, validator=_not_negative)
    unit: Unit = field(default=Unit.DAYS, validator=_check_gap_unit)
    anchor: Anchor = Anchor.PERIOD_END

    @property
    def bodies(self) -> tuple[str, ...]:
        """The bodies whose meetings the rule needs: ``(body,)``."""
        return (self.body,)

    def due(
        self, anchor: dt.date, calendar: WorkingDayCalendar, meetings: Sequence[MeetingSchedule]
    ) -> dt.date:
        """The date of the meeting the report goes to.

        Raises:
            InputError: no meetings are known for the body, or none falls within
                :data:`MEETING_HORIZON_DAYS` days of the earliest allowed date.
        """
        schedule = meetings_for(self.body, meetings)
        if self.gap == 0:
            earliest = anchor + dt.timedelta(days=1)
        else:
            earliest = self.unit.add(anchor, self.gap, calendar)
        found = schedule.first_on_or_after(earliest, horizon_days=MEETING_HORIZON_DAYS)
        if found is None:
            raise InputError(
                f"no {self.body} meeting is known on or after {earliest.isoformat()}"
                f" (looked {MEETING_HORIZON_DAYS} days ahead) for rule '{self}'"
            )
        # a meeting falling on a bank holiday (or a weekend) is held the next working day
        return calendar.add_working_days(found, 0)

    def __str__(self) -> str:
        gap = f" at least {self.unit.spell(self.gap)}" if self.gap else ""
        return f"first {self.body} meeting{gap} after {self.anchor.value}"


DueRule: TypeAlias = OffsetRule | MonthEndRule | MeetingRule
"""Any due rule."""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ANCHOR = r"(?P<anchor>period end|the end of the period|data due|the data due date)"
_ANCHOR_2 = _ANCHOR.replace("anchor", "a2")
_UNIT = r"(?P<unit>working days?|business days?|days?|weeks?)"
_OFFSET = re.compile(rf"^(?P<amount>\d+) {_UNIT} after {_ANCHOR}$", re.IGNORECASE)
_MONTH_END = re.compile(
    r"^last working day of the (?:(?P<following>following|next) month"
    rf"|month after {_ANCHOR}|(?P<n>\d+)(?:st|nd|rd|th) month after {_ANCHOR_2})$",
    re.IGNORECASE,
)
_MEETING = re.compile(
    rf"^(?:the )?(?:first|next) (?P<body>.+?) meeting(?: at least (?P<amount>\d+) {_UNIT})?"
    rf" after {_ANCHOR}$",
    re.IGNORECASE,
)

_EXAMPLES = (
    "'10 working days after period end', '20 days after period end', "
    "'last working day of the following month' or "
    "'first Cabinet meeting at least 6 weeks after period end'"
)


def _anchor(text: str | None) -> Anchor:
    if text is not None and "data" in text.lower():
        return Anchor.DATA_DUE
    return Anchor.PERIOD_END


def _unit(text: str | None) -> Unit:
    if text is None:
        return Unit.DAYS
    word = text.lower()
    if word.startswith(("working", "business")):
        return Unit.WORKING_DAYS
    return Unit.WEEKS if word.startswith("week") else Unit.DAYS


def parse_due_rule(text: str) -> DueRule:
    """Read a due rule written as in ``framework.toml`` (see the module documentation).

    Raises:
        InputError: the text is not a due rule, or its number is out of range; the message
            quotes the text and gives examples of accepted spellings.
    """
    key = " ".join(text.split())
    try:
        offset = _OFFSET.match(key)
        if offset:
            return OffsetRule(
                int(offset["amount"]), _unit(offset["unit"]), _anchor(offset["anchor"])
            )
        month_end = _MONTH_END.match(key)
        if month_end:
            if month_end["following"]:
                return MonthEndRule(1)
            if month_end["n"]:
                return MonthEndRule(int(month_end["n"]), _anchor(month_end["a2"]))
            return MonthEndRule(1, _anchor(month_end["anchor"]))
        meeting = _MEETING.match(key)
        if meeting:
            amount = meeting["amount"]
            if amount is not None and int(amount) == 0:
                raise InputError("'at least 0' is not a gap; leave 'at least ...' out")
            return MeetingRule(
                meeting["body"],
                int(amount) if amount is not None else 0,
                _unit(meeting["unit"]),
                _anchor(meeting["anchor"]),
            )
    except InputError as exc:
        raise InputError(f"due rule {text!r}: {exc}") from None
    raise InputError(f"cannot read due rule {text!r}; write e.g. {_EXAMPLES}")
