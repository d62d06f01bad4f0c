"""Sparklines and trend charts of indicators: figures from the indicators' own calculations,
and text alternatives that say what the charts show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.indicators.assess import Assessment, assess
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.periods import FinancialYear, Frequency, Month, Quarter
from goldenthread.reports.builders.trends import (
    sparkline,
    trend_appendix,
    trend_chart,
    trend_window,
    with_trends,
)
from goldenthread.reports.model import Cell, Column, ColumnKind, LineChart, Table

DAY = dt.date(2025, 11, 1)

VISITS = IndicatorDefinition(
    "V1", "Leisure visits", Polarity.HIGHER, Aggregation.SUM, Frequency.QUARTERLY, "visits"
)
WAIT = IndicatorDefinition(
    "W1",
    "Days to process a claim",
    Polarity.LOWER,
    Aggregation.LAST,
    Frequency.MONTHLY,
    "days",
    1,
)
RATE = IndicatorDefinition(
    "R1",
    "Share of calls answered",
    Polarity.HIGHER,
    Aggregation.RATIO,
    Frequency.QUARTERLY,
    "%",
    1,
    factor=Decimal(100),
)
SURVEY = IndicatorDefinition(
    "S1", "Residents satisfied", Polarity.HIGHER, Aggregation.LAST, Frequency.ANNUAL, "%", 0
)
QUARTERS = [Quarter(year, q) for year in (2023, 2024, 2025) for q in (1, 2, 3, 4)][:10]
"""2023/24 Q1 to 2025/26 Q2."""


def _dataset() -> IndicatorSet:
    values = [
        IndicatorValue.present("V1", quarter, Decimal(90 + 2 * i))
        for i, quarter in enumerate(QUARTERS)
    ]
    # one quarter of R1 missing (2024/25 Q2), the others 80% then 90%
    values += [
        IndicatorValue.counts("R1", quarter, 8 if i < 6 else 9, 10)
        for i, quarter in enumerate(QUARTERS)
        if i != 5
    ]
    months = [m for year in (2024, 2025) for m in FinancialYear(year).month_periods()]
    values += [
        IndicatorValue.present("W1", m, Decimal(10) - Decimal("0.1") * i)
        for i, m in enumerate(months)
        if m.end <= dt.date(2025, 9, 30)
    ]
    values += [
        IndicatorValue.present("S1", FinancialYear(year), Decimal(60 + year - 2019))
        for year in range(2019, 2025)
    ]
    targets = [
        Target("V1", FinancialYear(2023), Decimal(400)),
        Target("V1", FinancialYear(2024), Decimal(400)),
        Target("V1", FinancialYear(2025), Decimal(420)),
        Target("R1", FinancialYear(2023), Decimal(85)),
        Target("R1", FinancialYear(2024), Decimal(85)),
        Target("R1", FinancialYear(2025), Decimal(85)),
        Target("W1", FinancialYear(2024), Decimal(9)),
        Target("W1", FinancialYear(2025), Decimal(8)),
        Target("S1", FinancialYear(2024), Decimal(64)),
    ]
    return IndicatorSet.build([VISITS, WAIT, RATE, SURVEY], values, targets)


DATA = _dataset()


REPORTED = Quarter(2025, 2)


def _assessed(code: str, period: Quarter | Month = REPORTED) -> Assessment:
    return assess(DATA, code, period, as_at=DAY)


def _chart(cell: Cell) -> LineChart:
    assert cell.chart is not None
    return cell.chart


def test_a_sparkline_shows_the_last_eight_quarters_with_the_target() -> None:
    cell = sparkline(DATA, _assessed("V1"), DAY)
    chart = _chart(cell)
    assert chart.labels == tuple(q.label for q in QUARTERS[2:])
    assert [s.name for s in chart.series] == ["Value", "Target"]
    assert [p.value for p in chart.series[0].points] == [94, 96, 98, 100, 102, 104, 106, 108]
    # a year's target of 400 (then 420) spread evenly over its quarters
    assert [p.value for p in chart.series[1].points] == [100] * 6 + [105] * 2
    assert (
        cell.text
        == chart.alt
        == (
            "Trend over the last 8 quarters: from 94 visits in 2023/24 Q3 to 108 visits in "
            "2025/26 Q2; target 105 visits; met the target in the last 5."
        )
    )


def test_a_sparkline_counts_its_gaps_and_judges_by_polarity() -> None:
    cell = sparkline(DATA, _assessed("R1"), DAY)
    values = [p.value for p in _chart(cell).series[0].points]
    assert values == [
        Decimal("80.0"), Decimal("80.0"), Decimal("80.0"), None,
        Decimal("90.0"), Decimal("90.0"), Decimal("90.0"), Decimal("90.0"),
    ]  # fmt: skip
    assert cell.text == (
        "Trend over the last 8 quarters: from 80.0% in 2023/24 Q3 to 90.0% in 2025/26 Q2; "
        "values for 7 of the 8; target 85.0%; met the target in the last 4."
    )


def test_a_lower_is_better_sparkline_of_months() -> None:
    cell = sparkline(DATA, _assessed("W1", Month(2025, 9)), DAY)
    chart = _chart(cell)
    assert chart.labels[0] == "2025-02"
    assert chart.labels[-1] == "2025-09"
    # 10.0 falling by 0.1 a month from April 2024: 9.0 in February 2025, 8.3 in
    # September; February and March meet 2024/25's 9, the six months since miss 2025/26's 8
    assert cell.text == (
        "Trend over the last 8 months: from 9.0 days in 2025-02 to 8.3 days in 2025-09; "
        "target 8.0 days; missed the target in the last 6."
    )


def test_an_annual_indicator_in_a_quarterly_report_shows_its_years() -> None:
    window = trend_window(Frequency.ANNUAL, Quarter(2025, 2), 3)
    assert window == (FinancialYear(2022), FinancialYear(2023), FinancialYear(2024))
    cell = sparkline(DATA, _assessed("S1"), DAY)
    assert cell.text == (
        "Trend over the last 8 years: from 60% in 2019/20 to 65% in 2024/25; "
        "values for 6 of the 8; target 64%; met the target in the latest year."
    )


def test_a_sparkline_with_no_values_says_so() -> None:
    cell = sparkline(DATA, _assessed("W1", Month(2023, 6)), DAY)
    assert cell.text == "Trend over the last 8 months: no values."


def test_a_trend_window_needs_a_period() -> None:
    with pytest.raises(ValueError, match="at least one period"):
        trend_window(Frequency.MONTHLY, Month(2025, 1), 0)


def test_the_trend_chart_is_the_year_to_date_against_the_profiled_target() -> None:
    assessment = _assessed("V1")
    chart = trend_chart(DATA, assessment, DAY)
    assert chart.labels == ("2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4")
    series = {s.name: [p.value for p in s.points] for s in chart.series}
    assert series["Year to date"] == [106, 214, None, None]
    assert series["Target to date"] == [105, 210, 315, 420]
    assert series["Last year to date"] == [98, 198, 300, 404]
    # the assessment's own forecast (seasonal: last year's shape), from the latest point
    outturn = assessment.forecast_seasonal
    assert outturn is not None
    shown = outturn.quantize(Decimal(1))
    assert series["Forecast to year end"] == [None, 214, None, shown]
    assert assessment.forecast_meets_target is True
    assert chart.alt == (
        "2025/26 year to date, to 2025/26 Q2: 214 visits; target to date 210 visits; met; "
        f"at the same point last year 198 visits. Forecast for the year end {shown} visits; "
        "the year's target 420 visits; forecast to meet it."
    )


def test_the_trend_chart_at_the_year_end_has_no_forecast() -> None:
    assessment = _assessed("V1", Quarter(2024, 4))
    chart = trend_chart(DATA, assessment, DAY)
    assert "Forecast to year end" not in [s.name for s in chart.series]
    assert chart.alt.endswith("The year is over.")
    assert "404 visits" in chart.alt


def test_an_annual_indicator_charts_its_last_six_years() -> None:
    chart = trend_chart(DATA, _assessed("S1"), DAY)
    assert chart.labels == tuple(FinancialYear(y).label for y in range(2019, 2025))
    assert [p.value for p in chart.series[0].points] == [60, 61, 62, 63, 64, 65]
    assert "from 60% in 2019/20 to 65% in 2024/25" in chart.alt


def test_the_appendix_has_a_chart_per_indicator_or_says_there_are_none() -> None:
    assessments = [_assessed(code) for code in ("V1", "R1")]
    appendix = trend_appendix(DATA, assessments, DAY)
    charts = [b for b in appendix.blocks if isinstance(b, LineChart)]
    assert [c.title.split(" (")[1][:2] for c in charts] == ["V1", "R1"]
    empty = trend_appendix(DATA, [], DAY)
    assert not any(isinstance(b, LineChart) for b in empty.blocks)


def _table() -> Table:
    return Table(
        "Indicators",
        (
            Column("indicator", "Indicator"),
            Column("code", "Code"),
            Column("target", "Target", ColumnKind.NUMBER),
            Column("status", "Status"),
        ),
        [("Leisure visits", "V1", 105, "green"), ("Unknown", "X9", None, "")],
    )


def test_with_trends_adds_a_trend_column_after_the_target() -> None:
    cell = sparkline(DATA, _assessed("V1"), DAY)
    table = with_trends(_table(), {"V1": cell})
    assert [c.key for c in table.columns] == ["indicator", "code", "target", "trend", "status"]
    assert table.columns[3].kind is ColumnKind.TREND
    assert table.rows[0][3] == cell
    assert table.rows[1][3].chart is None  # no sparkline for that code
    at_end = with_trends(_table(), {"V1": cell}, after="nowhere")
    assert at_end.columns[-1].key == "trend"


def test_with_trends_needs_a_code_column() -> None:
    table = Table("T", (Column("indicator", "Indicator"),), [("x",)])
    with pytest.raises(ValueError, match="no code column"):
        with_trends(table, {})


def test_a_chart_in_a_cell_needs_its_text_alternative() -> None:
    chart = _chart(sparkline(DATA, _assessed("V1"), DAY))
    with pytest.raises(ValueError, match="needs its text alternative"):
        Cell(chart=chart)
    with pytest.raises(ValueError, match="needs its text alternative"):
        Cell(text="  ", chart=chart)


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 200)), min_size=8, max_size=8),
    st.integers(0, 200),
    st.sampled_from([Polarity.HIGHER, Polarity.LOWER]),
)
def test_a_sparklines_words_match_its_figures(
    figures: list[int | None], target: int, polarity: Polarity
) -> None:
    definition = IndicatorDefinition(
        "P1", "Property", polarity, Aggregation.LAST, Frequency.QUARTERLY, "visits"
    )
    quarters = [Quarter(2024, 1).shift(i) for i in range(8)]
    dataset = IndicatorSet.build(
        [definition],
        [
            IndicatorValue.present("P1", q, Decimal(v))
            for q, v in zip(quarters, figures, strict=True)
            if v is not None
        ],
        [Target("P1", q, Decimal(target)) for q in quarters],
    )
    day = dt.date(2026, 6, 1)
    text = sparkline(dataset, assess(dataset, "P1", quarters[-1], as_at=day), day).text
    assert text is not None
    present = [(q.label, v) for q, v in zip(quarters, figures, strict=True) if v is not None]
    if not present:
        assert text == "Trend over the last 8 quarters: no values."
        return
    (first_label, first), (last_label, last) = present[0], present[-1]
    if len(present) == 1:
        assert f"one value, {last} visits in {last_label};" in text
    else:
        assert f"from {first} visits in {first_label} to {last} visits in {last_label};" in text
    assert f"; target {target} visits;" in text

    def met(v: int) -> bool:
        return v >= target if polarity is Polarity.HIGHER else v <= target

    latest = max(i for i, v in enumerate(figures) if v is not None)
    run = 0
    for v in reversed(figures[: latest + 1]):
        if v is None or met(v) is not met(last):
            break
        run += 1
    verb = "met the target" if met(last) else "missed the target"
    words = {1: "in the latest quarter", 8: "in all 8"}.get(run, f"in the last {run}")
    assert text.endswith(f"; {verb} {words}.")


def test_a_trend_chart_without_a_latest_figure_gives_the_last_there_is() -> None:
    # R1 has no figure for 2024/25 Q2, so no year to date from then to the year end
    chart = trend_chart(DATA, _assessed("R1", Quarter(2024, 3)), DAY)
    values = [p.value for p in chart.series[0].points]
    assert values == [Decimal("80.0"), None, None, None]
    assert chart.alt.startswith(
        "2024/25 year to date, to 2024/25 Q3: no value (the latest, to 2024/25 Q1, 80.0%); "
        "target to date 85.0%; at the same point last year 80.0%."
    )
