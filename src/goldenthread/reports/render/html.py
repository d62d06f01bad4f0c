"""The HTML renderer: one self-contained, printable, accessible page.

The page, its paragraphs, commentary, key values, bar charts and heat maps are made with
jinja2 templates (package data in ``goldenthread/reports/templates``) with autoescaping
on; tables, line charts and sparklines, the bulk of a large report (a thousand indicators
make a thousand sparklines and a thousand appendix charts), are written here in Python
with the same escaping (:func:`markupsafe.escape`), byte for byte what the templates
made, at a fraction of the cost of a macro call per cell and per point.  Either way any
text from the model — an officer's commentary, an indicator's title — appears as text,
never as markup.
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
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import jinja2
from attrs import frozen
from markupsafe import Markup, escape

from goldenthread.branding import Branding, Terminology, readable_text_colour
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
    Column,
    ColumnKind,
    Commentary,
    Direction,
    Findings,
    HeatMap,
    KeyValues,
    LineChart,
    Paragraph,
    Report,
    Status,
    Table,
)
from goldenthread.reports.render.charts import (
    SPARKLINE_HEIGHT,
    SPARKLINE_WIDTH,
    LineLayout,
    bar_layout,
    line_layout,
    sparkline_segments,
)
from goldenthread.reports.render.tabular import block_table, line_chart_columns

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


def _escape(text: str) -> str:
    """``text`` escaped for HTML exactly as the templates' autoescaping does it
    (:func:`markupsafe.escape`), plain text with nothing to escape returned as it is."""
    if type(text) is str and not (
        "&" in text or "<" in text or ">" in text or '"' in text or "'" in text
    ):
        return text
    return str(escape(text))


def _table_html(
    caption: str,
    columns: Sequence[Column],
    row_headers: bool,
    rows: Iterable[Iterable[str]],
) -> str:
    """A table as HTML: in a labelled, focusable region, with its caption, a header row
    of ``<th scope="col">``, and each row headed by its first cell (``<th scope="row">``)
    when the table has row headers.  ``rows`` hold each cell's content, as HTML."""
    title = _escape(caption)
    out = [
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{title}">\n'
        f"<table>\n<caption>{title}</caption>\n<thead>\n<tr>\n"
    ]
    out.extend(
        f'<th scope="col" class="align-{c.align}">{_escape(c.label)}</th>\n' for c in columns
    )
    out.append("</tr>\n</thead>\n<tbody>\n")
    openings = [f'<td class="align-{c.align}">' for c in columns]
    closings = ["</td>\n"] * len(columns)
    if row_headers:
        openings[0] = f'<th scope="row" class="align-{columns[0].align}">'
        closings[0] = "</th>\n"
    for row in rows:
        out.append("<tr>\n")
        out.extend(
            f"{opening}{content}{closing}"
            for opening, content, closing in zip(openings, row, closings, strict=True)
        )
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)


def _cells_html(table: Table, terminology: Terminology) -> Iterator[list[str]]:
    """The content of each cell of ``table``, row by row, as HTML: a status or direction
    as its symbol and words, a sparkline as its SVG named by its text alternative, any
    other cell its text."""
    columns = [(column, column.kind) for column in table.columns]
    words: dict[Status | Direction, str] = {}
    for row in table.rows:
        contents: list[str] = []
        for cell, (column, kind) in zip(row, columns, strict=True):
            text = cell.text
            if text is None:
                if kind is ColumnKind.STATUS and cell.status is not None:
                    status = cell.status
                    label = words.get(status)
                    if label is None:
                        label = words[status] = _escape(status_label(status, terminology))
                    contents.append(
                        f'<span class="badge status-{_escape(status.value)}">'
                        f'<span aria-hidden="true">{STATUS_SYMBOLS[status]}</span> {label}</span>'
                    )
                    continue
                if kind is ColumnKind.DIRECTION and cell.direction is not None:
                    direction = cell.direction
                    label = words.get(direction)
                    if label is None:
                        label = words[direction] = _escape(direction_label(direction, terminology))
                    contents.append(
                        f'<span class="direction"><span aria-hidden="true">'
                        f"{DIRECTION_SYMBOLS[direction]}</span> {label}</span>"
                    )
                    continue
                text = cell_text(cell, column, terminology, symbol=False)
            if cell.chart is not None:
                contents.append(_sparkline_html(cell.chart, text))
            else:
                contents.append(_escape(text))
        yield contents


def _block_table_html(table: Table, terminology: Terminology) -> str:
    """:func:`_table_html` of a table of the model."""
    return _table_html(
        table.caption, table.columns, table.row_headers, _cells_html(table, terminology)
    )


def _chart_data_html(chart: LineChart) -> str:
    """A line chart's data table as HTML: what :func:`_block_table_html` makes of its
    :func:`~goldenthread.reports.render.tabular.block_table`, without the cells."""
    kind, decimals, unit = chart.kind, chart.decimals, chart.unit
    series = [s.points for s in chart.series]
    rows = (
        [
            _escape(label),
            *(
                ""
                if (value := points[i].value) is None
                else _escape(format_value(value, kind, decimals, unit))
                for points in series
            ),
        ]
        for i, label in enumerate(chart.labels)
    )
    return _table_html(chart.title, line_chart_columns(chart), True, rows)


def _sparkline_html(chart: LineChart, alt: str) -> str:
    """A sparkline (:func:`~goldenthread.reports.render.charts.sparkline_layout`) as an
    SVG image whose accessible name is ``alt``: each series a group of polylines, its
    lone points dots, the values' latest point marked."""
    width, height = SPARKLINE_WIDTH, SPARKLINE_HEIGHT
    out = [
        f'<svg class="sparkline" role="img" aria-label="{_escape(alt)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">\n'
    ]
    for index, _line, segments in sparkline_segments(chart):
        out.append('<g class="spark-value">\n' if index == 0 else '<g class="spark-target">\n')
        out.extend(
            f'<polyline fill="none" points="{" ".join(f"{x},{y}" for _, x, y in s)}"/>\n'
            for s in segments
            if len(s) > 1
        )
        out.extend(
            f'<circle cx="{s[0][1]}" cy="{s[0][2]}" r="1.5"/>\n' for s in segments if len(s) == 1
        )
        if index == 0 and segments:
            _, x, y = segments[-1][-1]
            out.append(f'<circle class="spark-latest" cx="{x}" cy="{y}" r="2.5"/>\n')
        out.append("</g>\n")
    out.append("</svg>")
    return "".join(out)


def _marker_html(shape: str, x: float, y: float, label: str = "") -> str:
    """A line chart's marker of ``shape`` at (``x``, ``y``), titled ``label`` if any."""
    if shape == "circle":
        tag, opening = "circle", f'<circle cx="{x}" cy="{y}" r="4">'
    elif shape == "square":
        tag, opening = "rect", f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8">'
    elif shape == "triangle":
        tag = "polygon"
        opening = f'<polygon points="{x},{y - 5} {x + 5},{y + 4} {x - 5},{y + 4}">'
    else:
        tag = "polygon"
        opening = f'<polygon points="{x},{y - 5} {x + 5},{y} {x},{y + 5} {x - 5},{y}">'
    title = f"<title>{_escape(label)}</title>" if label else ""
    return f"{opening}{title}</{tag}>\n"


def _line_chart_html(chart: LineChart, figure_id: str, layout: LineLayout) -> str:
    """A line chart as a figure: an SVG image (titled and described by the chart's title
    and text alternative) with grid, ticks, the series (each with its markers and a
    legend line), then the text alternative and the data table."""
    title, alt = _escape(chart.title), _escape(chart.alt)
    left, right, bottom, height = layout.left, layout.right, layout.bottom, layout.height
    out = [
        f'<figure class="chart" aria-labelledby="{figure_id}-caption">\n'
        f'<svg role="img" aria-labelledby="{figure_id}-title {figure_id}-desc" '
        f'viewBox="0 0 {layout.width + 40} {height + 24 * len(layout.series)}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">\n'
        f'<title id="{figure_id}-title">{title}</title>\n'
        f'<desc id="{figure_id}-desc">{alt}</desc>\n'
    ]
    for tick in layout.y_ticks:
        y = tick.position
        out.append(
            f'<line class="grid" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/>\n'
            f'<text class="tick" x="{left - 6}" y="{y + 4}" text-anchor="end">'
            f"{_escape(tick.label)}</text>\n"
        )
    out.extend(
        f'<text class="tick" x="{tick.position}" y="{bottom + 18}" text-anchor="middle">'
        f"{_escape(tick.label)}</text>\n"
        for tick in layout.x_ticks
    )
    out.append(f'<line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>\n')
    for index, series in enumerate(layout.series):
        colour = _escape(series.colour)
        dash = f' stroke-dasharray="{_escape(series.dash)}"' if series.dash else ""
        out.append(f'<g class="series" stroke="{colour}" fill="{colour}">\n')
        out.extend(
            f'<polyline fill="none" stroke-width="2.5"{dash} points="{_escape(points)}"/>\n'
            for points in series.segments
        )
        shape = series.marker
        out.extend(f"{_marker_html(shape, m.x, m.y, m.text)}\n" for m in series.markers)
        legend_y = height + 24 * index - 8
        out.append(
            f'<line x1="{left}" y1="{legend_y}" x2="{left + 40}" y2="{legend_y}" '
            f'stroke-width="2.5"{dash}/>\n'
            f"{_marker_html(shape, left + 20, legend_y)}\n"
            f'<text class="legend" x="{left + 50}" y="{legend_y + 4}" stroke="none">'
            f"{_escape(series.name)}</text>\n</g>\n"
        )
    out.append(
        f'</svg>\n<figcaption id="{figure_id}-caption">{title}</figcaption>\n</figure>\n'
        f'<p class="chart-alt">{alt}</p>\n'
    )
    out.append(_chart_data_html(chart))
    out.append("\n")
    return "".join(out)


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


def _block_html(block: Block, branding: Branding, figure_id: str) -> Markup:
    """A block as HTML: tables and line charts (the bulk of a large report) are made
    here, the other blocks by the macros of ``blocks.html.j2``."""
    terminology = branding.terminology
    if isinstance(block, Table | Findings):
        table = block_table(block)
        assert table is not None
        return Markup(_block_table_html(table, terminology) + "\n")  # noqa: S704 (escaped)
    if isinstance(block, LineChart):
        layout = line_layout(block, branding.palette.series)
        return Markup(_line_chart_html(block, figure_id, layout) + "\n")  # noqa: S704 (escaped)
    macros: Any = _environment().get_template("blocks.html.j2").module
    return Markup(macros.block(_block_view(block, branding, figure_id)))  # noqa: S704


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
    assert isinstance(block, BarChart)
    data = block_table(block)
    assert data is not None
    return {
        "type": "barchart",
        "id": figure_id,
        "title": block.title,
        "alt": block.alt,
        "layout": bar_layout(block),
        "symbols": {status.value: symbol for status, symbol in STATUS_SYMBOLS.items()},
        "data": Markup(_block_table_html(data, branding.terminology)),  # noqa: S704 (escaped)
    }


def render_html(report: Report, branding: Branding) -> str:
    """The report as one self-contained HTML page (a string)."""
    palette = branding.palette
    sections = []
    figure = 0
    for section, anchor in zip(report.sections, report.section_ids(), strict=True):
        blocks = []
        for block in section.blocks:
            figure += isinstance(block, BarChart | LineChart)
            blocks.append(_block_html(block, branding, f"figure-{figure}"))
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
