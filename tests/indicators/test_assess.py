"""Assessing indicators: one period end to end, every indicator, and the example councils."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.indicators.assess import assess, assess_all
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition, Tolerance
from goldenthread.indicators.direction import Direction
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.rag import RagInput, RagStatus, UnknownRuleError, default_rules
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import FinancialYear, Frequency, Month, Quarter

EXAMPLES = Path(__file__).parents[2] / "src" / "goldenthread" / "examples"

NI157 = IndicatorDefinition(
    "NI 157a",
    "Major planning applications determined within 13 weeks",
    Polarity.HIGHER,
    Aggregation.RATIO,
    Frequency.MONTHLY,
    "%",
    1,
    Tolerance.parse("5%"),
    Decimal(100),
)
SICKNESS = IndicatorDefinition(
    "BV 12",
    "Working days lost to sickness per FTE",
    Polarity.LOWER,
    Aggregation.LAST,
    Frequency.MONTHLY,
    "days",
    2,
    Tolerance.parse("0.5"),
    rag_rule="havering",
)
ANNUAL = IndicatorDefinition(
    "NI 182",
    "Business satisfaction",
    Polarity.HIGHER,
    Aggregation.RATIO,
    Frequency.ANNUAL,
    factor=Decimal(100),
)


def _dataset() -> IndicatorSet:
    values = []
    for year in (2023, 2024):
        for i, month in enumerate(FinancialYear(year).month_periods()):
            status = DataStatus.PROVISIONAL if (year, i) == (2024, 5) else DataStatus.VERIFIED
            values.append(
                IndicatorValue.counts("NI 157a", month, 7 + (year - 2023), 10, status=status)
            )
            values.append(
                IndicatorValue.present(
                    "BV 12", month, Decimal("10.4") - i * Decimal("0.1") - (year - 2023)
                )
            )
    targets = [
        Target("NI 157a", FinancialYear(2024), Decimal(80)),
        Target("BV 12", FinancialYear(2024), Decimal(9)),
    ]
    return IndicatorSet.build([NI157, SICKNESS, ANNUAL], values, targets)


def test_assess_one_indicator() -> None:
    result = assess(_dataset(), "NI 157a", Quarter(2024, 2))
    assert result.value == Decimal(80)
    assert (result.numerator, result.denominator) == (Decimal(24), Decimal(30))
    assert result.target is not None
    assert result.target.target == Decimal(80)
    assert result.status is RagStatus.GREEN
    assert result.direction is Direction.NO_CHANGE
    assert result.last_year_value == Decimal(70)
    assert result.direction_last_year is Direction.IMPROVING
    assert result.ytd_value == Decimal(80)
    assert result.ytd_status is RagStatus.GREEN
    assert result.data_status is DataStatus.PROVISIONAL


def test_to_dict_has_the_json_keys_at_display_precision() -> None:
    data = assess(_dataset(), "BV 12", Quarter(2024, 2), trend_periods=4).to_dict()
    for key in (
        "indicator",
        "period",
        "value",
        "target",
        "status",
        "direction",
        "direction_last_year",
        "ytd_value",
    ):
        assert key in data
    assert data["indicator"] == "BV 12"
    assert data["period"] == "2024/25 Q2"
    assert str(data["value"]) == "8.90"
    assert data["status"] == "green"
    assert data["direction"] == "improving"
    assert data["trend"] == "improving"
    assert data["rule"] == "havering"
    assert data["value_state"] == "present"


def test_havering_amber_from_last_year() -> None:
    # 2024/25 Q1 ends at 9.20 days: worse than 9 + 0.5? No: within tolerance so green;
    # the start of the year (April 9.40) is also within tolerance.
    april = assess(_dataset(), "BV 12", Month(2024, 4))
    assert april.status is RagStatus.GREEN
    strict = _dataset()
    strict = IndicatorSet.build(
        strict.definitions.values(),
        [v for per in strict.recorded.values() for v in per.values()],
        [Target("BV 12", FinancialYear(2024), Decimal(8))],
    )
    april = assess(strict, "BV 12", Month(2024, 4))
    assert april.status is RagStatus.AMBER  # 9.40 misses 8 ± 0.5 but beat 10.40 last year


def test_not_yet_due_and_missing_are_told_apart() -> None:
    data = _dataset()
    future = assess(data, "NI 157a", Quarter(2025, 1), as_at=dt.date(2025, 4, 15))
    assert future.value_state == ValueState.NOT_YET_DUE.value
    assert future.status is RagStatus.NOT_YET_DUE
    assert "had not ended" in future.status_reason
    late = assess(data, "NI 157a", Quarter(2025, 1), as_at=dt.date(2025, 8, 1))
    assert late.value_state == "missing"
    assert late.status is RagStatus.NO_DATA
    assert late.status_reason == "No figure has been supplied, although one is due."
    assert late.direction is None


def test_a_quarter_in_progress_is_not_yet_due_though_its_first_month_is_missing() -> None:
    values = [IndicatorValue.counts("NI 157a", Month(2025, 5), 8, 10)]
    data = IndicatorSet.build([NI157], values, [Target("NI 157a", FinancialYear(2025), D80)])
    # April is missing, May is in, June is not over: the quarter is not late yet
    during = assess(data, "NI 157a", Quarter(2025, 1), as_at=dt.date(2025, 6, 10))
    assert (during.value_state, during.status) == ("not-yet-due", RagStatus.NOT_YET_DUE)
    after = assess(data, "NI 157a", Quarter(2025, 1), as_at=dt.date(2025, 7, 1))
    assert (after.value_state, after.status) == ("missing", RagStatus.NO_DATA)


def test_a_value_recorded_not_applicable_is_not_a_missing_return() -> None:
    na = IndicatorValue("NI 157a", Month(2024, 4), ValueState.NOT_APPLICABLE)
    data = IndicatorSet.build([NI157], [na], [Target("NI 157a", FinancialYear(2024), D80)])
    for on in (dt.date(2024, 4, 10), dt.date(2025, 1, 1), None):
        result = assess(data, "NI 157a", Month(2024, 4), as_at=on)
        assert result.status is RagStatus.NOT_APPLICABLE
        assert result.to_dict()["status"] == "not-applicable"
        assert "not applicable" in result.status_reason


def test_a_value_recorded_not_yet_due_is_late_once_the_period_is_over() -> None:
    pending = IndicatorValue("NI 157a", Month(2024, 4), ValueState.NOT_YET_DUE)
    data = IndicatorSet.build([NI157], [pending], [Target("NI 157a", FinancialYear(2024), D80)])
    assert assess(data, "NI 157a", Month(2024, 4), as_at=dt.date(2024, 4, 30)).status is (
        RagStatus.NOT_YET_DUE
    )
    assert assess(data, "NI 157a", Month(2024, 4), as_at=dt.date(2024, 5, 1)).status is (
        RagStatus.NO_DATA
    )


D80 = Decimal(80)
_STATES = {
    "absent": None,
    "missing": ValueState.MISSING,
    "not-yet-due": ValueState.NOT_YET_DUE,
    "not-applicable": ValueState.NOT_APPLICABLE,
}


@given(
    st.sampled_from(sorted(_STATES)),
    st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31)),
    st.sampled_from([Polarity.HIGHER, Polarity.LOWER, Polarity.RANGE]),
    st.sampled_from(["tolerance", "havering", "kent", "medway", "activity-range"]),
    st.booleans(),
    st.lists(st.integers(0, 11), max_size=6),
)
def test_the_status_of_a_missing_value_depends_only_on_its_state_and_the_judging_day(
    recorded: str,
    on: dt.date,
    polarity: Polarity,
    rule: str,
    with_target: bool,
    others: list[int],
) -> None:
    month = Month(2024, 9)
    definition = attrs.evolve(NI157, polarity=polarity, rag_rule=rule)
    year = FinancialYear(2024)
    months = year.month_periods()
    values = [IndicatorValue.counts("NI 157a", months[i], 7, 10) for i in set(others) if i != 5]
    state = _STATES[recorded]
    if state is not None:
        values.append(IndicatorValue("NI 157a", month, state))
    targets = (
        [Target("NI 157a", year, D80, lower=Decimal(70), upper=Decimal(90))] if with_target else []
    )
    data = IndicatorSet.build([definition], values, targets)
    result = assess(data, "NI 157a", month, as_at=on)
    if state is ValueState.NOT_APPLICABLE:
        expected = RagStatus.NOT_APPLICABLE
    elif on <= month.end:
        expected = RagStatus.NOT_YET_DUE
    else:
        expected = RagStatus.NO_DATA
    assert result.status is expected
    assert result.status_reason


def test_the_example_councils_say_why() -> None:
    data = load_bundle(EXAMPLES / "rossendale").indicators
    on = dt.date(2025, 11, 30)
    visits = assess(data, "LPI 02", Quarter(2025, 2), as_at=on)
    assert visits.status is RagStatus.AMBER
    assert visits.status_reason.startswith(
        "64,327 visits is 7.2% above the planned 60,027 visits, more than the 5% tolerance"
    )
    assert "within the activity thresholds of 48,911 visits to 64,473 visits" in (
        visits.status_reason
    )
    closed = assess(data, "LPI 02", Month(2022, 1), as_at=on)
    assert closed.status is RagStatus.NOT_APPLICABLE
    statuses = {a.status for a in assess_all(data, Quarter(2025, 3), as_at=on)}
    assert statuses == {RagStatus.NOT_YET_DUE, RagStatus.DATA_ONLY}
    for a in assess_all(data, Quarter(2025, 2), as_at=on):
        assert a.status_reason, a.indicator
        assert a.to_dict()["status"] in {
            "green",
            "amber",
            "red",
            "no-data",
            "no-target",
            "data-only",
            "not-applicable",
            "not-yet-due",
        }


def test_no_target_and_undefined_value() -> None:
    values = [IndicatorValue.counts("NI 157a", m, 0, 0) for m in Quarter(2024, 1).month_periods()]
    data = IndicatorSet.build([NI157], values)
    result = assess(data, "NI 157a", Quarter(2024, 1))
    assert result.value_state == "undefined"
    assert result.reason == "zero denominator"
    assert result.status is RagStatus.NO_DATA
    present = IndicatorSet.build([NI157], [IndicatorValue.counts("NI 157a", Month(2024, 4), 1, 2)])
    assert assess(present, "NI 157a", Month(2024, 4)).status is RagStatus.NO_TARGET


def test_assess_all_leaves_out_indicators_collected_less_often() -> None:
    data = _dataset()
    assert [a.indicator for a in assess_all(data, Quarter(2024, 2))] == ["NI 157a", "BV 12"]
    assert [a.indicator for a in assess_all(data, FinancialYear(2024))] == [
        "NI 157a",
        "BV 12",
        "NI 182",
    ]


def test_medway_uses_the_forecast() -> None:
    definition = IndicatorDefinition(
        "LPI 05",
        "Calls answered",
        Polarity.HIGHER,
        Aggregation.SUM,
        Frequency.QUARTERLY,
        rag_rule="medway",
    )
    data = IndicatorSet.build(
        [definition],
        [IndicatorValue.present("LPI 05", Quarter(2024, 1), 20)],
        [Target("LPI 05", FinancialYear(2024), Decimal(100))],
    )
    assert assess(data, "LPI 05", Quarter(2024, 1)).status is RagStatus.RED
    on_track = assess(data, "LPI 05", Quarter(2024, 1), forecast=Decimal(100))
    assert on_track.status is RagStatus.AMBER


def test_custom_rule_by_registry() -> None:
    definition = IndicatorDefinition(
        "L1", "Local", Polarity.HIGHER, Aggregation.SUM, Frequency.ANNUAL, rag_rule="strict"
    )
    data = IndicatorSet.build(
        [definition],
        [IndicatorValue.present("L1", FinancialYear(2024), 5)],
        [Target("L1", FinancialYear(2024), Decimal(5))],
    )
    with pytest.raises(UnknownRuleError, match="unknown RAG rule 'strict'"):
        assess(data, "L1", FinancialYear(2024))

    def strict(inp: RagInput) -> RagStatus:
        return RagStatus.RED

    rules = default_rules().with_rule("strict", strict)
    assert assess(data, "L1", FinancialYear(2024), rules=rules).status is RagStatus.RED


def test_bad_requests() -> None:
    data = _dataset()
    with pytest.raises(InputError, match="no indicator 'NI 999'"):
        assess(data, "NI 999", Quarter(2024, 1))
    with pytest.raises(InputError, match="uses a year starting in month 1"):
        assess(data, "NI 157a", Quarter(2024, 1, year_start_month=1))


def test_build_reports_every_problem() -> None:
    with pytest.raises(InputError) as info:
        IndicatorSet.build(
            [NI157, NI157, ANNUAL],
            [
                IndicatorValue.present("X", Month(2024, 4), 1),
                IndicatorValue.present("NI 157a", Month(2024, 4, year_start_month=1), 1),
                IndicatorValue.present("NI 182", Month(2024, 4), 1),
                IndicatorValue.present("NI 157a", Month(2024, 5), 1),
                IndicatorValue.present("NI 157a", Month(2024, 5), 2),
            ],
            [
                Target("Y", FinancialYear(2024), Decimal(1)),
                Target("NI 182", FinancialYear(2024, year_start_month=1), Decimal(1)),
                Target("NI 182", FinancialYear(2024), Decimal(1)),
                Target("NI 182", FinancialYear(2024), Decimal(2)),
            ],
        )
    message = str(info.value)
    for text in (
        "indicator 'NI 157a' is defined twice",
        "X 2024-04: no indicator 'X'",
        "NI 157a 2024-04: the period's year starts in another month",
        "NI 182 2024-04: NI 182 is collected annual, so it has no value for a shorter period",
        "NI 157a 2024-05: a value is given twice",
        "Y 2024/25: target for no indicator 'Y'",
        "NI 182 2024: the period's year starts in another month",
        "NI 182 2024/25: a target is given twice",
    ):
        assert text in message


@pytest.mark.parametrize("council", ["rossendale", "poole"])
def test_example_councils(council: str) -> None:
    framework = load_bundle(EXAMPLES / council)
    data = framework.indicators
    assert 25 <= len(data.definitions) <= 40
    prefix = "RBC-O" if council == "rossendale" else "POOLE-"
    unit_costs = {u.code for u in framework.finance.unit_costs}  # derived from the budget
    assert unit_costs <= set(data.definitions)
    assert all(
        d.objective.startswith(prefix)
        for d in data.definitions.values()
        if d.code not in unit_costs
    )
    results = assess_all(data, Quarter(2025, 2), as_at=dt.date(2025, 11, 1))
    statuses = {r.status for r in results}
    assert {RagStatus.GREEN, RagStatus.AMBER, RagStatus.RED, RagStatus.DATA_ONLY} <= statuses
    assert RagStatus.NO_DATA in statuses  # a late return
    assert any(r.data_status is DataStatus.PROVISIONAL for r in results)
    by_code = {r.indicator: r for r in results}
    missed_bins = by_code["LPI 04" if council == "rossendale" else "POOLE 04"]
    assert missed_bins.interval is not None  # Byar's interval for a rate per 100,000
    assert any(r.forecast_meets_target is not None for r in results)
    later = assess_all(data, Quarter(2025, 3), as_at=dt.date(2025, 10, 1))
    assert {r.value_state for r in later} == {"not-yet-due"}


def _homes(values: list[int], last_year: list[int] | None = None) -> IndicatorSet:
    definition = IndicatorDefinition(
        "NI 155", "Affordable homes", Polarity.HIGHER, Aggregation.SUM, Frequency.QUARTERLY
    )
    rows = [IndicatorValue.present("NI 155", Quarter(2024, i + 1), v) for i, v in enumerate(values)]
    rows += [
        IndicatorValue.present("NI 155", Quarter(2023, i + 1), v)
        for i, v in enumerate(last_year or [])
    ]
    return IndicatorSet.build(
        [definition], rows, [Target("NI 155", FinancialYear(2024), Decimal(40))]
    )


def test_forecasts_run_rate_and_seasonal() -> None:
    result = assess(_homes([6, 8], [5, 5, 10, 20]), "NI 155", Quarter(2024, 2))
    assert result.forecast == Decimal(28)  # 14 in two quarters, run on for four
    assert result.forecast_seasonal == Decimal(56)  # last year had a quarter done by Q2
    assert result.forecast_meets_target is True  # the seasonal forecast is preferred
    assert result.year_target == Decimal(40)
    assert result.to_dict()["forecast"] == Decimal(28)
    no_history = assess(_homes([6, 8]), "NI 155", Quarter(2024, 2))
    assert no_history.forecast_seasonal is None
    assert no_history.forecast_meets_target is False
    gap = assess(_homes([6]), "NI 155", Quarter(2024, 2))
    assert (gap.forecast, gap.forecast_meets_target) == (None, None)
    skipped = assess(_homes([6, 8]), "NI 155", Quarter(2024, 2), forecasts=False)
    assert skipped.forecast is None


def test_medway_rule_uses_the_forecast_made_from_the_values() -> None:
    definition = IndicatorDefinition(
        "LPI 05",
        "Calls answered",
        Polarity.HIGHER,
        Aggregation.SUM,
        Frequency.QUARTERLY,
        rag_rule="medway",
    )
    data = IndicatorSet.build(
        [definition],
        [
            IndicatorValue.present("LPI 05", Quarter(2024, 1), 20),
            IndicatorValue.present("LPI 05", Quarter(2024, 2), 40),
        ],
        [Target("LPI 05", FinancialYear(2024), Decimal(100))],
    )
    # Q2 40 beats its profiled 25; Q1 20 misses 25, but 20 a quarter forecasts 80 < 100
    assert assess(data, "LPI 05", Quarter(2024, 1)).status is RagStatus.RED
    # year to date 60 beats 50 at Q2
    assert assess(data, "LPI 05", Quarter(2024, 2)).ytd_status is RagStatus.GREEN


def test_confidence_interval_and_significance() -> None:
    result = assess(_dataset(), "NI 157a", Quarter(2024, 2))
    assert result.interval is not None
    assert result.interval.lower < 80 < result.interval.upper
    assert result.significance_last_year is not None
    assert result.significance_last_year.value == "similar"  # 24/30 against 21/30
    data = result.to_dict()
    assert isinstance(data["ci_lower"], Decimal)
    assert data["significance_last_year"] == "similar"
    days = assess(_dataset(), "BV 12", Quarter(2024, 2))
    assert days.interval is None  # no counts
