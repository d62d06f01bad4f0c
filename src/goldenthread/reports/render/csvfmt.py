"""The CSV renderers: a report's tables as tidy CSV.

:func:`render_csv` (format ``csv``, ``report … -o report.csv``) writes every table of
the report (figures' data, findings and key-value lists included) as **one tidy CSV**:
one header row, then one row per record.  The first columns say where a row comes from:
``table`` (the table's name, unique in the report: a slug of its caption, numbered on
repeats), ``section`` (its section's title) and ``record`` (from 1 within its table); then
come the tables' columns by their stable keys, in order of first appearance (a column a
table does not have is blank in its rows).  :func:`render_csv_zip` (format ``csv-zip``,
``-o report.zip``) writes the same tables as one CSV per table in a zip, with
``tables.csv`` listing them.

Values are data, not display text (:func:`tidy_value`): numbers are plain digits (no
thousands separators, currency symbols or units; a numeric cell with no number is
blank), dates ISO 8601, statuses and directions by key (``amber``, ``worsening``).  A
column's unit (``£`` for money, ``%`` for percentages, else the column's ``unit``) goes
in a column of its own beside it, named ``KEY_unit``; a key-value list gives each row's
unit in ``unit``.  Each paragraph is a table ``paragraph`` with one ``text``, and each
commentary a table ``commentary`` with ``text,author,date``, so nothing in the report is
lost.  See ``docs/decisions/tidy-csv.md``.

:func:`render_long_csv` keeps the earlier long form, one line per cell and per paragraph
(``section,block,row,column,value,display``), and :func:`render_tables_csv` one CSV per
table headed by the column labels with the text a reader sees.

Text is neutralised against formula injection (:func:`~.safety.neutralise_cell`);
genuine numbers are written as numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal

from attrs import frozen

from goldenthread.branding import Branding
from goldenthread.reports.formatting import cell_text, format_value
from goldenthread.reports.model import (
    Cell,
    Column,
    ColumnKind,
    Commentary,
    KeyValues,
    Paragraph,
    Report,
)
from goldenthread.reports.render.safety import neutralise_cell
from goldenthread.reports.render.tabular import block_table, report_tables, slug

__all__ = [
    "LONG_COLUMNS",
    "TIDY_LEAD",
    "CsvRenderer",
    "CsvZipRenderer",
    "TidyTable",
    "column_unit",
    "raw_value",
    "render_csv",
    "render_csv_zip",
    "render_long_csv",
    "render_tables_csv",
    "tidy_tables",
    "tidy_value",
]

LONG_COLUMNS = ("section", "block", "row", "column", "value", "display")
"""The header of :func:`render_long_csv`'s long table."""

TIDY_LEAD = ("table", "section", "record")
"""The first columns of :func:`render_csv`: which table a row belongs to, its section and
its number within the table (from 1).  A table column whose key is one of these, or
repeats one, is written with ``_2``, ``_3`` ... after it."""


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


def render_long_csv(report: Report, branding: Branding) -> str:
    """The whole report as one long CSV table (``section,block,row,column,value,display``):
    a line per table cell and per paragraph or commentary."""
    return _write(iter([LONG_COLUMNS, *_long_rows(report, branding)]))


def column_unit(column: Column) -> str:
    """The unit of a column's numbers: ``£`` for money, ``%`` for percentages, then the
    column's own ``unit`` (``days``); ``""`` for none or a column that is not numeric."""
    if not column.kind.numeric:
        return ""
    symbol = {ColumnKind.MONEY: "£", ColumnKind.PERCENT: "%"}.get(column.kind, "")
    return " ".join(part for part in (symbol, column.unit) if part)


def tidy_value(cell: Cell, column: Column) -> str:
    """A cell as data: numbers as plain digits (blank in a numeric column when the cell
    holds no number), dates ISO 8601, statuses and directions by key, else the cell's
    text (what it shows when it has no value), neutralised."""
    if column.kind.numeric:
        return raw_value(cell, column) if isinstance(cell.value, Decimal | int) else ""
    value = raw_value(cell, column)
    if value or cell.text is None:
        return value
    return neutralise_cell(cell.text)


@frozen
class TidyTable:
    """One table of a report as tidy data.

    Attributes:
        name: unique in the report (a slug of the caption, numbered on repeats).
        section: the title of the section it is in.
        caption: its caption.
        columns: the column keys (a ``KEY_unit`` column follows each column with a unit).
        rows: one tuple of texts per record (:func:`tidy_value`).
    """

    name: str
    section: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _unique(base: str, taken: set[str]) -> str:
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    taken.add(name)
    return name


def _unique_key(base: str, used: set[str]) -> str:
    key, number = base, 1
    while key in used:
        number += 1
        key = f"{base}_{number}"
    used.add(key)
    return key


def _key_value_table(name: str, section: str, block: KeyValues) -> TidyTable:
    rows = []
    for item in block.items:
        column = Column("value", item.label, item.kind, item.decimals, item.unit)
        cell = Cell(item.value)
        number = isinstance(item.value, Decimal | int)
        rows.append(
            (
                neutralise_cell(item.label),
                tidy_value(cell, column) if number or not column.kind.numeric else "",
                column_unit(column) if number else "",
            )
        )
    return TidyTable(
        name, section, block.title or "Details", ("label", "value", "unit"), tuple(rows)
    )


def tidy_tables(report: Report) -> tuple[TidyTable, ...]:
    """Every table of ``report`` (figures' data, findings and key-value lists included),
    in order, as tidy data, named by a slug of the caption (numbered on repeats); each
    paragraph is a table ``paragraph`` of one ``text``, each commentary a table
    ``commentary`` of ``text,author,date`` (numbered on repeats too), so nothing in the
    report is lost."""
    result: list[TidyTable] = []
    taken: set[str] = set()
    for section in report.sections:
        title = neutralise_cell(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text = (neutralise_cell(block.text),)
                result.append(TidyTable(_unique("paragraph", taken), title, "", ("text",), (text,)))
                continue
            if isinstance(block, Commentary):
                said = (
                    neutralise_cell(block.text),
                    "" if block.author is None else neutralise_cell(block.author),
                    "" if block.date is None else block.date.isoformat(),
                )
                name = _unique("commentary", taken)
                columns = ("text", "author", "date")
                result.append(TidyTable(name, title, "", columns, (said,)))
                continue
            table = block_table(block)
            assert table is not None
            name = _unique(slug(table.caption), taken)
            if isinstance(block, KeyValues):
                result.append(_key_value_table(name, title, block))
                continue
            keys: list[str] = []
            used = set(TIDY_LEAD)
            units: list[str] = []
            for column in table.columns:
                keys.append(_unique_key(neutralise_cell(column.key), used))
                unit = column_unit(column)
                units.append(unit)
                if unit:
                    keys.append(_unique_key(neutralise_cell(f"{column.key}_unit"), used))
            rows = []
            for row in table.rows:
                cells: list[str] = []
                for cell, column, unit in zip(row, table.columns, units, strict=True):
                    value = tidy_value(cell, column)
                    cells.append(value)
                    if unit:
                        cells.append(unit if value else "")
                rows.append(tuple(cells))
            result.append(
                TidyTable(name, title, neutralise_cell(table.caption), tuple(keys), tuple(rows))
            )
    return tuple(result)


def _tidy_rows(tables: Sequence[TidyTable]) -> list[tuple[str, ...]]:
    header: list[str] = list(TIDY_LEAD)
    for table in tables:
        header.extend(key for key in table.columns if key not in header)
    position = {key: index for index, key in enumerate(header)}
    rows: list[tuple[str, ...]] = [tuple(header)]
    for table in tables:
        for number, values in enumerate(table.rows, start=1):
            line = [""] * len(header)
            line[0], line[1], line[2] = table.name, table.section, str(number)
            for key, value in zip(table.columns, values, strict=True):
                line[position[key]] = value
            rows.append(tuple(line))
    return rows


def render_csv(report: Report, branding: Branding) -> str:
    """Every table of the report as one tidy CSV: ``table,section,record`` then the tables'
    column keys (a column's unit in ``KEY_unit`` beside it), one row per record.

    ``branding`` is not used (the values are data, not display text); it is taken so
    every renderer is called alike."""
    return _write(_tidy_rows(tidy_tables(report)))


def render_csv_zip(report: Report, branding: Branding) -> bytes:
    """A zip of one tidy CSV per table of :func:`tidy_tables` (``NAME.csv``: the column
    keys, then one row per record) and ``tables.csv`` listing them
    (``table,section,caption,rows``)."""
    tables = tidy_tables(report)
    buffer = io.BytesIO()
    stamp = (1980, 1, 1, 0, 0, 0)  # a fixed time: the same report gives the same bytes
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        index: list[tuple[str, ...]] = [("table", "section", "caption", "rows")]
        index.extend((t.name, t.section, t.caption, str(len(t.rows))) for t in tables)
        entries = [("tables.csv", _write(index))]
        entries.extend((f"{t.name}.csv", _write([t.columns, *t.rows])) for t in tables)
        for name, text in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


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
    """Renders a report's tables as one tidy CSV (UTF-8 text); see :func:`render_csv`."""

    name: str = "csv"
    media_type: str = "text/csv; charset=utf-8"
    extension: str = ".csv"

    def render(self, report: Report, branding: Branding) -> str:
        """The report as CSV; see :func:`render_csv`."""
        return render_csv(report, branding)


@frozen
class CsvZipRenderer:
    """Renders a report's tables as a zip of one tidy CSV per table; see
    :func:`render_csv_zip`."""

    name: str = "csv-zip"
    media_type: str = "application/zip"
    extension: str = ".zip"

    def render(self, report: Report, branding: Branding) -> bytes:
        """The report as a zip of CSVs; see :func:`render_csv_zip`."""
        return render_csv_zip(report, branding)
