"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from goldenthread.errors import InputError

if TYPE_CHECKING:
    import pluggy

    from goldenthread.framework import Framework

# The framework, its readers and the plugins are imported where a command first reads a
# SOURCE, so that `goldenthread COMMAND --help` starts without them.

__all__ = [
    "fail",
    "judged_on",
    "judging_day",
    "load_for_command",
    "on_option",
    "open_source",
    "organisation_option",
    "parse_as_at",
    "parse_on",
    "today_utc",
    "with_plugin_branding",
]

F = TypeVar("F", bound=Callable[..., Any])


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
            from goldenthread.io.tables import parse_date

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


def parse_on(text: str | None) -> dt.date | None:
    """Read an ``--on`` judging day: ``2025-04-20`` or the UK day-first ``20/04/2025``.

    Raises:
        click.BadParameter: anything else (a timestamp, a US date, a misspelt month).
    """
    if text is None:
        return None
    try:
        from goldenthread.io.tables import parse_date

        return parse_date(text.strip())
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date; write the judging day as 2025-04-20 or 20/04/2025",
            param_hint="--on",
        ) from None


def _on_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    return parse_on(value)


def on_option(command: F) -> F:
    """The ``--on DATE`` option of every command that judges anything.

    The judging day decides what is due, overdue or not yet due, which risk reviews and
    spot checks count and how late a return is.  It is apart from ``--as-at`` (which
    reproduces a store's recorded state): ``--on`` alone judges the current record on
    that day; ``--as-at`` alone judges on its date; neither judges today (UTC).  The
    command receives it as ``on`` (a :class:`datetime.date` or ``None``).
    """
    return click.option(
        "--on",
        "on",
        metavar="DATE",
        default=None,
        callback=_on_callback,
        help="The judging day, e.g. 2025-04-20 or 20/04/2025 (default: the --as-at date, "
        "else today): what is due, overdue or not yet due, and which reviews count.",
    )(command)


def judging_day(moment: dt.datetime | None, on: dt.date | None) -> dt.date:
    """The day to judge on: ``on`` when given, else the ``--as-at`` moment's (UTC) date,
    else today (UTC)."""
    if on is not None:
        return on
    if moment is not None:
        return moment.astimezone(dt.UTC).date()
    return today_utc()


def judged_on(framework: Framework, day: dt.date) -> Framework:
    """``framework`` as its risk register stood on ``day``
    (:meth:`~goldenthread.framework.Framework.judged_on`)."""
    return framework.judged_on(day)


def fail(error: Exception) -> NoReturn:
    """Print ``error`` to standard error and exit 2 (bad input)."""
    click.echo(f"error: {error}", err=True)
    raise SystemExit(2)


organisation_option = click.option(
    "--organisation",
    "organisation",
    default=None,
    metavar="CODE",
    help="The council to read, by its code ([organisation] code in framework.toml); "
    "needed when the store holds more than one.",
)
"""The ``--organisation CODE`` option of every command that reads a SOURCE: decorate the
command with it and pass the ``organisation`` parameter on to :func:`open_source` or
:func:`load_for_command`."""


def load_for_command(
    source: str,
    as_at: str | None,
    on: dt.date | None = None,
    organisation: str | None = None,
    parts: Iterable[str] | None = None,
) -> tuple[Framework, dt.date]:
    """The framework SOURCE holds and the day to judge it on, for a reading command.

    SOURCE is a bundle (folder or workbook) or a store URL.  ``--as-at`` (a timestamp or
    a date) reproduces a store's framework as recorded at that moment; a bundle has no
    history, so for a bundle it only sets the judging day.  The judging day is ``on``
    (``--on``) when given, else the ``--as-at`` date, else today (UTC)
    (:func:`judging_day`).  The framework's risk register is as it stood on that day
    (:func:`judged_on`).

    ``organisation`` (``--organisation CODE``) chooses the council when the store holds
    several; see :func:`open_source`.  ``parts`` names the parts of the framework the
    command uses (:data:`~goldenthread.framework.PARTS`; default all): only they are read.

    Exits 2 with the problems on standard error when SOURCE cannot be read.
    """
    moment = parse_as_at(as_at)
    day = judging_day(moment, on)
    return judged_on(open_source(source, moment, organisation, parts), day), day


def open_source(
    source: str,
    moment: dt.datetime | None,
    organisation: str | None = None,
    parts: Iterable[str] | None = None,
) -> Framework:
    """The framework SOURCE holds (as recorded at ``moment`` when SOURCE is a store).

    ``organisation`` is the code of the council to read; it may be left out when SOURCE
    holds one council.  Exits 2 with the problems on standard error when SOURCE cannot be
    read, when it holds several councils and none was chosen, or none with that code (the
    message names the codes held).
    """
    from goldenthread.io.persist import NoFrameworkError
    from goldenthread.io.source import is_store_url, load_source
    from goldenthread.plugins import PluginError, get_plugin_manager
    from goldenthread.storage.base import StoreError

    try:
        plugin_manager = get_plugin_manager()
        framework = load_source(
            source,
            as_at=moment if is_store_url(source) else None,
            plugin_manager=plugin_manager,
            organisation=organisation,
            parts=parts,
        )
    except NoFrameworkError as exc:
        if moment is None:
            fail(exc)
        fail(
            StoreError(
                f"{exc}; to judge the store's current record on an earlier day use --on DATE "
                "(--as-at reproduces what the store held at a moment)"
            )
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
    import attrs

    from goldenthread.branding import default_branding

    if branding is None or branding == default_branding():
        return framework
    return attrs.evolve(framework, branding=branding)
