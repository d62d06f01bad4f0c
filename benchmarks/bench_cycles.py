"""Benchmarks for the review cycle: a council's year of deadlines and their statuses."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from typing import Any

from goldenthread.cycles import (
    EnglandAndWalesCalendar,
    assess_schedule,
    render_schedule_text,
    schedule_for_year,
)
from goldenthread.io.cycles import CycleConfig, read_cycles
from goldenthread.io.ical import schedule_to_ical
from goldenthread.periods import FinancialYear

STAMP = dt.datetime(2024, 11, 1, tzinfo=dt.UTC)


def _poole() -> CycleConfig:
    text = resources.files("goldenthread.examples").joinpath("poole", "framework.toml").read_text()
    return read_cycles(tomllib.loads(text))


def test_schedule_for_year(benchmark: Any) -> None:
    config = _poole()
    schedule = benchmark(
        schedule_for_year,
        config.arrangements,
        FinancialYear(2024),
        config.calendar,
        config.meetings,
    )
    assert len(schedule) == 40


def test_two_years_of_schedules_and_statuses(benchmark: Any) -> None:
    config = _poole()

    def run() -> int:
        total = 0
        for year in (2024, 2025):
            schedule = schedule_for_year(
                config.arrangements, FinancialYear(year), config.calendar, config.meetings
            )
            total += len(assess_schedule(schedule, dt.date(year, 11, 1), config.calendar))
        return total

    assert benchmark(run) == 80


def test_render_text_and_ics(benchmark: Any) -> None:
    config = _poole()
    schedule = schedule_for_year(
        config.arrangements, FinancialYear(2024), config.calendar, config.meetings
    )

    def run() -> int:
        return len(render_schedule_text(schedule)) + len(schedule_to_ical(schedule, stamp=STAMP))

    assert benchmark(run) > 0


def test_add_250_working_days(benchmark: Any) -> None:
    calendar = EnglandAndWalesCalendar()
    result = benchmark(calendar.add_working_days, dt.date(2024, 4, 1), 250)
    assert calendar.is_working_day(result)
