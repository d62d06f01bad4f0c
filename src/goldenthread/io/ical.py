"""Export a schedule to iCalendar (RFC 5545) so officers can subscribe to the deadlines.

:func:`schedule_to_ical` writes one all-day event per deadline: the data due date (when the
arrangement has one) and the report due date of every occurrence.  Event UIDs are stable
(``<arrangement>-<period>-<data|report>@<domain>``), so a re-published calendar updates the
events a subscriber already has instead of duplicating them.  ``DTSTAMP`` is the
``stamp`` passed in (timezone-aware UTC); nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from goldenthread.cycles.schedule import Occurrence, Schedule
from goldenthread.errors import InputError

if TYPE_CHECKING:
    from icalendar import Event

__all__ = ["schedule_to_ical"]

PRODID = "-//goldenthread//planning and review cycle//EN"
"""The iCalendar ``PRODID`` of the calendars this module writes."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _event(
    occurrence: Occurrence, kind: str, day: dt.date, stamp: dt.datetime, domain: str
) -> Event:
    from icalendar import Event  # loaded when a calendar is written, not at start-up

    arrangement = occurrence.arrangement
    period = occurrence.period.label
    event = Event()
    event.add("uid", f"{_slug(arrangement.key)}-{_slug(period)}-{kind}@{domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    label = "Data due" if kind == "data" else "Report due"
    event.add("summary", f"{label}: {arrangement.what} {period}")
    rule = arrangement.data_due if kind == "data" else arrangement.report_due
    lines = [
        f"{label} for {arrangement.what}, {period} ({occurrence.period.start.isoformat()}"
        f" to {occurrence.period.end.isoformat()}).",
        f"Who: {', '.join(arrangement.who)}.",
        f"Rule: {rule}.",
    ]
    if arrangement.description:
        lines.append(arrangement.description)
    event.add("description", "\n".join(lines))
    event.add("categories", [kind, arrangement.frequency.value])
    event.add("transp", "TRANSPARENT")
    return event


def schedule_to_ical(
    schedule: Schedule,
    *,
    stamp: dt.datetime,
    name: str = "Planning and review cycle",
    domain: str = "goldenthread.invalid",
) -> bytes:
    """The schedule as an iCalendar file (bytes, CRLF line endings).

    Args:
        schedule: the schedule to export.
        stamp: when the calendar was produced (``DTSTAMP``); must be timezone-aware.
        name: the calendar's display name (``X-WR-CALNAME``); the financial year is added.
        domain: the right-hand side of every event UID, normally the council's web domain.

    Raises:
        InputError: ``stamp`` is naive.
    """
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise InputError("the iCalendar time stamp must be timezone-aware (UTC)")
    from icalendar import Calendar  # loaded when a calendar is written, not at start-up

    stamp = stamp.astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{name} {schedule.year.label}")
    for occurrence in schedule:
        if occurrence.data_due is not None:
            calendar.add_component(_event(occurrence, "data", occurrence.data_due, stamp, domain))
        calendar.add_component(_event(occurrence, "report", occurrence.report_due, stamp, domain))
    result: bytes = calendar.to_ical()
    return result
