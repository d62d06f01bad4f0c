"""Benchmarks for report rendering: a report with 1,000 indicator rows.

Run with ``pytest benchmarks/bench_reports.py --benchmark-enable -p no:cacheprovider``.
Target: a 1,000-indicator committee report renders to HTML and to XLSX in well under a
second each on one core.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.branding import default_branding
from goldenthread.reports import (
    Cell,
    Column,
    Commentary,
    Direction,
    LineChart,
    Report,
    Section,
    Series,
    Status,
    Table,
    builtin_formats,
)

STATUSES = list(Status)
DIRECTIONS = list(Direction)

INDICATORS = Table(
    "Corporate indicators, 2024/25 H1",
    [
        Column("code", "Code"),
        Column("title", "Indicator"),
        Column("value", "2024/25 H1", "number", decimals=1),
        Column("target", "Target", "number", decimals=1),
        Column("status", "Status", "status"),
        Column("direction", "Direction of travel", "direction"),
        Column("spend", "Net spend", "money"),
    ],
    [
        (
            f"PI {n}",
            f"Indicator number {n} with a realistic length of title",
            Decimal(n * 37 % 1000) / 10,
            Decimal(n * 53 % 1000) / 10,
            STATUSES[n % len(STATUSES)],
            Cell(direction=DIRECTIONS[n % len(DIRECTIONS)]),
            Decimal(n * 7919) / 100 - 2000,
        )
        for n in range(1, 1001)
    ],
)

REPORT = Report(
    kind="performance",
    title="Half-yearly performance report",
    organisation="Rossendale Borough Council (example)",
    period_label="2024/25 H1",
    generated_at=dt.datetime(2024, 11, 1, 9, 30, tzinfo=dt.UTC),
    sections=[
        Section(
            "Corporate indicators",
            [
                INDICATORS,
                Commentary("Sickness absence rose in Q2.", author="Head of People"),
                LineChart(
                    "Household waste recycled",
                    "Recycling rose over eight quarters.",
                    [Series("Actual", [(f"Q{q}", Decimal(20 + q)) for q in range(1, 9)])],
                    kind="percent",
                ),
            ],
        )
    ],
)
BRANDING = default_branding(REPORT.organisation)


@pytest.mark.parametrize("name", ["html", "xlsx", "markdown", "csv", "json"])
def test_render_1000_indicator_rows(benchmark: BenchmarkFixture, name: str) -> None:
    renderer = builtin_formats()[name]
    output = benchmark(renderer.render, REPORT, BRANDING)
    assert len(output) > 10_000
