"""The data quality report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.framework import Framework
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.polarity import Polarity
from goldenthread.periods import FinancialYear, Frequency, HalfYear, Quarter, parse_period
from goldenthread.reports import Findings, Report, Table
from goldenthread.reports.builders import DataQualityReport
from goldenthread.reports.builders.data_quality import expected_returns, validation_rule
from tests.reports.builders.conftest import TODAY
from tests.reports.builders.helpers import rows_by, section

H1 = parse_period("2025/26 H1")


@pytest.fixture(scope="module")
def poole(frameworks: dict[str, Framework]) -> Report:
    return DataQualityReport().build(frameworks["poole"], H1, today=TODAY)


def _table(report: Report, section_id: str) -> Table:
    return next(b for b in section(report, section_id).blocks if isinstance(b, Table))


def test_sections(poole: Report) -> None:
    assert poole.section_ids() == ("summary", "validation", "returns", "spot-check")


def test_missing_returns_are_listed_with_days_overdue(poole: Report) -> None:
    table = _table(poole, "returns")
    rows = {(r[0].value, r[1].value): r for r in table.rows}
    row = rows[("NI 157a", "2025-09")]
    assert row[5].value == "missing"
    # due 14 Oct 2025 by the performance-indicators arrangement's rule (10 working days
    # after period end), not 15 calendar days: 18 days before 1 Nov 2025
    assert row[3].value == dt.date(2025, 10, 14)
    assert row[6].value == 18
    assert ("NI 59", "2025-08") in rows


def test_validation_findings_flag_unusual_changes(poole: Report) -> None:
    found = next(b for b in section(poole, "validation").blocks if isinstance(b, Findings))
    assert {f.code for f in found.findings} <= {
        "unusual-change",
        "out-of-range",
        "numerator-exceeds-denominator",
    }
    assert any(f.item == "POOLE LIB" for f in found.findings)


def test_the_spot_check_follows_the_councils_settings(
    frameworks: dict[str, Framework], poole: Report
) -> None:
    sample = _table(poole, "spot-check")
    assert len(sample.rows) == 12  # [spot_check] size = 12 in the Poole example
    rossendale = DataQualityReport().build(frameworks["rossendale"], H1, today=TODAY)
    assert len(_table(rossendale, "spot-check").rows) == 10
    outcomes = rows_by(sample, "indicator")
    assert outcomes["NI 191"]["outcome"].value == "not yet checked"


def test_the_sample_is_reproducible(frameworks: dict[str, Framework], poole: Report) -> None:
    again = DataQualityReport().build(frameworks["poole"], H1, today=TODAY)
    assert _table(again, "spot-check") == _table(poole, "spot-check")


def test_statutory_government_returns_are_weighted(poole: Report) -> None:
    rows = rows_by(_table(poole, "spot-check"), "indicator")
    assert "statutory" in str(rows["NI 157a"]["reasons"].value)
    assert "government-return" in str(rows["NI 157a"]["reasons"].value)


def test_internal_indicators_stay_out_of_a_public_version(
    frameworks: dict[str, Framework],
) -> None:
    report = DataQualityReport().build(
        frameworks["poole"], H1, today=TODAY, classification="public"
    )
    shown = {r[0].value for r in _table(report, "returns").rows}
    shown |= {r[0].value for r in _table(report, "spot-check").rows}
    assert "BV 12" not in shown


def _definition(frequency: Frequency, unit: str = "%") -> IndicatorDefinition:
    return IndicatorDefinition(
        "X 1",
        "Example",
        Polarity.HIGHER,
        Aggregation.RATIO,
        frequency,
        unit=unit,
        factor=Decimal(100),
    )


@given(
    frequency=st.sampled_from(list(Frequency)),
    period=st.sampled_from(
        [FinancialYear(2024), HalfYear(2024, 2), Quarter(2025, 1), parse_period("2024-09")]
    ),
    days=st.integers(0, 60),
)
def test_one_return_per_collection_period(
    frequency: Frequency, period: FinancialYear, days: int
) -> None:
    expected = expected_returns([_definition(frequency)], period, days)
    if frequency.months > period.months:
        assert expected == []
    else:
        assert len(expected) == period.months // frequency.months
        for item in expected:
            assert (item.due - item.period.end).days == days
            assert period.start <= item.period.start
            assert item.period.end <= period.end


def test_percentages_are_bounded_and_ratios_checked() -> None:
    rule = validation_rule(_definition(Frequency.MONTHLY), Decimal(50))
    assert (rule.minimum, rule.maximum, rule.proportion) == (Decimal(0), Decimal(100), True)
    count = validation_rule(_definition(Frequency.MONTHLY, unit="homes"), Decimal(50))
    assert (count.minimum, count.maximum, count.proportion) == (None, None, False)


def test_recorded_spot_check_outcomes_are_shown(poole: Report) -> None:
    rows = rows_by(_table(poole, "spot-check"), "indicator")
    assert rows["NI 157a"]["outcome"].value == "verified"
    assert rows["BV 9"]["outcome"].value == "qualified"
    assert rows["NI 62"]["outcome"].value == "amended"
    # NI 181 was checked for 2024/25, which does not count for a 2025/26 report
    assert rows["NI 181"]["outcome"].value == "not yet checked"
    found = next(b for b in section(poole, "spot-check").blocks if isinstance(b, Findings))
    by_item = {f.item: f for f in found.findings}
    assert by_item["NI 62"].code == "spot-check-amended"
    assert by_item["NI 62"].message.startswith(
        "NI 62 was amended after a check by Internal Audit (SWAP) on 2025-10-16: "
    )
    assert by_item["NI 181"].code == "spot-check-outstanding"
    assert "NI 157a" not in by_item
    assert "BV 9" not in by_item


def test_checks_recorded_after_the_report_day_do_not_count(
    frameworks: dict[str, Framework],
) -> None:
    early = DataQualityReport().build(frameworks["poole"], H1, today=dt.date(2025, 10, 14))
    outcomes = {r[0].value: r[4].value for r in _table(early, "spot-check").rows}
    assert outcomes["NI 157a"] == "verified"  # checked on the report's day: it counts
    assert outcomes["BV 9"] == "not yet checked"  # checked the day after
    assert set(outcomes.values()) == {"verified", "not yet checked"}
