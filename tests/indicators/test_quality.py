"""Data quality rules, returns and service summaries (goldenthread.indicators.quality)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.findings import Finding, Severity
from goldenthread.indicators.quality import (
    ExpectedReturn,
    ReturnStatus,
    ValidationRule,
    assess_returns,
    return_findings,
    summarise_by_service,
    validate_value,
)
from goldenthread.periods import FinancialYear, Frequency, Period, Quarter

Q2 = Quarter(2024, 2)
PERCENT = ValidationRule("BV 12", minimum=Decimal(0), maximum=Decimal(100), proportion=True)
SICKNESS = ValidationRule("BV 12", max_change_percent=Decimal(50), max_mads=Decimal(3))


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


# -- validation rules ----------------------------------------------------------------


def test_a_value_within_the_rules_has_no_findings() -> None:
    assert validate_value(PERCENT, Q2, Decimal("85.5"), numerator=855, denominator=1000) == ()


def test_out_of_range_values_are_errors() -> None:
    (above,) = validate_value(PERCENT, Q2, Decimal("120"))
    assert above == Finding(
        "out-of-range",
        Severity.ERROR,
        "BV 12",
        "BV 12 2024/25 Q2: 120 is above the allowed maximum of 100",
    )
    (below,) = validate_value(PERCENT, Q2, -1)
    assert below.message == "BV 12 2024/25 Q2: -1 is below the allowed minimum of 0"


def test_numerator_above_denominator_is_an_error() -> None:
    (found,) = validate_value(PERCENT, Q2, None, numerator=12, denominator=10)
    assert found.code == "numerator-exceeds-denominator"
    assert found.severity is Severity.ERROR
    assert found.message == (
        "BV 12 2024/25 Q2: the numerator 12 exceeds the denominator 10, which a proportion cannot"
    )


def test_a_rate_may_have_more_events_than_people() -> None:
    rate = ValidationRule("crime", proportion=False)
    assert validate_value(rate, Q2, 120, numerator=120, denominator=100) == ()


def test_a_jump_beyond_the_percentage_threshold_is_flagged() -> None:
    (found,) = validate_value(SICKNESS, Q2, Decimal(16), history=[Decimal(10)])
    assert found.code == "unusual-change"
    assert found.severity is Severity.WARNING
    assert found.message == (
        "BV 12 2024/25 Q2: 16 is a 60.0% change from 10 last period (more than 50%); "
        "please check it"
    )
    assert validate_value(SICKNESS, Q2, Decimal(15), history=[Decimal(10)]) == ()


def test_any_change_from_zero_is_flagged() -> None:
    (found,) = validate_value(SICKNESS, Q2, 3, history=[0])
    assert found.message == "BV 12 2024/25 Q2: 3 after 0 last period; please check it"
    assert validate_value(SICKNESS, Q2, 0, history=[0]) == ()


def test_a_value_far_from_recent_history_in_mads_is_flagged() -> None:
    rule = ValidationRule("NI 191", max_mads=Decimal(3))
    history = [100, 104, 98, 102, 99, 101, 103, 97]
    (found,) = validate_value(rule, Q2, 120, history=history)
    assert found.code == "unusual-change"
    assert found.message == (
        "NI 191 2024/25 Q2: 120 is 9.8 MADs from the recent median of 100.5 (more than 3); "
        "please check it"
    )
    assert validate_value(rule, Q2, 105, history=history) == ()


def test_the_mad_test_is_silent_with_little_or_flat_history() -> None:
    rule = ValidationRule("NI 191", max_mads=Decimal(3))
    assert validate_value(rule, Q2, 500, history=[100, 101]) == ()
    assert validate_value(rule, Q2, 500, history=[100, 100, 100, 150]) == ()


def test_the_mad_test_uses_only_the_recent_window() -> None:
    rule = ValidationRule("NI 191", max_mads=Decimal(3), history_window=3)
    old_and_wild = [1, 1000, 5, 50, 51, 52]
    assert codes(validate_value(rule, Q2, 500, history=old_and_wild)) == ["unusual-change"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"minimum": Decimal(5), "maximum": Decimal(1)},
            r"BV 12: the minimum \(5\) is above the maximum \(1\)",
        ),
        ({"max_change_percent": Decimal(-1)}, "BV 12: max_change_percent must not be negative"),
        ({"max_mads": Decimal(-2)}, "BV 12: max_mads must not be negative, not -2"),
        ({"history_window": 2}, "BV 12: history_window must be at least 3, not 2"),
    ],
)
def test_bad_rules_are_rejected(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ValidationRule("BV 12", **kwargs)  # type: ignore[arg-type]


def test_a_non_finite_value_is_rejected() -> None:
    with pytest.raises(ValueError, match="a figure to validate must be a finite number, not inf"):
        validate_value(PERCENT, Q2, float("inf"))


@given(st.decimals(-1000, 1000, places=2), st.decimals(0, 100, places=1))
def test_range_findings_match_the_bounds(value: Decimal, bound: Decimal) -> None:
    rule = ValidationRule("x", minimum=-bound, maximum=bound)
    found = validate_value(rule, Q2, value)
    assert (found != ()) == (abs(value) > bound)


# -- returns -------------------------------------------------------------------------

QUARTERS = FinancialYear(2024).subperiods(Frequency.QUARTERLY)


def due(period: Period) -> dt.date:
    return period.end + dt.timedelta(days=20)


EXPECTED = [
    ExpectedReturn("NI 157a", QUARTERS[0], due(QUARTERS[0]), "Planning"),
    ExpectedReturn("NI 157a", QUARTERS[1], due(QUARTERS[1]), "Planning"),
    ExpectedReturn("NI 191", QUARTERS[0], due(QUARTERS[0]), "Waste"),
    ExpectedReturn("NI 191", QUARTERS[1], due(QUARTERS[1]), "Waste"),
    ExpectedReturn("NI 191", QUARTERS[2], due(QUARTERS[2]), "Waste"),
]
RECEIVED = {
    ("NI 157a", QUARTERS[0]): dt.date(2024, 7, 15),
    ("NI 157a", QUARTERS[1]): dt.date(2024, 10, 25),
    ("NI 191", QUARTERS[0]): dt.date(2024, 7, 21),
    ("NI 191", QUARTERS[2]): dt.date(2025, 1, 5),
}
AS_AT = dt.date(2024, 11, 1)


def test_returns_are_on_time_late_missing_or_not_yet_due() -> None:
    outcomes = assess_returns(EXPECTED, RECEIVED, AS_AT)
    assert [o.status for o in outcomes] == [
        ReturnStatus.ON_TIME,
        ReturnStatus.LATE,
        ReturnStatus.LATE,
        ReturnStatus.MISSING,
        ReturnStatus.NOT_YET_DUE,
    ]
    assert [o.days_late for o in outcomes] == [0, 5, 1, 12, 0]
    assert outcomes[4].received is None


def test_a_return_received_on_the_due_date_is_on_time() -> None:
    item = EXPECTED[0]
    (outcome,) = assess_returns([item], {(item.indicator, item.period): item.due}, AS_AT)
    assert outcome.status is ReturnStatus.ON_TIME


def test_returns_as_at_an_earlier_date() -> None:
    outcomes = assess_returns(EXPECTED, RECEIVED, dt.date(2024, 7, 20))
    assert [o.status for o in outcomes] == [
        ReturnStatus.ON_TIME,
        ReturnStatus.NOT_YET_DUE,
        ReturnStatus.NOT_YET_DUE,
        ReturnStatus.NOT_YET_DUE,
        ReturnStatus.NOT_YET_DUE,
    ]


def test_return_findings() -> None:
    found = return_findings(assess_returns(EXPECTED, RECEIVED, AS_AT))
    assert [f.to_dict() for f in found] == [
        {
            "code": "late-return",
            "severity": "info",
            "item": "NI 157a",
            "message": "NI 157a 2024/25 Q2: due 2024-10-20, received 2024-10-25 (5 days late)",
        },
        {
            "code": "late-return",
            "severity": "info",
            "item": "NI 191",
            "message": "NI 191 2024/25 Q1: due 2024-07-20, received 2024-07-21 (1 day late)",
        },
        {
            "code": "missing-return",
            "severity": "warning",
            "item": "NI 191",
            "message": "NI 191 2024/25 Q2: due 2024-10-20 and not received (12 days overdue)",
        },
    ]


def test_a_return_expected_twice_is_rejected() -> None:
    with pytest.raises(ValueError, match="NI 191 2024/25 Q1 is expected more than once"):
        assess_returns([EXPECTED[2], EXPECTED[2]], {}, AS_AT)


def test_summary_by_service() -> None:
    outcomes = assess_returns(EXPECTED, RECEIVED, AS_AT)
    findings = [
        *return_findings(outcomes),
        *validate_value(PERCENT, Q2, 120),
        Finding("orphan", Severity.WARNING, None, "not about an indicator"),
    ]
    services = {"NI 157a": "Planning", "NI 191": "Waste", "BV 12": "Human Resources"}
    general, hr, planning, waste = summarise_by_service(outcomes, findings, services)
    assert (general.service, general.expected, general.warnings) == ("", 0, 1)
    assert (hr.service, hr.expected, hr.errors, hr.findings_by_code) == (
        "Human Resources",
        0,
        1,
        (("out-of-range", 1),),
    )
    assert hr.percent_on_time is None
    assert (planning.on_time, planning.late, planning.missing) == (1, 1, 0)
    assert planning.percent_on_time == Decimal("50.0")
    assert planning.percent_complete == Decimal("100.0")
    assert (waste.expected, waste.due, waste.received, waste.not_yet_due) == (3, 2, 1, 1)
    assert waste.percent_on_time == Decimal("0.0")
    assert waste.percent_complete == Decimal("50.0")
    assert waste.findings_by_code == (("late-return", 1), ("missing-return", 1))
    assert waste.warnings == 1
    assert summarise_by_service([], findings[-1:]) == (general,)


@st.composite
def return_books(
    draw: st.DrawFn,
) -> tuple[list[ExpectedReturn], dict[tuple[str, Period], dt.date], dt.date]:
    expected = []
    received: dict[tuple[str, Period], dt.date] = {}
    for index in range(draw(st.integers(0, 30))):
        period = Quarter(2024, index % 4 + 1)
        item = ExpectedReturn(
            f"I{index // 4}", period, due(period), draw(st.sampled_from(["A", "B", "C"]))
        )
        expected.append(item)
        if draw(st.booleans()):
            received[(item.indicator, period)] = item.due + dt.timedelta(draw(st.integers(-30, 30)))
    as_at = dt.date(2024, 4, 1) + dt.timedelta(draw(st.integers(0, 450)))
    return expected, received, as_at


@settings(max_examples=75)
@given(return_books())
def test_completeness_counts_add_up(
    book: tuple[list[ExpectedReturn], dict[tuple[str, Period], dt.date], dt.date],
) -> None:
    expected, received, as_at = book
    outcomes = assess_returns(expected, received, as_at)
    assert len(outcomes) == len(expected)
    summaries = summarise_by_service(outcomes)
    assert sum(s.expected for s in summaries) == len(expected)
    for summary in summaries:
        assert summary.on_time + summary.late + summary.missing + summary.not_yet_due == (
            summary.expected
        )
        assert summary.received + summary.missing == summary.due
        if summary.due:
            assert summary.percent_on_time is not None
            assert summary.percent_complete is not None
            assert Decimal(0) <= summary.percent_on_time <= summary.percent_complete <= 100
    findings = return_findings(outcomes)
    late = sum(o.status is ReturnStatus.LATE for o in outcomes)
    missing = sum(o.status is ReturnStatus.MISSING for o in outcomes)
    assert len(findings) == late + missing
