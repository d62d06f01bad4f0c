"""``goldenthread report KIND SOURCE --period P`` and ``goldenthread publish SOURCE``.

``report`` builds a report of one kind (``performance``, ``risk``, ``thread``,
``data-quality``, ``service-plan``, ``budget``, or one a plugin adds) from SOURCE, a bundle or a
store URL, and renders it as HTML, Markdown, CSV, XLSX, JSON or PDF (the HTML printed by
headless Chromium, with page numbers; without Chromium it exits 2 saying what to
install).  The format defaults from the output file's extension, else HTML; without
``-o`` text formats go to standard output.
``publish`` writes the period's open data (CSV, ``datapackage.json``, ``index.html``)
into a folder and prints the paths.

Both read the clock only here: ``--as-at`` (a date, meaning the end of that day, or a
timestamp with a zone) reproduces a store as recorded then; ``--on DATE`` is the judging
day (what is due, overdue or not yet due, which reviews count), by default the
``--as-at`` date, else today.  Builders get the judging day as ``today`` and the
report is labelled with the ``--as-at`` moment.  A report reproduced from a store as
at an earlier moment ends with the figures restated since then.  ``--register NAME``
keeps a risk report to the risks on one register (an unknown name exits 2 listing those
on offer).  Exit 0 on success, 2 on bad input (the message on stderr).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import attrs
import click

from goldenthread.cli.options import (
    judged_on,
    judging_day,
    on_option,
    open_source,
    organisation_option,
    parse_as_at,
)
from goldenthread.errors import InputError
from goldenthread.framework import Framework
from goldenthread.indicators.rag import UnknownRuleError
from goldenthread.io.source import is_store_url
from goldenthread.periods import Period, parse_period
from goldenthread.plugins import collect, get_plugin_manager
from goldenthread.reports.builders import ReportKind, UnknownReportKindError, report_kind
from goldenthread.reports.model import Report
from goldenthread.reports.publish import open_data, write_open_data
from goldenthread.reports.render import Renderer, UnknownFormatError, render
from goldenthread.reports.restatements import (
    RESTATED_KINDS,
    restated_since,
    restatements_section,
)
from goldenthread.storage import open_store

__all__ = ["format_for", "publish_command", "report_command"]

_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".zip": "csv-zip",
    ".xlsx": "xlsx",
    ".json": "json",
    ".pdf": "pdf",
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


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(2)


def _load(
    source: str,
    period: str,
    moment: dt.datetime | None,
    day: dt.date,
    organisation: str | None = None,
) -> tuple[Framework, Period]:
    framework = judged_on(open_source(source, moment, organisation), day)
    return framework, parse_period(period, framework.year_start_month)


def _with_restatements(
    report: Report, source: str, moment: dt.datetime, period: Period, organisation: str = ""
) -> Report:
    """``report`` reproduced as at ``moment``, with the values and targets restated since
    listed (for the budget report, the monthly actuals and forecasts)."""
    budget = report.kind == "budget"
    kinds = ("actual",) if budget else RESTATED_KINDS
    subject = ("line", "Budget line") if budget else ("indicator", "Indicator")
    with open_store(source, plugin_manager=get_plugin_manager(), read_only=True) as store:
        found = restated_since(store, moment, organisation=organisation, kinds=kinds)
    section = restatements_section(found, moment, period, subject)
    return attrs.evolve(report, sections=(*report.sections, section))


def _moment(as_at: str | None, on: dt.date | None) -> tuple[dt.datetime | None, dt.date]:
    moment = parse_as_at(as_at)
    return moment, judging_day(moment, on)


@click.command("report")
@click.argument("kind")
@click.argument("source")
@organisation_option
@click.option("--period", "-p", required=True, help="The period, e.g. '2025/26 H1'.")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option(
    "--format",
    "fmt",
    help="Output format: html, markdown (md), csv, csv-zip, xlsx, json, pdf (needs headless "
    "Chromium), or one a plugin adds (default from the output file's extension, else html).",
)
@click.option(
    "--as-at",
    "as_at",
    help="Reproduce a store as recorded at this date or timestamp (and, without --on, judge "
    "on that day).",
)
@on_option
@click.option("--service", help="The service plan's id (service-plan reports).")
@click.option(
    "--register",
    help="Only the risks on this register: strategic, corporate, service, project or "
    "partnership (risk reports).",
)
@click.option(
    "--classification",
    type=click.Choice(["public", "internal"]),
    help="Override the report's classification (individual plans never appear).",
)
def report_command(
    kind: str,
    source: str,
    period: str,
    output: Path | None,
    fmt: str | None,
    as_at: str | None,
    on: dt.date | None,
    service: str | None,
    register: str | None,
    classification: str | None,
    organisation: str | None,
) -> None:
    """Build a report of KIND (performance, risk, thread, data-quality, service-plan,
    budget)."""
    plugin_manager = get_plugin_manager()
    kinds: dict[str, ReportKind] = dict(collect(plugin_manager, "report_kinds"))
    formats: dict[str, Renderer] = dict(collect(plugin_manager, "report_formats"))
    moment, today = _moment(as_at, on)
    try:
        builder = report_kind(kind, kinds)
        chosen = format_for(fmt, output)
        if chosen not in formats:
            known = ", ".join(sorted(formats))
            raise UnknownFormatError(f"unknown report format {chosen!r}; known: {known}")
        if chosen in ("xlsx", "csv-zip", "pdf") and output is None:
            raise InputError(f"{chosen} is a binary format: give a file with -o")
        if service is not None and kind != "service-plan":
            raise InputError("--service applies only to service-plan reports")
        if register is not None and kind != "risk":
            raise InputError("--register applies only to risk reports")
        framework, wanted = _load(source, period, moment, today, organisation)
        options: dict[str, Any] = {}
        if classification is not None:
            options["classification"] = classification
        if kind == "service-plan":
            options["service"] = service
        if register is not None:
            options["register"] = register
        # the builder judges on ``today``; the report is labelled with the recorded moment
        report = builder.build(framework, wanted, as_at=None, today=today, **options)
        if moment is not None:
            report = attrs.evolve(report, as_at=moment)
        if moment is not None and is_store_url(source):
            code = framework.organisation.code
            report = _with_restatements(report, source, moment, wanted, code)
        content = render(report, chosen, framework.branding, formats)
    except (
        InputError,
        UnknownReportKindError,
        UnknownFormatError,
        UnknownRuleError,
        ValueError,
    ) as exc:
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
@click.argument("source")
@organisation_option
@click.option("--period", "-p", required=True, help="The period, e.g. '2025/26 H1'.")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the open data into.",
)
@click.option(
    "--as-at",
    "as_at",
    help="Reproduce a store as recorded at this date or timestamp (and, without --on, judge "
    "on that day).",
)
@on_option
def publish_command(
    source: str,
    period: str,
    output: Path,
    as_at: str | None,
    on: dt.date | None,
    organisation: str | None,
) -> None:
    """Publish SOURCE's public open data for a period: CSV, datapackage.json, index.html."""
    moment, today = _moment(as_at, on)
    try:
        framework, wanted = _load(source, period, moment, today, organisation)
        # open data is judged on ``today``; the page is stamped with the moment only when
        # that is also the judging day (``--as-at`` alone)
        stamp = moment if on is None else None
        data = open_data(framework, wanted, as_at=stamp, today=today)
    except (InputError, UnknownRuleError, ValueError) as exc:
        _fail(str(exc))
        return
    try:
        paths = write_open_data(data, output)
    except OSError as exc:
        _fail(f"cannot write to {output}: {exc.strerror}")
        return
    for path in paths:
        click.echo(str(path))
