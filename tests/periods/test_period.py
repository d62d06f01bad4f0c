"""Example tests for financial periods, built from the councils' own calendars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from goldenthread import (
    FinancialYear,
    Frequency,
    HalfYear,
    Month,
    PeriodError,
    Quarter,
    period_containing,
    periods_between,
)


def test_financial_year_runs_april_to_march() -> None:
    year = FinancialYear(2024)
    assert (year.start, year.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    assert year.label == "2024/25"
    assert year.days == 365


def test_quarter_two_is_july_to_september() -> None:
    q2 = Quarter(2024, 2)
    assert (q2.start, q2.end, q2.label) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30), "2024/25 Q2")
    assert q2.financial_year == FinancialYear(2024)


def test_quarter_four_falls_in_the_next_calendar_year() -> None:
    q4 = Quarter(2024, 4)
    assert (q4.start, q4.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))


def test_half_year_one_is_april_to_september() -> None:
    h1 = HalfYear(2024, 1)
    assert (h1.start, h1.end, h1.label) == (dt.date(2024, 4, 1), dt.date(2024, 9, 30), "2024/25 H1")
    assert HalfYear(2024, 2).end == dt.date(2025, 3, 31)


def test_month_is_a_calendar_month_in_its_financial_year() -> None:
    feb = Month(2024, 2)
    assert (feb.start, feb.end, feb.label) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02")
    assert feb.financial_year == FinancialYear(2023)
    assert feb.name == "Feb 2024"


@pytest.mark.parametrize(
    ("start_month", "label", "start", "end"),
    [
        (1, "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (7, "2024/25", dt.date(2024, 7, 1), dt.date(2025, 6, 30)),
        (10, "2024/25", dt.date(2024, 10, 1), dt.date(2025, 9, 30)),
    ],
)
def test_any_year_start_month(start_month: int, label: str, start: dt.date, end: dt.date) -> None:
    year = FinancialYear(2024, start_month)
    assert (year.label, year.start, year.end) == (label, start, end)
    assert Quarter(2024, 1, start_month).start == start


def test_arithmetic() -> None:
    q1 = Quarter(2024, 1)
    assert q1.previous() == Quarter(2023, 4)
    assert q1.next() == Quarter(2024, 2)
    assert q1.shift(5) == Quarter(2025, 2)
    assert q1.same_period_last_year() == Quarter(2023, 1)
    assert Month(2024, 1).previous() == Month(2023, 12)
    assert HalfYear(2024, 1).previous() == HalfYear(2023, 2)
    assert FinancialYear(2024).shift(-3) == FinancialYear(2021)


def test_containment() -> None:
    year = FinancialYear(2024)
    assert Quarter(2024, 4) in year
    assert Month(2025, 3) in year
    assert Month(2025, 4) not in year
    assert dt.date(2025, 3, 31) in year
    assert dt.datetime(2024, 4, 1, 9, 30) in year
    assert dt.date(2024, 3, 31) not in year
    assert "2024/25" not in year
    assert HalfYear(2024, 1).contains(Quarter(2024, 2))
    assert not Quarter(2024, 2).contains(HalfYear(2024, 1))
    assert Quarter(2024, 2).overlaps(HalfYear(2024, 1))
    assert not Quarter(2024, 3).overlaps(HalfYear(2024, 1))


def test_ordering_and_hashing() -> None:
    periods = [Quarter(2024, 2), Month(2024, 4), FinancialYear(2024), Quarter(2024, 1)]
    assert sorted(periods) == [
        FinancialYear(2024),
        Quarter(2024, 1),
        Month(2024, 4),
        Quarter(2024, 2),
    ]
    assert len({Quarter(2024, 2), Quarter(2024, 2), Quarter(2024, 3)}) == 2
    assert Quarter(2024, 2) != Quarter(2024, 2, 1)
    assert Quarter(2023, 4) < Quarter(2024, 1) <= Quarter(2024, 1)
    assert Quarter(2024, 1) > Quarter(2023, 4) >= Quarter(2023, 4)


def test_comparison_with_other_types_is_refused() -> None:
    with pytest.raises(TypeError):
        _ = Quarter(2024, 1) < "2024/25 Q1"
    with pytest.raises(TypeError):
        _ = Quarter(2024, 1) <= 3
    with pytest.raises(TypeError):
        _ = Quarter(2024, 1) > 3
    with pytest.raises(TypeError):
        _ = Quarter(2024, 1) >= 3


def test_periods_within_a_year() -> None:
    year = FinancialYear(2024)
    assert year.subperiods(Frequency.QUARTERLY) == tuple(Quarter(2024, q) for q in (1, 2, 3, 4))
    assert year.subperiods(Frequency.HALF_YEARLY) == (HalfYear(2024, 1), HalfYear(2024, 2))
    months = year.subperiods(Frequency.MONTHLY)
    assert months[0] == Month(2024, 4)
    assert months[-1] == Month(2025, 3)
    assert len(months) == 12
    assert year.subperiods(Frequency.ANNUAL) == (year,)
    assert Quarter(2024, 3).month_periods() == (Month(2024, 10), Month(2024, 11), Month(2024, 12))
    assert Quarter(2024, 2).year_to_date() == tuple(Month(2024, m) for m in range(4, 10))
    assert Month(2024, 5).with_frequency(Frequency.HALF_YEARLY) == HalfYear(2024, 1)


def test_subperiods_must_be_finer() -> None:
    with pytest.raises(PeriodError, match="2024/25 Q1 is quarterly; it holds no annual periods"):
        Quarter(2024, 1).subperiods(Frequency.ANNUAL)


def test_period_containing() -> None:
    assert period_containing(dt.date(2024, 9, 30), Frequency.QUARTERLY) == Quarter(2024, 2)
    assert period_containing(dt.date(2025, 3, 31), Frequency.ANNUAL) == FinancialYear(2024)
    assert period_containing(dt.date(2024, 4, 1), Frequency.HALF_YEARLY) == HalfYear(2024, 1)
    assert period_containing(dt.date(2024, 2, 29), Frequency.MONTHLY) == Month(2024, 2)
    assert period_containing(dt.date(2024, 6, 30), Frequency.QUARTERLY, 7) == Quarter(2023, 4, 7)


def test_periods_between() -> None:
    assert list(periods_between(Quarter(2023, 4), Quarter(2024, 2))) == [
        Quarter(2023, 4),
        Quarter(2024, 1),
        Quarter(2024, 2),
    ]
    assert list(periods_between(Quarter(2024, 2), Quarter(2024, 1))) == []
    with pytest.raises(PeriodError, match="different kinds"):
        list(periods_between(Quarter(2024, 1), Month(2024, 4)))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Quarter(2024, 5), "quarter must be 1-4, not 5"),
        (lambda: Quarter(2024, True), "quarter must be 1-4"),
        (lambda: HalfYear(2024, 3), "half must be 1 or 2, not 3"),
        (lambda: Month(2024, 13), "month must be 1-12, not 13"),
        (lambda: Month(2024, True), "month must be 1-12"),
        (lambda: FinancialYear(0), "year must be a whole number 1-9998, not 0"),
        (lambda: FinancialYear(10_000), "year must be a whole number 1-9998"),
        (lambda: FinancialYear(2024, 13), "year_start_month must be a month number 1-12, not 13"),
        (lambda: FinancialYear(2024, 0), "year_start_month must be a month number 1-12, not 0"),
        (lambda: FinancialYear(9998).shift(1), "outside the years 1-9998"),
        (lambda: Quarter(1, 1).shift(-1), "outside the years 1-9998"),
        (lambda: Month(1, 1).shift(-1), "outside the years 1-9998"),
        (lambda: period_containing(dt.date(2024, 1, 1), Frequency.MONTHLY, 0), "1-12, not 0"),
    ],
)
def test_impossible_periods_are_refused(make: Callable[[], object], message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        make()


def test_repr_reads_like_the_constructor() -> None:
    assert repr(Quarter(2024, 2)) == "Quarter(2024, 2)"
    assert repr(HalfYear(2024, 1, 7)) == "HalfYear(2024, 1, year_start_month=7)"
    assert repr(FinancialYear(2024)) == "FinancialYear(2024)"
    assert repr(Month(2024, 9)) == "Month(2024, 9)"
    assert str(Quarter(2024, 2)) == "2024/25 Q2"


def test_frequency_parse() -> None:
    assert Frequency.parse("Quarterly") is Frequency.QUARTERLY
    assert Frequency.parse("half-yearly") is Frequency.HALF_YEARLY
    assert Frequency.parse("6 monthly") is Frequency.HALF_YEARLY
    assert Frequency.parse(" annual ") is Frequency.ANNUAL
    assert Frequency.MONTHLY.per_year == 12
    with pytest.raises(ValueError, match="unknown frequency 'fortnightly'; expected one of"):
        Frequency.parse("fortnightly")
