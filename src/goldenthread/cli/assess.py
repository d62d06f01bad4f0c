"""``goldenthread assess SOURCE --period P``: every indicator's status for a period.

SOURCE is a bundle (a folder or an ``.xlsx`` workbook) or a store URL; ``--as-at``
reproduces a store's state at that moment; ``--on`` is the judging day (default the
``--as-at`` date, else today): periods not ended by then with no value are not yet due.  Output is
a table, JSON (one object per indicator, keys of
:meth:`~goldenthread.indicators.assess.Assessment.to_dict`) or CSV.  Exit 0 on success,
2 on bad input with every problem (file, row, column, reason) on stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import click

from goldenthread.cli.options import load_for_command, on_option, organisation_option
from goldenthread.errors import InputError
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.indicators.rag import UnknownRuleError
from goldenthread.periods import parse_period

__all__ = ["assess_command"]

_TABLE_COLUMNS = (
    "indicator",
    "period",
    "value",
    "target",
    "status",
    "direction",
    "direction_last_year",
    "ytd_value",
    "ytd_target",
    "ytd_status",
    "data_status",
)


def _json_default(obj: object) -> object:
    if isinstance(obj, Decimal):
        # figures are already at the indicator's precision, so a float shows them exactly
        exponent = obj.as_tuple().exponent
        return int(obj) if isinstance(exponent, int) and exponent >= 0 else float(obj)
    raise TypeError(f"cannot write {type(obj).__name__} as JSON")


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value)


def _render(assessments: list[Assessment], output: str) -> str:
    rows = [a.to_dict() for a in assessments]
    if output == "json":
        return json.dumps(rows, default=_json_default, indent=2)
    if output == "csv":
        buffer = io.StringIO()
        fields = list(rows[0]) if rows else list(_TABLE_COLUMNS)
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        return buffer.getvalue().rstrip("\n")
    cells = [[_cell(row[c]) for c in _TABLE_COLUMNS] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(_TABLE_COLUMNS)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(_TABLE_COLUMNS, widths, strict=True)).rstrip()]
    lines.extend(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
    )
    return "\n".join(lines)


@click.command("assess")
@click.argument("source")
@organisation_option
@click.option("--period", "-p", required=True, help="The period, e.g. '2025/26 Q2'.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format (json is machine output).",
)
@click.option(
    "--as-at",
    "as_at",
    default=None,
    help="A date or timestamp: read a store as recorded then (and, without --on, judge "
    "on that day).",
)
@on_option
@click.option(
    "--trend", type=click.IntRange(min=0), default=0, help="Also fit a trend over N periods."
)
def assess_command(
    source: str,
    period: str,
    output: str,
    as_at: str | None,
    on: dt.date | None,
    trend: int,
    organisation: str | None,
) -> None:
    """Assess every indicator of SOURCE for a period: value, target, RAG, direction."""
    # assessing reads the indicators alone (with the finance their unit costs need)
    framework, day = load_for_command(source, as_at, on, organisation, parts=("indicators",))
    dataset = framework.indicators
    try:
        wanted = parse_period(period, dataset.year_start_month)
        assessments = assess_all(
            dataset, wanted, rules=framework.rag_rules, as_at=day, trend_periods=trend
        )
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    except UnknownRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    click.echo(_render(assessments, output))
