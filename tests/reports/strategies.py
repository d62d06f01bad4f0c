"""Hypothesis strategies for whole reports, to render arbitrary ones in every format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

from hypothesis import strategies as st

from goldenthread.findings import Finding, Severity
from goldenthread.reports import (
    BarChart,
    Block,
    Cell,
    Column,
    ColumnKind,
    Commentary,
    DataPoint,
    Direction,
    Findings,
    HeatMap,
    KeyValue,
    KeyValues,
    LineChart,
    Paragraph,
    Report,
    Section,
    Series,
    Status,
    Table,
)
from goldenthread.reports.model import Value

T = TypeVar("T")

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
numbers: st.SearchStrategy[Decimal | int] = st.integers(-(10**9), 10**9) | st.decimals(
    min_value=-(10**9), max_value=10**9, allow_nan=False, places=3
)
timestamps = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
values: st.SearchStrategy[Value] = st.one_of(
    st.none(), texts, numbers, st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), timestamps
)
colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")
alts = texts.filter(lambda s: bool(s.strip()))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    kinds = draw(st.lists(st.sampled_from(list(ColumnKind)), min_size=1, max_size=4))
    columns = [
        Column(f"c{i}", draw(texts), kind, draw(st.none() | st.integers(0, 3)))
        for i, kind in enumerate(kinds)
    ]
    cells = st.builds(
        Cell,
        values,
        st.none() | texts,
        st.none() | st.sampled_from(list(Status)),
        st.none() | st.sampled_from(list(Direction)),
    )
    rows = draw(st.lists(st.lists(cells, min_size=len(columns), max_size=len(columns)), max_size=4))
    return Table(draw(texts), columns, rows, row_headers=draw(st.booleans()))


points = st.builds(DataPoint, texts, st.none() | numbers)


@st.composite
def line_charts(draw: st.DrawFn) -> LineChart:
    labels = draw(st.lists(texts, max_size=6))
    series = [
        Series(draw(texts), [(label, draw(st.none() | numbers)) for label in labels])
        for _ in range(draw(st.integers(1, 3)))
    ]
    return LineChart(
        draw(texts),
        draw(alts),
        series,
        kind=draw(st.sampled_from([ColumnKind.NUMBER, ColumnKind.PERCENT])),
    )


@st.composite
def heat_maps(draw: st.DrawFn) -> HeatMap:
    rows, columns = draw(st.integers(0, 4)), draw(st.integers(0, 4))

    def grid(strategy: st.SearchStrategy[T]) -> list[list[T]]:
        return [[draw(strategy) for _ in range(columns)] for _ in range(rows)]

    return HeatMap(
        draw(texts),
        draw(alts),
        draw(texts),
        draw(texts),
        [draw(texts) for _ in range(rows)],
        [draw(texts) for _ in range(columns)],
        grid(st.integers(0, 50)),
        grid(texts),
        grid(colours),
    )


findings = st.builds(Finding, texts, st.sampled_from(list(Severity)), st.none() | texts, texts)
blocks: st.SearchStrategy[Block] = st.one_of(
    st.builds(Paragraph, texts),
    st.builds(Commentary, texts, st.none() | texts, st.none() | st.dates()),
    st.builds(
        KeyValues, st.lists(st.builds(KeyValue, texts, values), max_size=3), st.none() | texts
    ),
    tables(),
    st.builds(Findings, st.lists(findings, max_size=3), texts),
    st.builds(BarChart, texts, alts, st.lists(points, max_size=5)),
    line_charts(),
    heat_maps(),
)

reports = st.builds(
    Report,
    kind=st.just("performance"),
    title=texts,
    organisation=texts,
    sections=st.lists(st.builds(Section, texts, st.lists(blocks, max_size=4)), max_size=3),
    period_label=st.none() | texts,
    as_at=st.none() | timestamps,
    generated_at=st.none() | timestamps,
    generated_for=st.none() | texts,
    classification=st.sampled_from(["public", "internal", "personal"]),
)
