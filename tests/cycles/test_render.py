"""The plain-text timetable."""

from __future__ import annotations

import datetime as dt

from goldenthread.cycles import (
    Arrangement,
    OffsetRule,
    WeekendsOnlyCalendar,
    assess_schedule,
    format_date,
    render_schedule_text,
    schedule_for_year,
)
from goldenthread.periods import FinancialYear, Frequency

CALENDAR = WeekendsOnlyCalendar()
PLAN = Arrangement(
    "plan",
    "Plan review",
    ["Council"],
    Frequency.ANNUAL,
    OffsetRule(10),
    every_years=3,
    anchor_year=2024,
)


def test_format_date() -> None:
    assert format_date(dt.date(2024, 7, 17)) == "Wed 17 Jul 2024"
    assert format_date(None) == "-"


def test_table_with_statuses() -> None:
    schedule = schedule_for_year([PLAN], FinancialYear(2024), CALENDAR)
    statuses = assess_schedule(schedule, dt.date(2025, 4, 14), CALENDAR)
    assert render_schedule_text(schedule, statuses) == (
        "Planning and review cycle 2024/25 as at Mon 14 Apr 2025\n"
        "\n"
        "Report due       Data due  Period   What         Who      Status\n"
        "---------------  --------  -------  -----------  -------  --------\n"
        "Mon 14 Apr 2025  -         2024/25  Plan review  Council  due-soon\n"
    )


def test_a_year_with_nothing_scheduled_says_so() -> None:
    schedule = schedule_for_year([PLAN], FinancialYear(2025), CALENDAR)
    text = render_schedule_text(schedule)
    assert text.splitlines()[0] == "Planning and review cycle 2025/26"
    assert text.endswith("(nothing is scheduled in this year)\n")
    assert "Status" not in text
