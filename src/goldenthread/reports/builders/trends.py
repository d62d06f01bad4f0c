"""Trend pictures of indicators for the reports: sparklines and year-to-date trend charts.

Every figure here comes from the indicators' own calculations, never a second copy of
them: values from the :class:`~goldenthread.indicators.dataset.IndicatorSet`'s ``value``
and ``year_to_date`` (as at the report's judging day), targets from its ``target`` and
``year_to_date_target`` (profiled where the indicator's target is), the year-end
forecast and whether it meets the year's target from the
:class:`~goldenthread.indicators.assess.Assessment`, and whether a value meets its
target from :func:`~goldenthread.indicators.forecast.forecast_meets_target`
on figures rounded half-up to the indicator's precision, as the RAG rules compare them.

* :func:`sparkline` is the small chart in an indicator's table row: its values over the
  last :data:`SPARKLINE_PERIODS` periods (of the report's length, or of the indicator's
  collection frequency when that is longer) with the target, and a text alternative
  that says the same: the first and latest values, the latest target and how many of
  the latest periods met or missed it (*Trend over the last 8 quarters: from 82.1% in
  2023/24 Q3 to 87.4% in 2025/26 Q2; target 85.0%; met the target in the last 3*).
* :func:`trend_chart` is an indicator's chart in the performance report's appendix:
  its year-to-date value at each collection period of the year against the
  year-to-date target, last year's year-to-date value at the same points, and the
  forecast for the year end; an annual indicator shows its last
  :data:`ANNUAL_CHART_YEARS` years instead.  Its text alternative gives the same
  figures, and every renderer shows the chart's data as a table.
* :func:`with_trends` adds a *Trend* column of sparklines to an indicator table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from goldenthread.indicators.assess import Assessment
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.forecast import forecast_meets_target
from goldenthread.indicators.numbers import is_money_unit, is_percent_unit, round_half_up
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.targets import ResolvedTarget
from goldenthread.periods import Frequency, Period
from goldenthread.reports.formatting import format_value
from goldenthread.reports.model import (
    Block,
    Cell,
    Column,
    ColumnKind,
    LineChart,
    Paragraph,
    Section,
    Series,
    Table,
)

__all__ = [
    "ANNUAL_CHART_YEARS",
    "SPARKLINE_PERIODS",
    "sparkline",
    "sparklines",
    "trend_appendix",
    "trend_chart",
    "trend_window",
    "with_trends",
]

SPARKLINE_PERIODS = 8
"""How many periods a sparkline shows, ending with the report's period."""

ANNUAL_CHART_YEARS = 6
"""How many years the appendix chart of an annual indicator shows."""

_NOUNS = {1: ("month", "months"), 3: ("quarter", "quarters"), 6: ("half-year", "half-years")}


def _noun(months: int, plural: bool = True) -> str:
    one, many = _NOUNS.get(months, ("year", "years"))
    return many if plural else one


def trend_window(
    frequency: Frequency, period: Period, count: int = SPARKLINE_PERIODS
) -> tuple[Period, ...]:
    """The ``count`` periods a trend shows, oldest first, ending with ``period``; for an
    indicator collected less often than ``period`` (an annual one in a quarterly
    report), periods of its ``frequency`` instead, ending with the last one to end by
    the end of ``period``.

    Raises:
        ValueError: ``count`` below 1.
    """
    if count < 1:
        raise ValueError(f"a trend needs at least one period, not {count}")
    last = period
    if frequency.months > period.months:
        last = period.with_frequency(frequency)
        if last.end > period.end:
            last = last.shift(-1)
    return tuple(last.shift(-i) for i in range(count - 1, -1, -1))


def _kind(unit: str) -> tuple[ColumnKind, str]:
    """How figures of ``unit`` are shown: percentages and pounds carry their own sign."""
    if is_percent_unit(unit):
        return ColumnKind.PERCENT, ""
    if is_money_unit(unit):
        return ColumnKind.MONEY, ""
    return ColumnKind.NUMBER, unit


def _rounded(value: Decimal | None, decimals: int) -> Decimal | None:
    return None if value is None else round_half_up(value, decimals)


def _meets(
    value: Decimal | None, target: ResolvedTarget | None, polarity: Polarity, decimals: int
) -> bool | None:
    """Whether ``value`` meets ``target`` at the indicator's precision (``None``: no
    value, no target, or a polarity without one)."""
    if value is None or target is None or polarity is Polarity.NONE:
        return None
    try:
        return forecast_meets_target(
            round_half_up(value, decimals),
            polarity,
            _rounded(target.target, decimals),
            lower=_rounded(target.lower, decimals),
            upper=_rounded(target.upper, decimals),
        )
    except ValueError:  # no target figure (or bound) to meet
        return None


def _target_text(
    target: ResolvedTarget | None, polarity: Polarity, show: _Show, what: str = "target"
) -> str:
    if target is None or polarity is Polarity.NONE:
        return f"no {what}"
    if polarity is Polarity.RANGE and target.lower is not None and target.upper is not None:
        return f"{what} {show(target.lower)} to {show(target.upper)}"
    if target.target is None:
        return f"no {what}"
    return f"{what} {show(target.target)}"


class _Show:
    """Formats an indicator's figures as its table does: rounded to its places, with its unit."""

    def __init__(self, unit: str, decimals: int) -> None:
        self.kind, self.unit = _kind(unit)
        self.decimals = decimals

    def __call__(self, value: Decimal | None) -> str:
        return format_value(value, self.kind, self.decimals, self.unit) or "no value"


def _streak(outcomes: Sequence[bool | None], noun: str, total: int) -> str:
    """How many of the latest periods with a value and target met (or missed) it."""
    judged = [o for o in outcomes if o is not None]
    if not judged:
        return ""
    latest = judged[-1]
    run = 0
    for outcome in reversed(outcomes):
        if outcome is None:
            if run:
                break
            continue
        if outcome is not latest:
            break
        run += 1
    verb = "met the target" if latest else "missed the target"
    if run == 1:
        return f"{verb} in the latest {noun}"
    if run == total:
        return f"{verb} in all {run}"
    return f"{verb} in the last {run}"


def _sparkline_alt(
    periods: Sequence[Period],
    values: Sequence[Decimal | None],
    targets: Sequence[ResolvedTarget | None],
    polarity: Polarity,
    decimals: int,
    show: _Show,
) -> str:
    months = periods[-1].months
    head = f"Trend over the last {len(periods)} {_noun(months)}"
    present = [(p, v) for p, v in zip(periods, values, strict=True) if v is not None]
    if not present:
        return f"{head}: no values."
    first, latest = present[0], present[-1]
    parts: list[str] = []
    if len(present) == 1:
        parts.append(f"one value, {show(latest[1])} in {latest[0].label}")
    else:
        parts.append(
            f"from {show(first[1])} in {first[0].label} to {show(latest[1])} in {latest[0].label}"
        )
        if len(present) < len(periods):
            parts.append(f"values for {len(present)} of the {len(periods)}")
    index = periods.index(latest[0])
    parts.append(_target_text(targets[index], polarity, show))
    outcomes = [
        _meets(v, t, polarity, decimals) for v, t in zip(values[: index + 1], targets, strict=False)
    ]
    streak = _streak(outcomes, _noun(months, plural=False), len(periods))
    if streak:
        parts.append(streak)
    return f"{head}: {'; '.join(parts)}."


def sparkline(
    dataset: IndicatorSet,
    assessment: Assessment,
    day: dt.date | None,
    count: int = SPARKLINE_PERIODS,
) -> Cell:
    """The sparkline of ``assessment``'s indicator over the ``count`` periods ending with
    its period (see :func:`trend_window`), with data as at ``day``: a :class:`Cell`
    holding the chart and its text alternative."""
    definition = dataset.definition(assessment.indicator)
    periods = trend_window(definition.frequency, assessment.period, count)
    decimals = definition.decimals
    values = [dataset.value(definition.code, p, as_at=day).value for p in periods]
    targets = [dataset.target(definition.code, p) for p in periods]
    show = _Show(definition.unit, decimals)
    alt = _sparkline_alt(periods, values, targets, definition.polarity, decimals, show)
    series = [_value_series(periods, values, decimals)]
    series.extend(_target_series(periods, targets, definition.polarity, decimals))
    chart = LineChart(
        f"{definition.title}: trend",
        alt,
        series,
        show.kind,
        decimals,
        show.unit,
    )
    return Cell(None, text=alt, chart=chart)


def _value_series(
    periods: Sequence[Period], values: Sequence[Decimal | None], decimals: int
) -> Series:
    return Series(
        "Value", [(p.label, _rounded(v, decimals)) for p, v in zip(periods, values, strict=True)]
    )


def _target_series(
    periods: Sequence[Period],
    targets: Sequence[ResolvedTarget | None],
    polarity: Polarity,
    decimals: int,
    name: str = "Target",
) -> list[Series]:
    """The target line (a range indicator's two bounds), left out when no period has one."""
    if polarity is Polarity.NONE:
        return []
    wanted = (
        [("lower", f"{name} (lower)"), ("upper", f"{name} (upper)")]
        if polarity is Polarity.RANGE
        else [("target", name)]
    )
    found: list[Series] = []
    for attribute, label in wanted:
        figures = [
            None if t is None else _rounded(getattr(t, attribute), decimals) for t in targets
        ]
        if any(f is not None for f in figures):
            found.append(
                Series(label, [(p.label, f) for p, f in zip(periods, figures, strict=True)])
            )
    return found


def sparklines(
    dataset: IndicatorSet, assessments: Iterable[Assessment], day: dt.date | None
) -> dict[str, Cell]:
    """:func:`sparkline` of each assessment, by indicator code."""
    return {a.indicator: sparkline(dataset, a, day) for a in assessments}


TREND_COLUMN = Column("trend", "Trend", ColumnKind.TREND)
"""The column :func:`with_trends` adds."""


def with_trends(table: Table, trends: Mapping[str, Cell], after: str = "target") -> Table:
    """``table`` (an indicator table, with a ``code`` column) with a *Trend* column of the
    sparklines in ``trends`` (by code) after the column ``after`` (at the end when there
    is none); a row whose code has no sparkline gets an empty cell.

    Raises:
        ValueError: the table has no ``code`` column.
    """
    keys = [c.key for c in table.columns]
    if "code" not in keys:
        raise ValueError(f"table {table.caption!r} has no code column to find trends by")
    code = keys.index("code")
    at = keys.index(after) + 1 if after in keys else len(keys)
    columns = (*table.columns[:at], TREND_COLUMN, *table.columns[at:])
    rows = []
    for row in table.rows:
        value = row[code].value
        cell = trends.get(value, Cell()) if isinstance(value, str) else Cell()
        rows.append((*row[:at], cell, *row[at:]))
    return Table(table.caption, columns, rows, table.row_headers)


def _year_to_date_chart(
    dataset: IndicatorSet, assessment: Assessment, day: dt.date | None
) -> LineChart:
    definition = dataset.definition(assessment.indicator)
    code, decimals, polarity = definition.code, definition.decimals, definition.polarity
    period = assessment.period
    year = period.financial_year
    subs = list(year.subperiods(definition.frequency))
    show = _Show(definition.unit, decimals)
    values = [
        dataset.year_to_date(code, s, as_at=day).value if s.end <= period.end else None
        for s in subs
    ]
    last_year = [
        dataset.year_to_date(code, s.same_period_last_year(), as_at=day).value for s in subs
    ]
    targets = [dataset.year_to_date_target(code, s) for s in subs]
    outturn = (
        assessment.forecast_seasonal
        if assessment.forecast_seasonal is not None
        else assessment.forecast
    )
    reached = [i for i, s in enumerate(subs) if s.end <= period.end]
    forecast: list[Decimal | None] = [None] * len(subs)
    if outturn is not None and reached and reached[-1] < len(subs) - 1:
        forecast[reached[-1]] = values[reached[-1]]
        forecast[-1] = outturn
    labels = [s.label for s in subs]
    series = [
        Series("Year to date", zip(labels, (_rounded(v, decimals) for v in values), strict=True))
    ]
    series.extend(_target_series(subs, targets, polarity, decimals, "Target to date"))
    if any(v is not None for v in last_year):
        series.append(
            Series(
                "Last year to date",
                zip(labels, (_rounded(v, decimals) for v in last_year), strict=True),
            )
        )
    if any(v is not None for v in forecast):
        series.append(
            Series(
                "Forecast to year end",
                zip(labels, (_rounded(v, decimals) for v in forecast), strict=True),
                joined=True,
            )
        )
    alt = _year_to_date_alt(assessment, subs, reached, values, last_year, targets, outturn, show)
    return LineChart(
        f"{definition.title} ({code}), {year.label} year to date",
        alt,
        series,
        show.kind,
        decimals,
        show.unit,
    )


def _year_to_date_alt(
    assessment: Assessment,
    subs: Sequence[Period],
    reached: Sequence[int],
    values: Sequence[Decimal | None],
    last_year: Sequence[Decimal | None],
    targets: Sequence[ResolvedTarget | None],
    outturn: Decimal | None,
    show: _Show,
) -> str:
    polarity = assessment.polarity
    year = assessment.period.financial_year
    if not reached:
        noun = _noun(subs[0].months, plural=False)
        return f"{year.label}: no {noun} has ended by {assessment.period.label}."
    at = reached[-1]
    point = subs[at]
    head = f"{year.label} year to date, to {point.label}"
    parts: list[str] = []
    value = values[at]
    if value is None:
        earlier = [i for i in reached if values[i] is not None]
        latest = (
            f" (the latest, to {subs[earlier[-1]].label}, {show(values[earlier[-1]])})"
            if earlier
            else ""
        )
        parts.append(f"{head}: no value{latest}")
    else:
        parts.append(f"{head}: {show(value)}")
    target = targets[at]
    basis = " (profiled)" if target is not None and target.basis == "profiled" else ""
    parts.append(_target_text(target, polarity, show, "target to date") + basis)
    met = _meets(value, target, polarity, assessment.decimals)
    if met is not None:
        parts.append("met" if met else "missed")
    previous = last_year[at]
    parts.append(
        "no value at the same point last year"
        if previous is None
        else f"at the same point last year {show(previous)}"
    )
    text = "; ".join(parts) + "."
    if at == len(subs) - 1:
        return text + " The year is over."
    year_target = (
        "no target for the year"
        if assessment.year_target is None
        else f"the year's target {show(assessment.year_target)}"
    )
    if outturn is None:
        return text + f" No forecast for the year end can be made; {year_target}."
    verdict = {True: "forecast to meet it", False: "forecast to miss it", None: ""}[
        assessment.forecast_meets_target
    ]
    tail = f" Forecast for the year end {show(outturn)}; {year_target}"
    return text + tail + (f"; {verdict}." if verdict else ".")


def _annual_chart(dataset: IndicatorSet, assessment: Assessment, day: dt.date | None) -> LineChart:
    definition = dataset.definition(assessment.indicator)
    periods = trend_window(definition.frequency, assessment.period, ANNUAL_CHART_YEARS)
    decimals = definition.decimals
    values = [dataset.value(definition.code, p, as_at=day).value for p in periods]
    targets = [dataset.target(definition.code, p) for p in periods]
    show = _Show(definition.unit, decimals)
    alt = _sparkline_alt(periods, values, targets, definition.polarity, decimals, show)
    series = [
        _value_series(periods, values, decimals),
        *_target_series(periods, targets, definition.polarity, decimals),
    ]
    return LineChart(
        f"{definition.title} ({definition.code}), {periods[0].label} to {periods[-1].label}",
        alt,
        series,
        show.kind,
        decimals,
        show.unit,
    )


def trend_chart(dataset: IndicatorSet, assessment: Assessment, day: dt.date | None) -> LineChart:
    """The appendix chart of ``assessment``'s indicator (module documentation), with data
    as at ``day``."""
    definition = dataset.definition(assessment.indicator)
    if definition.frequency is Frequency.ANNUAL:
        return _annual_chart(dataset, assessment, day)
    return _year_to_date_chart(dataset, assessment, day)


def trend_appendix(
    dataset: IndicatorSet,
    assessments: Sequence[Assessment],
    day: dt.date | None,
    section_id: str = "trends",
) -> Section:
    """The appendix of trend charts: one :func:`trend_chart` per assessment, in order."""
    blocks: list[Block] = [
        Paragraph(
            "Each indicator's year-to-date figure at each point of the year, against its "
            "target to date (profiled where the target is) and last year's figure at the "
            "same point, with the forecast for the year end; an annual indicator shows "
            f"its last {ANNUAL_CHART_YEARS} years.  Every chart is followed by its "
            "figures as a table."
        )
    ]
    blocks.extend(trend_chart(dataset, a, day) for a in assessments)
    if not assessments:
        blocks = [Paragraph("No indicators are in this report.")]
    return Section("Appendix: trends", blocks, id=section_id)
