"""Sparklines and status-coloured bars in every format: drawn in HTML with their text
alternatives as accessible names, shown as their text alternative or data elsewhere."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import attrs
import openpyxl

from goldenthread.branding import Palette, StatusStyle, default_branding
from goldenthread.reports.model import (
    BarChart,
    Cell,
    Column,
    ColumnKind,
    DataPoint,
    LineChart,
    Report,
    Section,
    Series,
    Status,
    Table,
)
from goldenthread.reports.render import (
    render_csv,
    render_html,
    render_json,
    render_markdown,
    render_xlsx,
)
from tests.reports.htmlcheck import Element, parse

ALT = "Trend over the last 4 quarters: from 80.0% in Q1 to 90.0% in Q4; target 85.0%."
LABELS = ["Q1", "Q2", "Q3", "Q4"]
VALUES = [Decimal("80.0"), None, Decimal("88.0"), Decimal("90.0")]
SPARK = LineChart(
    "Calls answered: trend",
    ALT,
    [
        Series("Value", list(zip(LABELS, VALUES, strict=True))),
        Series("Target", [(label, Decimal(85)) for label in LABELS]),
    ],
    ColumnKind.PERCENT,
    1,
)
BARS = BarChart(
    "Indicators by status",
    "Of 5 indicators: 3 Green, 2 Red.",
    [DataPoint("Green", 3, Status.GREEN), DataPoint("Red", 2, "red"), DataPoint("Other", 0)],
)


def _report() -> Report:
    table = Table(
        "Indicators",
        (
            Column("indicator", "Indicator"),
            Column("code", "Code"),
            Column("trend", "Trend", ColumnKind.TREND),
        ),
        [("Calls answered", "C1", Cell(text=ALT, chart=SPARK))],
    )
    return Report("performance", "Report", "Council", [Section("Indicators", [table, BARS])])


BRANDING = default_branding("Council")


def _svgs(root: Element, cls: str) -> list[Element]:
    return [e for e in root.iter("svg") if cls in (e.attrs.get("class") or "").split()]


def test_a_sparkline_is_an_image_named_by_its_text_alternative() -> None:
    root = parse(render_html(_report(), BRANDING))
    (svg,) = _svgs(root, "sparkline")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-label"] == ALT
    value, target = svg.iter("g")
    assert value.attrs["class"] == "spark-value"
    # the gap after Q1 leaves Q1 alone as a dot; Q3 and Q4 are joined by a line
    (line,) = value.iter("polyline")
    assert len((line.attrs["points"] or "").split()) == 2
    dots = value.iter("circle")
    assert len(dots) == 2  # the lone Q1 and the latest value
    (target_line,) = target.iter("polyline")
    assert len((target_line.attrs["points"] or "").split()) == 4
    # the target is flat and the values sit below it, then above: 80 lowest, 90 highest
    ys = {float(p.split(",")[1]) for p in (target_line.attrs["points"] or "").split()}
    assert len(ys) == 1
    lone_y = float(dots[0].attrs["cy"] or 0)
    latest_y = float(dots[1].attrs["cy"] or 0)
    assert latest_y < ys.pop() < lone_y


def test_status_bars_are_filled_with_the_brandings_status_colours_and_named() -> None:
    palette = Palette(status_styles={"red": StatusStyle("#ffffff", "#8a1538")})
    html = render_html(_report(), attrs.evolve(BRANDING, palette=palette))
    root = parse(html)
    (chart,) = [e for e in root.iter("svg") if e.attrs.get("aria-labelledby")]
    rects = [r for r in chart.iter("rect") if "bar" in (r.attrs.get("class") or "").split()]
    assert [r.attrs["class"] for r in rects] == [
        "bar bar-status bar-green",
        "bar bar-status bar-red",
        "bar",
    ]
    # never colour alone: each status bar is labelled with its symbol and name
    labels = [t.all_text() for t in chart.iter("text") if t.attrs.get("class") == "label"]
    assert labels == ["● Green", "■ Red", "Other"]
    assert ".chart .bar-red { fill: #8a1538; }" in html
    assert ".chart .bar-status { stroke: var(--text)" in html


def test_markdown_shows_the_text_alternative_in_the_cell() -> None:
    text = render_markdown(_report(), BRANDING)
    assert f"| Calls answered | C1 | {ALT} |" in text
    assert "<svg" not in text


def test_csv_shows_the_text_alternative() -> None:
    text = render_csv(_report(), BRANDING)
    assert ALT in text
    assert "<svg" not in text


def test_xlsx_shows_the_text_alternative_as_the_cell() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(_report(), BRANDING)))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert ALT in cells


def test_json_keeps_the_sparklines_data_and_text() -> None:
    document = json.loads(render_json(_report(), BRANDING))
    table, bars = document["report"]["sections"][0]["blocks"]
    cell = table["rows"][0][2]
    assert cell["text"] == ALT
    assert [p["value"] for p in cell["chart"]["series"][0]["points"]] == [
        "80.0",
        None,
        "88.0",
        "90.0",
    ]
    # a point standing for a status says which; one that does not has no status key
    assert [p.get("status", "-") for p in bars["points"]] == ["green", "red", "-"]
    assert "chart" not in table["rows"][0][0]
