"""The golden thread report."""

from __future__ import annotations

import pytest

from goldenthread.findings import Finding
from goldenthread.framework import Framework
from goldenthread.periods import parse_period
from goldenthread.reports import Findings, Paragraph, Report, Table
from goldenthread.reports.builders import ThreadReport
from goldenthread.thread.checks import check_thread
from tests.reports.builders.conftest import TODAY
from tests.reports.builders.helpers import column, section

H1 = parse_period("2025/26 H1")


@pytest.fixture(scope="module")
def report(frameworks: dict[str, Framework]) -> Report:
    return ThreadReport().build(frameworks["rossendale"], H1, today=TODAY)


def test_sections(report: Report) -> None:
    assert report.section_ids() == ("summary", "coverage", "map", "integrity")


def test_the_map_holds_every_item_but_the_personal_ones(
    frameworks: dict[str, Framework], report: Report
) -> None:
    thread = frameworks["rossendale"].thread
    table = next(b for b in section(report, "map").blocks if isinstance(b, Table))
    shown = {c.value for c in column(table, "id")}
    personal = {i.id for i in thread.items if thread.levels.get(i.level).individual}
    assert shown == {i.id for i in thread.items} - personal


def test_coverage_has_a_row_per_priority_and_no_individual_column(report: Report) -> None:
    table = next(b for b in section(report, "coverage").blocks if isinstance(b, Table))
    labels = [c.label for c in table.columns]
    assert "Personal Development Interviews" not in labels
    assert len(table.rows) == 6
    gaps = next(b for b in section(report, "coverage").blocks if isinstance(b, Paragraph))
    assert "Children and young people" in gaps.text


def test_findings_about_hidden_items_are_counted_not_listed(
    frameworks: dict[str, Framework], report: Report
) -> None:
    thread = frameworks["rossendale"].thread
    every = check_thread(thread, TODAY)
    listed: tuple[Finding, ...] = next(
        b for b in section(report, "integrity").blocks if isinstance(b, Findings)
    ).findings
    personal = {i.id for i in thread.items if thread.levels.get(i.level).individual}
    assert not any(f.item in personal for f in listed)
    hidden = len(every) - len(listed)
    assert hidden == sum(1 for f in every if f.item in personal)
    if hidden:
        note = next(b for b in section(report, "integrity").blocks if isinstance(b, Paragraph))
        assert note.text.startswith(f"{hidden} further findings")
