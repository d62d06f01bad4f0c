"""``goldenthread budget SOURCE --period MONTH`` and ``goldenthread mtfp SOURCE``.

``budget`` monitors the revenue budget as at a month (see :mod:`goldenthread.finance`):
by line, by service and for the council (net), with each forecast outturn, the method it
came from, the forecast variance (positive is adverse) in pounds and as a percentage,
and the status.  ``--by line|service|council`` chooses the rows of the table and CSV
(the default ``line`` adds the services and the council total after the lines);
``--format json`` always prints the whole object: ``month``, ``lines``, ``services``,
``total`` and ``forecast_trend``.  ``--period`` must be a month (``2025-09``,
``Sep 2025``): a quarter or a year is refused.

``mtfp`` works out the Medium Term Financial Plan year by year (base, pressures, savings,
requirement, funding, gap, incremental gap) and sets the savings programme against the
gap: the savings at risk and unachievable in each year, and the gap if none of them is
delivered.  ``--format json`` prints one object per year.

Both read SOURCE like every reading command (``--as-at``, ``--on``,
``--organisation``).  A SOURCE with no budget lines (for ``budget``) or no MTFP (for
``mtfp``) is bad input: the message says which file is missing and the command exits 2,
rather than printing an empty result that reads as a balanced budget.  Exit 0 on success,
2 on bad input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal

import click

from goldenthread.cli.options import fail, load_for_command, on_option, organisation_option
from goldenthread.errors import InputError
from goldenthread.finance.book import Finance
from goldenthread.finance.delivery import SavingsYear, savings_summary
from goldenthread.finance.display import GROUP_COLUMNS, LINE_COLUMNS
from goldenthread.finance.monitoring import BudgetMonitoring, monitor
from goldenthread.finance.mtfp import MtfpYear, mtfp_years
from goldenthread.periods import Month, parse_period
from goldenthread.reports.formatting import format_number

__all__ = ["budget_command", "month_for", "mtfp_command", "mtfp_records", "render_budget"]

_AS_AT_HELP = (
    "A date or timestamp: read a store as recorded then (and, without --on, judge on that day)."
)


def month_for(text: str, year_start_month: int) -> Month:
    """The month ``--period`` names (``2025-09``, ``Sep 2025``).

    Raises:
        InputError: the text is not a period, or names a quarter, half-year or year.
    """
    try:
        period = parse_period(text, year_start_month)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not isinstance(period, Month):
        what = _KINDS.get(type(period).__name__, "not a month")
        raise InputError(
            f"--period must be a month, such as 2025-09 or Sep 2025 (budget monitoring is "
            f"monthly); {text!r} is {what}"
        )
    return period


_KINDS = {"Quarter": "a quarter", "HalfYear": "a half-year", "FinancialYear": "a year"}


def _json_default(obj: object) -> object:
    if isinstance(obj, Decimal):
        exponent = obj.as_tuple().exponent
        return int(obj) if isinstance(exponent, int) and exponent >= 0 else float(obj)
    raise TypeError(f"cannot write {type(obj).__name__} as JSON")


def _dump(data: object) -> str:
    return json.dumps(data, default=_json_default, indent=2, ensure_ascii=False)


def _text(value: object, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal | int) and kind == "money":
        return format_number(value, 2)
    if isinstance(value, Decimal | int) and kind == "pct":
        return format_number(value, 1)
    return str(value)


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv(rows: Sequence[Mapping[str, object]], fields: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_text(row.get(k)) for k in fields})
    return buffer.getvalue().rstrip("\n")


def _table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[tuple[str, str, str]],
) -> str:
    """Rows as aligned text: ``columns`` are (key, heading, kind); ``money`` columns
    (pounds, 2 dp) and ``pct`` columns (1 dp) are right-aligned."""
    cells = [[_text(row.get(key), kind) for key, _, kind in columns] for row in rows]
    headings = [heading for _, heading, _ in columns]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headings)]
    right = [kind != "text" for _, _, kind in columns]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headings), *(line(r) for r in cells)])


_FIGURES = (
    ("year_budget", "Budget £", "money"),
    ("budget_to_date", "Budget to date £", "money"),
    ("actual_to_date", "Actual to date £", "money"),
    ("variance_to_date", "Variance to date £", "money"),
    ("forecast_outturn", "Forecast outturn £", "money"),
    ("forecast_variance", "Forecast variance £", "money"),
    ("forecast_variance_pct", "Variance %", "pct"),
    ("status", "Status", "text"),
)
_LINE_COLUMNS = (
    ("line", "Line", "text"),
    ("service", "Service", "text"),
    *_FIGURES,
    ("forecast_method", "Forecast method", "text"),
)
_GROUP_COLUMNS = (("title", "Service", "text"), *_FIGURES)


def _rows_by(data: Mapping[str, object], by: str) -> list[Mapping[str, object]]:
    if by == "line":
        lines = data["lines"]
        assert isinstance(lines, list)
        return lines
    if by == "service":
        services = data["services"]
        assert isinstance(services, list)
        return services
    total = data["total"]
    assert isinstance(total, dict)
    return [total]


def render_budget(monitoring: BudgetMonitoring, by: str, fmt: str) -> str:
    """What ``goldenthread budget`` prints for ``monitoring`` (see the module notes)."""
    data = monitoring.to_dict()
    if fmt == "json":
        return _dump(data)
    rows = _rows_by(data, by)
    if fmt == "csv":
        return _csv(rows, LINE_COLUMNS if by == "line" else GROUP_COLUMNS)
    parts = [f"Budget monitoring as at {monitoring.month.label}", ""]
    if by == "line":
        parts += [_table(rows, _LINE_COLUMNS), ""]
        parts += ["Services (net)", _table(_rows_by(data, "service"), _GROUP_COLUMNS), ""]
        parts += ["Council (net)", _table(_rows_by(data, "council"), _GROUP_COLUMNS)]
    else:
        parts.append(_table(rows, _GROUP_COLUMNS))
    return "\n".join(parts)


def _require_lines(finance: Finance) -> None:
    if not finance.lines:
        raise InputError(
            "SOURCE has no finance data to monitor: add budget_lines.csv, budgets.csv and "
            "actuals.csv to the bundle (see the finance tutorial)"
        )


@click.command("budget")
@click.argument("source")
@organisation_option
@click.option("--period", "-p", required=True, help="The month, e.g. 2025-09 or 'Sep 2025'.")
@click.option(
    "--by",
    type=click.Choice(["line", "service", "council"]),
    default="line",
    show_default=True,
    help="The rows of the table and CSV (line also shows services and the council).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people; json (lines, services and total) or csv for machines.",
)
@click.option("--as-at", "as_at", default=None, help=_AS_AT_HELP)
@on_option
def budget_command(
    source: str,
    period: str,
    by: str,
    fmt: str,
    as_at: str | None,
    on: dt.date | None,
    organisation: str | None,
) -> None:
    """Monitor SOURCE's revenue budget as at a month: by line, service and council."""
    framework, _ = load_for_command(source, as_at, on, organisation)
    try:
        month = month_for(period, framework.year_start_month)
        _require_lines(framework.finance)
        monitoring = monitor(framework.finance, month)
    except (InputError, ValueError) as exc:
        fail(exc)
    click.echo(render_budget(monitoring, by, fmt))


_MTFP_FIELDS = (
    "year",
    "base",
    "base_brought_forward",
    "pressures",
    "savings",
    "requirement",
    "funding",
    "reserves",
    "gap",
    "incremental_gap",
    "savings_planned",
    "savings_delivered",
    "savings_on_track",
    "savings_at_risk",
    "savings_unachievable",
    "gap_if_unachievable_missed",
    "gap_if_at_risk_missed",
)
_MTFP_COLUMNS = (
    ("year", "Year", "text"),
    ("base", "Base £", "money"),
    ("pressures", "Pressures £", "money"),
    ("savings", "Savings £", "money"),
    ("requirement", "Requirement £", "money"),
    ("funding", "Funding £", "money"),
    ("gap", "Gap £", "money"),
    ("incremental_gap", "Incremental gap £", "money"),
    ("savings_at_risk", "Savings at risk £", "money"),
    ("savings_unachievable", "Unachievable £", "money"),
    ("gap_if_at_risk_missed", "Gap if missed £", "money"),
)


def _record(year: MtfpYear, savings: SavingsYear) -> dict[str, object]:
    record = year.to_dict()
    record.update(
        savings_planned=savings.planned,
        savings_delivered=savings.delivered,
        savings_on_track=savings.on_track,
        savings_at_risk=savings.at_risk,
        savings_unachievable=savings.unachievable,
        gap_if_unachievable_missed=savings.gap_if_unachievable_missed,
        gap_if_at_risk_missed=savings.gap_if_at_risk_missed,
    )
    return record


def mtfp_records(finance: Finance) -> list[dict[str, object]]:
    """One object per MTFP year, as ``goldenthread mtfp --format json`` prints them: the
    year worked out (:func:`~goldenthread.finance.mtfp.mtfp_years`) and the savings
    programme against its gap (:func:`~goldenthread.finance.delivery.savings_summary`).

    Raises:
        InputError: there is no MTFP, or its first year has no base budget.
    """
    if not finance.mtfp:
        raise InputError(
            "SOURCE has no Medium Term Financial Plan: add mtfp.csv to the bundle "
            "(year,kind,item,amount,note; see the finance tutorial)"
        )
    try:
        years = mtfp_years(finance.mtfp)
        savings = savings_summary(finance, [y.year for y in years])
    except ValueError as exc:
        raise InputError(f"mtfp.csv: {exc}") from None
    return [_record(y, s) for y, s in zip(years, savings, strict=True)]


@click.command("mtfp")
@click.argument("source")
@organisation_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people; json (one object per year) or csv for machines.",
)
@click.option("--as-at", "as_at", default=None, help=_AS_AT_HELP)
@on_option
def mtfp_command(
    source: str, fmt: str, as_at: str | None, on: dt.date | None, organisation: str | None
) -> None:
    """Work out SOURCE's Medium Term Financial Plan: requirement, funding and gap by year,
    with the savings at risk against the gap."""
    framework, _ = load_for_command(source, as_at, on, organisation)
    try:
        records = mtfp_records(framework.finance)
    except InputError as exc:
        fail(exc)
    if fmt == "json":
        click.echo(_dump(records))
    elif fmt == "csv":
        click.echo(_csv(records, _MTFP_FIELDS))
    else:
        click.echo("Medium Term Financial Plan\n\n" + _table(records, _MTFP_COLUMNS))
