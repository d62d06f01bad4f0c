"""What is due, due soon, overdue or done as at a given date.

The date is always passed in (``as_at``); nothing here reads the clock.  An occurrence is
judged by its *report* due date:

- **done**: a completion date on or before both ``as_at`` and the report due date was
  supplied for it (a completion dated after ``as_at`` had not happened yet as at that
  date);
- **late**: completed on or before ``as_at`` but after the report due date;
- **overdue**: not done and the report due date is before ``as_at``;
- **due soon**: not done and due from ``as_at`` up to and including the date
  ``soon`` working days after ``as_at`` (10 working days by default, counted by the
  calendar, so bank holidays lengthen the window); due *on* ``as_at`` is due soon, not
  overdue;
- **not due**: due later than that.

As ``as_at`` moves forward an occurrence only ever moves along not due → due soon →
overdue, or to done or late, and once done (or late) stays so.  Completion dates come
from the record of presentations
(:func:`~goldenthread.cycles.records.presented_by_occurrence`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

from attrs import frozen

from goldenthread.cycles.calendars import WorkingDayCalendar
from goldenthread.cycles.schedule import Occurrence, Schedule
from goldenthread.errors import InputError

__all__ = ["DEFAULT_SOON", "OccurrenceStatus", "Status", "assess_schedule", "classify"]

DEFAULT_SOON = 10
"""The default "due soon" window, in working days."""


class Status(enum.Enum):
    """Where an occurrence stands as at a date (the value is the JSON spelling)."""

    NOT_DUE = "not-due"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    DONE = "done"
    LATE = "late"


@frozen
class OccurrenceStatus:
    """An occurrence with its status as at ``as_at`` and its completion date, if done."""

    occurrence: Occurrence
    status: Status
    as_at: dt.date
    completed: dt.date | None = None


def classify(
    occurrence: Occurrence,
    as_at: dt.date,
    calendar: WorkingDayCalendar,
    *,
    completed: dt.date | None = None,
    soon: int = DEFAULT_SOON,
) -> Status:
    """The status of ``occurrence`` as at ``as_at`` (see the module documentation).

    Raises:
        InputError: ``soon`` is negative.
    """
    if soon < 0:
        raise InputError(f"the due-soon window must be 0 or more working days, not {soon}")
    due = occurrence.report_due
    if completed is not None and completed <= as_at:
        return Status.LATE if completed > due else Status.DONE
    if due < as_at:
        return Status.OVERDUE
    horizon = calendar.add_working_days(as_at, soon)
    if due <= horizon:
        return Status.DUE_SOON
    return Status.NOT_DUE


def assess_schedule(
    schedule: Schedule,
    as_at: dt.date,
    calendar: WorkingDayCalendar,
    *,
    completed: Mapping[tuple[str, str], dt.date] | None = None,
    soon: int = DEFAULT_SOON,
) -> tuple[OccurrenceStatus, ...]:
    """The status of every occurrence of ``schedule`` as at ``as_at``, in schedule order.

    ``completed`` maps ``(arrangement key, period label)`` (:attr:`Occurrence.key`) to the
    date the occurrence was completed.

    Raises:
        InputError: ``soon`` is negative, or ``completed`` names an occurrence that is not
            in the schedule.
    """
    completed = dict(completed or {})
    known = {occurrence.key for occurrence in schedule}
    unknown = sorted(set(completed) - known)
    if unknown:
        names = ", ".join(f"{key} {label}" for key, label in unknown)
        raise InputError(f"completion dates given for occurrences not in the schedule: {names}")
    result = []
    for occurrence in schedule:
        done = completed.get(occurrence.key)
        status = classify(occurrence, as_at, calendar, completed=done, soon=soon)
        result.append(
            OccurrenceStatus(
                occurrence,
                status,
                as_at,
                done if status in (Status.DONE, Status.LATE) else None,
            )
        )
    return tuple(result)
