"""Restatements: figures corrected after a report was produced.

When a report is reproduced ``--as-at`` an earlier moment from a store, it shows exactly
what was reported then, and this section lists every indicator value recorded since that
moment for a period the report covered: the figure reported, the figure now held, and
who changed it, when and why.  It is built from the store's
:class:`~goldenthread.storage.base.Restatement` records; nothing here reads a store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from goldenthread.periods import Period, parse_period
from goldenthread.reports.model import Column, ColumnKind, Paragraph, Section, Table
from goldenthread.storage.base import Restatement

__all__ = ["describe_value", "restatements_section"]

_COLUMNS = (
    Column("indicator", "Indicator"),
    Column("period", "Period"),
    Column("reported", "As reported"),
    Column("restated", "Now"),
    Column("recorded", "Changed on", ColumnKind.DATE),
    Column("by", "By"),
    Column("why", "Why"),
)


def describe_value(payload: Mapping[str, Any] | None) -> str:
    """A stored indicator value as a reader sees it: ``12.5``, ``45 / 50``, ``missing``.

    ``None`` (no value had been recorded) reads ``not reported``; a value that is not
    present reads as its state (``missing``, ``not yet due``, ``not applicable``); a
    provisional or estimated value carries its data status in brackets.
    """
    if payload is None:
        return "not reported"
    state = str(payload.get("state", "present"))
    if state != "present":
        return state.replace("-", " ")
    value = payload.get("value")
    numerator, denominator = payload.get("numerator"), payload.get("denominator")
    figure = str(value) if value is not None else f"{numerator} / {denominator}"
    status = str(payload.get("status", "final"))
    return figure if status in ("final", "verified") else f"{figure} ({status})"


def restatements_section(
    restatements: Iterable[Restatement],
    as_at: dt.datetime,
    period: Period,
) -> Section:
    """The section listing the values restated since ``as_at`` for periods ending by the
    end of ``period`` (the report's period), oldest change first."""
    rows = []
    for item in restatements:
        revision = item.revision
        if revision.period is None:
            continue
        stated = parse_period(revision.period, period.year_start_month)
        if stated.end_index > period.end_index:
            continue
        reported = item.reported.payload if item.reported and not item.reported.deleted else None
        rows.append(
            (
                revision.subject or revision.key.split("|")[0],
                stated.label,
                describe_value(reported),
                "withdrawn" if revision.deleted else describe_value(revision.payload),
                revision.at.date(),
                revision.by,
                revision.why,
            )
        )
    when = as_at.astimezone(dt.UTC).strftime("%d %B %Y %H:%M UTC")
    if not rows:
        blocks: tuple[Paragraph | Table, ...] = (
            Paragraph(f"No figure in this report has been restated since {when}."),
        )
    else:
        blocks = (
            Paragraph(
                f"This report shows the figures as they stood at {when}. These figures have "
                "been corrected or added since then; the report above is unchanged."
            ),
            Table(f"Figures restated since {when}", _COLUMNS, tuple(rows)),
        )
    return Section("Restatements since this report", blocks, id="restatements")
