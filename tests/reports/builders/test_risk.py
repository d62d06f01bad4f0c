"""The risk register report."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.framework import Framework
from goldenthread.periods import Frequency, Period, period_containing
from goldenthread.reports import HeatMap, Paragraph, Report, Table
from goldenthread.reports.builders import RiskReport
from goldenthread.reports.builders.risk import changes_between, heat_map_figure
from goldenthread.risk.assessment import assess_register
from goldenthread.risk.register import Assessment
from goldenthread.risk.trends import Review
from tests.reports.builders.helpers import column, section


def _quarter_of_latest_review(framework: Framework) -> Period:
    latest = max(r.reviewed_on for r in framework.risk_reviews)
    return period_containing(latest, Frequency.QUARTERLY, framework.year_start_month)


@pytest.fixture(scope="module")
def report(frameworks: dict[str, Framework]) -> Report:
    framework = frameworks["rossendale"]
    # judged on the day of the latest review: every review has happened by then
    latest = max(r.reviewed_on for r in framework.risk_reviews)
    return RiskReport().build(framework, _quarter_of_latest_review(framework), today=latest)


def _table(report: Report, section_id: str, index: int = 0) -> Table:
    return [b for b in section(report, section_id).blocks if isinstance(b, Table)][index]


def test_sections(report: Report) -> None:
    assert report.section_ids() == (
        "summary",
        "heat-maps",
        "register",
        "descriptions",
        "controls",
        "outside-appetite",
        "escalations",
        "changes",
        "overdue",
        "consistency",
    )
    assert report.classification == "internal"


def test_heat_maps_count_every_open_rated_risk(
    frameworks: dict[str, Framework], report: Report
) -> None:
    framework = frameworks["rossendale"]
    open_risks = [r for r in framework.risks if r.is_open]
    maps = [b for b in section(report, "heat-maps").blocks if isinstance(b, HeatMap)]
    assert [m.title for m in maps] == ["Inherent risk heat map", "Current risk heat map"]
    for figure, tier in zip(maps, ("inherent", "current"), strict=True):
        rated = [r for r in open_risks if getattr(r, tier) is not None]
        assert sum(sum(row) for row in figure.counts) == len(rated)
        assert figure.row_labels[0].startswith("5 ")  # highest likelihood first
        assert figure.column_labels[0].startswith("1 ")


def test_a_risk_sits_in_its_cell(frameworks: dict[str, Framework]) -> None:
    framework = frameworks["rossendale"]
    cr01 = [r for r in framework.risks if r.id == "CR01"]
    figure = heat_map_figure(
        assess_register(cr01, framework.risk_settings), framework.risk_settings.matrix, "current"
    )
    # CR01 is currently likelihood 4, impact 4: the second row from the top, fourth column.
    assert figure.counts[1][3] == 1
    assert sum(sum(row) for row in figure.counts) == 1
    assert figure.levels[1][3] == "High"
    assert "1 at likelihood 4, impact 4 (High)" in figure.alt


def test_outside_appetite_lists_exactly_those_risks(
    frameworks: dict[str, Framework], report: Report
) -> None:
    framework = frameworks["rossendale"]
    scored = assess_register([r for r in framework.risks if r.is_open], framework.risk_settings)
    expected = {s.risk.id for s in scored if s.within_appetite is False}
    listed = {c.value for c in column(_table(report, "outside-appetite"), "id")}
    assert listed == expected
    assert "CR01" in listed


def test_escalations_name_rule_and_audience(report: Report) -> None:
    table = _table(report, "escalations")
    assert table.rows
    assert "corporate-high-to-cabinet" in {c.value for c in column(table, "rule")}


def test_changes_since_last_quarter(frameworks: dict[str, Framework], report: Report) -> None:
    framework = frameworks["rossendale"]
    period = _quarter_of_latest_review(framework)
    expected = changes_between(
        framework.risk_reviews, period.previous().end, period.end, framework.risk_settings.matrix
    )
    table = _table(report, "changes")
    assert [c.value for c in column(table, "id")] == [c.risk for c in expected]
    kinds = {c.value for c in column(table, "change")}
    assert kinds <= {"new", "higher", "lower", "closed"}


def test_cr01_fell_between_its_first_two_reviews(frameworks: dict[str, Framework]) -> None:
    # CR01's first two reviews rate it 5 x 4 (20, High) and then 4 x 4 (16, High).
    framework = frameworks["rossendale"]
    first, second = sorted(
        (r for r in framework.risk_reviews if r.risk == "CR01"), key=lambda r: r.reviewed_on
    )[:2]
    changes = changes_between(
        framework.risk_reviews,
        first.reviewed_on,
        second.reviewed_on,
        framework.risk_settings.matrix,
    )
    cr01 = [c for c in changes if c.risk == "CR01"]
    assert [c.change for c in cr01] == ["lower"]
    assert cr01[0].before is not None
    assert cr01[0].before.score == 20
    assert cr01[0].after is not None
    assert cr01[0].after.score == 16
    unchanged = changes_between(
        framework.risk_reviews,
        second.reviewed_on,
        second.reviewed_on,
        framework.risk_settings.matrix,
    )
    assert unchanged == ()


def test_overdue_reviews_and_actions_as_at_the_day(
    frameworks: dict[str, Framework],
) -> None:
    framework = frameworks["rossendale"]
    period = _quarter_of_latest_review(framework)
    early = RiskReport().build(framework, period, today=dt.date(2000, 1, 1))
    late = RiskReport().build(framework, period, today=dt.date(2100, 1, 1))
    # nothing is overdue on a day before any review or action was due: one sentence
    assert section(early, "overdue").blocks == (Paragraph("No review or action is overdue."),)
    reviewed = {r.risk for r in framework.risk_reviews}
    due = [r for r in framework.risks if r.is_open and (r.next_review or r.id in reviewed)]
    assert len(_table(late, "overdue", 0).rows) == len(due)
    assert _table(late, "overdue", 1).rows


_ratings = st.tuples(st.integers(1, 5), st.integers(1, 5))


@given(history=st.lists(st.tuples(st.integers(0, 400), _ratings), max_size=8))
def test_no_change_is_reported_between_a_day_and_itself(
    frameworks: dict[str, Framework], history: list[tuple[int, tuple[int, int]]]
) -> None:
    start = dt.date(2013, 4, 1)
    reviews = [
        Review("R1", start + dt.timedelta(days=d), Assessment(lk, im)) for d, (lk, im) in history
    ]
    matrix = frameworks["rossendale"].risk_settings.matrix
    day = start + dt.timedelta(days=200)
    assert changes_between(reviews, day, day, matrix) == ()
    for change in changes_between(reviews, start, day, matrix):
        if change.change == "higher":
            assert change.before is not None
            assert change.after is not None
            assert change.after.key > change.before.key
