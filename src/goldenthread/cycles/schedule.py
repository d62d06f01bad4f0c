"""Schedules: every occurrence of every arrangement in a financial year, with its due dates.

:func:`schedule_for_year` gives each arrangement one :class:`Occurrence` per period of its
frequency in the year (``FinancialYear.subperiods``): four for a quarterly arrangement, one
for an annual one (none in the off years of an arrangement that occurs every few years).
Each occurrence has the date its data is due (if the arrangement has a data rule) and the
date its report is due, both after the period ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from attrs import field, frozen

from goldenthread.cycles.arrangements import Arrangement
from goldenthread.cycles.calendars import WorkingDayCalendar
from goldenthread.cycles.meetings import MeetingSchedule
from goldenthread.cycles.rules import Anchor, DueRule
from goldenthread.errors import InputError, Problem
from goldenthread.periods import FinancialYear, Period

__all__ = ["Occurrence", "Schedule", "ScheduleError", "schedule_for_year"]


class ScheduleError(InputError):
    """Due dates that cannot be worked out (a body with no meetings, duplicate keys).

    ``problems`` lists every problem, each naming the arrangement.
    """


@frozen
class Occurrence:
    """One occurrence of an arrangement: the period it covers and its due dates."""

    arrangement: Arrangement
    period: Period
    report_due: dt.date
    data_due: dt.date | None = None

    @property
    def key(self) -> tuple[str, str]:
        """``(arrangement key, period label)``, unique within a schedule."""
        return (self.arrangement.key, self.period.label)


def _sort_key(occurrence: Occurrence) -> tuple[dt.date, str, dt.date]:
    return (occurrence.report_due, occurrence.arrangement.key, occurrence.period.start)


def _sorted(occurrences: Iterable[Occurrence]) -> tuple[Occurrence, ...]:
    return tuple(sorted(occurrences, key=_sort_key))


@frozen
class Schedule:
    """The occurrences of a financial year, ordered by report due date, then arrangement key."""

    year: FinancialYear
    occurrences: tuple[Occurrence, ...] = field(converter=_sorted)

    def __iter__(self) -> Iterator[Occurrence]:
        return iter(self.occurrences)

    def __len__(self) -> int:
        return len(self.occurrences)

    def for_arrangement(self, key: str) -> tuple[Occurrence, ...]:
        """The occurrences of the arrangement ``key``, in period order."""
        mine = [o for o in self.occurrences if o.arrangement.key == key]
        return tuple(sorted(mine, key=lambda o: o.period.start))

    def due_between(self, first: dt.date, last: dt.date) -> tuple[Occurrence, ...]:
        """Occurrences whose data or report is due from ``first`` to ``last`` inclusive."""
        return tuple(
            o
            for o in self.occurrences
            if first <= o.report_due <= last
            or (o.data_due is not None and first <= o.data_due <= last)
        )


def _due(
    rule: DueRule,
    period: Period,
    data_due: dt.date | None,
    calendar: WorkingDayCalendar,
    meetings: Sequence[MeetingSchedule],
) -> dt.date:
    anchor = data_due if rule.anchor is Anchor.DATA_DUE and data_due is not None else period.end
    return rule.due(anchor, calendar, meetings)


def schedule_for_year(
    arrangements: Iterable[Arrangement],
    year: FinancialYear,
    calendar: WorkingDayCalendar,
    meetings: Sequence[MeetingSchedule] = (),
) -> Schedule:
    """Work out every arrangement's occurrences and due dates in financial year ``year``.

    Periods follow ``year``'s year start month.  Working days are counted by ``calendar``
    and meeting rules look meetings up in ``meetings``.

    Raises:
        ScheduleError: listing every problem: duplicate arrangement keys, rules naming a
            body with no meetings, or no meeting late enough for a rule.
    """
    problems: list[Problem] = []
    occurrences: list[Occurrence] = []
    seen: set[str] = set()
    for arrangement in arrangements:
        if arrangement.key in seen:
            problems.append(Problem(f"arrangement {arrangement.key!r} is listed twice"))
            continue
        seen.add(arrangement.key)
        if not arrangement.occurs_in(year):
            continue
        for period in year.subperiods(arrangement.frequency):
            try:
                data_due = None
                if arrangement.data_due is not None:
                    data_due = _due(arrangement.data_due, period, None, calendar, meetings)
                report_due = _due(arrangement.report_due, period, data_due, calendar, meetings)
            except InputError as exc:
                for problem in exc.problems:
                    found = Problem(f"arrangement {arrangement.key!r}: {problem.reason}")
                    if found not in problems:
                        problems.append(found)
                continue
            occurrences.append(Occurrence(arrangement, period, report_due, data_due))
    if problems:
        raise ScheduleError(problems)
    return Schedule(year, occurrences)
