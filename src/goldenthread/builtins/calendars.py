"""Built-in holiday calendars: ``england-and-wales``, ``scotland``, ``northern-ireland`` and
``weekends-only``, from :func:`goldenthread.cycles.calendars.builtin_calendars`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goldenthread.hookspecs import hookimpl

if TYPE_CHECKING:
    from goldenthread.cycles.calendars import WorkingDayCalendar

__all__ = ["goldenthread_holiday_calendars"]


@hookimpl
def goldenthread_holiday_calendars() -> list[WorkingDayCalendar]:
    """The UK nations' bank holiday calendars and a weekends-only calendar."""
    from goldenthread.cycles.calendars import builtin_calendars

    return list(builtin_calendars().values())
