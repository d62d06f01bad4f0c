"""The performance and service-plan reports' pictures: a sparkline in every indicator
row, a trend chart per indicator in the performance report's appendix, and the status
summary coloured by status."""

from __future__ import annotations

import pytest

from goldenthread.framework import Framework
from goldenthread.indicators.assess import assess_all
from goldenthread.periods import parse_period
from goldenthread.reports import BarChart, LineChart, Report, Status, Table
from goldenthread.reports.builders import PerformanceReport, ServicePlanReport
from goldenthread.reports.builders.trends import sparkline, trend_chart
from goldenthread.reports.formatting import format_value
from goldenthread.reports.model import ColumnKind
from tests.reports.builders.conftest import COUNCILS, TODAY
from tests.reports.builders.helpers import column, section, tables

Q2 = parse_period("2025/26 Q2")


@pytest.fixture(scope="module", params=COUNCILS)
def council(request: pytest.FixtureRequest, frameworks: dict[str, Framework]) -> str:
    name: str = request.param
    return name


def _performance(frameworks: dict[str, Framework], council: str) -> Report:
    return PerformanceReport().build(frameworks[council], Q2, today=TODAY)


def _indicator_tables(report: Report) -> list[Table]:
    """The tables of indicators with their figures (not the benchmarking or definitions
    tables, which name indicators but show no target)."""
    return [t for t in tables(report) if {"code", "target"} <= {c.key for c in t.columns}]


def test_every_indicator_row_has_a_sparkline_with_its_text_alternative(
    frameworks: dict[str, Framework], council: str
) -> None:
    report = _performance(frameworks, council)
    found = _indicator_tables(report)
    assert len(found) >= 3
    rows = 0
    for table in found:
        keys = [c.key for c in table.columns]
        assert keys.index("trend") == keys.index("target") + 1
        assert table.columns[keys.index("trend")].kind is ColumnKind.TREND
        for cell in column(table, "trend"):
            rows += 1
            assert cell.chart is not None
            assert cell.text == cell.chart.alt
            assert cell.text.startswith("Trend over the last 8 ")
            assert len(cell.chart.labels) == 8
    assert rows >= 10


def test_the_sparkline_ends_with_the_value_the_row_shows(
    frameworks: dict[str, Framework], council: str
) -> None:
    report = _performance(frameworks, council)
    checked = 0
    for table in _indicator_tables(report):
        for value, trend in zip(column(table, "value"), column(table, "trend"), strict=True):
            assert trend.chart is not None
            assert trend.chart.labels[-1] == Q2.label or trend.chart.labels[-1].count("/") == 1
            if trend.chart.labels[-1] != Q2.label:
                continue  # an annual indicator: its years
            assert trend.chart.series[0].points[-1].value == value.value
            checked += 1
    assert checked >= 10


def test_the_appendix_has_a_trend_chart_per_indicator_from_its_assessment(
    frameworks: dict[str, Framework], council: str
) -> None:
    framework = frameworks[council]
    report = _performance(frameworks, council)
    appendix = section(report, "trends")
    assert report.sections[-1] is appendix
    charts = [b for b in appendix.blocks if isinstance(b, LineChart)]
    codes = {c.value for t in _indicator_tables(report) for c in column(t, "code")}
    assert len(charts) == len(codes)
    judged = framework.judged_on(TODAY)
    assessments = {
        a.indicator: a
        for a in assess_all(judged.indicators, Q2, rules=judged.rag_rules, as_at=TODAY)
        if a.indicator in codes
    }
    forecasts = 0
    for chart in charts:
        (code,) = [c for c in assessments if f"({c})," in chart.title]
        assessment = assessments[code]
        assert chart == trend_chart(judged.indicators, assessment, TODAY)
        names = [s.name for s in chart.series]
        if "Forecast to year end" in names:
            forecasts += 1
            outturn = assessment.forecast_seasonal or assessment.forecast
            shown = format_value(
                outturn,
                ColumnKind.PERCENT if chart.kind is ColumnKind.PERCENT else chart.kind,
                assessment.decimals,
                chart.unit,
            )
            assert f"Forecast for the year end {shown}" in chart.alt
            verdict = "meet" if assessment.forecast_meets_target else "miss"
            if assessment.forecast_meets_target is not None:
                assert f"forecast to {verdict} it" in chart.alt
    assert forecasts >= 5


def test_the_status_summary_is_coloured_by_status(
    frameworks: dict[str, Framework], council: str
) -> None:
    report = _performance(frameworks, council)
    (chart,) = [b for b in section(report, "summary").blocks if isinstance(b, BarChart)]
    terms = frameworks[council].branding.terminology
    assert all(p.status is not None for p in chart.points)
    assert [p.label for p in chart.points] == [
        terms.status(p.status.value) for p in chart.points if p.status is not None
    ]
    assert chart.points[0].status is Status.GREEN


def test_every_quarter_of_service_plan_monitoring_has_sparklines(
    frameworks: dict[str, Framework],
) -> None:
    framework = frameworks["poole"]
    report = ServicePlanReport().build(framework, Q2, today=TODAY, service="SU-ENV")
    monitoring = [b for b in section(report, "monitoring").blocks if isinstance(b, Table)]
    assert [t.caption for t in monitoring] == ["Indicators, 2025/26 Q1", "Indicators, 2025/26 Q2"]
    judged = framework.judged_on(TODAY)
    for table, quarter in zip(monitoring, ("2025/26 Q1", "2025/26 Q2"), strict=True):
        trends = column(table, "trend")
        assert trends
        for code, cell in zip(column(table, "code"), trends, strict=True):
            assert cell.chart is not None
            assert cell.chart.labels[-1] in (quarter, "2024/25")
            (assessment,) = [
                a
                for a in assess_all(
                    judged.indicators, parse_period(quarter), as_at=TODAY, forecasts=False
                )
                if a.indicator == code.value
            ]
            assert cell == sparkline(judged.indicators, assessment, TODAY)
