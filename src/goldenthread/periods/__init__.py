"""Financial periods and frequencies (:mod:`goldenthread.periods`).

See :mod:`goldenthread.periods.period` for the model and
:mod:`goldenthread.periods.parse` for the spellings :func:`parse_period` accepts.
"""

from goldenthread.periods.frequency import Frequency
from goldenthread.periods.parse import parse_period
from goldenthread.periods.period import (
    FinancialYear,
    HalfYear,
    Month,
    Period,
    Quarter,
    period_containing,
    periods_between,
)

__all__ = [
    "FinancialYear",
    "Frequency",
    "HalfYear",
    "Month",
    "Period",
    "Quarter",
    "parse_period",
    "period_containing",
    "periods_between",
]
