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
from goldenthread.indicators.definition import IndicatorDefinition
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
    return _Trends(dataset, day).sparkline(assessment, count)


def _value_series(labels: Sequence[str], values: Sequence[Decimal | None], decimals: int) -> Series:
    return Series("Value", _pairs(labels, values, decimals))


def _target_series(
    labels: Sequence[str],
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
            found.append(Series(label, list(zip(labels, figures, strict=True))))
    return found


def sparklines(
    dataset: IndicatorSet, assessments: Iterable[Assessment], day: dt.date | None
) -> dict[str, Cell]:
    """:func:`sparkline` of each assessment, by indicator code."""
    trends = _Trends(dataset, day)
    return {a.indicator: trends.sparkline(a, SPARKLINE_PERIODS) for a in assessments}


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


def trend_chart(dataset: IndicatorSet, assessment: Assessment, day: dt.date | None) -> LineChart:
    """The appendix chart of ``assessment``'s indicator (module documentation), with data
    as at ``day``."""
    return _Trends(dataset, day).chart(assessment)


class _Trends:
    """The trend pictures of one dataset's indicators as at one day.

    What depends only on a frequency and a period (the periods a chart shows, their
    labels, which of them have ended) is worked out once and shared by every indicator;
    each figure comes from the dataset's own raw-index methods
    (:meth:`~goldenthread.indicators.dataset.IndicatorSet.value_at`,
    :meth:`~goldenthread.indicators.dataset.IndicatorSet.year_to_date_at` and the
    ``*_for`` targets), after the periods' year start month is checked once.
    """

    def __init__(self, dataset: IndicatorSet, day: dt.date | None) -> None:
        self.dataset = dataset
        self.day = day
        self.due = None if day is None else day.year * 12 + day.month - 1
        self._windows: dict[tuple[Frequency, Period, int], _Window] = {}
        self._years: dict[tuple[Frequency, Period], _YearWindow] = {}
        self._shows: dict[tuple[str, int], _Show] = {}

    def _show(self, unit: str, decimals: int) -> _Show:
        show = self._shows.get((unit, decimals))
        if show is None:
            show = self._shows[unit, decimals] = _Show(unit, decimals)
        return show

    def window(self, frequency: Frequency, period: Period, count: int) -> _Window:
        key = (frequency, period, count)
        found = self._windows.get(key)
        if found is None:
            periods = trend_window(frequency, period, count)
            for p in periods:
                self.dataset.check_period(p)
            found = self._windows[key] = _Window(periods)
        return found

    def year_window(self, frequency: Frequency, period: Period) -> _YearWindow:
        key = (frequency, period)
        found = self._years.get(key)
        if found is None:
            found = self._years[key] = _YearWindow(frequency, period)
            for p in (*found.subs, *found.last_year):
                self.dataset.check_period(p)
        return found

    def _values(self, definition: IndicatorDefinition, window: _Window) -> list[Decimal | None]:
        value_at, due = self.dataset.value_at, self.due
        return [value_at(definition, m, first, due).value for m, first in window.keys]

    def _targets(
        self, definition: IndicatorDefinition, periods: Sequence[Period]
    ) -> list[ResolvedTarget | None]:
        target_for = self.dataset.target_for
        return [target_for(definition, p) for p in periods]

    def sparkline(self, assessment: Assessment, count: int) -> Cell:
        definition = self.dataset.definition(assessment.indicator)
        window = self.window(definition.frequency, assessment.period, count)
        chart = self._window_chart(definition, window, f"{definition.title}: trend")
        return Cell(None, text=chart.alt, chart=chart)

    def _window_chart(
        self, definition: IndicatorDefinition, window: _Window, title: str
    ) -> LineChart:
        """The line chart of ``window``'s values and targets, named by its text
        alternative (a sparkline, or an annual indicator's chart of its years)."""
        periods = window.periods
        decimals = definition.decimals
        values = self._values(definition, window)
        targets = self._targets(definition, periods)
        show = self._show(definition.unit, decimals)
        alt = _sparkline_alt(periods, values, targets, definition.polarity, decimals, show)
        series = [
            _value_series(window.labels, values, decimals),
            *_target_series(window.labels, targets, definition.polarity, decimals),
        ]
        return LineChart(title, alt, series, show.kind, decimals, show.unit)

    def chart(self, assessment: Assessment) -> LineChart:
        definition = self.dataset.definition(assessment.indicator)
        if definition.frequency is Frequency.ANNUAL:
            return self._annual_chart(definition, assessment)
        return self._year_to_date_chart(definition, assessment)

    def _year_to_date_chart(
        self, definition: IndicatorDefinition, assessment: Assessment
    ) -> LineChart:
        code, decimals, polarity = definition.code, definition.decimals, definition.polarity
        period = assessment.period
        window = self.year_window(definition.frequency, period)
        subs, reached, labels = window.subs, window.reached, window.labels
        show = self._show(definition.unit, decimals)
        # each year's running figure is extended a period at a time (one pass per year)
        years_to_date_at, due = self.dataset.years_to_date_at, self.due
        months = window.keys[0][0]
        ended = [first for (_, first), done in zip(window.keys, window.ended, strict=True) if done]
        reached_values = iter(years_to_date_at(definition, months, ended, due))
        values = [next(reached_values).value if done else None for done in window.ended]
        last_year = [
            found.value
            for found in years_to_date_at(
                definition, months, [first for _, first in window.last_year_keys], due
            )
        ]
        target_for = self.dataset.year_to_date_target_for
        targets = [target_for(definition, s) for s in subs]
        outturn = (
            assessment.forecast_seasonal
            if assessment.forecast_seasonal is not None
            else assessment.forecast
        )
        forecast: list[Decimal | None] = [None] * len(subs)
        if outturn is not None and reached and reached[-1] < len(subs) - 1:
            forecast[reached[-1]] = values[reached[-1]]
            forecast[-1] = outturn
        series = [Series("Year to date", _pairs(labels, values, decimals))]
        series.extend(_target_series(labels, targets, polarity, decimals, "Target to date"))
        if any(v is not None for v in last_year):
            series.append(Series("Last year to date", _pairs(labels, last_year, decimals)))
        if any(v is not None for v in forecast):
            series.append(
                Series("Forecast to year end", _pairs(labels, forecast, decimals), joined=True)
            )
        alt = _year_to_date_alt(
            assessment, subs, reached, values, last_year, targets, outturn, show
        )
        return LineChart(
            f"{definition.title} ({code}), {window.year_label} year to date",
            alt,
            series,
            show.kind,
            decimals,
            show.unit,
        )

    def _annual_chart(self, definition: IndicatorDefinition, assessment: Assessment) -> LineChart:
        window = self.window(definition.frequency, assessment.period, ANNUAL_CHART_YEARS)
        first, last = window.periods[0].label, window.periods[-1].label
        return self._window_chart(
            definition, window, f"{definition.title} ({definition.code}), {first} to {last}"
        )


class _Window:
    """The periods of a trend, with their labels and (months, first month index) keys."""

    def __init__(self, periods: tuple[Period, ...]) -> None:
        self.periods = periods
        self.labels = tuple(p.label for p in periods)
        self.keys = tuple((p.months, p.start_index) for p in periods)


class _YearWindow:
    """The collection periods of ``period``'s financial year for a year-to-date chart:
    which have ended by the end of ``period``, and the same periods last year."""

    def __init__(self, frequency: Frequency, period: Period) -> None:
        year = period.financial_year
        self.year_label = year.label
        self.subs = tuple(year.subperiods(frequency))
        self.labels = tuple(s.label for s in self.subs)
        self.keys = tuple((s.months, s.start_index) for s in self.subs)
        end = period.end_index
        self.ended = tuple(s.end_index <= end for s in self.subs)
        self.reached = [i for i, ended in enumerate(self.ended) if ended]
        self.last_year = tuple(s.same_period_last_year() for s in self.subs)
        self.last_year_keys = tuple((s.months, s.start_index) for s in self.last_year)


def _pairs(
    labels: Sequence[str], values: Sequence[Decimal | None], decimals: int
) -> list[tuple[str, Decimal | None]]:
    return [
        (label, None if v is None else round_half_up(v, decimals))
        for label, v in zip(labels, values, strict=True)
    ]


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
    trends = _Trends(dataset, day)
    blocks.extend(trends.chart(a) for a in assessments)
    if not assessments:
        blocks = [Paragraph("No indicators are in this report.")]
    return Section("Appendix: trends", blocks, id=section_id)
