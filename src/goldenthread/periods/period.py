"""Financial periods: years, half-years, quarters and months of a council's financial year.

A financial year starts on the first day of its *year start month* (April by default) and
is named after the calendar year it starts in: ``FinancialYear(2024)`` is 1 April 2024 to
31 March 2025, labelled ``2024/25``.  Half-years, quarters and months sit inside it:
``Quarter(2024, 2)`` is July to September 2024, ``HalfYear(2024, 1)`` is April to
September 2024 and ``Month(2024, 9)`` is September 2024 (a calendar month).

Every period has an inclusive :attr:`~Period.start` and :attr:`~Period.end`, a
:attr:`~Period.label`, the :attr:`~Period.financial_year` it belongs to, and arithmetic
(:meth:`~Period.previous`, :meth:`~Period.next`, :meth:`~Period.shift`,
:meth:`~Period.same_period_last_year`).  The year start month is always an explicit
argument; nothing here reads global state or the clock.

Internally a period is a run of whole calendar months, held as the index of its first
month counted from January of year 0 (``year * 12 + month - 1``); all arithmetic is done
on that index.
"""

from __future__ import annotations

import calendar
import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any, ClassVar

from attrs import field, frozen

from goldenthread.errors import PeriodError
from goldenthread.periods.frequency import Frequency

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "FinancialYear",
    "HalfYear",
    "Month",
    "Period",
    "Quarter",
    "period_containing",
    "periods_between",
]

MIN_YEAR = 1
"""The earliest year a period may start in."""
MAX_YEAR = 9998
"""The latest year a financial year may start in (it must end before year 10000)."""

_MONTH_NAMES = tuple(calendar.month_abbr[1:])


def _check_year_start_month(instance: Any, attribute: Any, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 12:
        raise PeriodError(f"year_start_month must be a month number 1-12, not {value!r}")


def _check_year(instance: Any, attribute: Any, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not MIN_YEAR <= value <= MAX_YEAR:
        raise PeriodError(f"year must be a whole number {MIN_YEAR}-{MAX_YEAR}, not {value!r}")


def _index_to_date(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


class Period(ABC):
    """A run of whole calendar months within one financial year.

    Do not instantiate :class:`Period` itself; use :class:`FinancialYear`,
    :class:`HalfYear`, :class:`Quarter` or :class:`Month`, or :func:`parse_period`.

    Periods are immutable and hashable.  Periods of the same kind and year start month
    order by time; periods of different kinds order by start, then the longer first, so a
    sorted list puts a year before its first quarter and the quarter before its first
    month.
    """

    __slots__ = ()

    frequency: ClassVar[Frequency]
    year_start_month: int

    # -- the representation every subclass provides -------------------------------
    @property
    @abstractmethod
    def start_index(self) -> int:
        """The index of the first month (``year * 12 + month - 1``)."""

    @classmethod
    @abstractmethod
    def _from_index(cls, index: int, year_start_month: int) -> Period:
        """The period of this kind whose first month is ``index``."""

    @property
    @abstractmethod
    def label(self) -> str:
        """The canonical label, e.g. ``2024/25 Q2``; :func:`parse_period` reads it back."""

    # -- derived -------------------------------------------------------------------
    @property
    def months(self) -> int:
        """How many calendar months the period spans."""
        return self.frequency.months

    @property
    def end_index(self) -> int:
        """The index of the last month (inclusive)."""
        return self.start_index + self.frequency.months - 1

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return _index_to_date(self.start_index)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        first = _index_to_date(self.end_index)
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])

    @property
    def days(self) -> int:
        """The number of days in the period."""
        return (self.end - self.start).days + 1

    @property
    def financial_year(self) -> FinancialYear:
        """The financial year the period belongs to."""
        ysm = self.year_start_month
        return FinancialYear((self.start_index - (ysm - 1)) // 12, ysm)

    def shift(self, n: int) -> Period:
        """The period ``n`` periods of the same kind later (earlier when ``n`` < 0).

        Raises:
            PeriodError: the result would fall outside years 1-9998.
        """
        return self._from_index(self.start_index + n * self.frequency.months, self.year_start_month)

    def previous(self) -> Period:
        """The period of the same kind immediately before this one."""
        return self.shift(-1)

    def next(self) -> Period:
        """The period of the same kind immediately after this one."""
        return self.shift(1)

    def same_period_last_year(self) -> Period:
        """The same period one year (12 months) earlier."""
        return self.shift(-self.frequency.per_year)

    def contains(self, other: Period | dt.date) -> bool:
        """Whether a date, or every day of another period, lies within this period."""
        if isinstance(other, Period):
            return self.start_index <= other.start_index and other.end_index <= self.end_index
        if isinstance(other, dt.datetime):
            other = other.date()
        return self.start <= other <= self.end

    def __contains__(self, other: object) -> bool:
        if isinstance(other, (Period, dt.date)):
            return self.contains(other)
        return False

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one month."""
        return self.start_index <= other.end_index and other.start_index <= self.end_index

    def subperiods(self, frequency: Frequency) -> tuple[Period, ...]:
        """The periods of ``frequency`` that make up this period, in order.

        ``FinancialYear(2024).subperiods(Frequency.QUARTERLY)`` is its four quarters.

        Raises:
            PeriodError: ``frequency`` is coarser than this period.
        """
        step = frequency.months
        if step > self.frequency.months:
            raise PeriodError(
                f"{self.label} is {self.frequency.value}; it holds no {frequency.value} periods"
            )
        cls = _CLASSES[frequency]
        ysm = self.year_start_month
        return tuple(
            cls._from_index(i, ysm) for i in range(self.start_index, self.end_index + 1, step)
        )

    def month_periods(self) -> tuple[Month, ...]:
        """The calendar months of the period, in order."""
        ysm = self.year_start_month
        return tuple(Month._from_index(i, ysm) for i in range(self.start_index, self.end_index + 1))

    def year_to_date(self) -> tuple[Month, ...]:
        """The months from the start of the financial year to the end of this period."""
        ysm = self.year_start_month
        fy_start = self.financial_year.start_index
        return tuple(Month._from_index(i, ysm) for i in range(fy_start, self.end_index + 1))

    def with_frequency(self, frequency: Frequency) -> Period:
        """The period of ``frequency`` that contains this period's first month."""
        return _containing_index(self.start_index, frequency, self.year_start_month)

    # -- ordering --------------------------------------------------------------------
    def _key(self) -> tuple[int, int, int]:
        return (self.start_index, -self.end_index, self.year_start_month)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        return self.label


def _fy_label(year: int, year_start_month: int) -> str:
    if year_start_month == 1:
        return f"{year:04d}"
    return f"{year:04d}/{(year + 1) % 100:02d}"


@frozen(order=False)
class FinancialYear(Period):
    """A financial year, named after the calendar year it starts in.

    ``FinancialYear(2024)`` runs 1 April 2024 - 31 March 2025 and is labelled
    ``2024/25``.  With ``year_start_month=1`` the year is the calendar year and is
    labelled ``2024``.
    """

    frequency: ClassVar[Frequency] = Frequency.ANNUAL
    year: int = field(validator=_check_year)
    year_start_month: int = field(default=4, validator=_check_year_start_month, kw_only=False)

    @property
    def start_index(self) -> int:
        return self.year * 12 + self.year_start_month - 1

    @classmethod
    def _from_index(cls, index: int, year_start_month: int) -> FinancialYear:
        return cls(_year_of(index, year_start_month), year_start_month)

    @property
    def label(self) -> str:
        return _fy_label(self.year, self.year_start_month)

    def __repr__(self) -> str:
        return f"FinancialYear({self.year}{_ysm_repr(self.year_start_month)})"


def _check_half(instance: Any, attribute: Any, value: int) -> None:
    if value not in (1, 2) or isinstance(value, bool):
        raise PeriodError(f"half must be 1 or 2, not {value!r}")


def _check_quarter(instance: Any, attribute: Any, value: int) -> None:
    if value not in (1, 2, 3, 4) or isinstance(value, bool):
        raise PeriodError(f"quarter must be 1-4, not {value!r}")


def _check_month(instance: Any, attribute: Any, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 12:
        raise PeriodError(f"month must be 1-12, not {value!r}")


def _year_of(index: int, year_start_month: int) -> int:
    year = (index - (year_start_month - 1)) // 12
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"the period falls outside the years {MIN_YEAR}-{MAX_YEAR}")
    return year


def _ysm_repr(year_start_month: int) -> str:
    return "" if year_start_month == 4 else f", year_start_month={year_start_month}"


@frozen(order=False)
class HalfYear(Period):
    """Half ``half`` (1 or 2) of financial year ``year``: H1 is April-September by default."""

    frequency: ClassVar[Frequency] = Frequency.HALF_YEARLY
    year: int = field(validator=_check_year)
    half: int = field(validator=_check_half)
    year_start_month: int = field(default=4, validator=_check_year_start_month)

    @property
    def start_index(self) -> int:
        return self.year * 12 + self.year_start_month - 1 + 6 * (self.half - 1)

    @classmethod
    def _from_index(cls, index: int, year_start_month: int) -> HalfYear:
        year = _year_of(index, year_start_month)
        return cls(year, (index - (year_start_month - 1)) % 12 // 6 + 1, year_start_month)

    @property
    def label(self) -> str:
        return f"{_fy_label(self.year, self.year_start_month)} H{self.half}"

    def __repr__(self) -> str:
        return f"HalfYear({self.year}, {self.half}{_ysm_repr(self.year_start_month)})"


@frozen(order=False)
class Quarter(Period):
    """Quarter ``quarter`` (1-4) of financial year ``year``: Q1 is April-June by default."""

    frequency: ClassVar[Frequency] = Frequency.QUARTERLY
    year: int = field(validator=_check_year)
    quarter: int = field(validator=_check_quarter)
    year_start_month: int = field(default=4, validator=_check_year_start_month)

    @property
    def start_index(self) -> int:
        return self.year * 12 + self.year_start_month - 1 + 3 * (self.quarter - 1)

    @classmethod
    def _from_index(cls, index: int, year_start_month: int) -> Quarter:
        year = _year_of(index, year_start_month)
        return cls(year, (index - (year_start_month - 1)) % 12 // 3 + 1, year_start_month)

    @property
    def label(self) -> str:
        return f"{_fy_label(self.year, self.year_start_month)} Q{self.quarter}"

    def __repr__(self) -> str:
        return f"Quarter({self.year}, {self.quarter}{_ysm_repr(self.year_start_month)})"


@frozen(order=False)
class Month(Period):
    """Calendar month ``month`` of calendar year ``year``: ``Month(2024, 9)`` is September 2024.

    ``year_start_month`` only says which financial year the month belongs to.
    """

    frequency: ClassVar[Frequency] = Frequency.MONTHLY
    year: int = field(validator=_check_year)
    month: int = field(validator=_check_month)
    year_start_month: int = field(default=4, validator=_check_year_start_month)

    @property
    def start_index(self) -> int:
        return self.year * 12 + self.month - 1

    @classmethod
    def _from_index(cls, index: int, year_start_month: int) -> Month:
        year = index // 12
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(f"the period falls outside the years {MIN_YEAR}-{MAX_YEAR}")
        # The last months of year 9998 belong to financial year 9998 whatever the start.
        return cls(year, index % 12 + 1, year_start_month)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def name(self) -> str:
        """The month as a reader writes it, e.g. ``Sep 2024``."""
        return f"{_MONTH_NAMES[self.month - 1]} {self.year}"

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month}{_ysm_repr(self.year_start_month)})"


_CLASSES: dict[Frequency, type[Period]] = {
    Frequency.MONTHLY: Month,
    Frequency.QUARTERLY: Quarter,
    Frequency.HALF_YEARLY: HalfYear,
    Frequency.ANNUAL: FinancialYear,
}


def _containing_index(index: int, frequency: Frequency, year_start_month: int) -> Period:
    if frequency is Frequency.MONTHLY:
        return Month._from_index(index, year_start_month)
    offset = year_start_month - 1
    step = frequency.months
    start = (index - offset) // step * step + offset
    return _CLASSES[frequency]._from_index(start, year_start_month)


def period_containing(date: dt.date, frequency: Frequency, year_start_month: int = 4) -> Period:
    """The period of ``frequency`` that contains ``date``.

    >>> period_containing(dt.date(2024, 9, 30), Frequency.QUARTERLY).label
    '2024/25 Q2'

    Raises:
        PeriodError: ``year_start_month`` is not 1-12, or the date's financial year
            falls outside years 1-9998.
    """
    if not isinstance(year_start_month, int) or not 1 <= year_start_month <= 12:
        raise PeriodError(f"year_start_month must be a month number 1-12, not {year_start_month!r}")
    return _containing_index(date.year * 12 + date.month - 1, frequency, year_start_month)


def periods_between(first: Period, last: Period) -> Iterator[Period]:
    """Every period of ``first``'s kind from ``first`` to ``last`` inclusive.

    Raises:
        PeriodError: the two periods are of different kinds or year start months.
    """
    if type(first) is not type(last) or first.year_start_month != last.year_start_month:
        raise PeriodError(f"cannot step from {first.label} to {last.label}: different kinds")
    step = first.frequency.months
    for index in range(first.start_index, last.start_index + 1, step):
        yield first._from_index(index, first.year_start_month)
