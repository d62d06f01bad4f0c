"""Working-day calendars: which days count when a deadline says "working days".

A calendar is anything with ``name``, ``is_working_day(day)`` and
``add_working_days(day, n)`` (the :class:`WorkingDayCalendar` protocol), so a council in
another nation, or with its own closure days, can supply its own.  The built-ins are:

- :class:`WeekendsOnlyCalendar`: Monday to Friday are working days;
- :class:`BankHolidayCalendar`: weekends and the public holidays the ``holidays`` package
  knows for a country or subdivision, plus any extra closure days;
- :class:`EnglandAndWalesCalendar`, :class:`ScotlandCalendar` and
  :class:`NorthernIrelandCalendar`: the United Kingdom's bank holidays for each nation
  (``holidays`` subdivisions ``ENG``, ``SCT`` and ``NIR``; England and Wales share one set).

:func:`builtin_calendars` returns them by name, and :func:`resolve_calendar` looks a name up
in such a registry.

**Adding working days.** ``add_working_days(day, n)`` with ``n > 0`` is the ``n``-th working
day strictly after ``day`` (``day`` itself never counts, whether or not it is a working
day); with ``n < 0`` it is the ``|n|``-th working day strictly before ``day``; with
``n == 0`` it is ``day`` when that is a working day, otherwise the next working day.  The
result is always a working day, and it never decreases as ``day`` or ``n`` increases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from goldenthread.errors import InputError

__all__ = [
    "BankHolidayCalendar",
    "EnglandAndWalesCalendar",
    "NorthernIrelandCalendar",
    "ScotlandCalendar",
    "WeekendsOnlyCalendar",
    "WorkingDayCalendar",
    "builtin_calendars",
    "resolve_calendar",
]

_SATURDAY = 5


@runtime_checkable
class WorkingDayCalendar(Protocol):
    """What the review cycle needs of a calendar.

    Implementations must make :meth:`add_working_days` agree with
    :meth:`is_working_day` as described in the module documentation.
    """

    @property
    def name(self) -> str:
        """The registry name of the calendar, e.g. ``england-and-wales``."""
        ...

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        ...

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The working day ``n`` working days after ``day`` (before it when ``n`` < 0)."""
        ...


def _add_working_days(calendar: WorkingDayCalendar, day: dt.date, n: int) -> dt.date:
    one = dt.timedelta(days=1)
    if n == 0:
        while not calendar.is_working_day(day):
            day += one
        return day
    step = one if n > 0 else -one
    remaining = abs(n)
    while remaining:
        day += step
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def _to_closures(days: Iterable[dt.date]) -> frozenset[dt.date]:
    return frozenset(days)


@frozen
class WeekendsOnlyCalendar:
    """Monday to Friday are working days; there are no holidays.

    ``closures`` are extra non-working days (a council's own closure days).
    """

    closures: frozenset[dt.date] = field(default=frozenset(), converter=_to_closures)

    @property
    def name(self) -> str:
        """``weekends-only``."""
        return "weekends-only"

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a weekday and not one of the closures."""
        return day.weekday() < _SATURDAY and day not in self.closures

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """See the module documentation for the meaning of ``n``."""
        return _add_working_days(self, day, n)


_KNOWN_CALENDARS: frozenset[tuple[str, str | None]] = frozenset(
    {("GB", None), ("GB", "ENG"), ("GB", "SCT"), ("GB", "NIR")}
)
"""Country and subdivision codes the ``holidays`` package is known to have calendars for
(the built-in calendars' own; the test suite checks each against the package), so making a
built-in calendar does not import ``holidays`` (tens of milliseconds) until a day is
actually looked up."""


def _check_country(instance: BankHolidayCalendar, attribute: Any, value: str) -> None:
    if (value, instance.subdivision) in _KNOWN_CALENDARS:
        return
    import holidays  # about 35 ms: imported when a calendar needs it, not at start-up

    try:
        holidays.country_holidays(value, subdiv=instance.subdivision, years=2000)
    except NotImplementedError as exc:
        raise InputError(
            f"the holidays package has no calendar for country {value!r}"
            f" subdivision {instance.subdivision!r}: {exc}"
        ) from None


@frozen
class BankHolidayCalendar:
    """Weekends, a country's public holidays and any extra ``closures`` are not working days.

    ``country`` and ``subdivision`` are the ``holidays`` package's codes (``GB`` and ``ENG``
    for England).  Holidays are computed for each year when first needed and remembered by
    this instance.

    Raises:
        InputError: the ``holidays`` package does not know the country or subdivision.
    """

    country: str = field(validator=_check_country)
    subdivision: str | None = None
    closures: frozenset[dt.date] = field(default=frozenset(), converter=_to_closures)
    _years: dict[int, frozenset[dt.date]] = field(
        factory=dict, init=False, eq=False, repr=False, hash=False
    )

    @property
    def name(self) -> str:
        """``country`` and ``subdivision`` in lower case, e.g. ``gb-eng``."""
        parts = [self.country, self.subdivision] if self.subdivision else [self.country]
        return "-".join(parts).lower()

    def bank_holidays(self, year: int) -> frozenset[dt.date]:
        """The public holidays (not the closures) in calendar year ``year``."""
        found = self._years.get(year)
        if found is None:
            import holidays  # about 35 ms: imported when first needed, not at start-up

            days = holidays.country_holidays(self.country, subdiv=self.subdivision, years=year)
            found = frozenset(days.keys())
            self._years[year] = found
        return found

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a weekday, not a public holiday and not a closure."""
        return (
            day.weekday() < _SATURDAY
            and day not in self.closures
            and day not in self.bank_holidays(day.year)
        )

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """See the module documentation for the meaning of ``n``."""
        return _add_working_days(self, day, n)


@frozen
class EnglandAndWalesCalendar(BankHolidayCalendar):
    """Bank holidays in England and Wales (``holidays`` country ``GB``, subdivision ``ENG``)."""

    country: str = field(default="GB", validator=_check_country)
    subdivision: str | None = "ENG"

    @property
    def name(self) -> str:
        """``england-and-wales``."""
        return "england-and-wales"


@frozen
class ScotlandCalendar(BankHolidayCalendar):
    """Bank holidays in Scotland (``holidays`` country ``GB``, subdivision ``SCT``)."""

    country: str = field(default="GB", validator=_check_country)
    subdivision: str | None = "SCT"

    @property
    def name(self) -> str:
        """``scotland``."""
        return "scotland"


@frozen
class NorthernIrelandCalendar(BankHolidayCalendar):
    """Bank holidays in Northern Ireland (``holidays`` country ``GB``, subdivision ``NIR``)."""

    country: str = field(default="GB", validator=_check_country)
    subdivision: str | None = "NIR"

    @property
    def name(self) -> str:
        """``northern-ireland``."""
        return "northern-ireland"


def builtin_calendars() -> dict[str, WorkingDayCalendar]:
    """A fresh registry of the built-in calendars, by name.

    ``england-and-wales``, ``scotland``, ``northern-ireland`` and ``weekends-only``.  Callers
    may add their own entries to the returned dictionary.
    """
    calendars: list[WorkingDayCalendar] = [
        EnglandAndWalesCalendar(),
        ScotlandCalendar(),
        NorthernIrelandCalendar(),
        WeekendsOnlyCalendar(),
    ]
    return {calendar.name: calendar for calendar in calendars}


def resolve_calendar(name: str, calendars: Mapping[str, WorkingDayCalendar]) -> WorkingDayCalendar:
    """The calendar called ``name`` (case-insensitive) in ``calendars``.

    Raises:
        InputError: no calendar has that name; the message lists the known names.
    """
    wanted = name.strip().lower()
    for key, calendar in calendars.items():
        if key.lower() == wanted:
            return calendar
    known = ", ".join(sorted(calendars))
    raise InputError(f"unknown working-day calendar {name!r}; known calendars: {known}")
