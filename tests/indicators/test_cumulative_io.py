"""Cumulative measures at the edges: the bundle's ``profile`` column (CSV and workbook),
the example councils' BV 9 and BV 10, the command line and the data quality report."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from goldenthread.errors import BundleError
from goldenthread.findings import Finding
from goldenthread.indicators.assess import assess
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import RagStatus
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.bundle import load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.indicators import read_indicators
from goldenthread.io.tables import read_csv_text
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Month, Quarter
from goldenthread.reports.builders import DataQualityReport
from goldenthread.reports.model import Findings, Table

EXAMPLES = Path(__file__).parents[2] / "src" / "goldenthread" / "examples"
HEADER = ["code", "title", "polarity", "aggregation", "frequency", "unit", "annualise", "profile"]
GOOD = [
    ["BV 9", "Council tax collected in year", "higher", "cumulative", "monthly", "%", "", ""],
    [
        "BV 10",
        "NNDR collected in year",
        "higher",
        "running total",
        "quarterly",
        "%",
        "",
        "seasonal",
    ],
    ["LPI 20", "Rent collected", "higher", "cumulative", "quarterly", "%", "", "4;3;2;1"],
    ["NI 155", "Affordable homes", "higher", "sum", "quarterly", "homes", "", "1;2;3;4"],
    ["NI 181", "Days to process benefit claims", "lower", "ratio", "monthly", "days", "", ""],
]
BAD = [
    [
        "NI 181",
        "Days to process benefit claims",
        "lower",
        "ratio",
        "monthly",
        "days",
        "",
        "seasonal",
    ],
    [
        "LPI 06",
        "Days to license",
        "lower",
        "mean",
        "monthly",
        "days",
        "",
        "1;1;1;1;1;1;1;1;1;1;1;1",
    ],
    ["BV 12", "Sickness days per FTE", "lower", "last", "monthly", "days", "", "even"],
    ["BV 12a", "Sickness days per FTE", "lower", "sum", "quarterly", "days", "yes", "1;2;3;4"],
    ["BV 9", "Council tax collected in year", "higher", "cumulative", "monthly", "%", "", "even"],
]
REASONS = [
    "a 'ratio' indicator applies a year's target to each period unchanged",
    "a 'mean' indicator applies a year's target to each period unchanged",
    "a 'last' indicator applies a year's target to each period unchanged",
    "an annualised 'sum' indicator applies a year's target to each period unchanged",
    "a cumulative indicator's year target follows last year's cumulative shape",
]


def _csv(rows: list[list[str]]) -> str:
    return "\n".join(",".join(row) for row in [HEADER, *rows]) + "\n"


def test_cumulative_and_its_profiles_are_read() -> None:
    bv9, bv10, lpi20, ni155, ni181 = read_indicators(read_csv_text(_csv(GOOD), "indicators.csv"))
    assert bv9.aggregation is Aggregation.CUMULATIVE
    assert bv9.profile == "even"  # blank: last year's shape, else evenly
    assert bv10.aggregation is Aggregation.CUMULATIVE
    assert bv10.profile == "seasonal"
    assert lpi20.profile == (Decimal(4), Decimal(3), Decimal(2), Decimal(1))
    assert ni155.profile == (Decimal(1), Decimal(2), Decimal(3), Decimal(4))
    assert ni181.profiles is False
    assert bv9.profiles
    assert ni155.profiles


def test_a_profile_that_cannot_be_used_is_an_error_in_csv() -> None:
    with pytest.raises(BundleError) as info:
        read_indicators(read_csv_text(_csv(BAD), "indicators.csv"))
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == len(BAD)
    for row, (problem, reason) in enumerate(zip(problems, REASONS, strict=True), start=2):
        assert problem.startswith(f"indicators.csv, row {row}, column 'profile': {reason}")


def test_a_profile_that_cannot_be_used_is_an_error_in_a_workbook(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "indicators"
    for cells in [HEADER, *GOOD[3:4], *BAD]:
        sheet.append(cells)
    path = tmp_path / "bundle.xlsx"
    book.save(path)
    with pytest.raises(BundleError) as info:
        load_bundle(path)
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == len(BAD)
    for row, (problem, reason) in enumerate(zip(problems, REASONS, strict=True), start=3):
        assert f"row {row}, column 'profile': {reason}" in problem
        assert "bundle.xlsx" in problem


def test_a_definition_refuses_a_profile_it_cannot_use() -> None:
    for aggregation in (Aggregation.RATIO, Aggregation.MEAN, Aggregation.LAST, Aggregation.MAX):
        with pytest.raises(ValueError, match=r"only 'sum' .* and 'cumulative' indicators"):
            IndicatorDefinition(
                "X", "x", Polarity.HIGHER, aggregation, Frequency.QUARTERLY, profile="seasonal"
            )
    with pytest.raises(ValueError, match="an annualised 'sum' indicator"):
        IndicatorDefinition(
            "X",
            "x",
            Polarity.HIGHER,
            Aggregation.SUM,
            Frequency.QUARTERLY,
            annualise=True,
            profile=(Decimal(1),) * 4,
        )
    ok = IndicatorDefinition(
        "X", "x", Polarity.HIGHER, Aggregation.CUMULATIVE, Frequency.QUARTERLY, profile="seasonal"
    )
    assert ok.profiles


def test_a_bad_profile_is_exit_2_from_the_command_line(tmp_path: Path) -> None:
    from goldenthread.cli.assess import assess_command

    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "indicators.csv").write_text(_csv(BAD[:1]))
    result = CliRunner().invoke(assess_command, [str(folder), "--period", "2025/26 Q2"])
    assert result.exit_code == 2
    assert "indicators.csv, row 2, column 'profile'" in result.output
    assert "Traceback" not in result.output


def test_cumulative_indicators_round_trip_through_an_exported_bundle(tmp_path: Path) -> None:
    framework = load_bundle(EXAMPLES / "rossendale")
    back = load_bundle(export_bundle(framework, tmp_path / "rossendale"))
    for code in ("BV 9", "BV 10"):
        assert back.indicators.definition(code) == framework.indicators.definition(code)
        assert back.indicators.definition(code).aggregation is Aggregation.CUMULATIVE


# -- the example councils ------------------------------------------------------------------------


@pytest.mark.parametrize("council", ["rossendale", "poole"])
def test_the_examples_running_totals_are_cumulative(council: str) -> None:
    indicators = load_bundle(EXAMPLES / council).indicators
    cumulative = {
        code
        for code, d in indicators.definitions.items()
        if d.aggregation is Aggregation.CUMULATIVE
    }
    assert cumulative == {"BV 9", "BV 10"}


def test_rossendale_bv9_at_the_half_year() -> None:
    """57.27% at the end of September 2025 against the 57.00% set for Q2: green, and the
    forecast follows last year's shape (57.35% then, 95.90% at the year end) rather than
    taking 57.27% as the year's outturn, as ``last`` did."""
    indicators = load_bundle(EXAMPLES / "rossendale").indicators
    a = assess(indicators, "BV 9", HalfYear(2025, 1))
    shown = a.to_dict()
    assert shown["value"] == Decimal("57.27")
    assert shown["target"] == Decimal("57.00")
    assert a.target is not None
    assert a.target.basis == "same point"
    assert a.status is RagStatus.GREEN
    assert shown["ytd_value"] == Decimal("57.27")
    assert shown["ytd_target"] == Decimal("57.00")
    assert shown["year_target"] == Decimal("96.50")  # Q4's target: the year-end figure
    assert shown["forecast_seasonal"] == Decimal("95.77")  # 57.27 / 57.35 x 95.90
    assert shown["forecast"] == Decimal("95.77")  # by last year's shape, not the run rate 114.54
    assert shown["direction"] is None
    assert shown["direction_last_year"] == "worsening"  # 57.27 against 57.35
    bv10 = assess(indicators, "BV 10", HalfYear(2025, 1))
    assert bv10.forecast_meets_target is True  # on track by last year's shape
    assert bv10.status is RagStatus.GREEN


def test_a_bv9_with_only_an_annual_target_is_judged_by_its_profile() -> None:
    """Rossendale's BV 9 with its quarterly targets replaced by 97% for the year."""
    framework = load_bundle(EXAMPLES / "rossendale")
    source = framework.indicators
    targets = [t for code, ts in source.targets.items() for t in ts.values() if code != "BV 9"]
    from goldenthread.indicators.dataset import IndicatorSet
    from goldenthread.indicators.targets import Target

    values = [v for vs in source.recorded.values() for v in vs.values()]
    targets.append(Target("BV 9", FinancialYear(2024), Decimal("96")))
    data = IndicatorSet.build(source.definitions.values(), values, targets)
    # 2024/25 ran a little behind 2023/24's shape and ended at 95.90
    statuses = [assess(data, "BV 9", Quarter(2024, q)).status for q in (1, 2, 3, 4)]
    assert RagStatus.RED not in statuses


@pytest.mark.parametrize("council", ["rossendale", "poole"])
def test_assess_json_for_cumulative_measures(council: str) -> None:
    from goldenthread.cli.assess import assess_command

    result = CliRunner().invoke(
        assess_command,
        [str(EXAMPLES / council), "--period", "2025/26 H1", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    rows = {row["indicator"]: row for row in json.loads(result.output)}
    for code in ("BV 9", "BV 10"):
        row = rows[code]
        assert row["direction"] is None
        assert row["direction_last_year"] in ("improving", "worsening", "no change")
        assert row["ytd_value"] == row["value"]
        assert row["ytd_target"] == row["target"]
        assert row["forecast_seasonal"] is not None
        assert row["forecast_seasonal"] < 100  # last year's shape, not the run rate
    table = CliRunner().invoke(assess_command, [str(EXAMPLES / council), "--period", "2025/26 H1"])
    assert table.exit_code == 0, table.output


# -- data quality -----------------------------------------------------------------------------


def _findings(report: object) -> list[Finding]:
    from goldenthread.reports.model import Report

    assert isinstance(report, Report)
    return [
        f
        for s in report.sections
        if s.id == "validation"
        for b in s.blocks
        if isinstance(b, Findings)
        for f in b.findings
    ]


@pytest.mark.parametrize("council", ["rossendale", "poole"])
@pytest.mark.parametrize("period", [HalfYear(2025, 1), FinancialYear(2024)])
def test_the_years_restart_is_not_an_unusual_change(council: str, period: object) -> None:
    framework = load_bundle(EXAMPLES / council)
    report = DataQualityReport().build(framework, period, today=dt.date(2025, 11, 1))  # type: ignore[arg-type]
    flagged = {f.item for f in _findings(report)}
    assert "BV 9" not in flagged
    assert "BV 10" not in flagged
    # nor is it a "much-changed" reason to sample: the change is from the same point
    # last year, not from March's year-end figure
    sample = next(
        b for s in report.sections if s.id == "spot-check" for b in s.blocks if isinstance(b, Table)
    )
    for row in sample.rows:
        if row[0].value in ("BV 9", "BV 10"):
            assert "much-changed" not in str(row[3].value)


def test_a_running_total_that_falls_is_flagged() -> None:
    framework = load_bundle(EXAMPLES / "rossendale")
    source = framework.indicators
    values = [
        v
        for vs in source.recorded.values()
        for v in vs.values()
        if not (v.indicator == "BV 9" and v.period == Month(2025, 9))
    ]
    values.append(IndicatorValue.present("BV 9", Month(2025, 9), "5.72"))  # for 57.2
    from attrs import evolve

    from goldenthread.indicators.dataset import IndicatorSet

    targets = [t for ts in source.targets.values() for t in ts.values()]
    data = IndicatorSet.build(source.definitions.values(), values, targets)
    report = DataQualityReport().build(
        evolve(framework, indicators=data), HalfYear(2025, 1), today=dt.date(2025, 11, 1)
    )
    messages = [f.message for f in _findings(report) if f.item == "BV 9"]
    assert messages == [
        "BV 9 2025-09: 5.72 is below 48.50 last period, but a running total since the "
        "start of the year should not fall; please check it"
    ]
