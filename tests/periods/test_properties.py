"""Properties every period satisfies, whatever the year, kind or year start month."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from goldenthread import (
    FinancialYear,
    Frequency,
    HalfYear,
    Month,
    Period,
    Quarter,
    parse_period,
    period_containing,
)

year_start_months = st.integers(min_value=1, max_value=12)
years = st.integers(min_value=1900, max_value=2200)
frequencies = st.sampled_from(list(Frequency))
dates = st.dates(min_value=dt.date(1900, 12, 1), max_value=dt.date(2200, 1, 1))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    ysm = draw(year_start_months)
    year = draw(years)
    kind = draw(st.sampled_from(["year", "half", "quarter", "month"]))
    if kind == "year":
        return FinancialYear(year, ysm)
    if kind == "half":
        return HalfYear(year, draw(st.integers(1, 2)), ysm)
    if kind == "quarter":
        return Quarter(year, draw(st.integers(1, 4)), ysm)
    return Month(year, draw(st.integers(1, 12)), ysm)


@given(dates, frequencies, year_start_months)
def test_every_date_lies_in_its_period(date: dt.date, freq: Frequency, ysm: int) -> None:
    period = period_containing(date, freq, ysm)
    assert period.start <= date <= period.end
    assert period.frequency is freq


@given(dates, frequencies, year_start_months)
def test_every_date_lies_in_exactly_one_period_of_a_frequency(
    date: dt.date, freq: Frequency, ysm: int
) -> None:
    period = period_containing(date, freq, ysm)
    neighbours = [period.shift(n) for n in (-2, -1, 1, 2)]
    assert not any(n.contains(date) for n in neighbours)
    assert period.previous().end + dt.timedelta(days=1) == period.start
    assert period.end + dt.timedelta(days=1) == period.next().start


@given(periods())
def test_label_round_trips(period: Period) -> None:
    assert parse_period(period.label, year_start_month=period.year_start_month) == period


@given(periods(), st.integers(min_value=-200, max_value=200))
def test_shift_is_invertible(period: Period, n: int) -> None:
    assert period.shift(n).shift(-n) == period
    assert period.shift(n) == period.shift(n - 1).next()


@given(periods())
def test_same_period_last_year_is_twelve_months_back(period: Period) -> None:
    last = period.same_period_last_year()
    assert type(last) is type(period)
    assert last.start_index == period.start_index - 12
    assert (last.start.month, last.end.month) == (period.start.month, period.end.month)
    assert last.financial_year == period.financial_year.previous()


@given(periods())
def test_a_period_lies_within_its_financial_year(period: Period) -> None:
    year = period.financial_year
    assert year.contains(period)
    assert period in year
    assert period.start in period
    assert period.end in period
    assert year.year_to_date()[-1] == Month(year.end.year, year.end.month, year.year_start_month)


@given(periods(), frequencies)
def test_subperiods_tile_the_period(period: Period, freq: Frequency) -> None:
    if freq.months > period.months:
        return
    parts = period.subperiods(freq)
    assert parts[0].start == period.start
    assert parts[-1].end == period.end
    assert len(parts) == period.months // freq.months
    for a, b in itertools.pairwise(parts):
        assert a.end + dt.timedelta(days=1) == b.start
        assert a < b


@given(periods(), periods())
def test_ordering_is_consistent(a: Period, b: Period) -> None:
    assert (a < b) == (b > a)
    assert (a <= b) == (a < b or a == b)
    if a == b:
        assert hash(a) == hash(b)
    if type(a) is type(b) and a.year_start_month == b.year_start_month and a != b:
        assert (a < b) == (a.start < b.start)
