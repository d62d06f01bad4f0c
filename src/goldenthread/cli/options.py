"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt

import click

from goldenthread.io.thread import parse_date

__all__ = ["parse_day", "today_utc"]


def today_utc() -> dt.date:
    """Today's date in UTC: the one place the command line reads the clock for a date."""
    return dt.datetime.now(dt.UTC).date()


def parse_day(text: str | None, option: str) -> dt.date:
    """The date an option gives (``2024-04-01`` or ``01/04/2024``), or today when absent.

    Raises:
        click.BadParameter: the text is not a date (click reports it and exits 2).
    """
    if text is None:
        return today_utc()
    try:
        return parse_date(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None
