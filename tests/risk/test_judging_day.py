"""Risk trends, ratings and overdue reviews judged on a day: later reviews do not count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.periods import Frequency
from goldenthread.risk.presets import default_5x5
from goldenthread.risk.register import Assessment, Risk, RiskStatus
from goldenthread.risk.trends import (
    Review,
    next_review_due,
    overdue_reviews,
    register_on,
    reviews_on,
    risk_trend,
)

MATRIX = default_5x5()
RISK = Risk("R1", "Funding gap", current=Assessment(2, 2), next_review=dt.date(2026, 6, 1))
REVIEWS = (
    Review("R1", dt.date(2025, 1, 10), Assessment(3, 3)),
    Review("R1", dt.date(2025, 3, 20), Assessment(4, 4)),
    Review("R1", dt.date(2025, 9, 20), Assessment(2, 2), RiskStatus.CLOSED),
)

days = st.dates(dt.date(2024, 1, 1), dt.date(2027, 1, 1))


def test_the_trend_uses_only_reviews_by_the_judging_day() -> None:
    assert risk_trend(REVIEWS, MATRIX) is risk_trend(REVIEWS, MATRIX, on=dt.date(2025, 10, 1))
    assert risk_trend(REVIEWS, MATRIX, on=dt.date(2025, 4, 1)).value == "rising"
    assert risk_trend(REVIEWS, MATRIX, on=dt.date(2025, 2, 1)).value == "new"


def test_the_next_review_is_worked_out_from_the_reviews_by_then() -> None:
    assert next_review_due(RISK, REVIEWS) == dt.date(2026, 6, 1)
    assert next_review_due(RISK, REVIEWS, on=dt.date(2025, 4, 1)) == dt.date(2025, 6, 20)
    overdue = overdue_reviews([RISK], {"R1": REVIEWS}, dt.date(2025, 7, 1))
    assert [(o.risk, o.due, o.days_overdue) for o in overdue] == [("R1", dt.date(2025, 6, 20), 11)]


def test_the_register_is_put_back_as_it_stood() -> None:
    risks, kept = register_on((RISK,), REVIEWS, dt.date(2025, 4, 1))
    assert kept == REVIEWS[:2]
    (then,) = risks
    assert then.current == Assessment(4, 4)
    assert then.status is RiskStatus.OPEN
    assert then.next_review is None
    assert register_on((RISK,), REVIEWS, dt.date(2025, 12, 1)) == ((RISK,), REVIEWS)


@given(days, days)
def test_a_later_judging_day_only_adds_reviews(a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    assert set(reviews_on(REVIEWS, early)) <= set(reviews_on(REVIEWS, late))
    assert all(r.reviewed_on <= early for r in reviews_on(REVIEWS, early))


@given(days)
def test_nothing_after_the_judging_day_shapes_the_register(on: dt.date) -> None:
    later = Review("R1", dt.date(2027, 6, 1), Assessment(5, 5), RiskStatus.CLOSED)
    risks, kept = register_on((RISK,), (*REVIEWS, later), on)
    assert kept == reviews_on(REVIEWS, on)
    (then,) = risks
    rated = [r.current for r in kept if r.current is not None]
    assert then.current == (rated[-1] if rated else RISK.current)
    assert then.is_open == (not kept or kept[-1].status is RiskStatus.OPEN)
    assert risk_trend((*REVIEWS, later), MATRIX, on=on) is risk_trend(kept, MATRIX)
    due = next_review_due(RISK, (*REVIEWS, later), Frequency.QUARTERLY, on=on)
    assert due is None or not kept or due > kept[-1].reviewed_on


def test_python_report_builders_and_open_data_judge_without_later_reviews() -> None:
    # The Python entry points judge on their day as the command line does: a report built
    # on 1 August 2025 from the whole register equals one built from the register as it
    # stood then (the December and March reviews had not happened yet).
    from goldenthread.examples import example_path
    from goldenthread.io.bundle import load_bundle
    from goldenthread.periods import Month, Quarter
    from goldenthread.reports.builders import builtin_report_kinds
    from goldenthread.reports.publish import open_data

    framework = load_bundle(example_path("rossendale"))
    day = dt.date(2025, 8, 1)
    then = framework.judged_on(day)
    assert len(then.risk_reviews) < len(framework.risk_reviews)
    assert then.judged_on(day) is then
    for name, kind in builtin_report_kinds().items():
        options: dict[str, Any] = {"service": "BP-REG"} if name == "service-plan" else {}
        period = Month(2025, 6) if name == "budget" else Quarter(2025, 1)
        assert kind.build(framework, period, today=day, **options) == kind.build(
            then, period, today=day, **options
        ), name
    assert open_data(framework, Quarter(2025, 1), today=day) == open_data(
        then, Quarter(2025, 1), today=day
    )
