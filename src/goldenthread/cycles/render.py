"""A plain-text timetable of a schedule, for a terminal or an e-mail.

One line per occurrence in schedule order (by report due date), with aligned columns:
report due, data due, period, what, who and, when statuses are given, the status.
Dates are written ``Wed 17 Jul 2024`` so the day of the week is visible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from goldenthread.cycles.schedule import Schedule
from goldenthread.cycles.status import OccurrenceStatus

__all__ = ["format_date", "render_schedule_text"]


def format_date(day: dt.date | None) -> str:
    """``Wed 17 Jul 2024``; ``-`` for no date."""
    if day is None:
        return "-"
    return f"{day:%a} {day.day} {day:%b %Y}"


def render_schedule_text(
    schedule: Schedule, statuses: Sequence[OccurrenceStatus] | None = None
) -> str:
    """The schedule as an aligned text table, headed by the financial year.

    ``statuses`` (from :func:`~goldenthread.cycles.status.assess_schedule`) adds a status
    column and the as-at date to the heading.
    """
    by_key = {status.occurrence.key: status for status in statuses or ()}
    header = ["Report due", "Data due", "Period", "What", "Who"]
    if statuses is not None:
        header.append("Status")
    rows = []
    for occurrence in schedule:
        row = [
            format_date(occurrence.report_due),
            format_date(occurrence.data_due),
            occurrence.period.label,
            occurrence.arrangement.what,
            ", ".join(occurrence.arrangement.who),
        ]
        if statuses is not None:
            found = by_key.get(occurrence.key)
            row.append(found.status.value if found is not None else "-")
        rows.append(row)
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    title = f"Planning and review cycle {schedule.year.label}"
    if statuses:
        title += f" as at {format_date(statuses[0].as_at)}"
    lines = [title, ""]
    for line in [header, ["-" * w for w in widths], *rows]:
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        )
    if not rows:
        lines.append("(nothing is scheduled in this year)")
    return "\n".join(lines) + "\n"
