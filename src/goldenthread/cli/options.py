"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

import attrs
import click
import pluggy

from goldenthread.branding import default_branding
from goldenthread.errors import InputError
from goldenthread.framework import Framework
from goldenthread.io.source import is_store_url, load_source
from goldenthread.io.thread import parse_date
from goldenthread.plugins import PluginError, get_plugin_manager
from goldenthread.storage.base import StoreError

__all__ = [
    "fail",
    "load_for_command",
    "open_source",
    "parse_as_at",
    "today_utc",
    "with_plugin_branding",
]


def today_utc() -> dt.date:
    """Today's date in UTC, read from the clock (only the command line reads it)."""
    return dt.datetime.now(dt.UTC).date()


def parse_as_at(text: str | None) -> dt.datetime | None:
    """Read an ``--as-at`` timestamp: ISO 8601, with a zone or ``Z``.  A date alone
    (``2025-01-31`` or ``31/01/2025``) means the end of that day, UTC.

    Raises:
        click.BadParameter: unreadable, or a time with no zone.
    """
    if text is None:
        return None
    cleaned = text.strip()
    try:
        if len(cleaned) <= 10:
            day = parse_date(cleaned)
            return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
        moment = dt.datetime.fromisoformat(cleaned)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a timestamp; write 2025-01-31T17:00:00Z or 2025-01-31"
        ) from None
    if moment.utcoffset() is None:
        raise click.BadParameter(
            f"{text!r} has no time zone; add Z for UTC, e.g. {cleaned}Z", param_hint="--as-at"
        )
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise click.BadParameter(
            f"{text!r} is outside the years 1 to 9999 once converted to UTC",
            param_hint="--as-at",
        ) from None


def fail(error: Exception) -> NoReturn:
    """Print ``error`` to standard error and exit 2 (bad input)."""
    click.echo(f"error: {error}", err=True)
    raise SystemExit(2)


def load_for_command(source: str, as_at: str | None) -> tuple[Framework, dt.date]:
    """The framework SOURCE holds and the date to judge it on, for a reading command.

    SOURCE is a bundle (folder or workbook) or a store URL.  ``--as-at`` (a timestamp or
    a date) does two things: for a store it reproduces the framework as recorded at that
    moment; for any source it is the date on which due, overdue and not-yet-due are
    judged.  A bundle has no history, so for a bundle it only sets that date.  Without
    ``--as-at`` the framework is the current one and the date is today (UTC).

    Exits 2 with the problems on standard error when SOURCE cannot be read.
    """
    moment = parse_as_at(as_at)
    return open_source(source, moment), (moment.date() if moment is not None else today_utc())


def open_source(source: str, moment: dt.datetime | None) -> Framework:
    """The framework SOURCE holds (as recorded at ``moment`` when SOURCE is a store).

    Exits 2 with the problems on standard error when SOURCE cannot be read.
    """
    try:
        plugin_manager = get_plugin_manager()
        framework = load_source(
            source,
            as_at=moment if is_store_url(source) else None,
            plugin_manager=plugin_manager,
        )
    except (InputError, StoreError, PluginError) as exc:
        fail(exc)
    return with_plugin_branding(framework, plugin_manager)


def with_plugin_branding(framework: Framework, plugin_manager: pluggy.PluginManager) -> Framework:
    """``framework`` with the branding a plugin gives its organisation, when its bundle
    has no ``[branding]`` section of its own.

    A council's own ``[branding]`` always wins; otherwise the first plugin answering the
    ``goldenthread_branding`` hook for the organisation's ``code`` brands its reports.  The
    built-in default answers every organisation last, and changes nothing.
    """
    if "branding" in framework.settings or not framework.organisation.code:
        return framework
    branding = plugin_manager.hook.goldenthread_branding(organisation=framework.organisation.code)
    if branding is None or branding == default_branding():
        return framework
    return attrs.evolve(framework, branding=branding)
