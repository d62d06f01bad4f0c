"""Geometry of the inline SVG charts: plain numbers a template turns into SVG.

Charts are drawn as simple, accessible SVG (no image formats, no scripts): bars and
lines whose series are told apart by marker shape and dash pattern as well as colour,
with every value also given in the figure's data table.  A bar that stands for a RAG
status carries the status's key, so the template colours it with the status's colours
(its label names the status as well).  A *sparkline* (:func:`sparkline_layout`) is a
line chart small enough for a table cell: no axes or labels, the first series (the
values) solid with its latest point marked, the others (targets) dashed; its text
alternative is the cell's text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from attrs import frozen

from goldenthread.reports.formatting import format_value
from goldenthread.reports.model import BarChart, LineChart, Series

__all__ = [
    "Bar",
    "BarLayout",
    "LineLayout",
    "Marker",
    "SeriesLayout",
    "SparklineLayout",
    "SparklineSeries",
    "Tick",
    "bar_layout",
    "line_layout",
    "nice_ticks",
    "scale",
    "sparkline_layout",
    "sparkline_segments",
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
    status: str | None = None


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


_NARROWEST_SPAN = 1e-300
"""The narrowest span :func:`nice_ticks` divides (well above the subnormal floats)."""


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering ``low`` to ``high``.

    Defined for every finite range.  An empty range is widened to one unit; a range too
    narrow to tell apart from its own ends in floating point (narrower than a billionth of
    its largest end, or subnormal) is widened to that limit, so the steps stay equal and
    ``log10`` is never asked about zero.
    """
    if high <= low:
        high = low + 1
    narrowest = max(abs(low), abs(high)) * 1e-9
    if high - low < narrowest or high - low < _NARROWEST_SPAN:
        high = low + max(narrowest, _NARROWEST_SPAN)
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
                status=None if point.status is None else point.status.value,
            )
        )
    height = int(top * 2 + len(chart.points) * (bar_height + gap))
    return BarLayout(WIDTH, height, _round(x(0.0)), top, height - top, tuple(bars))


def _number(value: float) -> Decimal:
    return Decimal(repr(round(value, 10))).normalize()


def line_layout(chart: LineChart, colours: Sequence[str]) -> LineLayout:
    """Lay out a line chart: labels along the bottom, round ticks up the side.

    Gaps (``None``) break a line into segments, except in a series that is ``joined``
    (a projection drawn straight across); each series gets its own colour (cycling
    through ``colours``), marker shape and dash pattern.  The vertical axis covers the
    values with round ticks, and reaches zero when the values come within their own span
    of it (so a percentage between 80 and 90 is not squashed flat against a zero
    baseline, while counts near zero keep it); horizontal labels are thinned so they do
    not overlap.
    """
    left, right, top, bottom, height = 80.0, WIDTH - 20.0, 20.0, 230.0, 280
    values = [float(p.value) for s in chart.series for p in s.points if p.value is not None]
    low, high = min(values, default=0.0), max(values, default=0.0)
    if low > 0 and low <= high - low:
        low = 0.0  # data near zero: show zero, as a reader expects
    elif high < 0 and -high <= high - low:
        high = 0.0
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    labels = chart.labels
    spacing = (right - left) / max(1, len(labels) - 1)

    def x(index: int) -> float:
        return left + (index * spacing if len(labels) > 1 else (right - left) / 2)

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    # about 7 pixels a character at 12px, and a gap: label every n-th so none overlap
    widest = max((len(label) for label in labels), default=1) * 7.0 + 8.0
    every = max(1, math.ceil(len(labels) / 12), math.ceil(widest / spacing))
    x_ticks = tuple(Tick(_round(x(i)), label) for i, label in enumerate(labels) if i % every == 0)
    y_ticks = tuple(
        Tick(_round(y(t)), format_value(_number(t), chart.kind, None, "")) for t in ticks
    )
    series: list[SeriesLayout] = []
    xs = [_round(x(i)) for i in range(len(labels))]
    span, rise = high - low, bottom - top  # y(value), worked out inline below
    kind, decimals, unit = chart.kind, chart.decimals, chart.unit
    for index, line in enumerate(chart.series):
        segments: list[list[str]] = [[]]
        markers: list[Marker] = []
        name = line.name
        for i, point in enumerate(line.points):
            value = point.value
            if value is None:
                if not line.joined:
                    segments.append([])
                continue
            px, py = xs[i], round(bottom - (float(value) - low) / span * rise, 1)
            segments[-1].append(f"{px},{py}")
            text = format_value(value, kind, decimals, unit)
            markers.append(Marker(px, py, f"{name}, {point.label}: {text}"))
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


@frozen
class SparklineSeries:
    """One line of a sparkline: its name, segments (gaps break the line), whether it is
    the values (``primary``) or a reference line such as the target, its latest point
    (``None`` when it has no value) and the points with a gap on either side, which no
    line joins and so are drawn as dots."""

    name: str
    primary: bool
    segments: tuple[str, ...]
    last: Marker | None
    lone: tuple[Marker, ...] = ()


@frozen
class SparklineLayout:
    """A sparkline laid out in a ``width`` × ``height`` view box."""

    width: int
    height: int
    series: tuple[SparklineSeries, ...]


SPARKLINE_WIDTH = 120
SPARKLINE_HEIGHT = 32
_SPARK_PAD = 4.0


def scale(values: Sequence[float], top: float, bottom: float) -> list[float]:
    """Vertical positions of ``values`` between ``top`` and ``bottom`` (``top`` < ``bottom``):
    the largest value at ``top``, the smallest at ``bottom``, the rest in proportion; when
    all are equal, every one is in the middle."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high - low <= max(abs(low), abs(high)) * 1e-12:
        return [(top + bottom) / 2] * len(values)
    span = high - low
    return [min(bottom, max(top, bottom - (v - low) / span * (bottom - top))) for v in values]


def sparkline_layout(chart: LineChart) -> SparklineLayout:
    """Lay out ``chart`` as a sparkline: every series on one vertical scale (so the values
    sit above or below the target line as they are), the labels evenly along the width."""
    series: list[SparklineSeries] = []
    for index, line, segments in sparkline_segments(chart):
        markers = [
            [
                Marker(
                    x,
                    y,
                    f"{line.name}, {line.points[i].label}: "
                    + format_value(line.points[i].value, chart.kind, chart.decimals, chart.unit),
                )
                for i, x, y in segment
            ]
            for segment in segments
        ]
        drawn = tuple(" ".join(f"{m.x},{m.y}" for m in s) for s in markers if len(s) > 1)
        lone = tuple(s[0] for s in markers if len(s) == 1)
        last = next((s[-1] for s in reversed(markers) if s), None)
        series.append(SparklineSeries(line.name, index == 0, drawn, last, lone))
    return SparklineLayout(SPARKLINE_WIDTH, SPARKLINE_HEIGHT, tuple(series))


def sparkline_segments(
    chart: LineChart,
) -> list[tuple[int, Series, list[list[tuple[int, float, float]]]]]:
    """The geometry of :func:`sparkline_layout`: for each series its index, the series
    and its segments (gaps break a line unless it is ``joined``), each a list of points
    ``(index of the label, x, y)``; empty segments are left out."""
    width, height, pad = SPARKLINE_WIDTH, SPARKLINE_HEIGHT, _SPARK_PAD
    labels = chart.labels
    spacing = (width - 2 * pad) / max(1, len(labels) - 1)
    present = [
        (index, i, float(p.value))
        for index, line in enumerate(chart.series)
        for i, p in enumerate(line.points)
        if p.value is not None
    ]
    ys = scale([v for _, _, v in present], pad, height - pad)
    where = {(index, i): y for (index, i, _), y in zip(present, ys, strict=True)}

    def x(i: int) -> float:
        return _round(pad + i * spacing) if len(labels) > 1 else width / 2

    result = []
    for index, line in enumerate(chart.series):
        segments: list[list[tuple[int, float, float]]] = [[]]
        for i in range(len(line.points)):
            y = where.get((index, i))
            if y is None:
                if not line.joined:
                    segments.append([])
                continue
            segments[-1].append((i, x(i), _round(y)))
        result.append((index, line, [s for s in segments if s]))
    return result
