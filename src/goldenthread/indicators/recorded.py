"""One indicator's recorded values, held as plain rows and made into objects when read.

A whole council's history is a hundred thousand values or more, and a report or an
assessment reads a few dozen of each indicator's.  :class:`RecordedValues` is the
mapping :attr:`~goldenthread.indicators.dataset.IndicatorSet.recorded` holds for each
indicator (period key to :class:`~goldenthread.indicators.values.IndicatorValue`): the
readers of bundles and stores fill it with one tuple per value (:data:`ValueRow`, the
fields of an ``IndicatorValue`` after its indicator code, already checked), and the
``IndicatorValue`` is made the first time it is read.  :class:`Leaves` is the matching
mapping of :class:`~goldenthread.indicators.aggregation.Aggregate` leaves
(:attr:`~goldenthread.indicators.dataset.IndicatorSet.values`), each worked out from its
row when first read.  Both behave exactly as read-only dictionaries in file order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, overload

from goldenthread.indicators.aggregation import Aggregate, from_figures
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import Period

if TYPE_CHECKING:
    from goldenthread.indicators.definition import IndicatorDefinition

__all__ = ["Leaves", "PeriodKey", "RecordedValues", "ValueRow", "value_of"]

PeriodKey: TypeAlias = tuple[int, int]
"""A period as (months in it, index of its first month: ``year * 12 + month - 1``)."""

ValueRow: TypeAlias = tuple[
    Period,
    ValueState,
    Decimal | None,
    Decimal | None,
    Decimal | None,
    DataStatus,
    str,
    dt.date | None,
    str,
    dict[str, str] | None,
]
"""An :class:`~goldenthread.indicators.values.IndicatorValue`'s fields after its code:
period, state, value, numerator, denominator, status, note, note date, entered by and
extras (``None`` for none: the value's ``extras`` is then a new empty dict)."""

_T = Any


def value_of(code: str, entry: ValueRow | IndicatorValue) -> IndicatorValue:
    """The :class:`~goldenthread.indicators.values.IndicatorValue` of indicator ``code``
    held as ``entry`` (made from a row; an object is returned as it is)."""
    if isinstance(entry, IndicatorValue):
        return entry
    period, state, value, numerator, denominator, status, note, day, by, extras = entry
    return IndicatorValue(
        code,
        period,
        state,
        value,
        numerator,
        denominator,
        status,
        note,
        day,
        by,
        {} if extras is None else extras,
    )


class RecordedValues(Mapping[PeriodKey, IndicatorValue]):
    """One indicator's recorded values by period key, in the order they were added.

    Fill it with :meth:`add` (a checked :data:`ValueRow`) or :meth:`add_value`; read it
    as a mapping.  The :class:`~goldenthread.indicators.values.IndicatorValue` of a row is
    made (and kept) the first time it is read.
    """

    __slots__ = ("_code", "_entries")

    def __init__(self, code: str) -> None:
        self._code = code
        self._entries: dict[PeriodKey, ValueRow | IndicatorValue] = {}

    @property
    def code(self) -> str:
        """The indicator's code."""
        return self._code

    @classmethod
    def of_entries(
        cls, code: str, entries: dict[PeriodKey, ValueRow | IndicatorValue]
    ) -> RecordedValues:
        """The values held in ``entries`` (rows or objects by period key), taken as they
        are: the caller hands them over and keeps no reference."""
        made = cls(code)
        made._entries = entries
        return made

    def add(self, key: PeriodKey, row: ValueRow) -> None:
        """Add a value given as a row whose fields have already been checked."""
        self._entries[key] = row

    def add_value(self, key: PeriodKey, value: IndicatorValue) -> None:
        """Add a value given as an object."""
        self._entries[key] = value

    def noted(self) -> list[IndicatorValue]:
        """The values with a note (commentary), in order; only they are made."""
        return [
            self[key]
            for key, entry in self._entries.items()
            if (entry[6] if type(entry) is tuple else entry.note)  # type: ignore[union-attr]
        ]

    def entry(self, key: PeriodKey) -> ValueRow | IndicatorValue | None:
        """The value at ``key`` as held (a row or an object), without making an object."""
        return self._entries.get(key)

    def __getitem__(self, key: PeriodKey) -> IndicatorValue:
        entry = self._entries[key]
        if type(entry) is tuple:
            entry = self._entries[key] = value_of(self._code, entry)
        return entry  # type: ignore[return-value]

    @overload
    def get(self, key: PeriodKey, /) -> IndicatorValue | None: ...
    @overload
    def get(self, key: PeriodKey, default: IndicatorValue | _T, /) -> IndicatorValue | _T: ...
    def get(self, key: PeriodKey, default: object = None) -> object:
        """The value at ``key``, or ``default``."""
        if key in self._entries:
            return self[key]
        return default

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[PeriodKey]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"RecordedValues({self._code!r}, {len(self._entries)} values)"


class Leaves(Mapping[PeriodKey, Aggregate]):
    """The aggregate of each recorded value of one indicator (what periods combine from).

    Each is worked out from its row the first time it is read (see
    :func:`~goldenthread.indicators.aggregation.from_value`).
    """

    __slots__ = ("_definition", "_made", "_recorded")

    def __init__(self, definition: IndicatorDefinition, recorded: RecordedValues) -> None:
        self._definition = definition
        self._recorded = recorded
        self._made: dict[PeriodKey, Aggregate] = {}

    def __getitem__(self, key: PeriodKey) -> Aggregate:
        leaf = self.get(key)
        if leaf is None:
            raise KeyError(key)
        return leaf

    @overload
    def get(self, key: PeriodKey, /) -> Aggregate | None: ...
    @overload
    def get(self, key: PeriodKey, default: Aggregate | _T, /) -> Aggregate | _T: ...
    def get(self, key: PeriodKey, default: object = None) -> object:
        """The leaf at ``key``, or ``default``."""
        leaf = self._made.get(key)
        if leaf is not None:
            return leaf
        entry = self._recorded.entry(key)
        if entry is None:
            return default
        if type(entry) is tuple:
            _, state, value, numerator, denominator, status = entry[:6]
        else:
            assert isinstance(entry, IndicatorValue)
            state, value, numerator, denominator, status = (
                entry.state,
                entry.value,
                entry.numerator,
                entry.denominator,
                entry.status,
            )
        leaf = self._made[key] = from_figures(
            self._definition, state, value, numerator, denominator, status
        )
        return leaf

    def __contains__(self, key: object) -> bool:
        return key in self._recorded

    def __iter__(self) -> Iterator[PeriodKey]:
        return iter(self._recorded)

    def __len__(self) -> int:
        return len(self._recorded)

    def __repr__(self) -> str:
        return f"Leaves({self._definition.code!r}, {len(self._recorded)} values)"
