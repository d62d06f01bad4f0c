"""The HTML renderer: one self-contained, printable, accessible page.

The page is made with jinja2 templates (package data in
``goldenthread/reports/templates``) with autoescaping on, so any text from the model —
an officer's commentary, an indicator's title — appears as text, never as markup.
It loads nothing from elsewhere: CSS is inline (with a print stylesheet, so committee
papers print cleanly to PDF), charts are inline SVG, fonts come from the system, the
logo is a ``data:`` URI, and a Content-Security-Policy forbids scripts and remote loads.

Accessibility (WCAG 2.2 AA): ``<html lang>``, a skip link, a contents list, tables with
captions and ``<th scope>`` (each in a labelled, keyboard-focusable region that scrolls
sideways on narrow screens instead of widening the page), RAG statuses and directions
shown as symbol and words as well as colour, colours checked by
:class:`~goldenthread.branding.Branding`, heat map text coloured for contrast, and every
chart an ``role="img"`` SVG with ``<title>`` and ``<desc>`` followed by its text
alternative and a table of its data.  A bar standing for a RAG status is filled with the
status's colours (the branding's), outlined, and labelled with the status's symbol and
name.  A sparkline in a table cell is a ``role="img"`` SVG whose accessible name is its
text alternative (the cell's text).
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from attrs import frozen
from markupsafe import Markup

from goldenthread.branding import Branding, readable_text_colour
from goldenthread.reports.formatting import (
    DIRECTION_SYMBOLS,
    STATUS_SYMBOLS,
    cell_text,
    direction_label,
    format_value,
    status_label,
)
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
    Paragraph,
    Report,
    Table,
)
from goldenthread.reports.render.charts import bar_layout, line_layout, sparkline_layout
from goldenthread.reports.render.tabular import block_table

__all__ = ["HtmlRenderer", "render_html"]


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("goldenthread.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _cell_view(cell: Cell, column: Column, header: bool, branding: Branding) -> dict[str, Any]:
    terminology = branding.terminology
    view: dict[str, Any] = {
        "header": header,
        "align": column.align,
        "text": cell_text(cell, column, terminology, symbol=False),
        "symbol": None,
        "status": None,
    }
    if cell.text is None and column.kind is ColumnKind.STATUS and cell.status is not None:
        view["symbol"] = STATUS_SYMBOLS[cell.status]
        view["status"] = cell.status.value
        view["text"] = status_label(cell.status, terminology)
    elif cell.text is None and column.kind is ColumnKind.DIRECTION and cell.direction is not None:
        view["symbol"] = DIRECTION_SYMBOLS[cell.direction]
        view["text"] = direction_label(cell.direction, terminology)
    view["sparkline"] = None if cell.chart is None else sparkline_layout(cell.chart)
    return view


def _table_view(table: Table, branding: Branding) -> dict[str, Any]:
    return {
        "type": "table",
        "caption": table.caption,
        "columns": [{"label": c.label, "align": c.align} for c in table.columns],
        "rows": [
            [
                _cell_view(cell, column, table.row_headers and i == 0, branding)
                for i, (cell, column) in enumerate(zip(row, table.columns, strict=True))
            ]
            for row in table.rows
        ],
    }


def _heat_map_view(block: HeatMap) -> dict[str, Any]:
    return {
        "type": "heatmap",
        "title": block.title,
        "alt": block.alt,
        "row_axis": block.row_axis,
        "column_axis": block.column_axis,
        "column_labels": block.column_labels,
        "rows": [
            {
                "label": label,
                "cells": [
                    {
                        "count": count,
                        "level": level,
                        "background": colour,
                        "foreground": readable_text_colour(colour),
                    }
                    for count, level, colour in zip(
                        block.counts[r], block.levels[r], block.colours[r], strict=True
                    )
                ],
            }
            for r, label in enumerate(block.row_labels)
        ],
    }


def _block_view(block: Block, branding: Branding, figure_id: str) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text}
    if isinstance(block, Commentary):
        return {
            "type": "commentary",
            "text": block.text,
            "author": block.author,
            "date": format_value(block.date) if block.date is not None else None,
            "iso_date": block.date.isoformat() if block.date is not None else None,
        }
    if isinstance(block, KeyValues):
        return {
            "type": "keyvalues",
            "title": block.title,
            "items": [
                (i.label, format_value(i.value, i.kind, i.decimals, i.unit)) for i in block.items
            ],
        }
    if isinstance(block, HeatMap):
        return _heat_map_view(block)
    data = block_table(block)
    assert data is not None
    table = _table_view(data, branding)
    if isinstance(block, Table | Findings):
        return table
    view: dict[str, Any] = {"id": figure_id, "title": block.title, "alt": block.alt, "data": table}
    if isinstance(block, BarChart):
        symbols = {status.value: symbol for status, symbol in STATUS_SYMBOLS.items()}
        view.update(type="barchart", layout=bar_layout(block), symbols=symbols)
    elif isinstance(block, LineChart):
        view.update(type="linechart", layout=line_layout(block, branding.palette.series))
    return view


def render_html(report: Report, branding: Branding) -> str:
    """The report as one self-contained HTML page (a string)."""
    palette = branding.palette
    sections = []
    figure = 0
    for section, anchor in zip(report.sections, report.section_ids(), strict=True):
        blocks = []
        for block in section.blocks:
            figure += isinstance(block, BarChart | LineChart)
            blocks.append(_block_view(block, branding, f"figure-{figure}"))
        sections.append({"id": anchor, "title": section.title, "blocks": blocks})
    meta = [
        ("Period", report.period_label),
        ("As at", format_value(report.as_at) if report.as_at else None),
        ("Prepared for", report.generated_for),
        ("Produced", format_value(report.generated_at) if report.generated_at else None),
        ("Classification", report.classification.capitalize()),
    ]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            branding=branding,
            # The font stack is validated by Branding to hold no markup or CSS punctuation.
            font_family=Markup(branding.font_family),  # noqa: S704
            palette=palette,
            status_styles=palette.status_styles,
            meta=[(label, value) for label, value in meta if value],
            sections=sections,
        )
    )


@frozen
class HtmlRenderer:
    """Renders a report as a self-contained HTML page (UTF-8 text)."""

    name: str = "html"
    media_type: str = "text/html; charset=utf-8"
    extension: str = ".html"

    def render(self, report: Report, branding: Branding) -> str:
        """The report as HTML; see :func:`render_html`."""
        return render_html(report, branding)
