"""Assessing an indicator for a period: value, target, status, direction and year to date.

:func:`assess` gathers, for one indicator and period, everything a performance report
shows: the value (by :class:`~goldenthread.indicators.dataset.IndicatorSet`'s rules),
the target that applies, the RAG status by the indicator's rule, the direction of travel
against the previous period, the same period last year and (optionally) a trend over the
last *n* periods, the year-to-date value, target and status, and the weakest data status
of the inputs.  :func:`assess_all` does it for every indicator.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from attrs import evolve, field, frozen

from goldenthread.indicators.aggregation import Aggregate
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.direction import Direction, direction_of_travel, trend_direction
from goldenthread.indicators.forecast import (
    cumulative_forecast,
    forecast_meets_target,
    run_rate_forecast,
    seasonal_forecast,
)
from goldenthread.indicators.numbers import ValueState, is_percent_unit, round_half_up
from goldenthread.indicators.polarity import DataStatus, Polarity, weakest_status
from goldenthread.indicators.rag import RagInput, RagRules, RagStatus, default_rules, rate
from goldenthread.indicators.stats import (
    ConfidenceInterval,
    IntervalMethod,
    Significance,
    compare_counts,
    confidence_interval,
)
from goldenthread.indicators.targets import ResolvedTarget
from goldenthread.periods import FinancialYear, Frequency, Period

__all__ = ["Assessment", "assess", "assess_all"]


def _judged(aggregate: Aggregate, period: Period, on: dt.date | None) -> Aggregate:
    """``aggregate`` as the judging day ``on`` sees it: with no figure, not yet due when
    ``period`` had not ended on ``on`` (a quarter judged in its second month is not
    late, even when its first month's figure is) and missing when it had (a figure
    recorded as not yet due is late once the period is over).  Not applicable stays."""
    if on is None or aggregate.value is not None:
        return aggregate
    ended = on > period.end
    if aggregate.state is ValueState.MISSING and not ended:
        return evolve(aggregate, state=ValueState.NOT_YET_DUE)
    if aggregate.state is ValueState.NOT_YET_DUE and ended:
        return evolve(aggregate, state=ValueState.MISSING)
    return aggregate


def _state(aggregate: Aggregate) -> str:
    if aggregate.state is ValueState.PRESENT and aggregate.value is None:
        return "undefined"
    return aggregate.state.value


@frozen
class Assessment:
    """The assessment of one indicator for one period.

    Figures are exact (``Decimal``); :meth:`to_dict` gives them at the indicator's
    precision.  ``value_state`` is ``present``, ``missing``, ``not-yet-due``,
    ``not-applicable`` or ``undefined`` (present counts but no figure, such as a zero
    denominator, explained by ``reason``).  ``direction`` is against the previous
    period, ``direction_last_year`` against the same period last year, ``trend`` the
    regression over the last ``n`` periods when asked for.

    ``forecast`` is the run-rate forecast of the year-end outturn and
    ``forecast_seasonal`` the seasonal-profile one (``sum`` indicators with a complete
    last year), both from :mod:`~goldenthread.indicators.forecast`, made from the
    year's collection periods up to the end of the period and only when every one of
    them has a figure (and counts, for ``ratio``).  ``forecast_meets_target`` says
    whether the forecast (the seasonal one when there is one) meets ``year_target``.
    For a ``cumulative`` indicator (a running total since the start of the year) both
    come from :func:`~goldenthread.indicators.forecast.cumulative_forecast` on the
    period's value alone: ``forecast_seasonal`` follows last year's shape (value ÷ last
    year's figure at the same point × last year's year-end figure), and ``forecast`` is
    that same figure, or the run rate (value × 12 ÷ months elapsed) when last year has no
    shape to follow (a run rate of a collection rate would forecast far over 100%), and
    ``direction`` and ``trend`` are ``None``: a running total always grows through the
    year and restarts with the next, so only
    the long-term direction, against the same point last year, is defined.
    ``interval`` is the 95% confidence interval of the value where counts allow
    (:mod:`~goldenthread.indicators.stats`): Wilson's for a percentage whose numerator
    is part of its denominator, Byar's for a rate per 1,000 or more; and
    ``significance_last_year`` says whether the change from the same period last year
    is significant by the same method.

    ``status`` is one of ``green``, ``amber``, ``red``, ``no-data``, ``no-target``,
    ``data-only``, ``not-applicable`` and ``not-yet-due`` (see
    :mod:`~goldenthread.indicators.rag`); ``status_reason`` and ``ytd_status_reason``
    say why, in plain words.
    """

    indicator: str
    title: str
    period: Period
    polarity: Polarity
    unit: str
    decimals: int
    rule: str
    value: Decimal | None
    value_state: str
    numerator: Decimal | None
    denominator: Decimal | None
    target: ResolvedTarget | None
    status: RagStatus
    previous_value: Decimal | None
    direction: Direction | None
    last_year_value: Decimal | None
    direction_last_year: Direction | None
    trend: Direction | None
    ytd_value: Decimal | None
    ytd_state: str
    ytd_target: ResolvedTarget | None
    ytd_status: RagStatus
    data_status: DataStatus | None
    reason: str = ""
    year_target: Decimal | None = None
    forecast: Decimal | None = None
    forecast_seasonal: Decimal | None = None
    forecast_meets_target: bool | None = None
    interval: ConfidenceInterval | None = None
    significance_last_year: Significance | None = None
    status_reason: str = ""
    ytd_status_reason: str = ""

    def _shown(self, figure: Decimal | None) -> Decimal | None:
        return None if figure is None else round_half_up(figure, self.decimals)

    def _limit(self, limit: float) -> Decimal:
        return round_half_up(Decimal(repr(limit)), self.decimals + 1)

    def _repr_html_(self) -> str:
        """HTML for notebooks (:func:`goldenthread.notebook.assessment_html`)."""
        from goldenthread.notebook import assessment_html

        return assessment_html(self)

    def to_dict(self) -> dict[str, object]:
        """The assessment as the JSON object the command line prints.

        Keys: ``indicator, title, period, value, value_state, numerator, denominator,
        target, lower, upper, floor, status, rule, direction, direction_last_year,
        trend, previous_value, last_year_value, ytd_value, ytd_state, ytd_target,
        ytd_status, data_status, unit, decimals, polarity, reason, year_target,
        forecast, forecast_seasonal, forecast_meets_target, ci_lower, ci_upper,
        significance_last_year, status_reason, ytd_status_reason``.  Figures are
        ``Decimal`` at the indicator's precision (counts exact; confidence limits one
        place finer); missing ones and absent directions are ``None``.
        """
        target = self.target
        return {
            "indicator": self.indicator,
            "title": self.title,
            "period": self.period.label,
            "value": self._shown(self.value),
            "value_state": self.value_state,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "target": self._shown(target.target) if target else None,
            "lower": self._shown(target.lower) if target else None,
            "upper": self._shown(target.upper) if target else None,
            "floor": self._shown(target.floor) if target else None,
            "status": self.status.value,
            "rule": self.rule,
            "direction": self.direction.value if self.direction else None,
            "direction_last_year": (
                self.direction_last_year.value if self.direction_last_year else None
            ),
            "trend": self.trend.value if self.trend else None,
            "previous_value": self._shown(self.previous_value),
            "last_year_value": self._shown(self.last_year_value),
            "ytd_value": self._shown(self.ytd_value),
            "ytd_state": self.ytd_state,
            "ytd_target": self._shown(self.ytd_target.target) if self.ytd_target else None,
            "ytd_status": self.ytd_status.value,
            "data_status": self.data_status.value if self.data_status else None,
            "unit": self.unit,
            "decimals": self.decimals,
            "polarity": self.polarity.value,
            "reason": self.reason,
            "year_target": self._shown(self.year_target),
            "forecast": self._shown(self.forecast),
            "forecast_seasonal": self._shown(self.forecast_seasonal),
            "forecast_meets_target": self.forecast_meets_target,
            "ci_lower": self._limit(self.interval.lower) if self.interval else None,
            "ci_upper": self._limit(self.interval.upper) if self.interval else None,
            "significance_last_year": (
                self.significance_last_year.value if self.significance_last_year else None
            ),
            "status_reason": self.status_reason,
            "ytd_status_reason": self.ytd_status_reason,
        }


def _rag_input(
    definition: IndicatorDefinition,
    aggregate: Aggregate,
    target: ResolvedTarget | None,
    last_year: Decimal | None,
    forecast: Decimal | None,
    year_target: Decimal | None,
) -> RagInput:
    return RagInput(
        definition.polarity,
        aggregate.value,
        target.target if target else None,
        target.lower if target else None,
        target.upper if target else None,
        target.floor if target else None,
        definition.tolerance,
        definition.decimals,
        last_year,
        forecast,
        year_target,
        state=aggregate.state,
        unit=definition.unit,
    )


_Series = list[tuple[Period, Decimal]]


@frozen
class _ForecastCache:
    """What the forecasts of one :func:`assess_all` call share between indicators and
    periods: each financial year's collection periods by frequency, and each
    indicator's complete figures for a previous year (``None`` when incomplete), which
    the seasonal forecasts of every period of the following year use."""

    periods: dict[tuple[Frequency, int, int], tuple[Period, ...]] = field(factory=dict)
    last_year: dict[tuple[str, int, int], _Series | None] = field(factory=dict)


def _year_periods(
    cache: _ForecastCache, year: FinancialYear, frequency: Frequency
) -> tuple[Period, ...]:
    key = (frequency, year.year, year.year_start_month)
    found = cache.periods.get(key)
    if found is None:
        found = cache.periods[key] = year.subperiods(frequency)
    return found


def _last_year_series(
    dataset: IndicatorSet,
    definition: IndicatorDefinition,
    before: FinancialYear,
    cache: _ForecastCache,
) -> _Series | None:
    """The figures of every collection period of ``before``, or ``None`` when any lacks one."""
    key = (definition.code, before.year, before.year_start_month)
    if key in cache.last_year:
        return cache.last_year[key]
    series = _year_series(
        dataset, definition, _year_periods(cache, before, definition.frequency), before.end_index
    )
    complete = None
    if series is not None and len(series[0]) == definition.frequency.per_year:
        complete = series[0]
    cache.last_year[key] = complete
    return complete


def _year_series(
    dataset: IndicatorSet,
    definition: IndicatorDefinition,
    periods: tuple[Period, ...],
    last_index: int,
) -> tuple[_Series, _Series] | None:
    """The figures (numerators for ``ratio``) and denominators of ``periods`` ending by
    ``last_index``, or ``None`` when any of them lacks one."""
    leaves = dataset.values[definition.code]
    step = definition.frequency.months
    ratio = definition.aggregation is Aggregation.RATIO
    figures: _Series = []
    denominators: _Series = []
    for sub in periods:
        if sub.start_index + step - 1 > last_index:
            break
        leaf = leaves.get((step, sub.start_index))
        if leaf is None or leaf.state is not ValueState.PRESENT:
            return None
        if ratio:
            if leaf.numerator is None or leaf.denominator is None:
                return None
            figures.append((sub, leaf.numerator))
            denominators.append((sub, leaf.denominator))
        elif leaf.value is None:
            return None
        else:
            figures.append((sub, leaf.value))
    return figures, denominators


def _forecasts(
    dataset: IndicatorSet,
    definition: IndicatorDefinition,
    period: Period,
    cache: _ForecastCache,
) -> tuple[Decimal | None, Decimal | None]:
    """The run-rate and seasonal forecasts of ``period``'s year, where they can be made."""
    year = period.financial_year
    periods = _year_periods(cache, year, definition.frequency)
    series = _year_series(dataset, definition, periods, period.end_index)
    if series is None or not series[0]:
        return None, None
    figures, denominators = series
    try:
        run_rate: Decimal | None = run_rate_forecast(
            figures,
            year,
            definition.aggregation,
            denominators=denominators,
            factor=definition.factor,
        ).outturn
    except ValueError:
        run_rate = None
    seasonal: Decimal | None = None
    if definition.aggregation is Aggregation.SUM:
        before = FinancialYear(year.year - 1, year.year_start_month)
        last = _last_year_series(dataset, definition, before, cache)
        if last is not None:
            try:
                seasonal = seasonal_forecast(figures, last, year).outturn
            except ValueError:
                seasonal = None
    return run_rate, seasonal


def _cumulative_forecasts(
    dataset: IndicatorSet,
    definition: IndicatorDefinition,
    period: Period,
    value: Decimal | None,
    last_year_point: Decimal | None,
) -> tuple[Decimal | None, Decimal | None]:
    """The year-end forecast of a ``cumulative`` indicator as DESIGN decides it (last
    year's shape, else the run rate), and the last-year's-shape forecast alone."""
    if value is None:
        return None, None
    run_rate = cumulative_forecast(value, period).outturn
    before = period.financial_year.start_index - 12
    last_year_end = dataset.value_at(definition, 12, before, None).value
    seasonal: Decimal | None = None
    if last_year_point is not None and last_year_end is not None:
        try:
            seasonal = cumulative_forecast(
                value, period, last_year=(last_year_point, last_year_end)
            ).outturn
        except ValueError:  # nothing collected by then last year: no shape
            seasonal = None
    return (seasonal if seasonal is not None else run_rate), seasonal


def _meets(
    definition: IndicatorDefinition, outturn: Decimal | None, target: ResolvedTarget | None
) -> bool | None:
    if outturn is None or target is None or definition.polarity is Polarity.NONE:
        return None
    try:
        return forecast_meets_target(
            round_half_up(outturn, definition.decimals),
            definition.polarity,
            target.target,
            lower=target.lower,
            upper=target.upper,
        )
    except ValueError:  # no target (or bounds) to meet
        return None


def _interval_method(
    definition: IndicatorDefinition, numerator: Decimal, denominator: Decimal
) -> IntervalMethod | None:
    if definition.aggregation is not Aggregation.RATIO or denominator <= 0:
        return None
    if is_percent_unit(definition.unit) and definition.factor == 100 and numerator <= denominator:
        return IntervalMethod.WILSON
    if definition.factor >= 1000:
        return IntervalMethod.POISSON
    return None


def _intervals(
    definition: IndicatorDefinition, current: Aggregate, last_year: Aggregate
) -> tuple[ConfidenceInterval | None, Significance | None]:
    if current.numerator is None or current.denominator is None:
        return None, None
    method = _interval_method(definition, current.numerator, current.denominator)
    if method is None:
        return None, None
    interval = confidence_interval(
        method, current.numerator, current.denominator, 0.95, definition.factor
    )
    significance = None
    if (
        last_year.numerator is not None
        and last_year.denominator is not None
        and _interval_method(definition, last_year.numerator, last_year.denominator) is method
    ):
        significance = compare_counts(
            (current.numerator, current.denominator),
            (last_year.numerator, last_year.denominator),
            definition.polarity,
            method,
        )
    return interval, significance


def assess(
    dataset: IndicatorSet,
    code: str,
    period: Period,
    *,
    rules: RagRules | None = None,
    as_at: dt.date | None = None,
    trend_periods: int = 0,
    forecast: Decimal | None = None,
    forecasts: bool = True,
) -> Assessment:
    """Assess indicator ``code`` for ``period``.

    Args:
        dataset: the indicators, values and targets.
        code: the indicator's code.
        period: the period to assess.
        rules: the RAG rule registry (the built-in rules by default).
        as_at: the day of the assessment; periods not ended by then with no value are
            not yet due rather than missing.
        trend_periods: when 3 or more, also fit a trend through this many periods
            ending with ``period``.
        forecast: the forecast year-end outturn for rules that use it (Medway), in
            place of the one made from the values (the seasonal forecast where there
            is one, else the run rate).
        forecasts: make the year-end forecasts (``False`` leaves them out; they take
            about a third of an assessment's time).  Without a forecast the
            Medway rule cannot give amber.

    Raises:
        InputError: no such indicator, or a period with another year start month.
        UnknownRuleError: the indicator's rule is not in ``rules``.
    """
    definition = dataset.definition(code)
    dataset.check_period(period)
    due_before = None if as_at is None else as_at.year * 12 + as_at.month - 1
    return _assess(
        dataset,
        definition,
        period,
        rules or default_rules(),
        due_before,
        trend_periods,
        forecast,
        as_at,
        _ForecastCache() if forecasts else None,
    )


def _assess(
    dataset: IndicatorSet,
    definition: IndicatorDefinition,
    period: Period,
    rules: RagRules,
    due_before: int | None,
    trend_periods: int,
    given_forecast: Decimal | None,
    as_at: dt.date | None,
    cache: _ForecastCache | None,
) -> Assessment:
    code = definition.code
    rule = rules.get(definition.rag_rule)
    polarity = definition.polarity
    decimals = definition.decimals
    months = period.months
    first = period.start_index
    current = _judged(dataset.value_at(definition, months, first, due_before), period, as_at)
    previous = dataset.value_at(definition, months, first - months, due_before)
    last_year = dataset.value_at(definition, months, first - 12, due_before)
    ytd = _judged(dataset.year_to_date_at(definition, months, first, due_before), period, as_at)
    ytd_last_year = dataset.year_to_date_at(definition, months, first - 12, due_before)
    target = dataset.target_for(definition, period)
    ytd_target = dataset.year_to_date_target_for(definition, period)
    year_target = target if months == 12 else dataset.target_for(definition, period.financial_year)
    cumulative = definition.aggregation is Aggregation.CUMULATIVE
    if cache is None:
        run_rate, seasonal = None, None
    elif cumulative:
        run_rate, seasonal = _cumulative_forecasts(
            dataset, definition, period, current.value, last_year.value
        )
    else:
        run_rate, seasonal = _forecasts(dataset, definition, period, cache)
    best_forecast = seasonal if seasonal is not None else run_rate
    forecast = given_forecast if given_forecast is not None else best_forecast
    interval, significance = _intervals(definition, current, last_year)

    rated = rate(
        rule,
        _rag_input(
            definition,
            current,
            target,
            last_year.value,
            forecast,
            year_target.target if year_target else None,
        ),
        definition.rag_rule,
    )
    ytd_rated = rate(
        rule,
        _rag_input(
            definition,
            ytd,
            ytd_target,
            ytd_last_year.value,
            forecast,
            year_target.target if year_target else None,
        ),
        definition.rag_rule,
    )
    lower = target.lower if target else None
    upper = target.upper if target else None
    trend = None
    if trend_periods >= 3 and not cumulative:
        periods = [period.shift(-i) for i in range(trend_periods - 1, -1, -1)]
        trend = trend_direction(dataset.figures(code, periods, as_at=as_at), polarity, decimals)
    statuses = [a.status for a in (current, ytd) if a.status is not None]
    return Assessment(
        indicator=code,
        title=definition.title,
        period=period,
        polarity=polarity,
        unit=definition.unit,
        decimals=decimals,
        rule=definition.rag_rule,
        value=current.value,
        value_state=_state(current),
        numerator=current.numerator,
        denominator=current.denominator,
        target=target,
        status=rated.status,
        previous_value=previous.value,
        direction=None
        if cumulative
        else direction_of_travel(
            current.value, previous.value, polarity, decimals, lower=lower, upper=upper
        ),
        last_year_value=last_year.value,
        direction_last_year=direction_of_travel(
            current.value, last_year.value, polarity, decimals, lower=lower, upper=upper
        ),
        trend=trend,
        ytd_value=ytd.value,
        ytd_state=_state(ytd),
        ytd_target=ytd_target,
        ytd_status=ytd_rated.status,
        data_status=weakest_status(statuses),
        reason=current.reason,
        year_target=year_target.target if year_target else None,
        forecast=run_rate,
        forecast_seasonal=seasonal,
        forecast_meets_target=_meets(definition, best_forecast, year_target),
        interval=interval,
        significance_last_year=significance,
        status_reason=rated.reason,
        ytd_status_reason=ytd_rated.reason,
    )


def assess_all(
    dataset: IndicatorSet,
    period: Period,
    *,
    rules: RagRules | None = None,
    as_at: dt.date | None = None,
    trend_periods: int = 0,
    forecasts: bool = True,
) -> list[Assessment]:
    """Assess every indicator that can have a value for ``period``, in definition order.

    Indicators collected less often than ``period`` (an annual indicator for a quarter)
    are left out: they have no value for it.  The keyword arguments are those of
    :func:`assess`.
    """
    registry = rules or default_rules()
    dataset.check_period(period)
    due_before = None if as_at is None else as_at.year * 12 + as_at.month - 1
    cache = _ForecastCache() if forecasts else None
    return [
        _assess(
            dataset, definition, period, registry, due_before, trend_periods, None, as_at, cache
        )
        for definition in dataset.definitions.values()
        if definition.frequency.months <= period.months
    ]
