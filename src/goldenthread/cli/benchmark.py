"""``goldenthread benchmark SOURCE --period P``: the council against its comparator groups.

SOURCE is a bundle (folder or workbook) or a store URL holding ``comparators.csv`` (the
groups) and ``comparisons.csv`` (other councils' published figures).  Every indicator
that names a ``comparator_group`` is benchmarked for period P (``2024/25``,
``2025/26 Q1`` ...): its rank (1 = best), position, quartile, the group's median, the
MAD score, and, where every member gave counts, whether it is significantly better,
similar or worse than the group (see :mod:`goldenthread.indicators.comparison`).

``--format json`` prints one object per indicator with ``indicator``, ``period``,
``group``, ``valid_from``, ``valid_to``, ``value``, ``size``, ``rank``, ``position``,
``quartile``, ``median``, ``mad``, ``mad_score``, ``missing``, ``significance``,
``group_value`` and ``reason`` (figures as decimal strings, absent ones ``null``).

Exit 0 on success, 2 on bad input (an unreadable SOURCE or period).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal

import click

from goldenthread.cli.options import fail, load_for_command, on_option, organisation_option
from goldenthread.errors import InputError
from goldenthread.indicators.comparison import IndicatorBenchmark, benchmark_framework
from goldenthread.periods import parse_period

__all__ = ["benchmark_command", "benchmark_record"]


def _text(number: Decimal | None) -> str | None:
    return None if number is None else format(number, "f")


def benchmark_record(item: IndicatorBenchmark) -> dict[str, object]:
    """One benchmark as a JSON-ready mapping (the ``--format json`` record)."""
    group = item.group
    result = item.result
    comparison = item.comparison
    return {
        "indicator": item.indicator,
        "period": item.period.label,
        "group": None if group is None else group.name,
        "valid_from": None if group is None or group.valid_from is None else str(group.valid_from),
        "valid_to": None if group is None or group.valid_to is None else str(group.valid_to),
        "value": None if result is None else _text(result.value),
        "size": None if result is None else result.size,
        "rank": None if result is None else result.rank,
        "position": None if result is None else result.position,
        "quartile": None if result is None else result.quartile,
        "median": None if result is None else _text(result.median),
        "mad": None if result is None else _text(result.mad),
        "mad_score": None if result is None else _text(result.mad_score),
        "missing": [] if result is None else list(result.missing),
        "significance": None if comparison is None else comparison.significance.value,
        "group_value": None if comparison is None else comparison.group_value,
        "reason": item.reason,
    }


def _score(score: Decimal | None) -> str:
    return "-" if score is None else f"{score:+.2f}"


def _table(items: Sequence[IndicatorBenchmark], council: str) -> str:
    if not items:
        return "No indicator names a comparator group."
    header = ("Indicator", "Value", "Rank", "Quartile", "Median", "MAD score", "vs group")
    rows: list[tuple[str, ...]] = [header]
    notes: list[str] = []
    for item in items:
        result = item.result
        if result is None:
            rows.append((item.indicator, "-", "-", "-", "-", "-", "-"))
            notes.append(f"{item.indicator}: {item.reason}")
            continue
        rank = "-" if result.rank is None else f"{result.rank} of {result.size}"
        rows.append(
            (
                item.indicator,
                _text(result.value) or "-",
                rank,
                "-" if result.quartile is None else f"Q{result.quartile}",
                _text(result.median) or "-",
                _score(result.mad_score),
                "-" if item.comparison is None else item.comparison.significance.value,
            )
        )
        if result.missing:
            notes.append(f"{item.indicator}: no figure from {', '.join(result.missing)}")
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [f"Benchmarking {council} for {items[0].period.label}", ""]
    lines.extend(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    )
    if notes:
        lines.extend(["", *notes])
    return "\n".join(line.rstrip() for line in lines)


@click.command("benchmark")
@click.argument("source")
@organisation_option
@click.option("--period", "period_text", required=True, help="The period, e.g. 2025/26 Q2.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for machines.",
)
@click.option(
    "--as-at",
    "as_at",
    default=None,
    help="A timestamp or date: a store's framework as recorded then (and, without --on, "
    "the day collection periods are judged due on).",
)
@on_option
def benchmark_command(
    source: str,
    period_text: str,
    fmt: str,
    as_at: str | None,
    on: dt.date | None,
    organisation: str | None,
) -> None:
    """Benchmark SOURCE's indicators against their comparator groups for --period."""
    framework, today = load_for_command(source, as_at, on, organisation, parts=("comparisons",))
    try:
        period = parse_period(period_text, framework.year_start_month)
    except InputError as exc:
        fail(exc)
    try:
        items = benchmark_framework(framework, period, as_at=today)
    except (InputError, ValueError) as exc:
        fail(exc)
    if fmt == "json":
        click.echo(json.dumps([benchmark_record(i) for i in items], indent=2, ensure_ascii=False))
    else:
        click.echo(_table(items, framework.organisation.display_name))
