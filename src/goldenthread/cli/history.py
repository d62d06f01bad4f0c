"""``goldenthread history SOURCE [SUBJECT]``: every revision a store holds, with who, when
and why; or, with ``--from T1 [--to T2]``, what changed between two moments.

SOURCE must be a store URL (a bundle has no history: import it first).  SUBJECT, when
given, is an item id, risk id or indicator code: only revisions about it are listed
(:func:`goldenthread.history.about`).  ``--since DATE`` keeps what was recorded on or
after a moment (a date alone means the start of that day, UTC).  ``--from`` and ``--to``
read as ``--as-at`` does (a date alone means the end of that day): the state at each,
compared record by record and field by field; ``--to`` defaults to now.

Formats: ``table`` for people (grouped by batch: when, who, why, then what changed),
``json`` for machines (a list of entries; for a diff, an object with ``from``, ``to``,
the ``batches`` recorded in between and the ``differences``), ``csv`` tidy (one row per
field change; :data:`~goldenthread.history.HISTORY_COLUMNS`,
:data:`~goldenthread.history.DIFFERENCE_COLUMNS`).

Exit 0 on success (an empty history says so), 2 on bad input: a bundle for SOURCE, a
subject the store has never held (the message says so), ``--from`` after ``--to``,
``--to`` without ``--from``, ``--since`` with ``--from``, an unreadable timestamp.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

import click

from goldenthread.cli.options import fail, organisation_option, parse_as_at
from goldenthread.errors import InputError
from goldenthread.history import (
    DIFFERENCE_COLUMNS,
    HISTORY_COLUMNS,
    Action,
    Difference,
    HistoryEntry,
    about,
    choose_organisation,
    difference_rows,
    differences,
    entries,
    history_rows,
    read_revisions,
    snapshot,
)
from goldenthread.io.source import is_store_url
from goldenthread.io.thread import parse_date
from goldenthread.plugins import PluginError, get_plugin_manager
from goldenthread.reports.render.safety import neutralise_cell
from goldenthread.storage import open_store
from goldenthread.storage.base import Batch, StoreError

__all__ = ["history_command", "parse_since"]


def parse_since(text: str | None) -> dt.datetime | None:
    """Read a ``--since`` moment: a timestamp as ``--as-at`` reads it, or a date alone
    (``2025-01-31``, ``31/01/2025``) meaning the *start* of that day, UTC, so that day's
    changes are included.

    Raises:
        click.BadParameter: unreadable, or a time with no zone.
    """
    if text is None:
        return None
    cleaned = text.strip()
    if len(cleaned) <= 10:
        try:
            return dt.datetime.combine(parse_date(cleaned), dt.time.min, tzinfo=dt.UTC)
        except ValueError:
            raise click.BadParameter(
                f"{text!r} is not a date or timestamp; write 2025-01-31 or 2025-01-31T17:00:00Z",
                param_hint="--since",
            ) from None
    return parse_as_at(cleaned)


def _moment(text: str | None, option: str) -> dt.datetime | None:
    try:
        return parse_as_at(text)
    except click.BadParameter as exc:
        raise click.BadParameter(exc.message, param_hint=option) from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return neutralise_cell(str(value))


def _csv(columns: Sequence[str], rows: list[tuple[Any, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_text(cell) for cell in row] for row in rows)
    return buffer.getvalue().rstrip("\n")


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _entry_lines(entry: HistoryEntry) -> list[str]:
    head = f"  {entry.action.value:<10} {entry.kind} {entry.key}"
    if entry.action is Action.CHANGED:
        return [head, *(f"{'':13}{c.describe(70)}" for c in entry.changes)]
    summary = entry.summary()
    if not summary:
        return [head]
    return [f"{head} (was: {summary})" if entry.action is Action.RETIRED else f"{head}: {summary}"]


def _history_table(found: list[HistoryEntry]) -> str:
    lines: list[str] = []
    batch = None
    for entry in found:
        if entry.batch != batch:
            batch = entry.batch
            if lines:
                lines.append("")
            lines.append(f"batch {entry.batch}, {_when(entry.at)}, by {entry.by}: {entry.why}")
        lines.extend(_entry_lines(entry))
    return "\n".join(lines)


def _difference_lines(difference: Difference) -> list[str]:
    head = f"  {difference.change.value:<8} {difference.kind} {difference.key}"
    if difference.change is Action.CHANGED:
        return [head, *(f"{'':11}{c.describe(70)}" for c in difference.changes)]
    summary = difference.summary()
    if not summary:
        return [head]
    if difference.change is Action.RETIRED:
        return [f"{head} (was: {summary})"]
    return [f"{head}: {summary}"]


def _between(batches: list[Batch], start: dt.datetime, end: dt.datetime | None) -> list[Batch]:
    return [b for b in batches if b.at > start and (end is None or b.at <= end)]


def _diff_table(
    found: list[Difference], start: dt.datetime, end: dt.datetime | None, batches: list[Batch]
) -> str:
    counts = {action: sum(d.change is action for d in found) for action in Action}
    until = "now" if end is None else end.isoformat()
    lines = [
        f"From {start.isoformat()} to {until}: {counts[Action.ADDED]} added, "
        f"{counts[Action.CHANGED]} changed, {counts[Action.RETIRED]} retired"
    ]
    if batches:
        lines.append("Recorded in between:")
        lines.extend(f"  batch {b.id}, {_when(b.at)}, by {b.by}: {b.why}" for b in batches)
    else:
        lines.append("Nothing was recorded in between.")
    if found:
        lines.append("")
    for difference in found:
        lines.extend(_difference_lines(difference))
    return "\n".join(lines)


@click.command("history")
@click.argument("source")
@click.argument("subject", required=False)
@organisation_option
@click.option(
    "--since",
    default=None,
    metavar="DATE",
    help="Only what was recorded on or after this date (from the start of the day, UTC) "
    "or timestamp.",
)
@click.option(
    "--from",
    "from_",
    default=None,
    metavar="T1",
    help="Compare the state at T1 (a date means the end of that day, or a timestamp) ...",
)
@click.option("--to", default=None, metavar="T2", help="... with the state at T2 (default: now).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people, json for machines, csv one row per field change.",
)
def history_command(
    source: str,
    subject: str | None,
    since: str | None,
    from_: str | None,
    to: str | None,
    fmt: str,
    organisation: str | None,
) -> None:
    """Every revision in the store SOURCE (of SUBJECT: an item id, risk id or indicator
    code), with who, when and why; or what changed between --from and --to."""
    if not is_store_url(source):
        fail(
            InputError(
                f"{source} is a bundle, which has no history; import it into a store first "
                f"(goldenthread import {source} --store sqlite:///goldenthread.db) and read "
                "the store's history"
            )
        )
    if since is not None and (from_ is not None or to is not None):
        fail(InputError("--since lists revisions; --from/--to compare two moments: use one"))
    if to is not None and from_ is None:
        fail(InputError("--to needs --from: the moment to compare with"))
    start = _moment(from_, "--from")
    end = _moment(to, "--to")
    after = parse_since(since)
    if start is not None and end is not None and start > end:
        fail(
            InputError(
                f"--from {start.isoformat()} is after --to {end.isoformat()}; give the "
                "earlier moment first"
            )
        )
    try:
        with open_store(source, plugin_manager=get_plugin_manager(), read_only=True) as store:
            code = choose_organisation(store, organisation)
            revisions = read_revisions(store, organisation=code)
            batches = store.batches()
    except (InputError, StoreError, PluginError) as exc:
        fail(exc)
    if subject is not None:
        revisions = [rev for rev in revisions if about(rev, subject)]
        if not revisions:
            fail(
                InputError(
                    f"the store holds no record of {subject!r}: give an item id, risk id or "
                    "indicator code it holds (ids and codes are case-sensitive)"
                )
            )
    if start is not None:
        found = differences(snapshot(revisions, start), snapshot(revisions, end))
        between = _between(batches, start, end)
        if fmt == "json":
            data = {
                "from": start.isoformat(),
                "to": None if end is None else end.isoformat(),
                "batches": [
                    {"batch": b.id, "at": b.at.isoformat(), "by": b.by, "why": b.why}
                    for b in between
                ],
                "differences": [d.to_dict() for d in found],
            }
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        elif fmt == "csv":
            click.echo(_csv(DIFFERENCE_COLUMNS, difference_rows(found)))
        else:
            click.echo(_diff_table(found, start, end, between))
        return
    listed = [e for e in entries(revisions) if after is None or e.at >= after]
    if fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in listed], indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(_csv(HISTORY_COLUMNS, history_rows(listed)))
    elif listed:
        click.echo(_history_table(listed))
    else:
        what = "" if subject is None else f" of {subject}"
        click.echo(f"Nothing recorded{what} since {after.isoformat() if after else 'ever'}.")
