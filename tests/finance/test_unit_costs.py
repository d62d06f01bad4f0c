"""Unit costs as derived indicators: the cost of budget lines ÷ an activity, per period."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.finance import (
    Actual,
    BudgetLine,
    Finance,
    LineKind,
    UnitCost,
    with_unit_costs,
)
from goldenthread.indicators.aggregation import ZERO_DENOMINATOR
from goldenthread.indicators.assess import assess
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.rag import RagStatus
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, Month, Quarter
from goldenthread.thread.levels import Classification

from .strategies import money

D = Decimal
Q1 = [Month(2025, 4), Month(2025, 5), Month(2025, 6)]

HOUSEHOLDS = IndicatorDefinition(
    "ENV-HH", "Households served", Polarity.NONE, Aggregation.SUM, Frequency.MONTHLY
)
APPLICATIONS = IndicatorDefinition(
    "PLN-APPS", "Planning applications decided", Polarity.NONE, Aggregation.SUM, Frequency.QUARTERLY
)
WASTE = BudgetLine("ENV-WASTE", "Waste collection", "Environment")
RECYCLING_INCOME = BudgetLine("ENV-RECY", "Recycling credits", "Environment", LineKind.INCOME)
PLANNING = BudgetLine("PLN-DC", "Development control", "Planning")
PER_HOUSEHOLD = UnitCost(
    "UC-WASTE", "Net cost per household of waste collection", ("ENV-WASTE", "ENV-RECY"), "ENV-HH"
)


def _indicators(*values: IndicatorValue, targets: tuple[Target, ...] = ()) -> IndicatorSet:
    return IndicatorSet.build([HOUSEHOLDS, APPLICATIONS], values, targets)


def _finance(*unit_costs: UnitCost, actuals: tuple[Actual, ...] = ()) -> Finance:
    return Finance(
        lines=(WASTE, RECYCLING_INCOME, PLANNING), actuals=actuals, unit_costs=unit_costs
    )


def _waste_actuals(*rows: tuple[int, str, str]) -> tuple[Actual, ...]:
    out: list[Actual] = []
    for month, spent, received in rows:
        out.append(Actual("ENV-WASTE", Month(2025, month), D(spent)))
        out.append(Actual("ENV-RECY", Month(2025, month), D(received)))
    return tuple(out)


def test_the_unit_cost_of_a_month_and_of_a_quarter() -> None:
    indicators = _indicators(
        IndicatorValue.present("ENV-HH", Q1[0], 40000),
        IndicatorValue.present("ENV-HH", Q1[1], 40000),
        IndicatorValue.present("ENV-HH", Q1[2], 40500),
    )
    actuals = _waste_actuals((4, "100000", "4000"), (5, "98000", "2000"), (6, "110000", "3000"))
    result = with_unit_costs(indicators, _finance(PER_HOUSEHOLD, actuals=actuals), 4)
    # April: (100,000 - 4,000) / 40,000 = £2.40
    assert result.value("UC-WASTE", Q1[0]).value == D("2.4")
    # the quarter: (208,000 + ... ) = net 299,000 / 120,500 households, not a mean of months
    quarter = result.value("UC-WASTE", Quarter(2025, 1))
    assert quarter.numerator == D(299000)
    assert quarter.denominator == D(120500)
    assert quarter.value == D(299000) / D(120500)
    definition = result.definition("UC-WASTE")
    assert definition.aggregation is Aggregation.RATIO
    assert definition.polarity is Polarity.LOWER
    assert (definition.unit, definition.decimals, definition.frequency) == (
        "£",
        2,
        Frequency.MONTHLY,
    )
    assert "ENV-WASTE, ENV-RECY" in definition.definition
    assert "ENV-HH" in definition.definition
    assert definition.source
    # the activity and its values are untouched
    assert result.value("ENV-HH", Q1[0]).value == D(40000)


def test_per_scales_the_unit_cost() -> None:
    per_thousand = UnitCost(
        "UC-K", "Cost per 1,000 households", ("ENV-WASTE",), "ENV-HH", per=D(1000)
    )
    indicators = _indicators(IndicatorValue.present("ENV-HH", Q1[0], 40000))
    actuals = _waste_actuals((4, "100000", "0"))
    result = with_unit_costs(indicators, _finance(per_thousand, actuals=actuals), 4)
    assert result.value("UC-K", Q1[0]).value == D(2500)
    assert result.definition("UC-K").factor == D(1000)


def test_zero_activity_gives_no_value() -> None:
    indicators = _indicators(
        IndicatorValue.present("ENV-HH", Q1[0], 0),
        IndicatorValue.present("ENV-HH", Q1[1], 20000),
    )
    actuals = _waste_actuals((4, "1000", "0"), (5, "50000", "0"))
    result = with_unit_costs(indicators, _finance(PER_HOUSEHOLD, actuals=actuals), 4)
    april = result.value("UC-WASTE", Q1[0])
    assert april.value is None
    assert april.reason == ZERO_DENOMINATOR
    # May's figure stands; April's cost still counts towards April-May together
    assert result.value("UC-WASTE", Q1[1]).value == D("2.5")
    assessed = assess(result, "UC-WASTE", Q1[0])
    assert assessed.value is None
    assert assessed.status is RagStatus.NO_DATA


def test_missing_activity_or_actuals_not_covering_the_period_give_no_value() -> None:
    indicators = _indicators(
        IndicatorValue("ENV-HH", Q1[0], ValueState.MISSING),
        IndicatorValue.present("ENV-HH", Q1[1], 20000),
        IndicatorValue.present("ENV-HH", Q1[2], 20000),
    )
    # June has waste costs but no recycling income row: its net cost is not known
    actuals = (
        *_waste_actuals((4, "1000", "0"), (5, "50000", "0")),
        Actual("ENV-WASTE", Q1[2], D(1000)),
    )
    result = with_unit_costs(indicators, _finance(PER_HOUSEHOLD, actuals=actuals), 4)
    assert Q1[0].label not in {v.period.label for v in result.recorded["UC-WASTE"].values()}
    assert result.value("UC-WASTE", Q1[0]).state is ValueState.MISSING
    assert result.value("UC-WASTE", Q1[1]).value == D("2.5")
    assert result.value("UC-WASTE", Q1[2]).state is ValueState.MISSING


def test_a_quarterly_activity_needs_actuals_for_all_three_months() -> None:
    per_application = UnitCost(
        "UC-PLN", "Cost per application", ("PLN-DC",), "PLN-APPS", decimals=0
    )
    indicators = _indicators(
        IndicatorValue.present("PLN-APPS", Quarter(2025, 1), 250),
        IndicatorValue.present("PLN-APPS", Quarter(2025, 2), 200),
    )
    actuals = tuple(
        Actual("PLN-DC", Month(2025, m), D(40000)) for m in (4, 5, 6, 7, 8)
    )  # no September
    result = with_unit_costs(indicators, _finance(per_application, actuals=actuals), 4)
    assert result.value("UC-PLN", Quarter(2025, 1)).value == D(480)
    assert result.value("UC-PLN", Quarter(2025, 2)).state is ValueState.MISSING
    assert result.definition("UC-PLN").frequency is Frequency.QUARTERLY


def test_the_activitys_data_status_carries_over() -> None:
    indicators = _indicators(
        IndicatorValue.present("ENV-HH", Q1[0], 40000, status=DataStatus.PROVISIONAL)
    )
    actuals = _waste_actuals((4, "100000", "0"))
    result = with_unit_costs(indicators, _finance(PER_HOUSEHOLD, actuals=actuals), 4)
    assert result.value("UC-WASTE", Q1[0]).status is DataStatus.PROVISIONAL


def test_targets_for_a_unit_cost_are_kept_and_assessed() -> None:
    indicators = _indicators(IndicatorValue.present("ENV-HH", Q1[0], 40000))
    actuals = _waste_actuals((4, "100000", "4000"))
    result = with_unit_costs(
        indicators,
        _finance(PER_HOUSEHOLD, actuals=actuals),
        4,
        targets=[Target("UC-WASTE", Q1[0], D("2.50"))],
    )
    assessed = assess(result, "UC-WASTE", Q1[0])
    assert assessed.value == D("2.40")
    assert assessed.status is RagStatus.GREEN  # lower is better: £2.40 against £2.50


def test_existing_targets_and_values_survive() -> None:
    indicators = _indicators(
        IndicatorValue.present("ENV-HH", Q1[0], 40000),
        targets=(Target("ENV-HH", FinancialYear(2025), D(480000)),),
    )
    result = with_unit_costs(indicators, _finance(PER_HOUSEHOLD), 4)
    assert result.targets["ENV-HH"] == indicators.targets["ENV-HH"]
    assert result.recorded["ENV-HH"] == indicators.recorded["ENV-HH"]
    assert result.recorded["UC-WASTE"] == {}


def test_without_unit_costs_the_set_is_returned_unchanged() -> None:
    indicators = _indicators()
    assert with_unit_costs(indicators, _finance(), 4) is indicators


def test_classification_and_comparator_group_come_from_the_unit_cost() -> None:
    internal = UnitCost(
        "UC-I",
        "Internal cost",
        ("ENV-WASTE",),
        "ENV-HH",
        classification=Classification.INTERNAL,
        comparator_group="CIPFA nearest neighbours",
        polarity=Polarity.HIGHER,
    )
    definition = with_unit_costs(_indicators(), _finance(internal), 4).definition("UC-I")
    assert definition.classification.value == "internal"
    assert definition.comparator_group == "CIPFA nearest neighbours"
    assert definition.polarity is Polarity.HIGHER


@pytest.mark.parametrize(
    ("unit_cost", "message"),
    [
        (UnitCost("UC-X", "X", ("NOPE",), "ENV-HH"), r"unit cost UC-X: no budget line 'NOPE'"),
        (
            UnitCost("UC-X", "X", ("ENV-WASTE",), "NOPE"),
            r"unit cost UC-X: no activity indicator 'NOPE'",
        ),
        (UnitCost("ENV-HH", "X", ("ENV-WASTE",), "ENV-HH"), r"unit cost ENV-HH: an indicator"),
    ],
)
def test_bad_unit_costs_are_errors_naming_them(unit_cost: UnitCost, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        with_unit_costs(_indicators(), _finance(unit_cost), 4)


@pytest.mark.parametrize(
    "definition",
    [
        IndicatorDefinition("ACT", "Rate", Polarity.NONE, Aggregation.RATIO, Frequency.MONTHLY),
        IndicatorDefinition("ACT", "Stock", Polarity.NONE, Aggregation.LAST, Frequency.MONTHLY),
        IndicatorDefinition(
            "ACT", "Annualised", Polarity.NONE, Aggregation.SUM, Frequency.MONTHLY, annualise=True
        ),
    ],
)
def test_an_activity_not_summed_is_an_error(definition: IndicatorDefinition) -> None:
    indicators = IndicatorSet.build([definition])
    unit_cost = UnitCost("UC-X", "X", ("ENV-WASTE",), "ACT")
    with pytest.raises(ValueError, match=r"unit cost UC-X: its activity ACT aggregates by"):
        with_unit_costs(indicators, _finance(unit_cost), 4)


def test_another_year_start_is_an_error() -> None:
    with pytest.raises(ValueError, match="month 1"):
        with_unit_costs(_indicators(), _finance(PER_HOUSEHOLD), 1)


def test_a_target_for_no_indicator_is_an_input_error() -> None:
    with pytest.raises(InputError):
        with_unit_costs(
            _indicators(), _finance(PER_HOUSEHOLD), 4, targets=[Target("UC-NONE", Q1[0], D(1))]
        )


@given(
    st.lists(
        st.tuples(money(0, 500_000), money(0, 50_000), st.integers(0, 100_000)),
        min_size=3,
        max_size=3,
    )
)
def test_a_quarters_unit_cost_is_its_cost_over_its_activity(
    months: list[tuple[Decimal, Decimal, int]],
) -> None:
    values = [
        IndicatorValue.present("ENV-HH", m, n) for m, (_, _, n) in zip(Q1, months, strict=True)
    ]
    actuals = _waste_actuals(
        *(
            (m.month, str(spent), str(received))
            for m, (spent, received, _) in zip(Q1, months, strict=True)
        )
    )
    result = with_unit_costs(_indicators(*values), _finance(PER_HOUSEHOLD, actuals=actuals), 4)
    cost = sum((spent - received for spent, received, _ in months), D(0))
    activity = sum(n for _, _, n in months)
    quarter = result.value("UC-WASTE", Quarter(2025, 1))
    if activity == 0:
        assert quarter.value is None
    else:
        assert quarter.value == cost / activity
    for month, (spent, received, n) in zip(Q1, months, strict=True):
        figure = result.value("UC-WASTE", month).value
        assert figure == (None if n == 0 else (spent - received) / n)
