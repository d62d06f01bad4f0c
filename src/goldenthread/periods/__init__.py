"""Financial periods and frequencies (:mod:`goldenthread.periods`).

See :mod:`goldenthread.periods.period` for the model and
:mod:`goldenthread.periods.parse` for the spellings :func:`parse_period` accepts.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
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

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.periods.frequency": ("Frequency",),
            "goldenthread.periods.parse": ("parse_period",),
            "goldenthread.periods.period": (
                "FinancialYear",
                "HalfYear",
                "Month",
                "Period",
                "Quarter",
                "period_containing",
                "periods_between",
            ),
        },
    )
