"""Restatements: figures corrected after a report was produced.

When a report is reproduced ``--as-at`` an earlier moment from a store, it shows exactly
what was reported then, and this section lists every indicator value and target changed
since that moment for a period the report covered: the figure reported, the figure now
held (``withdrawn`` when it was removed), and who changed it, when and why (the budget
report lists the monthly actuals and forecasts changed since instead: a late journal
changing last month's actual is a restatement too).  A
restatement is a change of figure: a revision that leaves the figure as it was (a new
note, an identical rewrite) is never listed.  The section is built from the store's
:class:`~goldenthread.storage.base.Restatement` records, which :func:`restated_since`
reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from goldenthread.periods import Period, parse_period
from goldenthread.reports.formatting import format_value
from goldenthread.reports.model import Column, ColumnKind, Paragraph, Section, Table
from goldenthread.storage.base import Restatement, Store

__all__ = [
    "RESTATED_KINDS",
    "describe_actual",
    "describe_target",
    "describe_value",
    "restated_since",
    "restatements_section",
]

RESTATED_KINDS = ("value", "target")
"""The stored kinds whose late changes are restatements: indicator values and targets."""

_SUBJECT = ("indicator", "Indicator")

_COLUMNS = (
    Column("period", "Period"),
    Column("figure", "Figure"),
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


def describe_target(payload: Mapping[str, Any] | None) -> str:
    """A stored target as a reader sees it: ``76.0``, ``76.0 (range 70–80)``,
    ``76.0 (floor 60)``; ``None`` (no target had been set) reads ``no target``."""
    if payload is None:
        return "no target"
    target = payload.get("target")
    parts = [] if target is None else [str(target)]
    lower, upper = payload.get("lower"), payload.get("upper")
    extras = []
    if lower is not None or upper is not None:
        extras.append(f"range {'' if lower is None else lower}–{'' if upper is None else upper}")
    for name in ("floor", "stretch"):
        if payload.get(name) is not None:
            extras.append(f"{name} {payload[name]}")
    if extras:
        parts.append(f"({', '.join(extras)})")
    return " ".join(parts) or "no target"


def _pounds(text: object) -> str:
    try:
        return format_value(Decimal(str(text)), ColumnKind.MONEY)
    except InvalidOperation:
        return str(text)


def describe_actual(payload: Mapping[str, Any] | None) -> str:
    """A stored monthly actual as a reader sees it: ``£10,000.00``, with the budget
    holder's forecast when one was made (``£10,000.00; forecast £126,000.00``);
    ``None`` (nothing had been posted) reads ``not reported``."""
    if payload is None:
        return "not reported"
    text = _pounds(payload.get("actual"))
    forecast = payload.get("forecast")
    return text if forecast is None else f"{text}; forecast {_pounds(forecast)}"


_DESCRIBE = {"value": describe_value, "target": describe_target, "actual": describe_actual}


def restated_since(
    store: Store,
    moment: dt.datetime,
    *,
    organisation: str = "",
    kinds: Sequence[str] = RESTATED_KINDS,
) -> list[Restatement]:
    """Every value and target (or entity of the other ``kinds``, such as ``actual``) of
    ``organisation`` changed in ``store`` after ``moment`` (including withdrawals), each
    with what was held at ``moment``, in recorded order."""
    found = [
        item
        for kind in kinds
        for item in store.restatements(
            kind,
            period_closes=lambda _label: moment,
            since=moment,
            organisation=organisation,
        )
    ]
    found.sort(key=lambda item: item.revision.batch)
    return found


def restatements_section(
    restatements: Iterable[Restatement],
    as_at: dt.datetime,
    period: Period,
    subject: tuple[str, str] = _SUBJECT,
) -> Section:
    """The section listing the values and targets restated since ``as_at`` for periods
    starting by the end of ``period`` (the report's period; a year's target counts for
    its quarters), oldest change first.  A change that leaves the figure as a reader sees
    it (a new note, an identical rewrite), or withdraws what had never been reported, is
    not listed.  ``subject`` is the key and heading of the first column (the indicator;
    ``("line", "Budget line")`` for actuals)."""
    rows = []
    for item in restatements:
        revision = item.revision
        describe = _DESCRIBE.get(revision.kind, describe_value)
        if revision.period is None:
            continue
        stated = parse_period(revision.period, period.year_start_month)
        if stated.start_index > period.end_index:
            continue
        reported = item.reported.payload if item.reported and not item.reported.deleted else None
        before = describe(reported)
        now = "withdrawn" if revision.deleted else describe(revision.payload)
        if reported is None and revision.deleted:
            continue  # nothing had been reported, and nothing is now
        if before == now:
            continue  # the figure is unchanged: not a restatement
        rows.append(
            (
                revision.subject or revision.key.split("|")[0],
                stated.label,
                revision.kind,
                before,
                now,
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
                f"This report shows the figures as they stood at {when}. These figures and "
                "targets have been corrected, added or withdrawn since then; the report "
                "above is unchanged."
            ),
            Table(f"Figures restated since {when}", (Column(*subject), *_COLUMNS), tuple(rows)),
        )
    return Section("Restatements since this report", blocks, id="restatements")
