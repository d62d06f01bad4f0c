"""The XLSX renderer: a workbook a council officer can sort, filter and chart.

The first sheet, ``Report``, holds the title, the report's details and, section by
section, its paragraphs, commentary and key values, naming the sheet that holds each
table.  Every table (including figures' data and findings) gets its own sheet: the
caption in row 1, a bold header row 2, panes frozen below the header.

Numbers are typed as numbers with a number format (``£#,##0.00``, ``0.0"%"``…, with the
column's unit, and with the decimal places the figure was given when the column sets
none, so ``57.00`` stays ``57.00``), counts as whole numbers, dates as dates; the report
sheet's key figures are numbers too, and each "see sheet" line links to its sheet.  RAG
statuses are written as symbol and label and filled with the status colours.  A heat
map's cells are counts filled with their risk level's colour, the level kept as text in
the number format (``2 (High)``), so colour is never alone; a cell that stands for a
risk level (``Cell.colour``, as in the risk report's changed ratings) is filled the
same way beside its text.  Sheet titles are short: at most 31 characters, cut at a word,
unique and legal in Excel.  Text is neutralised against formula injection
(:func:`~.safety.neutralise_cell`) and stripped of the control characters XLSX cannot
hold.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from attrs import frozen

from goldenthread.branding import Branding, readable_text_colour
from goldenthread.reports.formatting import cell_text, format_value
from goldenthread.reports.model import (
    Cell,
    Column,
    ColumnKind,
    Commentary,
    HeatMap,
    KeyValue,
    KeyValues,
    LineChart,
    Number,
    Paragraph,
    Report,
    Table,
)
from goldenthread.reports.render.safety import neutralise_cell
from goldenthread.reports.render.tabular import CHARTS_COLUMNS, block_table, charts_rows

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written, not at start-up
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "XlsxRenderer",
    "number_format",
    "render_xlsx",
    "sheet_title",
    "value_format",
    "xlsx_text",
]

_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
_SUMMARY = "Report"


def xlsx_text(text: str) -> str:
    """Text safe for a worksheet cell: neutralised, without characters XLSX cannot hold."""
    return _safe_text(text)


@functools.lru_cache(maxsize=8192)
def _safe_text(text: str) -> str:
    # remembered: a long table repeats its texts (a trend sheet names each chart per row)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralise_cell(ILLEGAL_CHARACTERS_RE.sub("", text))


def sheet_title(caption: str, taken: set[str]) -> str:
    """A worksheet title from a caption: at most 31 characters, no ``[]:*?/\\``, unique.

    ``taken`` holds the lower-cased titles already used and is updated.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cleaned = ILLEGAL_CHARACTERS_RE.sub("", caption).replace("/", "-").replace("\\", "-")
    base = " ".join(_BAD_SHEET_CHARACTERS.sub(" ", cleaned).split())
    base = base.strip("'") or "Table"
    title, number = _cut(base, 31), 1
    while title.lower() in taken:
        number += 1
        suffix = f" ({number})"
        title = _cut(base, 31 - len(suffix)) + suffix
    taken.add(title.lower())
    return title


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word when a word ends in its second half,
    without trailing punctuation or quotes."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;-'") or text[:limit]


def number_format(kind: ColumnKind, decimals: int | None) -> str:
    """The Excel number format for a numeric column kind and its decimal places."""
    if kind is ColumnKind.MONEY:
        places = 2 if decimals is None else decimals
    elif decimals is None:
        return '0.##########"%"' if kind is ColumnKind.PERCENT else "General"
    else:
        places = decimals
    body = "#,##0" + ("." + "0" * places if places else "")
    if kind is ColumnKind.MONEY:
        return f'"£"{body}'
    return f'{body}"%"' if kind is ColumnKind.PERCENT else body


def _places(value: Decimal | int) -> int:
    """The decimal places ``value`` was given with (``57.00`` → 2; an int → 0)."""
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _quoted(text: str) -> str:
    """``text`` as a literal inside an Excel number format."""
    kept = "".join(c for c in text if c != '"' and c.isprintable())
    return '"' + kept + '"'


def value_format(
    kind: ColumnKind, decimals: int | None, value: Decimal | int, unit: str | None = None
) -> str:
    """The number format of one figure: the column's (:func:`number_format`), with the
    places ``value`` was given with when the column sets none, and the unit after it."""
    places = decimals if decimals is not None or kind is ColumnKind.MONEY else _places(value)
    return _format_of(kind, places, unit)


@functools.lru_cache(maxsize=1024)
def _format_of(kind: ColumnKind, places: int | None, unit: str | None) -> str:
    body = number_format(kind, places)
    if unit and kind not in (ColumnKind.MONEY, ColumnKind.PERCENT):
        body += _quoted(f" {unit}")
    return body


def _excel_value(value: Decimal | int | dt.date) -> Decimal | int | dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


_Styles: TypeAlias = "dict[str, tuple[Font, PatternFill]]"
_Item = TypeVar("_Item")


def _status_styles(branding: Branding) -> _Styles:
    from openpyxl.styles import Font, PatternFill

    return {
        key: (
            Font(bold=True, color=style.foreground[1:].upper()),
            PatternFill("solid", fgColor=style.background[1:].upper()),
        )
        for key, style in branding.palette.status_styles
    }


def _write_cell(
    sheet: Worksheet,
    row: int,
    column_index: int,
    cell: Cell,
    column: Column,
    branding: Branding,
    styles: _Styles,
) -> str:
    """Write ``cell``; what a reader sees in it (:func:`cell_text`, with symbols)."""
    shown = cell_text(cell, column, branding.terminology)
    target = sheet.cell(row=row, column=column_index)
    value = cell.value
    if cell.text is None and isinstance(value, Decimal | int | dt.date):
        target.value = _excel_value(value)
        if isinstance(value, dt.datetime):
            target.number_format = "d mmm yyyy hh:mm"
        elif isinstance(value, dt.date):
            target.number_format = "d mmm yyyy"
        else:
            target.number_format = value_format(column.kind, column.decimals, value, column.unit)
        _colour(target, cell.colour)
        return shown
    target.value = xlsx_text(shown)
    if column.kind is ColumnKind.STATUS and cell.status is not None:
        target.font, target.fill = styles[cell.status.value]
    _colour(target, cell.colour)
    return shown


def _write_value(
    sheet: Worksheet, row: int, column_index: int, value: Number | str | None, column: Column
) -> str:
    """Write a plain value as :func:`_write_cell` writes ``Cell(value)``; what a reader
    sees in it."""
    if isinstance(value, str) or value is None:
        shown = format_value(value, column.kind, column.decimals, column.unit)
        sheet.cell(row=row, column=column_index, value=xlsx_text(shown))
        return shown
    target = sheet.cell(row=row, column=column_index, value=value)
    target.number_format = value_format(column.kind, column.decimals, value, column.unit)
    return format_value(value, column.kind, column.decimals, column.unit)


def _colour(target: Any, colour: str | None) -> None:
    """Fill ``target`` with ``colour`` (``#rrggbb``) and give it a readable text colour."""
    if colour is None:
        return
    from openpyxl.styles import Font, PatternFill

    target.fill = PatternFill("solid", fgColor=colour[1:].upper())
    target.font = Font(bold=True, color=readable_text_colour(colour)[1:].upper())


def _heat_map_sheet(sheet: Worksheet, block: HeatMap) -> None:
    """A heat map as a grid of coloured cells: each a count (a number) filled with its
    level's colour, the level shown after it by the number format (``2 (High)``)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.cell(row=1, column=1, value=xlsx_text(block.title)).font = Font(bold=True, size=13)
    corner = f"{block.row_axis} / {block.column_axis}"
    sheet.cell(row=2, column=1, value=xlsx_text(corner)).font = Font(bold=True)
    for index, label in enumerate(block.column_labels, start=2):
        sheet.cell(row=2, column=index, value=xlsx_text(label)).font = Font(bold=True)
    widest = max((len(level) for row in block.levels for level in row), default=4) + 6
    for r, label in enumerate(block.row_labels):
        sheet.cell(row=r + 3, column=1, value=xlsx_text(label)).font = Font(bold=True)
        for c, count in enumerate(block.counts[r]):
            target = sheet.cell(row=r + 3, column=c + 2, value=count)
            target.number_format = "0" + _quoted(f" ({block.levels[r][c]})")
            target.alignment = Alignment(horizontal="center")
            _colour(target, block.colours[r][c])
    sheet.column_dimensions["A"].width = min(40, max(12, len(corner) + 2))
    for index in range(2, len(block.column_labels) + 2):
        width = max(widest, len(block.column_labels[index - 2]) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = min(30, width)
    sheet.freeze_panes = "B3"
    sheet.cell(row=len(block.row_labels) + 4, column=1, value=xlsx_text(block.alt))


def _key_value(item: KeyValue) -> tuple[Decimal | int | str, str | None]:
    """A key figure's cell value and number format: figures as numbers, else text."""
    value = item.value
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return value, value_format(item.kind, item.decimals, value, item.unit)
    return format_value(item.value, item.kind, item.decimals, item.unit), None


def _table_sheet(sheet: Worksheet, table: Table, branding: Branding, styles: _Styles) -> None:
    def write(row: int, index: int, cell: Cell, column: Column) -> str:
        return _write_cell(sheet, row, index, cell, column, branding, styles)

    _rows_sheet(sheet, table.caption, table.columns, table.row_headers, table.rows, write)


def _charts_sheet(sheet: Worksheet, caption: str, charts: Sequence[LineChart]) -> None:
    """The data of ``charts`` as one sheet, as :func:`_table_sheet` writes their
    :func:`~goldenthread.reports.render.tabular.charts_table`."""

    def write(row: int, index: int, value: Number | str | None, column: Column) -> str:
        return _write_value(sheet, row, index, value, column)

    _rows_sheet(sheet, caption, CHARTS_COLUMNS, True, charts_rows(charts), write)


def _rows_sheet(
    sheet: Worksheet,
    caption: str,
    columns: Sequence[Column],
    row_headers: bool,
    rows: Iterable[Sequence[_Item]],
    write: Callable[[int, int, _Item, Column], str],
) -> None:
    """A table's sheet: its caption, a bold header row, a row per row (each cell written
    by ``write``, which says what a reader sees, for the column's width), panes frozen
    below the header (and beside the row headers)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.cell(row=1, column=1, value=xlsx_text(caption)).font = Font(bold=True, size=13)
    widths = [len(c.label) for c in columns]
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=2, column=index, value=xlsx_text(column.label)).font = Font(bold=True)
    for number, row in enumerate(rows, start=3):
        for index, (cell, column) in enumerate(zip(row, columns, strict=True), start=1):
            shown = write(number, index, cell, column)
            if len(shown) > widths[index - 1]:
                widths[index - 1] = len(shown)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
    sheet.freeze_panes = "B3" if row_headers else "A3"


def render_xlsx(report: Report, branding: Branding) -> bytes:
    """The report as an XLSX workbook (bytes)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _SUMMARY
    styles = _status_styles(branding)
    taken = {_SUMMARY.lower(), "history"}  # Excel reserves "History"
    lines: list[tuple[str, Decimal | int | str, bool]] = [(report.title, "", True)]
    formats: dict[int, str] = {}
    links: dict[int, str] = {}
    details = [
        ("Organisation", report.organisation),
        ("Period", report.period_label),
        ("As at", format_value(report.as_at) if report.as_at else None),
        ("Prepared for", report.generated_for),
        ("Produced", format_value(report.generated_at) if report.generated_at else None),
        ("Classification", report.classification.capitalize()),
    ]
    lines.extend((label, value, False) for label, value in details if value is not None)
    for section in report.sections:
        lines.append(("", "", False))
        lines.append((section.title, "", True))
        charts = [b for b in section.blocks if isinstance(b, LineChart)]
        if len(charts) > 1:  # many charts (a trend appendix): their data on one sheet
            caption = f"{section.title}: chart data"
            title = sheet_title(caption, taken)
            _charts_sheet(workbook.create_sheet(title), caption, charts)
            lines.append((caption, f"see sheet '{title}'", False))
            links[len(lines)] = title
        for block in section.blocks:
            if isinstance(block, LineChart) and len(charts) > 1:
                lines.append((block.title, block.alt, False))
            elif isinstance(block, Paragraph):
                lines.append((block.text, "", False))
            elif isinstance(block, Commentary):
                signed = ", ".join(
                    p for p in (block.author, format_value(block.date) if block.date else "") if p
                )
                lines.append((block.text, signed, False))
            elif isinstance(block, KeyValues):
                for item in block.items:
                    value, shown = _key_value(item)
                    lines.append((item.label, value, False))
                    if shown is not None:
                        formats[len(lines)] = shown
            elif isinstance(block, HeatMap):
                title = sheet_title(block.title, taken)
                _heat_map_sheet(workbook.create_sheet(title), block)
                lines.append((block.title, f"see sheet '{title}'", False))
                links[len(lines)] = title
            else:
                table = block_table(block)
                assert table is not None
                title = sheet_title(table.caption, taken)
                _table_sheet(workbook.create_sheet(title), table, branding, styles)
                lines.append((table.caption, f"see sheet '{title}'", False))
                links[len(lines)] = title
    for number, (first, second, bold) in enumerate(lines, start=1):
        summary.cell(row=number, column=1, value=xlsx_text(first) or None).font = Font(bold=bold)
        if isinstance(second, str) and second:
            target = summary.cell(row=number, column=2, value=xlsx_text(second))
            if number in links:
                target.hyperlink = Hyperlink(
                    ref=target.coordinate, location=f"'{links[number]}'!A1", display=second
                )
                target.style = "Hyperlink"
        elif not isinstance(second, str):
            target = summary.cell(row=number, column=2, value=second)
            target.number_format = formats.get(number, "General")
    summary.column_dimensions["A"].width = 60
    summary.column_dimensions["B"].width = 40
    if report.generated_at is not None:
        stamp = report.generated_at.astimezone(dt.UTC).replace(tzinfo=None)
        workbook.properties.created = stamp
        workbook.properties.modified = stamp
    workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", report.title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@frozen
class XlsxRenderer:
    """Renders a report as an XLSX workbook (bytes); see :func:`render_xlsx`."""

    name: str = "xlsx"
    media_type: str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension: str = ".xlsx"

    def render(self, report: Report, branding: Branding) -> bytes:
        """The report as XLSX; see :func:`render_xlsx`."""
        return render_xlsx(report, branding)
