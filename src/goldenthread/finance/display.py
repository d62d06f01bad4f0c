"""Budget monitoring in notebooks: HTML tables and pandas DataFrames.

:class:`~goldenthread.finance.monitoring.BudgetMonitoring`'s ``_repr_html_`` and
:meth:`~goldenthread.finance.monitoring.BudgetMonitoring.to_pandas` call the builders
here.  The HTML follows :mod:`goldenthread.notebook`'s rules: self-contained, every piece
of text escaped, tables with a caption and ``<th scope>`` headings, a status shown as
symbol and words (``▲ Amber``) with a pale tint, never by colour alone.  Money is shown
rounded half-up to the penny, as the reports show it.

The DataFrames follow :mod:`goldenthread.frames`' rules (pandas imported only when
called, :class:`ImportError` naming the extra when it is missing; figures ``Decimal`` in
``object`` columns unless ``exact=False``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from goldenthread.finance.monitoring import (
    BudgetMonitoring,
    BudgetStatus,
    GroupMonitoring,
    LineMonitoring,
    group_dict,
    line_dict,
)
from goldenthread.finance.mtfp import MtfpPlan
from goldenthread.frames import _frame
from goldenthread.indicators.rag import RagStatus
from goldenthread.notebook import _e, _status_cell, _table, figure_text

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GROUP_COLUMNS",
    "LINE_COLUMNS",
    "MTFP_COLUMNS",
    "monitoring_frame",
    "monitoring_html",
    "mtfp_frame",
    "mtfp_html",
]

LINE_COLUMNS = (
    "line",
    "title",
    "service",
    "kind",
    "owner",
    "year_budget",
    "budget_to_date",
    "actual_to_date",
    "commitment",
    "variance_to_date",
    "forecast_outturn",
    "forecast_method",
    "forecast_variance",
    "forecast_variance_pct",
    "status",
    "significant_underspend",
    "previous_forecast",
    "forecast_movement",
    "tolerance_band",
    "note",
)
"""The columns of :func:`monitoring_frame` by line: the keys of
:func:`~goldenthread.finance.monitoring.line_dict`."""

GROUP_COLUMNS = (
    "service",
    "title",
    "lines",
    "year_budget",
    "budget_to_date",
    "actual_to_date",
    "variance_to_date",
    "forecast_outturn",
    "forecast_variance",
    "forecast_variance_pct",
    "status",
    "significant_underspend",
    "previous_forecast",
    "forecast_movement",
    "tolerance_band",
)
"""The columns of :func:`monitoring_frame` by service or council: the keys of
:func:`~goldenthread.finance.monitoring.group_dict`."""

_FIGURES = (
    "year_budget",
    "budget_to_date",
    "actual_to_date",
    "commitment",
    "variance_to_date",
    "forecast_outturn",
    "forecast_variance",
    "forecast_variance_pct",
    "previous_forecast",
    "forecast_movement",
    "tolerance_band",
)


def monitoring_frame(
    monitoring: BudgetMonitoring, by: str = "line", *, exact: bool = True
) -> pd.DataFrame:
    """``monitoring`` as a DataFrame: a row per line (:data:`LINE_COLUMNS`), per service
    or for the council (:data:`GROUP_COLUMNS`).

    Raises:
        ImportError: pandas is not installed; the message names the extra.
        ValueError: ``by`` is not ``line``, ``service`` or ``council``.
    """
    if by == "line":
        rows = [line_dict(m) for m in monitoring.lines]
        return _frame(rows, LINE_COLUMNS, _FIGURES, exact, flags=("significant_underspend",))
    if by == "service":
        groups: Sequence[GroupMonitoring] = monitoring.services
    elif by == "council":
        groups = (monitoring.total,)
    else:
        raise ValueError(f"by must be line, service or council, not {by!r}")
    rows = [group_dict(g) for g in groups]
    return _frame(
        rows,
        GROUP_COLUMNS,
        _FIGURES,
        exact,
        integers=("lines",),
        flags=("significant_underspend",),
    )


def _money(figure: Decimal | None) -> str:
    return figure_text(figure, 2, "£")


def _pct(figure: Decimal | None) -> str:
    return figure_text(figure, 1, "%")


def _status(status: BudgetStatus, underspend: bool) -> str:
    cell = _status_cell(RagStatus(status.value), None)
    if underspend:
        cell = cell.replace("</td>", " (significant underspend)</td>")
    return cell


_HEAD = (
    "Year budget",
    "Budget to date",
    "Actual to date",
    "Variance to date",
    "Forecast outturn",
    "Forecast variance",
    "Variance %",
    "Status",
    "Movement since last month",
)


def _figures(
    m: LineMonitoring | GroupMonitoring,
) -> str:
    movement = None if m.previous_forecast is None else m.forecast_outturn - m.previous_forecast
    return (
        f"<td>{_e(_money(m.year_budget))}</td><td>{_e(_money(m.budget_to_date))}</td>"
        f"<td>{_e(_money(m.actual_to_date))}</td><td>{_e(_money(m.variance_to_date))}</td>"
        f"<td>{_e(_money(m.forecast_outturn))}</td><td>{_e(_money(m.forecast_variance))}</td>"
        f"<td>{_e(_pct(m.forecast_variance_pct))}</td>"
        f"{_status(m.status, m.significant_underspend)}<td>{_e(_money(movement))}</td>"
    )


def monitoring_html(monitoring: BudgetMonitoring) -> str:
    """Three tables: the council, its services, and every line (variances positive
    adverse), each captioned with the month."""
    month = monitoring.month.name
    council = _table(
        f"Council budget as at {month} (net; variances positive adverse)",
        ("", *_HEAD),
        [f'<tr><th scope="row">Council</th>{_figures(monitoring.total)}</tr>'],
        "gt-budget-council",
    )
    services = _table(
        f"Services as at {month} (net)",
        ("Service", *_HEAD),
        [f'<tr><th scope="row">{_e(g.title)}</th>{_figures(g)}</tr>' for g in monitoring.services],
        "gt-budget-services",
    )
    lines = _table(
        f"Budget lines as at {month}",
        ("Line", "Title", "Service", "Kind", *_HEAD, "Forecast method", "Commentary"),
        [
            f'<tr><th scope="row">{_e(m.line.code)}</th><td>{_e(m.line.title)}</td>'
            f"<td>{_e(m.line.service)}</td><td>{_e(m.line.kind.value)}</td>{_figures(m)}"
            f"<td>{_e(m.forecast_method.value)}</td><td>{_e(m.note or '—')}</td></tr>"
            for m in monitoring.lines
        ],
        "gt-budget-lines",
    )
    return council + services + lines


MTFP_COLUMNS = (
    "year",
    "base",
    "pressures",
    "savings",
    "requirement",
    "funding",
    "gap",
    "incremental_gap",
    "base_brought_forward",
    "reserves",
)
"""The columns of :func:`mtfp_frame`: the keys of
:meth:`~goldenthread.finance.mtfp.MtfpYear.to_dict`."""

_MTFP_FIGURES = tuple(c for c in MTFP_COLUMNS if c not in ("year", "base_brought_forward"))


def mtfp_frame(plan: MtfpPlan, *, exact: bool = True) -> pd.DataFrame:
    """The MTFP as a DataFrame: one row per year, columns :data:`MTFP_COLUMNS`.

    Raises:
        ImportError: pandas is not installed; the message names the extra.
    """
    return _frame(
        plan.to_dict(), MTFP_COLUMNS, _MTFP_FIGURES, exact, flags=("base_brought_forward",)
    )


def mtfp_html(plan: MtfpPlan) -> str:
    """The MTFP as a table: a row per year (the gap positive when a shortfall)."""
    rows = []
    for y in plan.years:
        base = _money(y.base) + (" (brought forward)" if y.base_brought_forward else "")
        rows.append(
            f'<tr><th scope="row">{_e(y.year.label)}</th><td>{_e(base)}</td>'
            f"<td>{_e(_money(y.pressures))}</td><td>{_e(_money(y.savings))}</td>"
            f"<td>{_e(_money(y.requirement))}</td><td>{_e(_money(y.funding))}</td>"
            f"<td>{_e(_money(y.gap))}</td><td>{_e(_money(y.incremental_gap))}</td></tr>"
        )
    return _table(
        "Medium Term Financial Plan (gap positive when a shortfall)",
        (
            "Year",
            "Base",
            "Pressures",
            "Savings",
            "Requirement",
            "Funding",
            "Gap",
            "Incremental gap",
        ),
        rows,
        "gt-mtfp",
    )
