"""Committee meetings: recurrences, explicit dates and look-up by body."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.cycles import MeetingSchedule, Recurrence, meetings_for, parse_recurrence
from goldenthread.errors import InputError
from tests.cycles.strategies import dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2nd Wednesday monthly", Recurrence(2, 2)),
        ("second wednesday of each month", Recurrence(2, 2)),
        ("Last Tuesday of every month", Recurrence(1, -1)),
        ("1st Mon monthly", Recurrence(0, 1)),
        ("every Monday", Recurrence(0)),
        ("Thursdays weekly", Recurrence(3)),
    ],
)
def test_recurrence_spellings(text: str, expected: Recurrence) -> None:
    assert parse_recurrence(text) == expected


@pytest.mark.parametrize("text", ["5th Monday monthly", "fortnightly", "2nd Funday monthly", ""])
def test_unreadable_recurrence_says_what_to_write(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_recurrence(text)
    assert str(info.value) == (
        f"cannot read meeting recurrence {text!r}; write e.g. '2nd Wednesday monthly',"
        " 'last Tuesday of each month' or 'every Monday'"
    )


def test_recurrence_fields_are_checked() -> None:
    with pytest.raises(InputError, match="weekday must be 0 \\(Monday\\) to 6"):
        Recurrence(7)
    with pytest.raises(InputError, match="ordinal must be 1-4 or -1"):
        Recurrence(0, 5)


def test_second_wednesday_in_2024_25() -> None:
    found = Recurrence(2, 2).between(dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert found == (dt.date(2024, 4, 10), dt.date(2024, 5, 8), dt.date(2024, 6, 12))


def test_schedule_merges_dates_and_recurrences_less_cancellations() -> None:
    cabinet = MeetingSchedule(
        "Cabinet",
        dates=[dt.date(2024, 7, 24)],
        recurrences=[parse_recurrence("2nd Tuesday monthly")],
        cancelled=[dt.date(2024, 8, 13)],
    )
    assert cabinet.between(dt.date(2024, 7, 1), dt.date(2024, 9, 30)) == (
        dt.date(2024, 7, 9),
        dt.date(2024, 7, 24),
        dt.date(2024, 9, 10),
    )
    assert cabinet.first_on_or_after(dt.date(2024, 7, 25)) == dt.date(2024, 9, 10)
    assert cabinet.first_on_or_after(dt.date(2024, 7, 25), horizon_days=30) is None


def test_meetings_are_found_by_body_case_insensitively_and_merged() -> None:
    meetings = [
        MeetingSchedule("Cabinet", dates=[dt.date(2024, 7, 9)]),
        MeetingSchedule("cabinet", dates=[dt.date(2024, 9, 10)]),
    ]
    merged = meetings_for("CABINET", meetings)
    assert merged.dates == (dt.date(2024, 7, 9), dt.date(2024, 9, 10))


def test_a_body_with_no_meetings_is_a_clear_error() -> None:
    meetings = [MeetingSchedule("Cabinet", dates=[dt.date(2024, 7, 9)])]
    with pytest.raises(InputError) as info:
        meetings_for("Audit Committee", meetings)
    assert str(info.value) == (
        "no meetings are known for 'Audit Committee'; give its meeting dates or a recurrence"
        " (bodies with meetings: Cabinet)"
    )
    with pytest.raises(InputError, match=r"^no meetings are known for 'Council'; give"):
        meetings_for("Council", [])


def test_a_schedule_needs_a_body() -> None:
    with pytest.raises(InputError, match="needs the name of the body"):
        MeetingSchedule("  ")


@given(st.integers(0, 6), st.sampled_from([None, 1, 2, 3, 4, -1]))
def test_recurrence_text_round_trips(weekday: int, ordinal: int | None) -> None:
    recurrence = Recurrence(weekday, ordinal)
    assert parse_recurrence(str(recurrence)) == recurrence


@given(st.integers(0, 6), st.sampled_from([None, 1, 2, 3, 4, -1]), dates, st.integers(0, 400))
def test_recurrence_dates_fall_on_the_weekday_within_the_range(
    weekday: int, ordinal: int | None, first: dt.date, span: int
) -> None:
    last = first + dt.timedelta(days=span)
    found = Recurrence(weekday, ordinal).between(first, last)
    assert list(found) == sorted(set(found))
    for day in found:
        assert first <= day <= last
        assert day.weekday() == weekday
        if ordinal is not None and ordinal > 0:
            assert (day.day - 1) // 7 + 1 == ordinal
        if ordinal == -1:
            assert (day + dt.timedelta(days=7)).month != day.month
