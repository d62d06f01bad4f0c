"""iCalendar export, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from goldenthread.cycles import schedule_for_year
from goldenthread.errors import InputError
from goldenthread.io.ical import schedule_to_ical
from goldenthread.periods import FinancialYear
from tests.cycles.examples import example_cycle

STAMP = dt.datetime(2024, 11, 1, 9, 30, tzinfo=dt.UTC)


def _poole_ics() -> tuple[Calendar, int, int]:
    config = example_cycle("poole")
    schedule = schedule_for_year(
        config.arrangements, FinancialYear(2024), config.calendar, config.meetings
    )
    text = schedule_to_ical(schedule, stamp=STAMP, name="Poole cycle", domain="poole.example")
    with_data = sum(1 for o in schedule if o.data_due is not None)
    return Calendar.from_ical(text), len(schedule), with_data


def test_every_deadline_is_an_all_day_event() -> None:
    calendar, occurrences, with_data = _poole_ics()
    events = calendar.walk("VEVENT")
    assert len(events) == occurrences + with_data
    assert str(calendar["X-WR-CALNAME"]) == "Poole cycle 2024/25"
    assert str(calendar["PRODID"]) == "-//goldenthread//planning and review cycle//EN"
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is dt.date
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == STAMP


def test_the_half_yearly_performance_report_event() -> None:
    calendar, _, _ = _poole_ics()
    [event] = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["UID"]) == "corporate-performance-2024-25-h1-report@poole.example"
    ]
    assert str(event["SUMMARY"]) == (
        "Report due: Corporate Strategy priorities (corporate performance report) 2024/25 H1"
    )
    assert event.decoded("DTSTART") == dt.date(2024, 11, 12)
    description = str(event["DESCRIPTION"])
    assert "Who: Management Team, Cabinet." in description
    assert "Rule: first Cabinet meeting at least 6 weeks after period end." in description


def test_naive_stamp_is_rejected() -> None:
    config = example_cycle("poole")
    schedule = schedule_for_year(
        config.arrangements, FinancialYear(2024), config.calendar, config.meetings
    )
    with pytest.raises(InputError, match=r"^the iCalendar time stamp must be timezone-aware"):
        schedule_to_ical(schedule, stamp=dt.datetime(2024, 11, 1))
