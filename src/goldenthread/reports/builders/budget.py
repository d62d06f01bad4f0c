"""The monthly budget monitoring report (``goldenthread report budget``).

Poole: "Monthly Budget reports are presented to Management Team and Cabinet".  For the
month asked for (the period must be a month), the report has:

* **Council summary**: the net budget, the forecast outturn, the forecast variance in
  pounds and as a percentage (positive is adverse), its status and the movement in the
  forecast since last month;
* **Services**: each service's net figures and status;
* **Lines red or amber**: every line whose forecast variance is amber or red, with its
  budget holder, the forecast method (the budget holder's forecast, or "on budget from
  here") and the budget holder's commentary;
* **Significant underspends**: favourable variances beyond the tolerance band, which need
  explaining too;
* **Forecast movement**: the council's net forecast outturn and forecast variance month by
  month through the year, as a chart with a text alternative stating the same figures,
  and as a table;
* **Savings delivery**: the year's savings by delivery status, each saving, and the savings
  at risk or unachievable set against the MTFP gap;
* **Medium Term Financial Plan**: the requirement, funding, gap and incremental gap year by
  year.

Every money column is in pounds (``£``).  The report is ``internal`` by default (budget
lines carry budget holders' commentary).  A ``public`` variant shows only lines classified
public, without commentary or officers' names; service and council totals, which add up
every line, are shown in both.  Personal lines never appear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from attrs import frozen

from goldenthread.branding import Terminology
from goldenthread.errors import InputError
from goldenthread.finance.delivery import SavingsYear, savings_summary
from goldenthread.finance.lines import BudgetLine
from goldenthread.finance.monitoring import (
    BudgetMonitoring,
    BudgetStatus,
    GroupMonitoring,
    LineMonitoring,
    monitor,
)
from goldenthread.finance.mtfp import MtfpYear, mtfp_years
from goldenthread.finance.savings import Saving, SavingStatus
from goldenthread.framework import Framework
from goldenthread.periods import FinancialYear, Month, Period
from goldenthread.reports.builders.common import (
    assemble_report,
    effective_day,
    empty_sections_choice,
    require_whole,
    shown_section,
    visible,
)
from goldenthread.reports.formatting import format_value, status_text
from goldenthread.reports.model import (
    Block,
    Cell,
    Column,
    ColumnKind,
    KeyValue,
    KeyValues,
    LineChart,
    Paragraph,
    Report,
    Section,
    Series,
    Status,
    Table,
)

__all__ = ["BudgetReport", "line_shown", "line_table"]

_ZERO = Decimal(0)
_THOUSAND = Decimal(1000)


def _status(status: BudgetStatus) -> Status:
    return Status(status.value)


def _money(label: str, key: str) -> Column:
    return Column(key, label, ColumnKind.MONEY, decimals=0, unit="")


def _pct(key: str, label: str = "Variance %") -> Column:
    return Column(key, label, ColumnKind.PERCENT, decimals=1)


def _movement(current: Decimal, previous: Decimal | None) -> Decimal | None:
    return None if previous is None else current - previous


def _pct_cell(value: Decimal | None) -> Cell:
    return Cell(value, "n/a" if value is None else None)


def _movement_cell(current: Decimal, previous: Decimal | None) -> Cell:
    moved = _movement(current, previous)
    return Cell(moved, "first month" if moved is None else None)


_GROUP_COLUMNS = (
    Column("service", "Service"),
    Column("lines", "Lines", ColumnKind.NUMBER),
    _money("Budget (£)", "year_budget"),
    _money("Budget to date (£)", "budget_to_date"),
    _money("Actual to date (£)", "actual_to_date"),
    _money("Variance to date (£)", "variance_to_date"),
    _money("Forecast outturn (£)", "forecast_outturn"),
    _money("Forecast variance (£)", "forecast_variance"),
    _pct("forecast_variance_pct"),
    Column("status", "Status", ColumnKind.STATUS),
    _money("Movement since last month (£)", "forecast_movement"),
)


def _group_row(group: GroupMonitoring) -> tuple[Cell, ...]:
    return (
        Cell(group.title),
        Cell(group.lines),
        Cell(group.year_budget),
        Cell(group.budget_to_date),
        Cell(group.actual_to_date),
        Cell(group.variance_to_date),
        Cell(group.forecast_outturn),
        Cell(group.forecast_variance),
        _pct_cell(group.forecast_variance_pct),
        Cell(status=_status(group.status)),
        _movement_cell(group.forecast_outturn, group.previous_forecast),
    )


def _line_columns(internal: bool) -> tuple[Column, ...]:
    columns = [
        Column("line", "Line"),
        Column("code", "Code"),
        Column("service", "Service"),
        Column("kind", "Kind"),
    ]
    if internal:
        columns.append(Column("owner", "Budget holder"))
    columns += [
        _money("Budget (£)", "year_budget"),
        _money("Actual to date (£)", "actual_to_date"),
        _money("Forecast outturn (£)", "forecast_outturn"),
        _money("Forecast variance (£)", "forecast_variance"),
        _pct("forecast_variance_pct"),
        Column("status", "Status", ColumnKind.STATUS),
        Column("forecast_method", "Forecast method"),
    ]
    if internal:
        columns.append(Column("commentary", "Budget holder's commentary"))
    return tuple(columns)


def _line_row(m: LineMonitoring, internal: bool) -> tuple[Cell, ...]:
    cells = [Cell(m.line.title), Cell(m.line.code), Cell(m.line.service), Cell(m.line.kind.value)]
    if internal:
        cells.append(Cell(m.line.owner))
    cells += [
        Cell(m.year_budget),
        Cell(m.actual_to_date),
        Cell(m.forecast_outturn),
        Cell(m.forecast_variance),
        _pct_cell(m.forecast_variance_pct),
        Cell(status=_status(m.status)),
        Cell(m.forecast_method.value),
    ]
    if internal:
        cells.append(Cell(m.note or "none given"))
    return tuple(cells)


def line_table(caption: str, lines: Sequence[LineMonitoring], internal: bool) -> Table:
    """A table of budget lines as monitored: budget, actual to date, forecast outturn and
    variance (£ and %), status and forecast method; with the budget holder and their
    commentary when ``internal``."""
    return Table(caption, _line_columns(internal), [_line_row(m, internal) for m in lines])


def _pounds(value: Decimal) -> str:
    return format_value(value, ColumnKind.MONEY, 0)


def _signed(value: Decimal) -> str:
    """A variance in words: ``£120,000 adverse``, ``£5,000 favourable`` or ``nil``."""
    if value > 0:
        return f"{_pounds(value)} adverse"
    if value < 0:
        return f"{_pounds(-value)} favourable"
    return "nil"


def _summary(monitoring: BudgetMonitoring, day: dt.date, terminology: Terminology) -> KeyValues:
    total = monitoring.total
    moved = _movement(total.forecast_outturn, total.previous_forecast)
    return KeyValues(
        [
            KeyValue("Month", monitoring.month.label),
            KeyValue("As at", day, ColumnKind.DATE),
            KeyValue("Net budget (£)", total.year_budget, ColumnKind.MONEY, 0),
            KeyValue("Forecast outturn (£)", total.forecast_outturn, ColumnKind.MONEY, 0),
            KeyValue(
                "Forecast variance (£, positive is adverse)",
                total.forecast_variance,
                ColumnKind.MONEY,
                0,
            ),
            KeyValue(
                "Forecast variance (%)",
                "n/a" if total.forecast_variance_pct is None else total.forecast_variance_pct,
                ColumnKind.PERCENT,
                1,
            ),
            KeyValue("Status", status_text(_status(total.status), terminology)),
            KeyValue(
                "Forecast movement since last month (£)",
                "first month of the year" if moved is None else moved,
                ColumnKind.MONEY,
                0,
            ),
        ],
        title="Council (net)",
    )


def _summary_text(monitoring: BudgetMonitoring) -> Paragraph:
    total = monitoring.total
    moved = _movement(total.forecast_outturn, total.previous_forecast)
    movement = (
        "This is the first month of the year."
        if moved is None
        else "The forecast is unchanged since last month."
        if moved == 0
        else f"The forecast has {'risen' if moved > 0 else 'fallen'} by "
        f"{_pounds(abs(moved))} since last month."
    )
    red = sum(1 for m in monitoring.lines if m.status is BudgetStatus.RED)
    amber = sum(1 for m in monitoring.lines if m.status is BudgetStatus.AMBER)
    return Paragraph(
        f"As at {monitoring.month.label} the council forecasts a net outturn of "
        f"{_pounds(total.forecast_outturn)} against a net budget of "
        f"{_pounds(total.year_budget)}: a variance of {_signed(total.forecast_variance)} "
        f"({total.status.value}). {movement} Budget lines: {len(monitoring.lines)}, of "
        f"which {red} red and {amber} amber."
    )


_TREND_COLUMNS = (
    Column("month", "Month"),
    _money("Forecast outturn (£)", "forecast_outturn"),
    _money("Forecast variance (£)", "forecast_variance"),
    _money("Movement since the month before (£)", "movement"),
)


def _forecast_movement(monitoring: BudgetMonitoring) -> list[Block]:
    budget = monitoring.total.year_budget
    trend = monitoring.forecast_trend
    if not trend:
        return [Paragraph("No budget line is monitored in this month's financial year.")]
    variances = [(month.label, outturn - budget) for month, outturn in trend]
    described = "; ".join(f"{label} {_signed(variance)}" for label, variance in variances)
    alt = (
        f"The council's net forecast variance month by month against its net budget of "
        f"{_pounds(budget)} (positive is adverse): {described}."
    )
    # in thousands of pounds, as councils' budget reports chart them: the axis stays legible
    chart = LineChart(
        title="Forecast variance month by month (£000)",
        alt=alt,
        series=[Series("Forecast variance (£000)", [(m, v / _THOUSAND) for m, v in variances])],
        kind=ColumnKind.NUMBER,
        decimals=0,
    )
    rows = []
    previous: Decimal | None = None
    for month, outturn in trend:
        rows.append(
            (
                Cell(month.label),
                Cell(outturn),
                Cell(outturn - budget),
                _movement_cell(outturn, previous),
            )
        )
        previous = outturn
    return [
        Paragraph(
            "The council's net forecast outturn as it stood at the end of each month of the "
            "year; the forecast variance is the outturn less the net budget."
        ),
        chart,
        Table("Forecast outturn month by month", _TREND_COLUMNS, rows),
    ]


_SAVING_STATUS = {
    SavingStatus.DELIVERED: Status.GREEN,
    SavingStatus.ON_TRACK: Status.GREEN,
    SavingStatus.AT_RISK: Status.AMBER,
    SavingStatus.UNACHIEVABLE: Status.RED,
}

_BY_STATUS_COLUMNS = (
    Column("status", "Delivery status"),
    Column("rag", "RAG", ColumnKind.STATUS),
    Column("count", "Savings", ColumnKind.NUMBER),
    _money("Amount (£)", "amount"),
)


def _saving_columns(internal: bool) -> tuple[Column, ...]:
    columns = [Column("saving", "Saving"), Column("code", "Code"), Column("service", "Service")]
    if internal:
        columns.append(Column("owner", "Owner"))
    columns += [
        _money("Amount (£)", "amount"),
        _money("Delivered (£)", "delivered"),
        Column("status", "Delivery status"),
        Column("rag", "RAG", ColumnKind.STATUS),
    ]
    if internal:
        columns.append(Column("commentary", "Commentary"))
    return tuple(columns)


def _saving_row(saving: Saving, internal: bool) -> tuple[Cell, ...]:
    cells = [Cell(saving.title), Cell(saving.code), Cell(saving.service)]
    if internal:
        cells.append(Cell(saving.owner))
    cells += [
        Cell(saving.amount),
        Cell(saving.delivered, "not recorded" if saving.delivered is None else None),
        Cell(saving.status.value.replace("-", " ")),
        Cell(status=_SAVING_STATUS[saving.status]),
    ]
    if internal:
        cells.append(Cell(saving.note))
    return tuple(cells)


_AGAINST_GAP_COLUMNS = (
    Column("year", "Year"),
    _money("Gap (£)", "gap"),
    _money("Savings planned (£)", "planned"),
    _money("Delivered or on track (£)", "on_track"),
    _money("At risk (£)", "at_risk"),
    _money("Unachievable (£)", "unachievable"),
    _money("Gap if unachievable missed (£)", "gap_if_unachievable_missed"),
    _money("Gap if at risk and unachievable missed (£)", "gap_if_at_risk_missed"),
)


def _savings(
    savings: Sequence[Saving],
    year: FinancialYear,
    summaries: Sequence[SavingsYear],
    internal: bool,
) -> list[Block]:
    this_year = [s for s in savings if s.year == year]
    by_status = [
        (
            Cell(status.value.replace("-", " ")),
            Cell(status=_SAVING_STATUS[status]),
            Cell(sum(1 for s in this_year if s.status is status)),
            Cell(sum((s.amount for s in this_year if s.status is status), _ZERO)),
        )
        for status in SavingStatus
    ]
    blocks: list[Block] = [
        Paragraph(
            f"The savings programme for {year.label}: delivered and on track are green, at "
            "risk amber, unachievable red."
        ),
        Table(f"Savings {year.label} by delivery status", _BY_STATUS_COLUMNS, by_status),
        Table(
            f"Savings {year.label}",
            _saving_columns(internal),
            [_saving_row(s, internal) for s in this_year],
        ),
    ]
    if summaries:
        blocks += [
            Paragraph(
                "Savings at risk or unachievable set against the MTFP gap: each pound not "
                "delivered widens the gap (an unachievable saving in a year that brings its "
                "base forward carries into the years after)."
            ),
            Table(
                "Savings against the MTFP gap",
                _AGAINST_GAP_COLUMNS,
                [
                    (
                        Cell(s.year.label),
                        Cell(s.gap),
                        Cell(s.planned),
                        Cell(s.delivered + s.on_track),
                        Cell(s.at_risk),
                        Cell(s.unachievable),
                        Cell(s.gap_if_unachievable_missed),
                        Cell(s.gap_if_at_risk_missed),
                    )
                    for s in summaries
                ],
            ),
        ]
    return blocks


_MTFP_COLUMNS = (
    Column("year", "Year"),
    _money("Base (£)", "base"),
    _money("Pressures (£)", "pressures"),
    _money("Savings (£)", "savings"),
    _money("Requirement (£)", "requirement"),
    _money("Funding (£)", "funding"),
    _money("Gap (£)", "gap"),
    _money("Incremental gap (£)", "incremental_gap"),
)


def _mtfp(years: Sequence[MtfpYear]) -> list[Block]:
    if not years:
        return [Paragraph("The framework holds no Medium Term Financial Plan.")]
    rows = [
        (
            Cell(y.year.label),
            Cell(
                y.base, f"{_pounds(y.base)} (brought forward)" if y.base_brought_forward else None
            ),
            Cell(y.pressures),
            Cell(y.savings),
            Cell(y.requirement),
            Cell(y.funding),
            Cell(y.gap),
            Cell(y.incremental_gap),
        )
        for y in years
    ]
    gaps = "; ".join(f"{y.year.label} {_pounds(y.gap)}" for y in years)
    return [
        Paragraph(
            "Requirement = base + pressures − savings; funding includes the planned use of "
            "reserves; gap = requirement − funding (positive is a shortfall still to close); "
            f"the incremental gap is the change from the year before. Gap by year: {gaps}."
        ),
        Table("Medium Term Financial Plan", _MTFP_COLUMNS, rows),
    ]


def line_shown(line: BudgetLine, classification: str) -> bool:
    """Whether a report of ``classification`` may show ``line`` (a personal line only in
    a personal report)."""
    own = line.classification.value
    if own == "personal" and classification != "personal":
        return False
    return visible(own, classification)


@frozen
class BudgetReport:
    """The ``budget`` report kind (see the module documentation)."""

    name: str = "budget"
    title: str = "Budget monitoring report"
    classification: str = "internal"
    audience: str = "Management Team and Cabinet"

    def build(
        self,
        framework: Framework,
        period: Period,
        *,
        as_at: dt.datetime | None = None,
        today: dt.date,
        classification: str | None = None,
    ) -> Report:
        """Build the report for the month ``period`` as at ``as_at`` (else ``today``).

        Raises:
            InputError: ``period`` is not a month, or the framework has no budget lines.
            ValueError: a naive ``as_at``, an unknown classification, an MTFP whose
                first year has no base, or a framework read for some of its parts only.
        """
        require_whole(framework)
        if not isinstance(period, Month):
            raise InputError(
                f"the budget report is monthly: give a month such as 2025-09, not {period.label}"
            )
        finance = framework.finance
        if not finance.lines:
            raise InputError(
                "the framework has no finance data: the budget report needs "
                "budget_lines.csv, budgets.csv and actuals.csv"
            )
        shown = classification or self.classification
        internal = shown != "public"
        day = effective_day(as_at, today)
        choice = empty_sections_choice(framework)
        monitoring = monitor(finance, period)
        lines = [m for m in monitoring.lines if line_shown(m.line, shown)]
        flagged = [m for m in lines if m.status is not BudgetStatus.GREEN]
        flagged.sort(key=lambda m: (m.status is not BudgetStatus.RED, -m.forecast_variance))
        underspent = [m for m in lines if m.significant_underspend]
        underspent.sort(key=lambda m: m.forecast_variance)
        years = mtfp_years(finance.mtfp)
        summaries = savings_summary(finance, [y.year for y in years])
        red_amber: list[Block] = [
            Paragraph(
                "Lines whose forecast variance is amber (within the tolerance band) or red "
                "(beyond it), red first, with the budget holder's latest commentary."
                if internal
                else "Lines whose forecast variance is amber or red, red first."
            ),
            line_table("Budget lines red or amber", flagged, internal),
        ]
        sections = [
            Section(
                "Council summary",
                [
                    _summary_text(monitoring),
                    _summary(monitoring, day, framework.branding.terminology),
                ],
                id="summary",
            ),
            Section(
                "Services",
                [
                    Paragraph(
                        "Each service's figures are net (expenditure less income); "
                        "variances are positive when adverse."
                    ),
                    Table(
                        "Services (net)",
                        _GROUP_COLUMNS,
                        [_group_row(g) for g in (*monitoring.services, monitoring.total)],
                    ),
                ],
                id="services",
            ),
            *shown_section(
                "Lines red or amber",
                red_amber,
                id="red-amber",
                empty=f"Every budget line is forecast within its budget as at {period.name}.",
                choice=choice,
            ),
            *shown_section(
                "Significant underspends",
                [
                    Paragraph(
                        "Favourable variances beyond the tolerance band: they need explaining too."
                    ),
                    line_table("Significant underspends", underspent, internal),
                ],
                id="underspends",
                empty=f"No budget line is forecast to underspend beyond its tolerance as at "
                f"{period.name}.",
                choice=choice,
            ),
            Section("Forecast movement", _forecast_movement(monitoring), id="forecast-movement"),
            Section(
                "Savings delivery",
                _savings(finance.savings, period.financial_year, summaries, internal),
                id="savings",
            ),
            Section("Medium Term Financial Plan", _mtfp(years), id="mtfp"),
        ]
        return assemble_report(self, framework, period, sections, as_at=as_at, classification=shown)
