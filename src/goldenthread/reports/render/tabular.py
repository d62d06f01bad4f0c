"""Every block seen as a table, for the formats that are tables at heart.

CSV and XLSX hold only tables, and every format shows a figure's data as a table (the
text alternative of a chart).  :func:`block_table` turns a block into a
:class:`~goldenthread.reports.model.Table`; :func:`report_tables` lists every table of a
report with its section and a unique name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from attrs import frozen

from goldenthread.reports.formatting import format_value
from goldenthread.reports.model import (
    BarChart,
    Block,
    Cell,
    Column,
    ColumnKind,
    Commentary,
    Findings,
    HeatMap,
    KeyValues,
    LineChart,
    Number,
    Paragraph,
    Report,
    Table,
)

__all__ = [
    "CHARTS_COLUMNS",
    "NamedTable",
    "block_table",
    "charts_rows",
    "charts_table",
    "line_chart_columns",
    "report_tables",
    "slug",
]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str = "table") -> str:
    """Lower-case letters and digits joined by hyphens (``Risks by level`` → ``risks-by-level``)."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or fallback


def block_table(block: Block) -> Table | None:
    """The table a block holds or stands for; ``None`` for paragraphs and commentary.

    Findings become severity/code/item/message; charts their data (one column per
    series); a heat map one row per row label, each cell a count with its level name
    (``3 (High)``); key-value lists a label/value table.
    """
    if isinstance(block, Table):
        return block
    if isinstance(block, Paragraph | Commentary):
        return None
    if isinstance(block, Findings):
        return Table(
            block.caption,
            (
                Column("severity", "Severity"),
                Column("code", "Code"),
                Column("item", "Item"),
                Column("message", "Message"),
            ),
            [(f.severity.value, f.code, f.item, f.message) for f in block.findings],
            row_headers=False,
        )
    if isinstance(block, KeyValues):
        return Table(
            block.title or "Details",
            (Column("label", "Item"), Column("value", "Value")),
            [
                (
                    item.label,
                    Cell(
                        item.value,
                        text=format_value(item.value, item.kind, item.decimals, item.unit),
                    ),
                )
                for item in block.items
            ],
        )
    if isinstance(block, BarChart):
        return Table(
            block.title,
            (
                Column("label", "Label"),
                Column("value", "Value", block.kind, block.decimals, block.unit),
            ),
            [(p.label, p.value) for p in block.points],
        )
    if isinstance(block, LineChart):
        columns = line_chart_columns(block)
        rows = [
            (label, *(s.points[i].value for s in block.series))
            for i, label in enumerate(block.labels)
        ]
        return Table(block.title, columns, rows)
    return _heat_map_table(block)


def line_chart_columns(chart: LineChart) -> list[Column]:
    """The columns of a line chart's data table: its labels, then one per series."""
    columns = [Column("label", "Label")]
    columns.extend(
        Column(f"series-{i}", s.name, chart.kind, chart.decimals, chart.unit)
        for i, s in enumerate(chart.series, start=1)
    )
    return columns


CHARTS_COLUMNS = (
    Column("chart", "Chart"),
    Column("label", "Label"),
    Column("series", "Series"),
    Column("value", "Value", ColumnKind.NUMBER),
    Column("unit", "Unit"),
)
"""The columns of :func:`charts_table`."""


def charts_rows(charts: Sequence[LineChart]) -> Iterator[tuple[str, str, str, Number | None, str]]:
    """The rows of :func:`charts_table`, as plain values (``chart, label, series, value,
    unit``)."""
    for chart in charts:
        title, unit, labels = chart.title, chart.unit, chart.labels
        for s in chart.series:
            name, points = s.name, s.points
            for i, label in enumerate(labels):
                yield (title, label, name, points[i].value, unit)


def charts_table(caption: str, charts: Sequence[LineChart]) -> Table:
    """The data of several line charts as one long table: a row per chart, label and
    series (``chart, label, series, value, unit``), so that a section of many charts
    (the performance report's trend appendix) is one table, not one per chart."""
    return Table(caption, CHARTS_COLUMNS, charts_rows(charts))


def _heat_map_table(block: HeatMap) -> Table:
    columns: list[Column] = [Column("row", f"{block.row_axis} / {block.column_axis}")]
    columns.extend(
        Column(f"column-{i}", label, ColumnKind.NUMBER)
        for i, label in enumerate(block.column_labels, start=1)
    )
    rows: list[tuple[str | Cell, ...]] = [
        (
            label,
            *(
                Cell(count, text=f"{count} ({level})")
                for count, level in zip(block.counts[r], block.levels[r], strict=True)
            ),
        )
        for r, label in enumerate(block.row_labels)
    ]
    return Table(block.title, columns, rows)


@frozen
class NamedTable:
    """A table of a report with its section's title and a name unique in the report."""

    name: str
    section: str
    table: Table


def report_tables(report: Report) -> tuple[NamedTable, ...]:
    """Every table in the report (including figures' data), in order, uniquely named.

    Names are slugs of the caption (``indicators``), numbered on repeats
    (``indicators-2``).
    """
    result: list[NamedTable] = []
    taken: set[str] = set()
    for section in report.sections:
        for block in section.blocks:
            table = block_table(block)
            if table is None:
                continue
            base = name = slug(table.caption)
            number = 1
            while name in taken:
                number += 1
                name = f"{base}-{number}"
            taken.add(name)
            result.append(NamedTable(name, section.title, table))
    return tuple(result)
