"""The planning and review cycle (:mod:`goldenthread.cycles`).

What is monitored, who by, how often and when it is due, as data:

- :mod:`~goldenthread.cycles.calendars`: working-day calendars (England and Wales bank
  holidays and others, behind a replaceable interface);
- :mod:`~goldenthread.cycles.meetings`: when committees meet;
- :mod:`~goldenthread.cycles.rules`: due rules such as "10 working days after period end";
- :mod:`~goldenthread.cycles.arrangements`: monitoring arrangements;
- :mod:`~goldenthread.cycles.schedule`: a financial year's occurrences and due dates;
- :mod:`~goldenthread.cycles.status`: due, due soon, overdue, done or late on a judging
  day;
- :mod:`~goldenthread.cycles.records`: returns received and reports presented, recorded;
- :mod:`~goldenthread.cycles.render`: a plain-text timetable.

Everything here is pure: no I/O and no clock; judging days (``as_at``) are passed in.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread.cycles.arrangements import Arrangement
    from goldenthread.cycles.calendars import (
        BankHolidayCalendar,
        EnglandAndWalesCalendar,
        NorthernIrelandCalendar,
        ScotlandCalendar,
        WeekendsOnlyCalendar,
        WorkingDayCalendar,
        builtin_calendars,
        resolve_calendar,
    )
    from goldenthread.cycles.meetings import (
        MeetingSchedule,
        Recurrence,
        meetings_for,
        parse_recurrence,
    )
    from goldenthread.cycles.records import (
        Presentation,
        ReturnRecord,
        presented_by_occurrence,
        received_by_return,
    )
    from goldenthread.cycles.render import format_date, render_schedule_text
    from goldenthread.cycles.rules import (
        Anchor,
        DueRule,
        MeetingRule,
        MonthEndRule,
        OffsetRule,
        Unit,
        parse_due_rule,
    )
    from goldenthread.cycles.schedule import Occurrence, Schedule, ScheduleError, schedule_for_year
    from goldenthread.cycles.status import (
        DEFAULT_SOON,
        OccurrenceStatus,
        Status,
        assess_schedule,
        classify,
    )

__all__ = [
    "DEFAULT_SOON",
    "Anchor",
    "Arrangement",
    "BankHolidayCalendar",
    "DueRule",
    "EnglandAndWalesCalendar",
    "MeetingRule",
    "MeetingSchedule",
    "MonthEndRule",
    "NorthernIrelandCalendar",
    "Occurrence",
    "OccurrenceStatus",
    "OffsetRule",
    "Presentation",
    "Recurrence",
    "ReturnRecord",
    "Schedule",
    "ScheduleError",
    "ScotlandCalendar",
    "Status",
    "Unit",
    "WeekendsOnlyCalendar",
    "WorkingDayCalendar",
    "assess_schedule",
    "builtin_calendars",
    "classify",
    "format_date",
    "meetings_for",
    "parse_due_rule",
    "parse_recurrence",
    "presented_by_occurrence",
    "received_by_return",
    "render_schedule_text",
    "resolve_calendar",
    "schedule_for_year",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.cycles.arrangements": ("Arrangement",),
            "goldenthread.cycles.calendars": (
                "BankHolidayCalendar",
                "EnglandAndWalesCalendar",
                "NorthernIrelandCalendar",
                "ScotlandCalendar",
                "WeekendsOnlyCalendar",
                "WorkingDayCalendar",
                "builtin_calendars",
                "resolve_calendar",
            ),
            "goldenthread.cycles.meetings": (
                "MeetingSchedule",
                "Recurrence",
                "meetings_for",
                "parse_recurrence",
            ),
            "goldenthread.cycles.records": (
                "Presentation",
                "ReturnRecord",
                "presented_by_occurrence",
                "received_by_return",
            ),
            "goldenthread.cycles.render": ("format_date", "render_schedule_text"),
            "goldenthread.cycles.rules": (
                "Anchor",
                "DueRule",
                "MeetingRule",
                "MonthEndRule",
                "OffsetRule",
                "Unit",
                "parse_due_rule",
            ),
            "goldenthread.cycles.schedule": (
                "Occurrence",
                "Schedule",
                "ScheduleError",
                "schedule_for_year",
            ),
            "goldenthread.cycles.status": (
                "DEFAULT_SOON",
                "OccurrenceStatus",
                "Status",
                "assess_schedule",
                "classify",
            ),
        },
    )
