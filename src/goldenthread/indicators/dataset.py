"""An in-memory set of indicators with their values and targets, indexed for speed.

:class:`IndicatorSet` holds definitions, recorded values and targets, and answers "what
is this indicator's value (or target) for this period?" by the rules of
:mod:`~goldenthread.indicators.aggregation` and :mod:`~goldenthread.indicators.targets`.

A period's value is the value recorded for exactly that period if there is one;
otherwise the values of the indicator's collection periods within it, combined by its
aggregation (a value entered for a longer period, such as an annual outturn, wins over
its parts).  A collection period with no recorded value is *missing*, or *not yet due*
when ``as_at`` is given and the period has not ended by then.  A period shorter than
the collection frequency (a month of a quarterly indicator) has no value: it is *not
applicable*.  The year to date of a ``cumulative`` indicator (a running total since
the start of the financial year) is its value for the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

from attrs import field, frozen

from goldenthread.errors import InputError, Problem
from goldenthread.indicators.aggregation import (
    Aggregate,
    absent,
    annualised,
    combine,
)
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.recorded import Leaves, RecordedValues
from goldenthread.indicators.targets import (
    PeriodKey,
    ResolvedTarget,
    Target,
    cumulative_weights,
    month_weights,
    resolve_target,
    year_to_date_target,
)
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Period

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IndicatorSet"]


def _key(period: Period) -> PeriodKey:
    return (period.months, period.start_index)


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _by_code(
    definitions: Iterable[IndicatorDefinition], problems: list[Problem]
) -> dict[str, IndicatorDefinition]:
    """The definitions by code, with a problem for each code defined twice."""
    defs: dict[str, IndicatorDefinition] = {}
    for definition in definitions:
        if definition.code in defs:
            problems.append(Problem(f"indicator {definition.code!r} is defined twice"))
        defs[definition.code] = definition
    return defs


_MISSING = absent(ValueState.MISSING)
_NOT_YET_DUE = absent(ValueState.NOT_YET_DUE)


@frozen
class IndicatorSet:
    """Indicator definitions with their values and targets (build with :meth:`build`).

    ``values`` and ``targets`` are indexed by indicator code, then by (months in the
    period, index of its first month); ``recorded`` keeps the values as entered.
    """

    definitions: Mapping[str, IndicatorDefinition]
    recorded: Mapping[str, RecordedValues]
    values: Mapping[str, Leaves]
    targets: Mapping[str, Mapping[PeriodKey, Target]]
    year_start_month: int = 4
    steps: Mapping[str, int] = field(factory=dict)
    """Months per collection period, by code (filled by :meth:`build`)."""

    @classmethod
    def build(
        cls,
        definitions: Iterable[IndicatorDefinition],
        values: Iterable[IndicatorValue] = (),
        targets: Iterable[Target] = (),
        *,
        year_start_month: int = 4,
    ) -> IndicatorSet:
        """Index definitions, values and targets, checking that they fit together.

        Raises:
            InputError: listing every problem: a code defined twice, a value or target
                for an unknown indicator or given twice for the same period, a period
                with another year start month, or a value for a period shorter than the
                indicator's collection frequency.
        """
        problems: list[Problem] = []
        defs = _by_code(definitions, problems)
        recorded = {code: RecordedValues(code) for code in defs}
        steps = {code: d.frequency.months for code, d in defs.items()}
        for value in values:
            period = value.period
            code = value.indicator
            step = steps.get(code)
            months = period.months
            reason = ""
            if step is None:
                reason = f"no indicator {code!r}"
            elif period.year_start_month != year_start_month:
                reason = "the period's year starts in another month"
            elif months < step:
                reason = (
                    f"{code} is collected {defs[code].frequency.value}, "
                    "so it has no value for a shorter period"
                )
            elif (months, period.start_index) in recorded[code]:
                reason = "a value is given twice"
            if reason:
                problems.append(Problem(f"{code} {period.label}: {reason}"))
                continue
            recorded[code].add_value((months, period.start_index), value)
        return cls._assemble(defs, recorded, targets, year_start_month, problems)

    @classmethod
    def from_recorded(
        cls,
        definitions: Iterable[IndicatorDefinition],
        recorded: Mapping[str, RecordedValues],
        targets: Iterable[Target] = (),
        *,
        year_start_month: int = 4,
    ) -> IndicatorSet:
        """:meth:`build` from values already checked and held by indicator, as the
        readers of bundles and stores hold them (see :mod:`.recorded`).

        The caller vouches for each value as :meth:`build` would check it: its
        indicator is defined, its period's year starts in ``year_start_month`` and is
        no shorter than the indicator's collection period, and no period is given
        twice.  An indicator with no entry in ``recorded`` has no values.

        Raises:
            InputError: a code defined twice, values for an unknown indicator, or a
                target :meth:`build` would refuse.
        """
        problems: list[Problem] = []
        defs = _by_code(definitions, problems)
        held = {code: recorded.get(code) or RecordedValues(code) for code in defs}
        for code in recorded:
            if code not in defs:
                problems.append(Problem(f"values for no indicator {code!r}"))
        return cls._assemble(defs, held, targets, year_start_month, problems)

    @classmethod
    def _assemble(
        cls,
        defs: dict[str, IndicatorDefinition],
        recorded: dict[str, RecordedValues],
        targets: Iterable[Target],
        year_start_month: int,
        problems: list[Problem],
    ) -> IndicatorSet:
        """Index the targets and make the set (raising every problem found)."""
        indexed: dict[str, dict[PeriodKey, Target]] = {code: {} for code in defs}
        for target in targets:
            reason = ""
            held = indexed.get(target.indicator)
            key = _key(target.period)
            if held is None:
                reason = f"target for no indicator {target.indicator!r}"
            elif target.period.year_start_month != year_start_month:
                reason = "the period's year starts in another month"
            elif key in held:
                reason = "a target is given twice"
            else:
                held[key] = target
                continue
            problems.append(Problem(f"{target.indicator} {target.period.label}: {reason}"))
        if problems:
            raise InputError(problems)
        leaves = {code: Leaves(defs[code], values) for code, values in recorded.items()}
        steps = {code: d.frequency.months for code, d in defs.items()}
        return cls(
            MappingProxyType(defs),
            MappingProxyType(recorded),
            MappingProxyType(leaves),
            MappingProxyType(indexed),
            year_start_month,
            MappingProxyType(steps),
        )

    def definition(self, code: str) -> IndicatorDefinition:
        """The definition of indicator ``code``.

        Raises:
            InputError: there is no such indicator.
        """
        try:
            return self.definitions[code]
        except KeyError:
            raise InputError(f"no indicator {code!r}") from None

    def check_period(self, period: Period) -> None:
        """Raise :class:`InputError` if ``period``'s year starts in another month."""
        if period.year_start_month != self.year_start_month:
            raise InputError(
                f"{period.label} uses a year starting in month {period.year_start_month}; "
                f"these indicators' years start in month {self.year_start_month}"
            )

    def _span(
        self,
        definition: IndicatorDefinition,
        first: int,
        last: int,
        due_before: int | None,
    ) -> Aggregate:
        step = self.steps.get(definition.code) or definition.frequency.months
        if (last - first + 1) % step or (first - self.year_start_month + 1) % step:
            return absent(
                ValueState.NOT_APPLICABLE,
                f"collected {definition.frequency.value}; no value for a shorter period",
            )
        leaves = self.values[definition.code]
        parts: list[Aggregate] = []
        for index in range(first, last + 1, step):
            leaf = leaves.get((step, index))
            if leaf is None:
                if due_before is not None and due_before < index + step:
                    leaf = _NOT_YET_DUE
                else:
                    leaf = _MISSING
            parts.append(leaf)
        return combine(definition, parts)

    def value_at(
        self, definition: IndicatorDefinition, months: int, first: int, due_before: int | None
    ) -> Aggregate:
        """:meth:`value` on raw indices (the fast path :func:`~.assess.assess` uses).

        The period is ``months`` long from month index ``first`` (``year * 12 + month -
        1``); ``due_before`` is the month index of the as-at day (``None``: every
        period is due).
        """
        exact = self.values[definition.code].get((months, first))
        if exact is None:
            exact = self._span(definition, first, first + months - 1, due_before)
        return annualised(definition, exact, months)

    def year_to_date_at(
        self, definition: IndicatorDefinition, months: int, first: int, due_before: int | None
    ) -> Aggregate:
        """:meth:`year_to_date` on raw indices, as :meth:`value_at`."""
        if definition.aggregation is Aggregation.CUMULATIVE:
            return self.value_at(definition, months, first, due_before)
        year_start = first - (first - self.year_start_month + 1) % 12
        if first == year_start:
            return self.value_at(definition, months, first, due_before)
        last = first + months - 1
        span = self._span(definition, year_start, last, due_before)
        return annualised(definition, span, last - year_start + 1)

    def years_to_date_at(
        self,
        definition: IndicatorDefinition,
        months: int,
        firsts: Sequence[int],
        due_before: int | None,
    ) -> list[Aggregate]:
        """:meth:`year_to_date_at` of each period of ``months`` months starting at the
        month indices ``firsts``, worked out in one pass over each year.

        For the indicator's own collection periods in time order (a chart of a year to
        date, month by month) each year's running aggregate is extended one period at a
        time, as the aggregation laws allow, instead of being combined again from the
        year's start for every period; any other periods are worked out one by one.
        """
        step = self.steps.get(definition.code) or definition.frequency.months
        if definition.aggregation is Aggregation.CUMULATIVE or months != step:
            return [self.year_to_date_at(definition, months, f, due_before) for f in firsts]
        leaves = self.values[definition.code]
        results: list[Aggregate] = []
        running: Aggregate | None = None
        year_start = following = -1
        for first in firsts:
            start = first - (first - self.year_start_month + 1) % 12
            if start != year_start or first < following - step or (first - start) % step:
                running, year_start, following = None, start, start
            if (first - start) % step:
                results.append(self.year_to_date_at(definition, months, first, due_before))
                continue
            while following <= first:
                leaf = leaves.get((step, following))
                if leaf is None:
                    missing = due_before is not None and due_before < following + step
                    leaf = _NOT_YET_DUE if missing else _MISSING
                running = leaf if running is None else combine(definition, [running, leaf])
                following += step
            if first == start:
                results.append(self.value_at(definition, months, first, due_before))
            else:
                assert running is not None
                results.append(annualised(definition, running, first + months - start))
        return results

    def value(self, code: str, period: Period, *, as_at: dt.date | None = None) -> Aggregate:
        """The value of indicator ``code`` for ``period`` (module documentation).

        ``as_at`` is the day the question is asked: collection periods not ended by then
        with no value are not yet due rather than missing.
        """
        definition = self.definition(code)
        self.check_period(period)
        due_before = None if as_at is None else _month_index(as_at)
        return self.value_at(definition, period.months, period.start_index, due_before)

    def year_to_date(self, code: str, period: Period, *, as_at: dt.date | None = None) -> Aggregate:
        """The value for the financial year from its start to the end of ``period``."""
        definition = self.definition(code)
        self.check_period(period)
        due_before = None if as_at is None else _month_index(as_at)
        return self.year_to_date_at(definition, period.months, period.start_index, due_before)

    def weights(self, code: str, year: FinancialYear) -> tuple[Decimal, ...]:
        """The twelve monthly weights that profile ``year``'s target for ``code``.

        For a ``seasonal`` profile they come from the indicator's values in the year
        before (see :func:`~goldenthread.indicators.targets.month_weights`); for a
        ``cumulative`` indicator without a given profile, from its running totals in
        the year before (:func:`~goldenthread.indicators.targets.cumulative_weights`).
        """
        definition = self.definition(code)
        cumulative = definition.aggregation is Aggregation.CUMULATIVE
        if isinstance(definition.profile, tuple) or (
            definition.profile != "seasonal" and not cumulative
        ):
            return month_weights(definition)
        step = definition.frequency.months
        before = year.previous()
        leaves = self.values[code]
        figures: list[Decimal | None] = []
        for index in range(before.start_index, before.end_index + 1, step):
            leaf = leaves.get((step, index))
            figures.append(None if leaf is None else leaf.value)
        if cumulative:
            return cumulative_weights(definition, figures)
        return month_weights(definition, figures)

    def target(self, code: str, period: Period) -> ResolvedTarget | None:
        """The target that applies to ``period`` (see :mod:`~goldenthread.indicators.targets`)."""
        self.check_period(period)
        return self.target_for(self.definition(code), period)

    def target_for(self, definition: IndicatorDefinition, period: Period) -> ResolvedTarget | None:
        """:meth:`target` for a definition of this set, without checking the period."""
        code = definition.code
        return resolve_target(
            definition, self.targets[code], period, lambda year: self.weights(code, year)
        )

    def year_to_date_target(self, code: str, period: Period) -> ResolvedTarget | None:
        """The target for the financial year to the end of ``period``."""
        self.check_period(period)
        return self.year_to_date_target_for(self.definition(code), period)

    def year_to_date_target_for(
        self, definition: IndicatorDefinition, period: Period
    ) -> ResolvedTarget | None:
        """:meth:`year_to_date_target` for a definition of this set, unchecked."""
        code = definition.code
        return year_to_date_target(
            definition, self.targets[code], period, lambda year: self.weights(code, year)
        )

    def figures(
        self, code: str, periods: Sequence[Period], *, as_at: dt.date | None = None
    ) -> list[Decimal | None]:
        """The values of ``code`` for each of ``periods`` (``None`` where there is none)."""
        return [self.value(code, p, as_at=as_at).value for p in periods]

    def to_pandas(self, *, exact: bool = True) -> pd.DataFrame:
        """The recorded values as a pandas DataFrame (needs the ``pandas`` extra).

        See :func:`goldenthread.frames.values_frame`.
        """
        from goldenthread.frames import values_frame

        return values_frame(self, exact=exact)
