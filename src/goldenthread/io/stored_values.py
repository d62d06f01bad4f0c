"""Stored indicator values read straight into the rows an ``IndicatorSet`` holds.

:func:`~goldenthread.io.persist.load_framework` reads a council's values from its store's
``value`` revisions (their payloads read as text and decoded a chunk at a time).
Structuring each payload through the converter into an
:class:`~goldenthread.indicators.values.IndicatorValue` costs more than everything else
the load does together, for a value that an assessment may never read.  This module
reads a payload as the converter would, field by field, into a
:data:`~goldenthread.indicators.recorded.ValueRow` (each distinct period, state, status
and number is structured once, by the converter's own hooks, and shared), and checks
what :class:`~goldenthread.indicators.values.IndicatorValue` and
:meth:`~goldenthread.indicators.dataset.IndicatorSet.build` check.

Anything it does not recognise as a value payload of the usual shape (another key, a
type the converter would have to convert, a value that fails a check) makes it give up
(:func:`recorded_values` returns ``None``), and the load falls back to structuring every
value through the converter, which reports each problem exactly.  So the two ways never
differ in what they accept, only in speed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import cattrs

from goldenthread.indicators.definition import IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus
from goldenthread.indicators.recorded import PeriodKey, RecordedValues, ValueRow
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import Period

__all__ = ["VALUE_PAYLOAD_KEYS", "recorded_values"]

VALUE_PAYLOAD_KEYS = frozenset(field.name for field in attrs.fields(IndicatorValue))
"""The keys of a stored value's payload: the converter unstructures every field of an
``IndicatorValue``."""

_PRESENT = ValueState.PRESENT
_STATES = {state.value: state for state in ValueState}
_STATUSES = {status.value: status for status in DataStatus}


class _NotPlainError(Exception):
    """A payload the fast reading does not vouch for."""


def recorded_values(
    payloads: Iterable[Any],
    definitions: Mapping[str, IndicatorDefinition],
    converter: cattrs.Converter,
    *,
    year_start_month: int,
) -> dict[str, RecordedValues] | None:
    """The values stored as ``payloads`` (the payloads of ``value`` revisions, in order)
    by indicator, or ``None`` when any of them is not a plain, sound value payload (see
    the module documentation): then structure them through ``converter`` instead."""
    period_hook = converter.get_structure_hook(Period)
    decimal_hook = converter.get_structure_hook(Decimal)
    date_hook = converter.get_structure_hook(dt.date)
    periods: dict[tuple[object, object], tuple[Period, PeriodKey]] = {}
    numbers: dict[str, Decimal] = {}
    steps = {code: d.frequency.months for code, d in definitions.items()}
    entries: dict[str, dict[PeriodKey, ValueRow | IndicatorValue]] = {}

    def number(text: object) -> Decimal | None:
        if text is None:
            return None
        if type(text) is not str:
            raise _NotPlainError
        found = numbers.get(text)
        if found is None:
            found = numbers[text] = decimal_hook(text, Decimal)
        return found

    try:
        for payload in payloads:
            if type(payload) is not dict or payload.keys() != VALUE_PAYLOAD_KEYS:
                return None
            code = payload["indicator"]
            step = steps.get(code)
            stored_period = payload["period"]
            if step is None or type(stored_period) is not dict:
                return None
            label = stored_period.get("label")
            known = periods.get((label, stored_period.get("year_start_month")))
            if known is None:
                period = period_hook(stored_period, Period)
                known = (period, (period.months, period.start_index))
                periods[(label, stored_period.get("year_start_month"))] = known
            period, key = known
            state = _STATES.get(payload["state"])
            status = _STATUSES.get(payload["status"])
            note, by = payload["note"], payload["entered_by"]
            extras = payload["extras"]
            if (
                state is None
                or status is None
                or type(note) is not str
                or type(by) is not str
                or type(extras) is not dict
                or period.year_start_month != year_start_month
                or key[0] < step
            ):
                return None
            if extras:
                if not all(type(k) is str and type(v) is str for k, v in extras.items()):
                    return None
                extras = dict(extras)
            else:
                extras = None
            value = number(payload["value"])
            numerator = number(payload["numerator"])
            denominator = number(payload["denominator"])
            has_counts = numerator is not None or denominator is not None
            if state is _PRESENT:
                if has_counts and (numerator is None or denominator is None):
                    return None
                if value is None and not has_counts:
                    return None
                if denominator is not None and denominator < 0:
                    return None
            elif value is not None or has_counts:
                return None
            stored_date = payload["note_date"]
            day = None if stored_date is None else date_hook(stored_date, dt.date)
            held = entries.get(code)
            if held is None:
                held = entries[code] = {}
            if key in held:
                return None
            held[key] = (
                period,
                state,
                value,
                numerator,
                denominator,
                status,
                note,
                day,
                by,
                extras,
            )
    except (_NotPlainError, ValueError, TypeError, KeyError, cattrs.BaseValidationError):
        return None
    return {code: RecordedValues.of_entries(code, held) for code, held in entries.items()}
