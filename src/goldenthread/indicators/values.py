"""Recorded indicator values: a figure (or counts), or the reason there is none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import DataStatus
from goldenthread.periods import Period

__all__ = ["IndicatorValue"]


@frozen
class IndicatorValue:
    """The value of one indicator for one period, as entered.

    A present value has a ``value``, or a ``numerator`` and ``denominator``, or all three
    (the value is then the figure shown, the counts are what ratio aggregation uses).  A
    value that is missing, not yet due or not applicable has none of them: those states
    are never read as zero.  ``status`` says how far it can be trusted; ``note`` is the
    commentary, dated by ``note_date``; ``entered_by`` is who entered it.
    """

    indicator: str
    period: Period
    state: ValueState = ValueState.PRESENT
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: DataStatus = DataStatus.FINAL
    note: str = ""
    note_date: dt.date | None = None
    entered_by: str = ""
    extras: dict[str, str] = field(factory=dict, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        has_counts = self.numerator is not None or self.denominator is not None
        if self.state is ValueState.PRESENT:
            if self.value is None and not (
                self.numerator is not None and self.denominator is not None
            ):
                raise ValueError(
                    f"{self.indicator} {self.period.label}: a present value needs a value "
                    "or both a numerator and a denominator"
                )
            if has_counts and (self.numerator is None or self.denominator is None):
                raise ValueError(
                    f"{self.indicator} {self.period.label}: a numerator needs a denominator "
                    "and a denominator a numerator"
                )
            if self.denominator is not None and self.denominator < 0:
                raise ValueError(
                    f"{self.indicator} {self.period.label}: the denominator must not be "
                    f"negative, not {self.denominator}"
                )
        elif self.value is not None or has_counts:
            raise ValueError(
                f"{self.indicator} {self.period.label}: a {self.state.value} value "
                "cannot carry a figure"
            )

    @classmethod
    def present(
        cls, indicator: str, period: Period, value: Decimal | int | str, **kwargs: Any
    ) -> IndicatorValue:
        """A present value (a convenience for code and tests)."""
        return cls(indicator, period, ValueState.PRESENT, Decimal(value), **kwargs)

    @classmethod
    def counts(
        cls,
        indicator: str,
        period: Period,
        numerator: Decimal | int | str,
        denominator: Decimal | int | str,
        **kwargs: Any,
    ) -> IndicatorValue:
        """A present value given by its numerator and denominator."""
        return cls(
            indicator,
            period,
            ValueState.PRESENT,
            None,
            Decimal(numerator),
            Decimal(denominator),
            **kwargs,
        )
