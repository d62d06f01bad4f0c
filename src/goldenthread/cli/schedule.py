"""``goldenthread schedule SOURCE --year 2024/25``: the planning and review cycle of a year.

Reads the ``[cycle]``, ``[[meetings]]`` and ``[[monitoring]]`` sections of SOURCE's
``framework.toml`` (SOURCE is a bundle or a store URL) and prints every deadline of the
financial year: as an aligned table (default), as JSON (a list of objects with
``arrangement``, ``what``, ``who``, ``frequency``, ``period``, ``period_start``,
``period_end``, ``data_due``, ``report_due``, ``concerns`` and, with ``--on`` or
``--as-at``, ``status`` and ``presented``, the day it was presented or ``null``) or as an
iCalendar file officers can subscribe to (``--format ics``).
``--on DATE`` (or ``--as-at`` alone, which also reproduces a store's record) adds each
occurrence's status (not due, due soon, overdue, done, late) on that judging day,
from the record of presentations.  Exit 0 on success, 2 on bad input.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from goldenthread.cli.options import (
    judging_day,
    on_option,
    open_source,
    organisation_option,
    parse_as_at,
)
from goldenthread.cycles.records import presented_by_occurrence
from goldenthread.cycles.render import render_schedule_text
from goldenthread.cycles.schedule import Schedule, schedule_for_year
from goldenthread.cycles.status import DEFAULT_SOON, OccurrenceStatus, assess_schedule
from goldenthread.errors import InputError
from goldenthread.io.ical import schedule_to_ical
from goldenthread.periods import FinancialYear, parse_period

__all__ = ["schedule", "schedule_records"]


def _financial_year(text: str, year_start_month: int) -> FinancialYear:
    period = parse_period(text, year_start_month)
    if not isinstance(period, FinancialYear):
        raise InputError(f"--year must be a financial year such as 2024/25, not {text!r}")
    return period


def schedule_records(
    schedule: Schedule, statuses: tuple[OccurrenceStatus, ...] | None = None
) -> list[dict[str, Any]]:
    """The JSON objects ``schedule --format json`` prints, one per occurrence."""
    by_key = {status.occurrence.key: status for status in statuses or ()}
    records = []
    for occurrence in schedule:
        arrangement = occurrence.arrangement
        record: dict[str, Any] = {
            "arrangement": arrangement.key,
            "what": arrangement.what,
            "who": list(arrangement.who),
            "frequency": arrangement.frequency.value,
            "period": occurrence.period.label,
            "period_start": occurrence.period.start.isoformat(),
            "period_end": occurrence.period.end.isoformat(),
            "data_due": occurrence.data_due.isoformat() if occurrence.data_due else None,
            "report_due": occurrence.report_due.isoformat(),
            "concerns": arrangement.concerns,
        }
        if statuses is not None:
            found = by_key[occurrence.key]
            record["status"] = found.status.value
            record["presented"] = found.completed.isoformat() if found.completed else None
        records.append(record)
    return records


@click.command("schedule")
@click.argument("source")
@organisation_option
@click.option("--year", "year_text", required=True, help="Financial year, e.g. 2024/25.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "ics"]),
    default="table",
    show_default=True,
    help="table for people, json for machines, ics for calendar applications.",
)
@click.option(
    "--as-at",
    "as_at_text",
    help="Read a store as recorded at this date or timestamp and, without --on, show each "
    "deadline's status on that day.",
)
@on_option
@click.option(
    "--soon",
    type=click.IntRange(min=0),
    default=DEFAULT_SOON,
    show_default=True,
    help="The due-soon window, in working days.",
)
def schedule(
    source: str,
    year_text: str,
    output_format: str,
    as_at_text: str | None,
    on: dt.date | None,
    soon: int,
    organisation: str | None,
) -> None:
    """Print the planning and review cycle of SOURCE for a financial year."""
    moment = parse_as_at(as_at_text)
    as_at = judging_day(moment, on) if moment is not None or on is not None else None
    framework = open_source(source, moment, organisation)
    config = framework.cycle
    try:
        year = _financial_year(year_text, framework.year_start_month)
        result = schedule_for_year(config.arrangements, year, config.calendar, config.meetings)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    statuses = None
    if as_at is not None:
        done = presented_by_occurrence(framework.presentations, result)
        statuses = assess_schedule(result, as_at, config.calendar, completed=done, soon=soon)
    if output_format == "json":
        click.echo(json.dumps(schedule_records(result, statuses), indent=2, ensure_ascii=False))
    elif output_format == "ics":
        if as_at is not None:
            stamp = dt.datetime.combine(as_at, dt.time(), tzinfo=dt.UTC)
        else:
            stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
        name = f"{framework.organisation.display_name} planning and review cycle"
        click.echo(schedule_to_ical(result, stamp=stamp, name=name), nl=False)
    else:
        click.echo(render_schedule_text(result, statuses), nl=False)
