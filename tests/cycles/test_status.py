"""Due, due soon, overdue and done as at a date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.cycles import (
    Arrangement,
    EnglandAndWalesCalendar,
    Occurrence,
    OffsetRule,
    Status,
    WeekendsOnlyCalendar,
    assess_schedule,
    classify,
    schedule_for_year,
)
from goldenthread.errors import InputError
from goldenthread.periods import FinancialYear, Frequency, Month
from tests.cycles.examples import example_cycle
from tests.cycles.strategies import dates

ENGLAND = EnglandAndWalesCalendar()
BUDGET = Arrangement("budget", "Budget", ["Cabinet"], Frequency.MONTHLY, OffsetRule(5))
RANK = {Status.NOT_DUE: 0, Status.DUE_SOON: 1, Status.OVERDUE: 2}


def _due(day: dt.date) -> Occurrence:
    return Occurrence(BUDGET, Month(2024, 11), day)


def test_classification_around_the_due_date() -> None:
    due = _due(dt.date(2025, 1, 8))
    assert classify(due, dt.date(2025, 1, 9), ENGLAND) is Status.OVERDUE
    assert classify(due, dt.date(2025, 1, 8), ENGLAND) is Status.DUE_SOON
    # 10 working days before 8 January, counting past Christmas and New Year's Day.
    assert classify(due, dt.date(2024, 12, 20), ENGLAND) is Status.DUE_SOON
    assert classify(due, dt.date(2024, 12, 19), ENGLAND) is Status.NOT_DUE
    # Without bank holidays the 10-working-day window spans fewer calendar days.
    assert classify(due, dt.date(2024, 12, 24), ENGLAND) is Status.DUE_SOON
    assert classify(due, dt.date(2024, 12, 24), WeekendsOnlyCalendar()) is Status.NOT_DUE
    assert classify(due, dt.date(2024, 12, 25), WeekendsOnlyCalendar()) is Status.DUE_SOON
    assert classify(due, dt.date(2025, 1, 2), ENGLAND, soon=0) is Status.NOT_DUE


def test_done_only_counts_once_completed_as_at_the_date() -> None:
    due = _due(dt.date(2025, 1, 8))
    completed = dt.date(2025, 1, 7)
    assert classify(due, dt.date(2025, 1, 6), ENGLAND, completed=completed) is Status.DUE_SOON
    assert classify(due, dt.date(2025, 1, 7), ENGLAND, completed=completed) is Status.DONE
    on_the_day = dt.date(2025, 1, 8)
    assert classify(due, dt.date(2025, 1, 9), ENGLAND, completed=on_the_day) is Status.DONE


def test_completed_after_the_due_date_is_late_not_done() -> None:
    due = _due(dt.date(2025, 1, 8))
    completed = dt.date(2025, 1, 10)
    assert classify(due, dt.date(2025, 1, 9), ENGLAND, completed=completed) is Status.OVERDUE
    assert classify(due, dt.date(2025, 1, 10), ENGLAND, completed=completed) is Status.LATE


@given(dates, dates, dates)
def test_a_completion_by_the_judging_day_is_done_or_late_by_its_due_date(
    due: dt.date, completed: dt.date, as_at: dt.date
) -> None:
    status = classify(_due(due), max(completed, as_at), ENGLAND, completed=completed)
    assert status is (Status.LATE if completed > due else Status.DONE)


def test_negative_soon_window_is_rejected() -> None:
    with pytest.raises(InputError, match=r"^the due-soon window must be 0 or more working days"):
        classify(_due(dt.date(2025, 1, 8)), dt.date(2025, 1, 1), ENGLAND, soon=-1)


def test_poole_as_at_1_november_2024() -> None:
    config = example_cycle("poole")
    schedule = schedule_for_year(
        config.arrangements, FinancialYear(2024), config.calendar, config.meetings
    )
    completed = {("corporate-risk-register", "2024/25 Q1"): dt.date(2024, 9, 19)}
    statuses = assess_schedule(schedule, dt.date(2024, 11, 1), ENGLAND, completed=completed)
    by_key = {s.occurrence.key: s for s in statuses}
    assert by_key[("corporate-risk-register", "2024/25 Q1")].status is Status.DONE
    assert by_key[("corporate-risk-register", "2024/25 Q1")].completed == dt.date(2024, 9, 19)
    assert by_key[("corporate-performance", "2024/25 H1")].status is Status.DUE_SOON
    assert by_key[("corporate-risk-register", "2024/25 Q2")].status is Status.NOT_DUE
    assert by_key[("budget", "2024-08")].status is Status.OVERDUE
    assert [s.occurrence for s in statuses] == list(schedule)


def test_completion_for_an_unknown_occurrence_is_rejected() -> None:
    schedule = schedule_for_year([BUDGET], FinancialYear(2024), ENGLAND)
    with pytest.raises(InputError) as info:
        assess_schedule(
            schedule,
            dt.date(2024, 11, 1),
            ENGLAND,
            completed={("budget", "2024/25"): dt.date(2025, 1, 1)},
        )
    assert str(info.value) == (
        "completion dates given for occurrences not in the schedule: budget 2024/25"
    )


@given(dates, dates, dates, st.integers(0, 20))
def test_status_is_monotone_in_as_at(due: dt.date, a: dt.date, b: dt.date, soon: int) -> None:
    early, late = sorted((a, b))
    occurrence = _due(due)
    first = classify(occurrence, early, ENGLAND, soon=soon)
    second = classify(occurrence, late, ENGLAND, soon=soon)
    assert RANK[first] <= RANK[second]


@given(dates, dates, dates, dates)
def test_once_done_always_done(due: dt.date, completed: dt.date, a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    occurrence = _due(due)
    if classify(occurrence, early, ENGLAND, completed=completed) is Status.DONE:
        assert classify(occurrence, late, ENGLAND, completed=completed) is Status.DONE


@given(dates, dates, st.integers(0, 20), st.integers(0, 20))
def test_a_wider_window_never_makes_a_deadline_less_urgent(
    due: dt.date, as_at: dt.date, m: int, n: int
) -> None:
    small, large = sorted((m, n))
    occurrence = _due(due)
    assert (
        RANK[classify(occurrence, as_at, ENGLAND, soon=small)]
        <= RANK[classify(occurrence, as_at, ENGLAND, soon=large)]
    )
