"""``goldenthread report KIND SOURCE --period P`` and ``goldenthread publish SOURCE``.

``report`` builds a report of one kind (``performance``, ``risk``, ``thread``,
``data-quality``, ``service-plan``) from SOURCE, a bundle folder or workbook, and
renders it as HTML, Markdown, CSV, XLSX or JSON.  The format defaults from the output
file's extension, else HTML; without ``-o`` text formats go to standard output.
``publish`` writes the period's open data (CSV, ``datapackage.json``, ``index.html``)
into a folder and prints the paths.

Both read the clock only here: ``--as-at`` (a date or timestamp, UTC when no zone is
given) defaults to now.  Exit 0 on success, 2 on bad input (the message on stderr).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from goldenthread.errors import InputError
from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import Period, parse_period
from goldenthread.reports.builders import UnknownReportKindError, report_kind
from goldenthread.reports.publish import open_data, write_open_data
from goldenthread.reports.render import UnknownFormatError, builtin_formats, render

__all__ = ["format_for", "parse_as_at", "publish_command", "report_command"]

_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".json": "json",
}
_ALIASES = {"md": "markdown"}


def format_for(requested: str | None, output: Path | None) -> str:
    """The format to render: the one asked for (``md`` means ``markdown``), else the
    output file's extension, else ``html``.

    Raises:
        InputError: an extension no format has, with no format asked for.
    """
    if requested is not None:
        return _ALIASES.get(requested, requested)
    if output is None:
        return "html"
    suffix = output.suffix.lower()
    if suffix not in _EXTENSIONS:
        raise InputError(
            f"cannot tell the format from {output.name!r}; use --format "
            f"({', '.join(sorted(set(_EXTENSIONS.values())))})"
        )
    return _EXTENSIONS[suffix]


def parse_as_at(text: str | None, now: dt.datetime) -> dt.datetime:
    """``--as-at``: a date (its start, UTC) or an ISO timestamp (UTC unless it has a
    zone); ``now`` when not given.

    Raises:
        InputError: text that is neither.
    """
    if text is None:
        return now
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"--as-at {text!r}: expected a date or timestamp such as 2025-11-01"
        ) from None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(2)


def _load(source: Path, period: str) -> tuple[Framework, Period]:
    framework = load_bundle(source)
    return framework, parse_period(period, framework.year_start_month)


@click.command("report")
@click.argument("kind")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--period", "-p", required=True, help="The period, e.g. '2025/26 H1'.")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "markdown", "csv", "xlsx", "json"]),
    help="Output format (default from the output file's extension, else html).",
)
@click.option("--as-at", "as_at", help="Take the data as at this date or timestamp.")
@click.option("--service", help="The service plan's id (service-plan reports).")
@click.option(
    "--classification",
    type=click.Choice(["public", "internal"]),
    help="Override the report's classification (individual plans never appear).",
)
def report_command(
    kind: str,
    source: Path,
    period: str,
    output: Path | None,
    fmt: str | None,
    as_at: str | None,
    service: str | None,
    classification: str | None,
) -> None:
    """Build a report of KIND (performance, risk, thread, data-quality, service-plan)."""
    try:
        builder = report_kind(kind)
        chosen = format_for(fmt, output)
        if chosen not in builtin_formats():
            raise UnknownFormatError(f"unknown report format {chosen!r}")
        if chosen == "xlsx" and output is None:
            raise InputError("xlsx is a binary format: give a file with -o")
        if service is not None and kind != "service-plan":
            raise InputError("--service applies only to service-plan reports")
        moment = parse_as_at(as_at, dt.datetime.now(dt.UTC))
        framework, wanted = _load(source, period)
        options: dict[str, Any] = {}
        if classification is not None:
            options["classification"] = classification
        if kind == "service-plan":
            options["service"] = service
        report = builder.build(
            framework,
            wanted,
            as_at=moment if as_at is not None else None,
            today=moment.astimezone(dt.UTC).date(),
            **options,
        )
        content = render(report, chosen, framework.branding)
    except (InputError, UnknownReportKindError, UnknownFormatError, ValueError) as exc:
        _fail(str(exc))
        return
    if output is None:
        text = content if isinstance(content, str) else content.decode("utf-8")
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8", newline="")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")
    click.echo(str(output))


@click.command("publish")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--period", "-p", required=True, help="The period, e.g. '2025/26 H1'.")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the open data into.",
)
@click.option("--as-at", "as_at", help="Take the data as at this date or timestamp.")
def publish_command(source: Path, period: str, output: Path, as_at: str | None) -> None:
    """Publish SOURCE's public open data for a period: CSV, datapackage.json, index.html."""
    try:
        moment = parse_as_at(as_at, dt.datetime.now(dt.UTC))
        framework, wanted = _load(source, period)
        data = open_data(
            framework,
            wanted,
            as_at=moment if as_at is not None else None,
            today=moment.astimezone(dt.UTC).date(),
        )
    except (InputError, ValueError) as exc:
        _fail(str(exc))
        return
    try:
        paths = write_open_data(data, output)
    except OSError as exc:
        _fail(f"cannot write to {output}: {exc.strerror}")
        return
    for path in paths:
        click.echo(str(path))
