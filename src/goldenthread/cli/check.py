"""``goldenthread check SOURCE``: every integrity, consistency and cross-reference finding.

Prints a table (default) or, with ``--format json``, a list of
``{code, severity, item, message}``.  Exit 0 when there are no error findings, 1 when
there are, 2 when SOURCE cannot be read.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from goldenthread.checks import check_framework
from goldenthread.cli.options import load_for_command, on_option, organisation_option
from goldenthread.findings import Severity, has_errors

__all__ = ["check_command"]


@click.command("check")
@click.argument("source")
@organisation_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A readable table, or JSON: a list of {code, severity, item, message}.",
)
@click.option(
    "--as-at",
    "as_at",
    metavar="TIMESTAMP",
    help="A date or timestamp: read a store as recorded then (and, without --on, judge "
    "overdue and stale actions on that day).",
)
@on_option
@click.option(
    "--stale-after",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    help="Days after which an open action's latest update is stale.",
)
def check_command(
    source: str,
    fmt: str,
    as_at: str | None,
    on: dt.date | None,
    stale_after: int,
    organisation: str | None,
) -> None:
    """Check SOURCE (a bundle or a store URL); exit 1 if any finding is an error."""
    framework, day = load_for_command(source, as_at, on, organisation)
    findings = check_framework(framework, day, stale_after=stale_after)
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False))
    else:
        for f in findings:
            click.echo(f"{f.severity.value:<8} {f.code:<28} {f.item or '-':<12} {f.message}")
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        click.echo(
            f"{len(findings)} finding(s): {counts[Severity.ERROR]} error(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info"
        )
    if has_errors(findings):
        raise SystemExit(1)
