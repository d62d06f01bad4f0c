"""Conformance with pandas' fiscal quarters (``freq="Q-MAR"`` and friends).

pandas is a test-only oracle here: goldenthread does not depend on it at run time.
pandas names a fiscal quarter by the calendar year in which its fiscal year *ends*
(``qyear``); goldenthread names the year by when it starts, so for a year that does not
start in January ``Quarter(y, q)`` is pandas' ``(qyear=y + 1, quarter=q)``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

import pytest

from goldenthread import Frequency, Quarter, period_containing

pd = pytest.importorskip("pandas")


def _random_dates(count: int, seed: int) -> list[dt.date]:
    rng = random.Random(seed)
    first = dt.date(1950, 1, 1).toordinal()
    last = dt.date(2150, 12, 31).toordinal()
    edges = [dt.date(y, m, d) for y in (1999, 2000, 2024, 2025) for m in range(1, 13) for d in (1,)]
    ends = [dt.date(y, m, calendar.monthrange(y, m)[1]) for y in (2000, 2024) for m in range(1, 13)]
    return edges + ends + [dt.date.fromordinal(rng.randint(first, last)) for _ in range(count)]


@pytest.mark.parametrize("year_start_month", [4, 1, 7, 10])
def test_quarters_match_pandas_fiscal_quarters(year_start_month: int) -> None:
    dates = _random_dates(5000, seed=year_start_month)
    year_end = calendar.month_abbr[(year_start_month - 2) % 12 + 1].upper()
    index = pd.PeriodIndex(pd.DatetimeIndex(dates), freq=f"Q-{year_end}")
    offset = 0 if year_start_month == 1 else 1
    for date, qyear, quarter, start, end in zip(
        dates, index.qyear, index.quarter, index.start_time, index.end_time, strict=True
    ):
        ours = period_containing(date, Frequency.QUARTERLY, year_start_month)
        assert ours == Quarter(int(qyear) - offset, int(quarter), year_start_month), date
        assert ours.start == start.date()
        assert ours.end == end.date()
