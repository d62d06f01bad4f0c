"""Geometry of the inline SVG charts: plain numbers a template turns into SVG.

Charts are drawn as simple, accessible SVG (no image formats, no scripts): bars and
lines whose series are told apart by marker shape and dash pattern as well as colour,
with every value also given in the figure's data table.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from decimal import Decimal

from attrs import frozen

from goldenthread.reports.formatting import format_value
from goldenthread.reports.model import BarChart, LineChart

__all__ = [
    "Bar",
    "BarLayout",
    "LineLayout",
    "Marker",
    "SeriesLayout",
    "Tick",
    "bar_layout",
    "line_layout",
    "nice_ticks",
]

WIDTH = 640
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("", "8 4", "3 3", "10 3 2 3")


@frozen
class Tick:
    """A labelled position on an axis."""

    position: float
    label: str


@frozen
class Bar:
    """One bar: its row's label and value text, and its rectangle."""

    label: str
    value_text: str
    label_y: float
    x: float
    y: float
    width: float
    height: float
    text_x: float


@frozen
class BarLayout:
    """A horizontal bar chart laid out in a ``width`` × ``height`` view box."""

    width: int
    height: int
    zero_x: float
    plot_top: float
    plot_bottom: float
    bars: tuple[Bar, ...]


@frozen
class Marker:
    """A point of a line: where it is drawn and what it says."""

    x: float
    y: float
    text: str


@frozen
class SeriesLayout:
    """One series of a line chart: its colour, marker shape, dash, segments and points."""

    name: str
    colour: str
    marker: str
    dash: str
    segments: tuple[str, ...]
    markers: tuple[Marker, ...]


@frozen
class LineLayout:
    """A line chart laid out in a ``width`` × ``height`` view box."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    series: tuple[SeriesLayout, ...]


def _round(value: float) -> float:
    return round(value, 1)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering ``low`` to ``high``."""
    # A range so narrow that its step would underflow to 0 is drawn as a range of 1.
    if high - low <= sys.float_info.min * count:
        high = low + 1
    raw = (high - low) / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(first + step * len(ticks))
    return ticks


def bar_layout(chart: BarChart) -> BarLayout:
    """Lay out a horizontal bar chart: labels on the left, a bar and value per row."""
    label_width, value_width, bar_height, gap, top = 200.0, 110.0, 20.0, 8.0, 10.0
    values = [float(p.value) for p in chart.points if p.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    if high == low:
        high = low + 1
    plot_left, plot_right = label_width, WIDTH - value_width

    def x(value: float) -> float:
        return plot_left + (value - low) / (high - low) * (plot_right - plot_left)

    bars: list[Bar] = []
    for index, point in enumerate(chart.points):
        y = top + index * (bar_height + gap)
        value = 0.0 if point.value is None else float(point.value)
        left, right = sorted((x(0.0), x(value)))
        text = format_value(point.value, chart.kind, chart.decimals, chart.unit) or "no value"
        bars.append(
            Bar(
                label=point.label,
                value_text=text,
                label_y=_round(y + bar_height * 0.7),
                x=_round(left),
                y=_round(y),
                width=_round(right - left),
                height=bar_height,
                text_x=_round(right + 4),
            )
        )
    height = int(top * 2 + len(chart.points) * (bar_height + gap))
    return BarLayout(WIDTH, height, _round(x(0.0)), top, height - top, tuple(bars))


def _number(value: float) -> Decimal:
    return Decimal(repr(round(value, 10))).normalize()


def line_layout(chart: LineChart, colours: Sequence[str]) -> LineLayout:
    """Lay out a line chart: labels along the bottom, round ticks up the side.

    Gaps (``None``) break a line into segments; each series gets its own colour
    (cycling through ``colours``), marker shape and dash pattern.
    """
    left, right, top, bottom, height = 80.0, WIDTH - 20.0, 20.0, 230.0, 280
    values = [float(p.value) for s in chart.series for p in s.points if p.value is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    labels = chart.labels
    spacing = (right - left) / max(1, len(labels) - 1)

    def x(index: int) -> float:
        return left + (index * spacing if len(labels) > 1 else (right - left) / 2)

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    every = max(1, math.ceil(len(labels) / 12))
    x_ticks = tuple(Tick(_round(x(i)), label) for i, label in enumerate(labels) if i % every == 0)
    y_ticks = tuple(
        Tick(_round(y(t)), format_value(_number(t), chart.kind, None, "")) for t in ticks
    )
    series: list[SeriesLayout] = []
    for index, line in enumerate(chart.series):
        segments: list[list[str]] = [[]]
        markers: list[Marker] = []
        for i, point in enumerate(line.points):
            if point.value is None:
                segments.append([])
                continue
            px, py = _round(x(i)), _round(y(float(point.value)))
            segments[-1].append(f"{px},{py}")
            text = format_value(point.value, chart.kind, chart.decimals, chart.unit)
            markers.append(Marker(px, py, f"{line.name}, {point.label}: {text}"))
        series.append(
            SeriesLayout(
                name=line.name,
                colour=colours[index % len(colours)],
                marker=MARKERS[index % len(MARKERS)],
                dash=DASHES[index % len(DASHES)],
                segments=tuple(" ".join(s) for s in segments if s),
                markers=tuple(markers),
            )
        )
    return LineLayout(WIDTH, height, left, right, top, bottom, y_ticks, x_ticks, tuple(series))
