from __future__ import annotations

import itertools
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.reports import BarChart, LineChart, Series
from goldenthread.reports.render.charts import (
    bar_layout,
    line_layout,
    nice_ticks,
    scale,
    sparkline_layout,
    sparkline_segments,
)
from tests.reports.strategies import line_charts

values = st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, places=2)


@given(st.floats(-1e6, 1e6), st.floats(0, 1e6))
def test_nice_ticks_cover_the_range_in_equal_steps(low: float, width: float) -> None:
    ticks = nice_ticks(low, low + width)
    assert ticks[0] <= low + 1e-6
    assert ticks[-1] >= low + width - 1e-6 * max(1.0, abs(low) + width)
    steps = [b - a for a, b in itertools.pairwise(ticks)]
    scale = max(1.0, abs(ticks[0]), abs(ticks[-1]))
    assert all(math.isclose(s, steps[0], rel_tol=1e-9, abs_tol=1e-9 * scale) for s in steps)
    assert 2 <= len(ticks) <= 7


@pytest.mark.parametrize(
    ("low", "width"),
    [(0.0, 5e-324), (0.0, 1e-310), (1e6, 5e-324), (-1e6, 1e-9), (1.5, 2.2e-16), (0.0, 0.0)],
)
def test_nice_ticks_survive_ranges_narrower_than_float_resolution(low: float, width: float) -> None:
    # A width of 5e-324 raised "math domain error" on about 2 runs in 5 before the fix.
    ticks = nice_ticks(low, low + width)
    assert ticks[0] <= low
    assert ticks[-1] >= low + width
    assert 2 <= len(ticks) <= 7
    assert ticks == sorted(set(ticks))


@given(st.lists(st.one_of(st.none(), values), min_size=1, max_size=20))
def test_bars_stay_inside_the_view_box(points: list[Decimal | None]) -> None:
    chart = BarChart("B", "alt", [(f"P{i}", v) for i, v in enumerate(points)])
    layout = bar_layout(chart)
    for bar in layout.bars:
        assert bar.x >= 0
        assert bar.x + bar.width <= layout.width + 0.2
        assert bar.y >= 0
        assert bar.y + bar.height <= layout.height
    # A larger value never has a shorter bar on the same side of zero.
    positive = sorted(
        (v, b.width) for v, b in zip(points, layout.bars, strict=True) if v is not None and v >= 0
    )
    assert all(a[1] <= b[1] + 0.2 for a, b in itertools.pairwise(positive))


@given(st.lists(st.one_of(st.none(), values), min_size=1, max_size=30))
def test_line_points_stay_inside_the_plot(points: list[Decimal | None]) -> None:
    chart = LineChart("L", "alt", [Series("A", [(f"P{i}", v) for i, v in enumerate(points)])])
    layout = line_layout(chart, ["#1d4f91"])
    (series,) = layout.series
    assert len(series.markers) == sum(v is not None for v in points)
    for marker in series.markers:
        assert layout.left - 0.1 <= marker.x <= layout.right + 0.1
        assert layout.top - 0.1 <= marker.y <= layout.bottom + 0.1
    assert len(layout.x_ticks) <= 12


def test_nice_ticks_cover_a_range_narrower_than_any_step() -> None:
    # 5e-324 / 4 underflows to 0, whose logarithm raised a math domain error.
    ticks = nice_ticks(0.0, 5e-324)
    assert ticks[0] <= 0.0 < 5e-324 <= ticks[-1]


@given(st.lists(st.floats(-1e9, 1e9), min_size=1, max_size=30))
def test_scale_keeps_order_and_stays_between_top_and_bottom(numbers: list[float]) -> None:
    ys = scale(numbers, 4.0, 28.0)
    assert len(ys) == len(numbers)
    assert all(4.0 <= y <= 28.0 for y in ys)
    for (a, ya), (b, yb) in itertools.combinations(zip(numbers, ys, strict=True), 2):
        if a < b:
            assert ya >= yb  # a larger value is never drawn lower
        if a == b:
            assert ya == yb
    low, high = min(numbers), max(numbers)
    if high - low > max(abs(low), abs(high)) * 1e-12:
        # a range wider than float noise spans the whole height
        assert math.isclose(min(ys), 4.0)
        assert math.isclose(max(ys), 28.0)
    else:
        assert set(ys) == {16.0}


def test_scale_puts_equal_values_in_the_middle() -> None:
    assert scale([5.0, 5.0], 4.0, 28.0) == [16.0, 16.0]
    assert scale([], 4.0, 28.0) == []


@given(
    st.lists(st.one_of(st.none(), values), min_size=1, max_size=12),
    st.one_of(st.none(), values),
)
def test_sparkline_points_stay_inside_the_cell(
    points: list[Decimal | None], target: Decimal | None
) -> None:
    labels = [f"P{i}" for i in range(len(points))]
    chart = LineChart(
        "S",
        "alt",
        [
            Series("Value", list(zip(labels, points, strict=True))),
            Series("Target", [(label, target) for label in labels]),
        ],
    )
    layout = sparkline_layout(chart)
    value, reference = layout.series
    assert value.primary
    assert not reference.primary
    drawn = [
        tuple(map(float, p.split(",")))
        for s in layout.series
        for segment in s.segments
        for p in segment.split()
    ]
    drawn += [(m.x, m.y) for s in layout.series for m in s.lone]
    assert all(0 <= x <= layout.width and 0 <= y <= layout.height for x, y in drawn)
    # every value is drawn once: in a line or as a lone dot
    in_lines = sum(len(segment.split()) for segment in value.segments)
    assert in_lines + len(value.lone) == sum(p is not None for p in points)
    latest = next((i for i in reversed(range(len(points))) if points[i] is not None), None)
    if latest is None:
        assert value.last is None
    else:
        assert value.last is not None
        assert value.last.text.startswith(f"Value, P{latest}: ")


def test_a_joined_series_runs_across_its_gaps_and_others_break() -> None:
    labels = ["A", "B", "C", "D"]
    chart = LineChart(
        "L",
        "alt",
        [
            Series("Values", list(zip(labels, [1, None, 3, 4], strict=True))),
            Series("Forecast", list(zip(labels, [1, None, None, 4], strict=True)), joined=True),
        ],
    )
    values, forecast = line_layout(chart, ["#1d4f91"]).series
    assert [len(s.split()) for s in values.segments] == [1, 2]
    assert [len(s.split()) for s in forecast.segments] == [2]
    spark_values, spark_forecast = sparkline_layout(chart).series
    assert len(spark_values.lone) == 1
    assert [len(s.split()) for s in spark_forecast.segments] == [2]


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=24))
def test_line_chart_labels_leave_room_for_each_other(labels: list[str]) -> None:
    unique = list(dict.fromkeys(labels))
    chart = LineChart("L", "alt", [Series("A", [(label, 1) for label in unique])])
    layout = line_layout(chart, ["#1d4f91"])
    widest = max(len(label) for label in unique) * 7.0
    assert all(b.position - a.position >= widest for a, b in itertools.pairwise(layout.x_ticks))
    assert layout.x_ticks[0].label == unique[0]


@pytest.mark.parametrize(
    ("numbers", "zero"),
    [([80, 90], False), ([5, 20], True), ([0, 3], True), ([-90, -80], False), ([-20, -5], True)],
)
def test_the_value_axis_reaches_zero_only_near_it(numbers: list[int], zero: bool) -> None:
    chart = LineChart("L", "alt", [Series("A", [(f"P{i}", n) for i, n in enumerate(numbers)])])
    ticks = [t.label for t in line_layout(chart, ["#1d4f91"]).y_ticks]
    assert ("0" in ticks) is zero


@given(line_charts())
def test_a_sparkline_layout_is_its_segments_with_their_texts(chart: LineChart) -> None:
    layout = sparkline_layout(chart)
    geometry = sparkline_segments(chart)
    assert [s.name for s in layout.series] == [line.name for _, line, _ in geometry]
    for drawn, (index, line, segments) in zip(layout.series, geometry, strict=True):
        assert drawn.primary == (index == 0)
        assert drawn.segments == tuple(
            " ".join(f"{x},{y}" for _, x, y in s) for s in segments if len(s) > 1
        )
        assert [(m.x, m.y) for m in drawn.lone] == [
            (s[0][1], s[0][2]) for s in segments if len(s) == 1
        ]
        if segments:
            i, x, y = segments[-1][-1]
            assert drawn.last is not None
            assert (drawn.last.x, drawn.last.y) == (x, y)
            assert drawn.last.text.startswith(f"{line.name}, {line.points[i].label}: ")
        else:
            assert drawn.last is None
