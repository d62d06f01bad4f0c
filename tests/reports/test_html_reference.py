# ruff: noqa: E501  (the reference templates are kept verbatim)
"""The HTML renderer draws tables, sparklines and line charts in Python (the bulk of a
large report) instead of jinja macros called per cell and per point: the page must be
byte for byte the page the macros made.  The reference here is the renderer as it was
(its templates and its view functions, kept verbatim below), fed arbitrary reports."""

from __future__ import annotations

from typing import Any

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from goldenthread.branding import Branding, readable_text_colour
from goldenthread.reports import (
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
    Section,
    Series,
    Table,
)
from goldenthread.reports.formatting import (
    DIRECTION_SYMBOLS,
    STATUS_SYMBOLS,
    cell_text,
    direction_label,
    format_value,
    status_label,
)
from goldenthread.reports.render import render_html
from goldenthread.reports.render.charts import bar_layout, line_layout, sparkline_layout
from goldenthread.reports.render.tabular import block_table
from tests.reports.strategies import alts, blocks, line_charts, numbers, reports, tables, texts

OLD_BLOCKS = """{% macro sparkline(layout, alt) %}
<svg class="sparkline" role="img" aria-label="{{ alt }}" viewBox="0 0 {{ layout.width }} {{ layout.height }}" width="{{ layout.width }}" height="{{ layout.height }}" xmlns="http://www.w3.org/2000/svg">
{% for line in layout.series %}
<g class="{{ 'spark-value' if line.primary else 'spark-target' }}">
{% for points in line.segments %}
<polyline fill="none" points="{{ points }}"/>
{% endfor %}
{% for point in line.lone %}
<circle cx="{{ point.x }}" cy="{{ point.y }}" r="1.5"/>
{% endfor %}
{% if line.primary and line.last %}
<circle class="spark-latest" cx="{{ line.last.x }}" cy="{{ line.last.y }}" r="2.5"/>
{% endif %}
</g>
{% endfor %}
</svg>
{%- endmacro %}

{% macro table(view) %}
<div class="table-wrap" role="region" tabindex="0" aria-label="{{ view.caption }}">
<table>
<caption>{{ view.caption }}</caption>
<thead>
<tr>
{% for column in view.columns %}
<th scope="col" class="align-{{ column.align }}">{{ column.label }}</th>
{% endfor %}
</tr>
</thead>
<tbody>
{% for row in view.rows %}
<tr>
{% for cell in row %}
{% if cell.header %}<th scope="row" class="align-{{ cell.align }}">{% else %}<td class="align-{{ cell.align }}">{% endif %}
{%- if cell.status -%}
<span class="badge status-{{ cell.status }}"><span aria-hidden="true">{{ cell.symbol }}</span> {{ cell.text }}</span>
{%- elif cell.symbol -%}
<span class="direction"><span aria-hidden="true">{{ cell.symbol }}</span> {{ cell.text }}</span>
{%- elif cell.sparkline -%}
{{ sparkline(cell.sparkline, cell.text) }}
{%- else -%}
{{ cell.text }}
{%- endif -%}
{% if cell.header %}</th>{% else %}</td>{% endif %}

{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>
</div>
{% endmacro %}

{% macro barchart(view) %}
{% set layout = view.layout %}
<figure class="chart" aria-labelledby="{{ view.id }}-caption">
<svg role="img" aria-labelledby="{{ view.id }}-title {{ view.id }}-desc" viewBox="0 0 {{ layout.width }} {{ layout.height }}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="{{ view.id }}-title">{{ view.title }}</title>
<desc id="{{ view.id }}-desc">{{ view.alt }}</desc>
<line class="axis" x1="{{ layout.zero_x }}" y1="{{ layout.plot_top }}" x2="{{ layout.zero_x }}" y2="{{ layout.plot_bottom }}"/>
{% for bar in layout.bars %}
<g>
<text class="label" x="{{ 192 }}" y="{{ bar.label_y }}" text-anchor="end">{% if bar.status %}{{ view.symbols[bar.status] }} {% endif %}{{ bar.label | truncate(30, True, "…", 0) }}</text>
<rect class="bar{% if bar.status %} bar-status bar-{{ bar.status }}{% endif %}" x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}" height="{{ bar.height }}"><title>{{ bar.label }}: {{ bar.value_text }}</title></rect>
<text class="value" x="{{ bar.text_x }}" y="{{ bar.label_y }}">{{ bar.value_text }}</text>
</g>
{% endfor %}
</svg>
<figcaption id="{{ view.id }}-caption">{{ view.title }}</figcaption>
</figure>
<p class="chart-alt">{{ view.alt }}</p>
{{ table(view.data) }}
{% endmacro %}

{% macro marker(shape, x, y, label="") %}
{% set tag = {"circle": "circle", "square": "rect"}.get(shape, "polygon") %}
{% if shape == "circle" %}<circle cx="{{ x }}" cy="{{ y }}" r="4">{% elif shape == "square" %}<rect x="{{ x - 4 }}" y="{{ y - 4 }}" width="8" height="8">{% elif shape == "triangle" %}<polygon points="{{ x }},{{ y - 5 }} {{ x + 5 }},{{ y + 4 }} {{ x - 5 }},{{ y + 4 }}">{% else %}<polygon points="{{ x }},{{ y - 5 }} {{ x + 5 }},{{ y }} {{ x }},{{ y + 5 }} {{ x - 5 }},{{ y }}">{% endif %}{% if label %}<title>{{ label }}</title>{% endif %}</{{ tag }}>
{% endmacro %}

{% macro linechart(view) %}
{% set layout = view.layout %}
<figure class="chart" aria-labelledby="{{ view.id }}-caption">
<svg role="img" aria-labelledby="{{ view.id }}-title {{ view.id }}-desc" viewBox="0 0 {{ layout.width + 40 }} {{ layout.height + 24 * layout.series | length }}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="{{ view.id }}-title">{{ view.title }}</title>
<desc id="{{ view.id }}-desc">{{ view.alt }}</desc>
{% for tick in layout.y_ticks %}
<line class="grid" x1="{{ layout.left }}" y1="{{ tick.position }}" x2="{{ layout.right }}" y2="{{ tick.position }}"/>
<text class="tick" x="{{ layout.left - 6 }}" y="{{ tick.position + 4 }}" text-anchor="end">{{ tick.label }}</text>
{% endfor %}
{% for tick in layout.x_ticks %}
<text class="tick" x="{{ tick.position }}" y="{{ layout.bottom + 18 }}" text-anchor="middle">{{ tick.label }}</text>
{% endfor %}
<line class="axis" x1="{{ layout.left }}" y1="{{ layout.bottom }}" x2="{{ layout.right }}" y2="{{ layout.bottom }}"/>
{% for series in layout.series %}
<g class="series" stroke="{{ series.colour }}" fill="{{ series.colour }}">
{% for points in series.segments %}
<polyline fill="none" stroke-width="2.5"{% if series.dash %} stroke-dasharray="{{ series.dash }}"{% endif %} points="{{ points }}"/>
{% endfor %}
{% for point in series.markers %}
{{ marker(series.marker, point.x, point.y, point.text) }}
{% endfor %}
{% set legend_y = layout.height + 24 * loop.index0 - 8 %}
<line x1="{{ layout.left }}" y1="{{ legend_y }}" x2="{{ layout.left + 40 }}" y2="{{ legend_y }}" stroke-width="2.5"{% if series.dash %} stroke-dasharray="{{ series.dash }}"{% endif %}/>
{{ marker(series.marker, layout.left + 20, legend_y) }}
<text class="legend" x="{{ layout.left + 50 }}" y="{{ legend_y + 4 }}" stroke="none">{{ series.name }}</text>
</g>
{% endfor %}
</svg>
<figcaption id="{{ view.id }}-caption">{{ view.title }}</figcaption>
</figure>
<p class="chart-alt">{{ view.alt }}</p>
{{ table(view.data) }}
{% endmacro %}

{% macro heatmap(view) %}
<p class="chart-alt">{{ view.alt }}</p>
<div class="table-wrap" role="region" tabindex="0" aria-label="{{ view.title }}">
<table class="heatmap">
<caption>{{ view.title }}</caption>
<thead>
<tr>
<td></td>
<th scope="colgroup" colspan="{{ view.column_labels | length }}">{{ view.column_axis }}</th>
</tr>
<tr>
<th scope="col">{{ view.row_axis }}</th>
{% for label in view.column_labels %}
<th scope="col">{{ label }}</th>
{% endfor %}
</tr>
</thead>
<tbody>
{% for row in view.rows %}
<tr>
<th scope="row">{{ row.label }}</th>
{% for cell in row.cells %}
<td class="heat" style="background-color: {{ cell.background }}; color: {{ cell.foreground }}"><span class="count">{{ cell.count }}</span> <span class="level">{{ cell.level }}</span></td>
{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>
</div>
{% endmacro %}

{% macro block(view) %}
{% if view.type == "paragraph" %}
<p>{{ view.text }}</p>
{% elif view.type == "commentary" %}
<blockquote class="commentary">
<p>{{ view.text }}</p>
{% if view.author or view.date %}
<p class="attribution">{% if view.author %}{{ view.author }}{% endif %}{% if view.author and view.date %}, {% endif %}{% if view.date %}<time datetime="{{ view.iso_date }}">{{ view.date }}</time>{% endif %}</p>
{% endif %}
</blockquote>
{% elif view.type == "keyvalues" %}
{% if view.title %}<h3>{{ view.title }}</h3>{% endif %}
<dl class="keyvalues">
{% for label, value in view["items"] %}
<div><dt>{{ label }}</dt><dd>{{ value }}</dd></div>
{% endfor %}
</dl>
{% elif view.type == "table" %}
{{ table(view) }}
{% elif view.type == "barchart" %}
{{ barchart(view) }}
{% elif view.type == "linechart" %}
{{ linechart(view) }}
{% elif view.type == "heatmap" %}
{{ heatmap(view) }}
{% endif %}
{% endmacro %}
"""

OLD_REPORT = """{% import "blocks.html.j2" as blocks %}
<!DOCTYPE html>
<html lang="{{ report.language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="goldenthread">
<title>{{ report.title }}{% if report.period_label %}, {{ report.period_label }}{% endif %} – {{ report.organisation }}</title>
<style>
{% include "report.css.j2" %}
</style>
</head>
<body class="classification-{{ report.classification }}">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="masthead">
{% if branding.logo %}
<img class="logo" src="{{ branding.logo }}" alt="{{ branding.logo_alt }}">
{% endif %}
<p class="organisation">{{ report.organisation }}</p>
{% if report.classification != "public" %}
<p class="classification">{{ report.classification | upper }}</p>
{% endif %}
</header>
<main id="main" tabindex="-1">
<h1>{{ report.title }}</h1>
{% if meta %}
<dl class="meta">
{% for label, value in meta %}
<div><dt>{{ label }}</dt><dd>{{ value }}</dd></div>
{% endfor %}
</dl>
{% endif %}
{% if sections | length > 1 %}
<nav class="contents" aria-label="Contents">
<h2 class="contents-title">Contents</h2>
<ol>
{% for section in sections %}
<li><a href="#{{ section.id }}">{{ section.title }}</a></li>
{% endfor %}
</ol>
</nav>
{% endif %}
{% for section in sections %}
<section id="{{ section.id }}" aria-labelledby="{{ section.id }}-title">
<h2 id="{{ section.id }}-title">{{ section.title }}</h2>
{% for block in section.blocks %}
{{ blocks.block(block) }}
{% endfor %}
</section>
{% endfor %}
</main>
<footer>
<p>{{ report.organisation }} · {{ report.title }}{% if report.period_label %} · {{ report.period_label }}{% endif %}</p>
</footer>
</body>
</html>
"""

REFERENCE = jinja2.Environment(
    loader=jinja2.ChoiceLoader(
        [
            jinja2.DictLoader({"blocks.html.j2": OLD_BLOCKS, "report.html.j2": OLD_REPORT}),
            jinja2.PackageLoader("goldenthread.reports", "templates"),
        ]
    ),
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


def reference_html(report: Report, branding: Branding) -> str:
    """The page as the jinja macros made it."""
    palette = branding.palette
    sections = []
    figure = 0
    for section, anchor in zip(report.sections, report.section_ids(), strict=True):
        views = []
        for block in section.blocks:
            figure += isinstance(block, BarChart | LineChart)
            views.append(_block_view(block, branding, f"figure-{figure}"))
        sections.append({"id": anchor, "title": section.title, "blocks": views})
    meta = [
        ("Period", report.period_label),
        ("As at", format_value(report.as_at) if report.as_at else None),
        ("Prepared for", report.generated_for),
        ("Produced", format_value(report.generated_at) if report.generated_at else None),
        ("Classification", report.classification.capitalize()),
    ]
    return REFERENCE.get_template("report.html.j2").render(
        report=report,
        branding=branding,
        font_family=Markup(branding.font_family),
        palette=palette,
        status_styles=palette.status_styles,
        meta=[(label, value) for label, value in meta if value],
        sections=sections,
    )


@st.composite
def sparkline_cells(draw: st.DrawFn) -> Cell:
    """A cell holding a sparkline: a small line chart, some series joined across gaps."""
    labels = draw(st.lists(texts, min_size=1, max_size=8))
    series = [
        Series(
            draw(texts),
            [(label, draw(st.none() | numbers)) for label in labels],
            joined=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    alt = draw(alts)
    chart = LineChart(draw(texts), alt, series, draw(st.sampled_from(list(ColumnKind))))
    return Cell(None, text=alt, chart=chart)


@st.composite
def trend_tables(draw: st.DrawFn) -> Table:
    """A table with a trend column of sparklines (some rows without one)."""
    table = draw(tables())
    trend = [draw(st.one_of(sparkline_cells(), st.just(Cell()))) for _ in table.rows]
    return Table(
        table.caption,
        (*table.columns, Column("trend", "Trend", ColumnKind.TREND)),
        [(*row, cell) for row, cell in zip(table.rows, trend, strict=True)],
        table.row_headers,
    )


@st.composite
def joined_line_charts(draw: st.DrawFn) -> LineChart:
    """A line chart with a forecast joined across its gaps, places and a unit."""
    chart = draw(line_charts())
    return LineChart(
        chart.title,
        chart.alt,
        [
            *chart.series,
            Series(draw(texts), [(p.label, p.value) for p in chart.series[0].points], joined=True),
        ],
        chart.kind,
        draw(st.none() | st.integers(0, 3)),
        draw(texts),
    )


NAMES = ["Rossendale Borough Council", 'Poole & <Dorset> "Council" \'s']

more_blocks = st.one_of(blocks, trend_tables(), joined_line_charts())


@settings(max_examples=150)
@given(reports, st.lists(more_blocks, max_size=4), st.sampled_from(NAMES))
def test_the_page_is_the_page_the_templates_made(
    report: Report, extra: list[Block], name: str
) -> None:
    report = Report(
        report.kind,
        report.title,
        report.organisation,
        [*report.sections, Section("More", extra)],
        report.period_label,
        report.as_at,
        report.generated_at,
        report.generated_for,
        report.classification,
    )
    branding = Branding(name)
    assert render_html(report, branding) == reference_html(report, branding)
