"""What actually happened in the cycle: returns received and reports presented.

The schedule (:mod:`goldenthread.cycles.schedule`) says when things are due; these records
say when they were done, so that due, late and overdue are judged from the record:

- a :class:`ReturnRecord` is one *return*, an indicator's figure for one period, and the
  day it was received (a bundle's ``returns.csv``);
- a :class:`Presentation` is one occurrence of a monitoring arrangement (its ``report``
  key and period) and the day its report was presented, at which meeting
  (``presentations.csv``).

:func:`presented_by_occurrence` turns presentations into the ``completed`` mapping
:func:`~goldenthread.cycles.status.assess_schedule` takes; :func:`received_by_return`
turns returns into the ``received`` mapping
:func:`~goldenthread.indicators.quality.assess_returns` takes.  A record dated after the
judging day had not happened yet on that day, which those functions decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

from goldenthread.cycles.schedule import Schedule
from goldenthread.periods import Period

__all__ = ["Presentation", "ReturnRecord", "presented_by_occurrence", "received_by_return"]


@frozen
class ReturnRecord:
    """The day one indicator's figure for one period was received.

    Attributes:
        indicator: the indicator's code.
        period: the period the figure is for.
        received: the day it arrived.
        by: who sent it (an officer or a service).
        note: anything said about it.
    """

    indicator: str
    period: Period
    received: dt.date
    by: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        """``indicator|period label``, unique in a framework."""
        return f"{self.indicator}|{self.period.label}"


@frozen
class Presentation:
    """The day one occurrence of a monitoring arrangement's report was presented.

    Attributes:
        report: the arrangement's key (``[[monitoring]] key``).
        period: the period the report covers.
        presented: the day it was presented (or, for a review with no meeting, done).
        meeting: the meeting it went to (``Cabinet``).
        note: anything said about it.
    """

    report: str
    period: Period
    presented: dt.date
    meeting: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        """``report|period label``, unique in a framework."""
        return f"{self.report}|{self.period.label}"


def presented_by_occurrence(
    presentations: Iterable[Presentation], schedule: Schedule
) -> dict[tuple[str, str], dt.date]:
    """``(arrangement key, period label)`` → the day it was presented, for the
    occurrences of ``schedule`` (presentations of other years are left out)."""
    known = {occurrence.key for occurrence in schedule}
    out: dict[tuple[str, str], dt.date] = {}
    for record in presentations:
        key = (record.report, record.period.label)
        if key in known:
            out[key] = record.presented
    return out


def received_by_return(records: Iterable[ReturnRecord]) -> dict[tuple[str, Period], dt.date]:
    """``(indicator, period)`` → the day its figure was received."""
    return {(record.indicator, record.period): record.received for record in records}
