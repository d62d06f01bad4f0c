"""Working-day calendars: real 2024/25 bank holidays and the arithmetic laws."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.cycles import (
    BankHolidayCalendar,
    EnglandAndWalesCalendar,
    NorthernIrelandCalendar,
    ScotlandCalendar,
    WeekendsOnlyCalendar,
    WorkingDayCalendar,
    builtin_calendars,
    resolve_calendar,
)
from goldenthread.errors import InputError
from tests.cycles.strategies import dates

ENGLAND = EnglandAndWalesCalendar()
WEEKENDS = WeekendsOnlyCalendar()
CALENDARS = [ENGLAND, ScotlandCalendar(), NorthernIrelandCalendar(), WEEKENDS]


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2024, 5, 6),  # Early May bank holiday
        dt.date(2024, 5, 27),
        dt.date(2024, 8, 26),
        dt.date(2024, 12, 25),
        dt.date(2024, 12, 26),
        dt.date(2025, 1, 1),
        dt.date(2025, 4, 18),  # Good Friday
        dt.date(2025, 4, 21),  # Easter Monday
    ],
)
def test_england_and_wales_2024_25_bank_holidays_are_not_working_days(day: dt.date) -> None:
    assert day.weekday() < 5
    assert not ENGLAND.is_working_day(day)
    assert WEEKENDS.is_working_day(day)


def test_scottish_and_northern_irish_holidays_differ_from_england() -> None:
    st_andrews_observed = dt.date(2024, 12, 2)
    st_patricks = dt.date(2025, 3, 17)
    assert not ScotlandCalendar().is_working_day(st_andrews_observed)
    assert ENGLAND.is_working_day(st_andrews_observed)
    assert not NorthernIrelandCalendar().is_working_day(st_patricks)
    assert ENGLAND.is_working_day(st_patricks)


def test_adding_working_days_skips_christmas_and_the_weekend() -> None:
    assert ENGLAND.add_working_days(dt.date(2024, 12, 24), 1) == dt.date(2024, 12, 27)
    assert ENGLAND.add_working_days(dt.date(2024, 12, 24), 2) == dt.date(2024, 12, 30)
    # Easter 2025: Thursday 17 April + 1 working day is Tuesday 22 April.
    assert ENGLAND.add_working_days(dt.date(2025, 4, 17), 1) == dt.date(2025, 4, 22)
    assert ENGLAND.add_working_days(dt.date(2025, 4, 22), -1) == dt.date(2025, 4, 17)
    # 10 working days after the end of Q2 2024/25 (Monday 30 September).
    assert ENGLAND.add_working_days(dt.date(2024, 9, 30), 10) == dt.date(2024, 10, 14)


def test_zero_working_days_rolls_forward_to_a_working_day() -> None:
    assert ENGLAND.add_working_days(dt.date(2024, 12, 24), 0) == dt.date(2024, 12, 24)
    assert ENGLAND.add_working_days(dt.date(2024, 12, 25), 0) == dt.date(2024, 12, 27)


def test_closures_are_not_working_days() -> None:
    closed = dt.date(2024, 12, 27)
    calendar = EnglandAndWalesCalendar(closures=[closed])
    assert not calendar.is_working_day(closed)
    assert calendar.add_working_days(dt.date(2024, 12, 24), 1) == dt.date(2024, 12, 30)
    assert not WeekendsOnlyCalendar(closures=[closed]).is_working_day(closed)


def test_builtin_registry_names_and_protocol() -> None:
    registry = builtin_calendars()
    assert set(registry) == {"england-and-wales", "scotland", "northern-ireland", "weekends-only"}
    for name, calendar in registry.items():
        assert isinstance(calendar, WorkingDayCalendar)
        assert calendar.name == name
    assert resolve_calendar(" England-and-Wales ", registry) == EnglandAndWalesCalendar()


def test_unknown_calendar_name_lists_the_known_ones() -> None:
    with pytest.raises(InputError) as info:
        resolve_calendar("wales-only", builtin_calendars())
    assert str(info.value) == (
        "unknown working-day calendar 'wales-only'; known calendars: england-and-wales,"
        " northern-ireland, scotland, weekends-only"
    )


def test_bank_holiday_calendar_for_any_country_the_package_knows() -> None:
    ireland = BankHolidayCalendar("IE")
    assert ireland.name == "ie"
    assert not ireland.is_working_day(dt.date(2025, 3, 17))
    assert BankHolidayCalendar("GB", "WLS").bank_holidays(2024) == ENGLAND.bank_holidays(2024)


def test_unknown_country_or_subdivision_is_rejected() -> None:
    with pytest.raises(InputError, match="no calendar for country 'XX' subdivision None"):
        BankHolidayCalendar("XX")
    with pytest.raises(InputError, match="no calendar for country 'GB' subdivision 'YKS'"):
        BankHolidayCalendar("GB", "YKS")


@given(st.sampled_from(CALENDARS), dates, st.integers(-40, 40))
def test_every_returned_day_is_a_working_weekday(
    calendar: WorkingDayCalendar, day: dt.date, n: int
) -> None:
    result = calendar.add_working_days(day, n)
    assert result.weekday() < 5
    assert calendar.is_working_day(result)
    if isinstance(calendar, BankHolidayCalendar):
        assert result not in calendar.bank_holidays(result.year)


@given(dates)
def test_england_working_day_means_weekday_and_not_bank_holiday(day: dt.date) -> None:
    expected = day.weekday() < 5 and day not in ENGLAND.bank_holidays(day.year)
    assert ENGLAND.is_working_day(day) is expected


@given(st.sampled_from(CALENDARS), dates, dates, st.integers(-30, 30))
def test_add_working_days_is_monotone_in_the_start(
    calendar: WorkingDayCalendar, a: dt.date, b: dt.date, n: int
) -> None:
    early, late = sorted((a, b))
    assert calendar.add_working_days(early, n) <= calendar.add_working_days(late, n)


@given(st.sampled_from(CALENDARS), dates, st.integers(-30, 30), st.integers(-30, 30))
def test_add_working_days_is_strictly_monotone_in_n(
    calendar: WorkingDayCalendar, day: dt.date, m: int, n: int
) -> None:
    if m < n:
        assert calendar.add_working_days(day, m) < calendar.add_working_days(day, n)


@given(st.sampled_from(CALENDARS), dates, st.integers(1, 30))
def test_there_are_exactly_n_working_days_up_to_the_result(
    calendar: WorkingDayCalendar, day: dt.date, n: int
) -> None:
    result = calendar.add_working_days(day, n)
    between = [
        day + dt.timedelta(days=i)
        for i in range(1, (result - day).days + 1)
        if calendar.is_working_day(day + dt.timedelta(days=i))
    ]
    assert len(between) == n
    assert calendar.add_working_days(result, -n) <= day
