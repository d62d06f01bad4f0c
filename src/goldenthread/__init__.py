"""goldenthread: a local authority's performance management framework as software."""

from goldenthread.errors import BundleError, GoldenthreadError, InputError, PeriodError, Problem
from goldenthread.periods import (
    FinancialYear,
    Frequency,
    HalfYear,
    Month,
    Period,
    Quarter,
    parse_period,
    period_containing,
    periods_between,
)

__version__ = "0.1.0"

__all__ = [
    "BundleError",
    "FinancialYear",
    "Frequency",
    "GoldenthreadError",
    "HalfYear",
    "InputError",
    "Month",
    "Period",
    "PeriodError",
    "Problem",
    "Quarter",
    "__version__",
    "parse_period",
    "period_containing",
    "periods_between",
]
