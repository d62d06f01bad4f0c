"""``goldenthread assess SOURCE --period P``: every indicator's status for a period.

SOURCE is a bundle folder (``indicators.csv``, optional ``values.csv``, ``targets.csv``
and ``framework.toml``) or an ``.xlsx`` workbook with sheets of those names.  Output is
a table, JSON (one object per indicator, keys of
:meth:`~goldenthread.indicators.assess.Assessment.to_dict`) or CSV.  Exit 0 on success,
2 on bad input with every problem (file, row, column, reason) on stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import click

from goldenthread.errors import BundleError, InputError, Problem
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.rag import UnknownRuleError, default_rules
from goldenthread.io.indicators import IndicatorDefaults, load_indicator_set
from goldenthread.io.tables import Table, read_csv, read_workbook
from goldenthread.periods import parse_period

__all__ = ["assess_command", "load_indicators"]

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


def _framework(path: Path) -> tuple[int, IndicatorDefaults]:
    if not path.exists():
        return 4, IndicatorDefaults()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BundleError([Problem(f"not valid TOML: {exc}", path.name)]) from None
    organisation = data.get("organisation", {})
    start = organisation.get("year_start_month", 4) if isinstance(organisation, dict) else 4
    if not isinstance(start, int) or isinstance(start, bool) or not 1 <= start <= 12:
        raise BundleError(
            [
                Problem(
                    f"year_start_month must be a month number 1-12, not {start!r}",
                    path.name,
                    None,
                    "organisation.year_start_month",
                )
            ]
        )
    section = data.get("indicators", {})
    if not isinstance(section, Mapping):
        raise BundleError([Problem("[indicators] must be a table", path.name)])
    return start, IndicatorDefaults.from_mapping(section, path.name)


def load_indicators(source: Path) -> IndicatorSet:
    """Read the indicator files of a bundle folder or workbook.

    Raises:
        BundleError: every problem found, each with file, row, column and reason.
    """
    tables: dict[str, Table] = {}
    if source.is_dir():
        year_start_month, defaults = _framework(source / "framework.toml")
        for name in ("indicators", "values", "targets"):
            path = source / f"{name}.csv"
            if path.exists():
                tables[name] = read_csv(path)
    else:
        year_start_month, defaults = _framework(source.with_name("framework.toml"))
        tables = read_workbook(source)
    if "indicators" not in tables:
        raise BundleError([Problem("the bundle has no indicators.csv", source.name)])
    return load_indicator_set(
        tables["indicators"],
        tables.get("values"),
        tables.get("targets"),
        year_start_month=year_start_month,
        defaults=defaults,
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


def _as_at(text: str | None) -> dt.date:
    if text is None:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise click.BadParameter(
            f"{text!r}: expected a date or timestamp such as 2025-11-01", param_hint="--as-at"
        ) from None


@click.command("assess")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
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
    help="The day of the assessment (default today, UTC): periods not ended by then "
    "with no value are 'not yet due' rather than missing.",
)
@click.option(
    "--trend", type=click.IntRange(min=0), default=0, help="Also fit a trend over N periods."
)
def assess_command(source: Path, period: str, output: str, as_at: str | None, trend: int) -> None:
    """Assess every indicator of SOURCE for a period: value, target, RAG, direction."""
    day = _as_at(as_at)
    try:
        dataset = load_indicators(source)
        wanted = parse_period(period, dataset.year_start_month)
        assessments = assess_all(
            dataset, wanted, rules=default_rules(), as_at=day, trend_periods=trend
        )
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    except UnknownRuleError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    click.echo(_render(assessments, output))
