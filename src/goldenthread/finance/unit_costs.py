"""Unit costs: what a unit of service costs, as a derived indicator.

Poole's service units must "publish real time service level activity and unit cost
information".  A :class:`UnitCost` (a bundle's ``unit_costs.csv``) divides the net actual
cost of one or more budget lines over a period by the value of an activity indicator
(aggregation ``sum``) over the same period, times ``per``: the cost per household of
waste collection, or per planning application decided.  It is an indicator like any
other (lower is better unless stated), assessed, benchmarked and published the same way.
No activity, or zero activity, gives no value.

:func:`with_unit_costs` adds each unit cost to an
:class:`~goldenthread.indicators.dataset.IndicatorSet` as a ``ratio`` indicator whose
numerator is the net cost and whose denominator is the activity, with ``per`` as its
factor.  So a quarter's or a year's unit cost is the period's cost ÷ the period's
activity × ``per`` (never an average of monthly unit costs), exactly as for any ratio.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import (
    DEFAULT_TOLERANCE,
    Aggregation,
    IndicatorDefinition,
    Tolerance,
)
from goldenthread.indicators.definition import Classification as IndicatorClassification
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.recorded import RecordedValues
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.thread.levels import Classification

if TYPE_CHECKING:
    from goldenthread.finance.book import Finance

__all__ = ["UnitCost", "unit_cost_definition", "with_unit_costs"]


def _lines(value: Any) -> tuple[str, ...]:
    return tuple(value)


def _check_lines(instance: Any, attribute: Any, value: tuple[str, ...]) -> None:
    if not value:
        raise ValueError("a unit cost needs at least one budget line")


def _check_per(instance: Any, attribute: Any, value: Decimal) -> None:
    if value <= 0:
        raise ValueError(f"per must be above 0, not {value}")


@frozen
class UnitCost:
    """How one unit cost is derived.

    Attributes:
        code: the derived indicator's code, unique among indicators.
        title: what it is (``Cost per household of waste collection``).
        lines: the budget lines whose net actual cost is divided.
        activity: the code of the activity indicator (aggregation ``sum``) divided by.
        per: the unit cost is cost ÷ activity × ``per`` (``1000`` for per 1,000).
        decimals: decimal places shown.
        classification: who may see it; public by default, so it is published.
        polarity: lower is better unless stated.
        unit: the unit shown (``£``).
        comparator_group: the comparator group it is benchmarked against.
        tolerance: the derived indicator's amber tolerance; ``None`` for the
            indicators' default (5% of the target).
    """

    code: str
    title: str
    lines: tuple[str, ...] = field(converter=_lines, validator=_check_lines)
    activity: str
    per: Decimal = field(default=Decimal(1), validator=_check_per)
    decimals: int = 2
    classification: Classification = Classification.PUBLIC
    polarity: Polarity = Polarity.LOWER
    unit: str = "£"
    comparator_group: str = ""
    tolerance: Tolerance | None = None

    def describe(self, activity_title: str = "") -> str:
        """How the unit cost is derived, in words, for reports and open data."""
        lines = ", ".join(self.lines)
        activity = f"{self.activity} ({activity_title})" if activity_title else self.activity
        per = "" if self.per == 1 else f" × {self.per.normalize():f}"
        return (
            f"Derived: the net actual cost of budget line(s) {lines} over the period ÷ "
            f"the activity {activity} over the same period{per}; no value where the "
            "activity is missing or 0, or the actuals do not cover every month."
        )


def unit_cost_definition(unit_cost: UnitCost, activity: IndicatorDefinition) -> IndicatorDefinition:
    """The derived indicator of ``unit_cost``: a ``ratio`` of net cost (numerator) to
    activity (denominator) × ``per`` (its factor), collected as often as ``activity``.
    It measures the same service as its activity, so it takes the activity's service,
    owner and objective: in reports it sits under the priority the activity measures.
    """
    return IndicatorDefinition(
        code=unit_cost.code,
        title=unit_cost.title,
        polarity=unit_cost.polarity,
        aggregation=Aggregation.RATIO,
        frequency=activity.frequency,
        unit=unit_cost.unit,
        decimals=unit_cost.decimals,
        tolerance=DEFAULT_TOLERANCE if unit_cost.tolerance is None else unit_cost.tolerance,
        factor=unit_cost.per,
        reporting_frequency=activity.reporting_frequency,
        definition=unit_cost.describe(activity.title),
        service=activity.service,
        owner=activity.owner,
        objective=activity.objective,
        source="unit_costs.csv: derived from actuals.csv and " + activity.code,
        comparator_group=unit_cost.comparator_group,
        classification=IndicatorClassification(unit_cost.classification.value),
        extras={"lines": ";".join(unit_cost.lines), "activity": unit_cost.activity},
    )


def with_unit_costs(
    indicators: IndicatorSet,
    finance: Finance,
    year_start_month: int,
    *,
    targets: Iterable[Target] = (),
) -> IndicatorSet:
    """``indicators`` with a derived indicator and its values for each of
    ``finance.unit_costs``.

    A unit cost has a value for each period that its activity indicator has a recorded,
    present value for and that the actuals cover: every one of its budget lines has an
    actual for every month of the period.  The value's numerator is the lines' net
    actual cost over the period (expenditure − income), its denominator the activity;
    zero activity gives a value with no figure (a zero denominator), so quarters and
    years still add up its months' costs and activity.  A missing, not-yet-due or
    not-applicable activity, or a negative one, gives no value.  The value's data status
    is the activity's.

    Args:
        indicators: the indicators (with values and targets) read from the bundle.
        finance: the finance data holding the unit costs, lines and actuals.
        year_start_month: the month the financial year starts in.
        targets: targets for the unit costs' codes (``targets.csv`` rows naming them,
            which ``indicators`` could not hold before the unit costs were defined).

    Raises:
        ValueError: naming the unit cost: its code is already an indicator, it names a
            budget line or activity indicator that does not exist, or its activity does
            not aggregate by ``sum`` (or is annualised), or the years start in another
            month.
        goldenthread.errors.InputError: a target is for no indicator or given twice.
    """
    if not finance.unit_costs and not targets:
        return indicators
    if year_start_month != indicators.year_start_month:
        raise ValueError(
            f"the unit costs' years start in month {year_start_month}, the indicators' "
            f"in month {indicators.year_start_month}"
        )
    known_lines = {line.code: line for line in finance.lines}
    posted: dict[tuple[str, int], Decimal] = {}
    for actual in finance.actuals:
        key = (actual.line, actual.month.start_index)
        posted[key] = posted.get(key, Decimal(0)) + actual.actual
    definitions = list(indicators.definitions.values())
    # the indicators' own values are handed on as they are held (never made one by one)
    recorded = dict(indicators.recorded)
    codes = set(indicators.definitions)
    for unit_cost in finance.unit_costs:
        name = f"unit cost {unit_cost.code}"
        if unit_cost.code in codes:
            raise ValueError(f"{name}: an indicator with that code already exists")
        unknown = [code for code in unit_cost.lines if code not in known_lines]
        if unknown:
            raise ValueError(f"{name}: no budget line {', '.join(map(repr, unknown))}")
        activity = indicators.definitions.get(unit_cost.activity)
        if activity is None:
            raise ValueError(f"{name}: no activity indicator {unit_cost.activity!r}")
        if activity.aggregation is not Aggregation.SUM or activity.annualise:
            how = "annualised" if activity.annualise else repr(activity.aggregation.value)
            raise ValueError(
                f"{name}: its activity {activity.code} aggregates by {how}; a unit cost "
                "divides by an activity that is summed over the period (aggregation sum)"
            )
        definitions.append(unit_cost_definition(unit_cost, activity))
        codes.add(unit_cost.code)
        signs = [(code, known_lines[code].kind.sign) for code in unit_cost.lines]
        costs = recorded[unit_cost.code] = RecordedValues(unit_cost.code)
        for activity_value in indicators.recorded[activity.code].values():
            period_key = (activity_value.period.months, activity_value.period.start_index)
            leaf = indicators.values[activity.code][period_key]
            if activity_value.state is not ValueState.PRESENT or leaf.value is None:
                continue
            if leaf.value < 0:
                continue
            cost = Decimal(0)
            covered = True
            period = activity_value.period
            for index in range(period.start_index, period.end_index + 1):
                for code, sign in signs:
                    amount = posted.get((code, index))
                    if amount is None:
                        covered = False
                        break
                    cost += sign * amount
                if not covered:
                    break
            if not covered:
                continue
            costs.add_value(
                period_key,
                IndicatorValue.counts(
                    unit_cost.code, period, cost, leaf.value, status=activity_value.status
                ),
            )
    all_targets = [t for code in indicators.definitions for t in indicators.targets[code].values()]
    all_targets.extend(targets)
    # each cost is for a period of its activity's (so of its frequency and year start,
    # and given once), as IndicatorSet.from_recorded asks
    return IndicatorSet.from_recorded(
        definitions, recorded, all_targets, year_start_month=indicators.year_start_month
    )
