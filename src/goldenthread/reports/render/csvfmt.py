"""The CSV renderer: every value of a report in one long, machine-readable table.

:func:`render_csv` writes a single CSV with the columns
``section,block,row,column,value,display``: one line per table cell (including the
data of figures, findings and key-value lists) and per paragraph or commentary
(column ``text``, and ``author`` and ``date`` for commentary).  ``block`` names the
block uniquely in the report (a slug of the table's caption, or ``paragraph``,
``commentary``, numbered on repeats); ``row`` counts from 1; ``value`` is the raw value
(exact numbers as plain digits, dates in ISO 8601, statuses and directions by key);
``display`` is the text a reader sees.

:func:`render_tables_csv` instead writes one conventional CSV per table, headed by
the column labels, for people who open the files in a spreadsheet.

Text is neutralised against formula injection (:func:`~.safety.neutralise_cell`);
genuine numbers are written as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

from attrs import frozen

from goldenthread.branding import Branding
from goldenthread.reports.formatting import cell_text, format_value
from goldenthread.reports.model import Cell, Column, ColumnKind, Commentary, Paragraph, Report
from goldenthread.reports.render.safety import neutralise_cell
from goldenthread.reports.render.tabular import block_table, report_tables, slug

__all__ = ["LONG_COLUMNS", "CsvRenderer", "raw_value", "render_csv", "render_tables_csv"]

LONG_COLUMNS = ("section", "block", "row", "column", "value", "display")
"""The header of :func:`render_csv`'s long table."""


def raw_value(cell: Cell, column: Column) -> str:
    """A cell's value for machine use: digits, ISO dates, status/direction keys, or text.

    Text is neutralised against formula injection; numbers are not.
    """
    if column.kind is ColumnKind.STATUS and cell.status is not None and cell.value is None:
        return cell.status.value
    if column.kind is ColumnKind.DIRECTION and cell.direction is not None and cell.value is None:
        return cell.direction.value
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise_cell(value)


def _long_rows(report: Report, branding: Branding) -> Iterator[tuple[str, ...]]:
    taken: set[str] = set()

    def unique(base: str) -> str:
        name, number = base, 1
        while name in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name)
        return name

    for section in report.sections:
        title = neutralise_cell(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield (title, unique("paragraph"), "1", "text", neutralise_cell(block.text), "")
                continue
            if isinstance(block, Commentary):
                name = unique("commentary")
                yield (title, name, "1", "text", neutralise_cell(block.text), "")
                if block.author is not None:
                    yield (title, name, "1", "author", neutralise_cell(block.author), "")
                if block.date is not None:
                    yield (
                        title,
                        name,
                        "1",
                        "date",
                        block.date.isoformat(),
                        format_value(block.date),
                    )
                continue
            table = block_table(block)
            assert table is not None
            name = unique(slug(table.caption))
            for number, row in enumerate(table.rows, start=1):
                for cell, column in zip(row, table.columns, strict=True):
                    yield (
                        title,
                        name,
                        str(number),
                        column.key,
                        raw_value(cell, column),
                        neutralise_cell(cell_text(cell, column, branding.terminology, False)),
                    )


def _write(rows: Iterator[tuple[str, ...]] | list[tuple[str, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def render_csv(report: Report, branding: Branding) -> str:
    """The whole report as one long CSV table (``section,block,row,column,value,display``)."""
    return _write(iter([LONG_COLUMNS, *_long_rows(report, branding)]))


def render_tables_csv(report: Report, branding: Branding) -> dict[str, str]:
    """One CSV per table (figures' data included), keyed by a name unique in the report.

    Each CSV's header is the column labels; numbers are raw digits, statuses and
    directions their labels, other text as displayed; all text is neutralised.
    """
    result: dict[str, str] = {}
    for named in report_tables(report):
        table = named.table
        rows: list[tuple[str, ...]] = [tuple(neutralise_cell(c.label) for c in table.columns)]
        for row in table.rows:
            rows.append(
                tuple(
                    raw_value(cell, column)
                    if cell.text is None and isinstance(cell.value, Decimal | int)
                    else neutralise_cell(cell_text(cell, column, branding.terminology, False))
                    for cell, column in zip(row, table.columns, strict=True)
                )
            )
        result[named.name] = _write(rows)
    return result


@frozen
class CsvRenderer:
    """Renders a report as one long CSV table (UTF-8 text); see :func:`render_csv`."""

    name: str = "csv"
    media_type: str = "text/csv; charset=utf-8"
    extension: str = ".csv"

    def render(self, report: Report, branding: Branding) -> str:
        """The report as CSV; see :func:`render_csv`."""
        return render_csv(report, branding)
