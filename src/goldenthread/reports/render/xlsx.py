"""The XLSX renderer: a workbook a council officer can sort, filter and chart.

The first sheet, ``Report``, holds the title, the report's details and, section by
section, its paragraphs, commentary and key values, naming the sheet that holds each
table.  Every table (including figures' data and findings) gets its own sheet: the
caption in row 1, a bold header row 2, panes frozen below the header.

Numbers are typed as numbers with a number format (``£#,##0.00``, ``0.0"%"``…), dates
as dates; RAG statuses are written as symbol and label and filled with the status
colours.  Text is neutralised against formula injection
(:func:`~.safety.neutralise_cell`) and stripped of the control characters XLSX cannot
hold.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

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
    Table,
)
from goldenthread.reports.render.safety import neutralise_cell
from goldenthread.reports.render.tabular import block_table

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written, not at start-up
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["XlsxRenderer", "number_format", "render_xlsx", "sheet_title", "xlsx_text"]

_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
_SUMMARY = "Report"


def xlsx_text(text: str) -> str:
    """Text safe for a worksheet cell: neutralised, without characters XLSX cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralise_cell(ILLEGAL_CHARACTERS_RE.sub("", text))


def sheet_title(caption: str, taken: set[str]) -> str:
    """A worksheet title from a caption: at most 31 characters, no ``[]:*?/\\``, unique.

    ``taken`` holds the lower-cased titles already used and is updated.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    base = " ".join(_BAD_SHEET_CHARACTERS.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", caption)).split())
    base = base.strip("'") or "Table"
    title, number = base[:31], 1
    while title.lower() in taken:
        number += 1
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.lower())
    return title


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


def _excel_value(value: Decimal | int | dt.date) -> Decimal | int | dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


_Styles: TypeAlias = "dict[str, tuple[Font, PatternFill]]"


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
) -> None:
    target = sheet.cell(row=row, column=column_index)
    value = cell.value
    if cell.text is None and isinstance(value, Decimal | int | dt.date):
        target.value = _excel_value(value)
        if isinstance(value, dt.datetime):
            target.number_format = "d mmm yyyy hh:mm"
        elif isinstance(value, dt.date):
            target.number_format = "d mmm yyyy"
        else:
            target.number_format = number_format(column.kind, column.decimals)
        return
    target.value = xlsx_text(cell_text(cell, column, branding.terminology))
    if column.kind is ColumnKind.STATUS and cell.status is not None:
        target.font, target.fill = styles[cell.status.value]


def _table_sheet(sheet: Worksheet, table: Table, branding: Branding, styles: _Styles) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.cell(row=1, column=1, value=xlsx_text(table.caption)).font = Font(bold=True, size=13)
    widths = [len(c.label) for c in table.columns]
    for index, column in enumerate(table.columns, start=1):
        sheet.cell(row=2, column=index, value=xlsx_text(column.label)).font = Font(bold=True)
    for number, row in enumerate(table.rows, start=3):
        for index, (cell, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            _write_cell(sheet, number, index, cell, column, branding, styles)
            shown = cell_text(cell, column, branding.terminology)
            widths[index - 1] = max(widths[index - 1], len(shown))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
    sheet.freeze_panes = "B3" if table.row_headers else "A3"


def render_xlsx(report: Report, branding: Branding) -> bytes:
    """The report as an XLSX workbook (bytes)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _SUMMARY
    styles = _status_styles(branding)
    taken = {_SUMMARY.lower(), "history"}  # Excel reserves "History"
    lines: list[tuple[str, str, bool]] = [(report.title, "", True)]
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
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines.append((block.text, "", False))
            elif isinstance(block, Commentary):
                signed = ", ".join(
                    p for p in (block.author, format_value(block.date) if block.date else "") if p
                )
                lines.append((block.text, signed, False))
            elif isinstance(block, KeyValues):
                lines.extend(
                    (i.label, format_value(i.value, i.kind, i.decimals, i.unit), False)
                    for i in block.items
                )
            else:
                table = block_table(block)
                assert table is not None
                title = sheet_title(table.caption, taken)
                _table_sheet(workbook.create_sheet(title), table, branding, styles)
                lines.append((table.caption, f"see sheet '{title}'", False))
    for number, (first, second, bold) in enumerate(lines, start=1):
        summary.cell(row=number, column=1, value=xlsx_text(first) or None).font = Font(bold=bold)
        if second:
            summary.cell(row=number, column=2, value=xlsx_text(second))
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
