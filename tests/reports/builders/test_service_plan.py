"""The service plan report."""

from __future__ import annotations

import attrs
import pytest

from goldenthread.errors import InputError
from goldenthread.finance import Finance
from goldenthread.framework import Framework
from goldenthread.periods import parse_period
from goldenthread.reports import Paragraph, Report, Status, Table
from goldenthread.reports.builders import ServicePlanReport
from goldenthread.reports.builders.service_plan import plan_members, service_plans
from goldenthread.thread.levels import Classification
from tests.reports.builders.conftest import TODAY
from tests.reports.builders.helpers import column, section

Q2 = parse_period("2025/26 Q2")


@pytest.fixture(scope="module")
def report(frameworks: dict[str, Framework]) -> Report:
    return ServicePlanReport().build(frameworks["poole"], Q2, today=TODAY, service="SU-ENV")


def _ids(report: Report, section_id: str) -> set[object]:
    table = next(b for b in section(report, section_id).blocks if isinstance(b, Table))
    return {c.value for c in column(table, "id")}


def test_sections(report: Report) -> None:
    assert report.section_ids() == (
        "plan",
        "objectives",
        "actions",
        "monitoring",
        "budget",
        "risks",
        "about",
    )
    assert report.title == (
        "Service Unit Business Plan monitoring: "
        "Environmental Services Service Unit Business Plan 2025/26, 2025/26 Q2"
    )


def test_objectives_actions_and_risks_of_the_plan(report: Report) -> None:
    assert _ids(report, "objectives") == {"ENV-1"}
    assert _ids(report, "actions") == {"WST-1", "WST-2"}
    # PCR10 (the waste disposal contract) was closed only in March 2026: on the judging
    # day, 1 November 2025, it was still open, so the plan's report lists it.
    assert _ids(report, "risks") == {"SR-ENV1", "SR-ENV2", "PCR10"}


def test_monitoring_has_a_table_per_quarter_so_far(report: Report) -> None:
    captions = [b.caption for b in section(report, "monitoring").blocks if isinstance(b, Table)]
    assert captions == ["Indicators, 2025/26 Q1", "Indicators, 2025/26 Q2"]
    table = next(b for b in section(report, "monitoring").blocks if isinstance(b, Table))
    assert "NI 191" in {c.value for c in column(table, "code")}


def test_members_leave_out_individual_plans(frameworks: dict[str, Framework]) -> None:
    thread = frameworks["poole"].thread
    assert "IP-07" in plan_members(thread, "SU-ENV")
    assert service_plans(thread)[0] == "SU-ASC"


def test_a_service_is_required(frameworks: dict[str, Framework]) -> None:
    with pytest.raises(InputError) as caught:
        ServicePlanReport().build(frameworks["poole"], Q2, today=TODAY)
    assert str(caught.value) == (
        "a service plan is needed; service plans: SU-ASC, SU-CUL, SU-TR, SU-ENV, SU-FIN, "
        "SU-FIN-1213"
    )


def test_an_unknown_service_is_refused(frameworks: dict[str, Framework]) -> None:
    with pytest.raises(InputError, match="no service plan 'TP-WST'; service plans: SU-ASC"):
        ServicePlanReport().build(frameworks["poole"], Q2, today=TODAY, service="TP-WST")


def test_monitoring_says_why_and_about_names_its_rules(report: Report) -> None:
    monitored = [b for b in section(report, "monitoring").blocks if isinstance(b, Table)]
    assert monitored
    codes = set()
    for table in monitored:
        for cell in column(table, "status_reason"):
            assert str(cell.value).strip()
        codes |= {str(c.value) for c in column(table, "code")}
    about = [b for b in section(report, "about").blocks if isinstance(b, Table)]
    assert len(about) == 1
    listed = {
        code for cell in column(about[0], "indicators") for code in str(cell.value).split(", ")
    }
    # households served (the activity behind the cost per household) is data only
    # (polarity none), so no rule rates it
    data_only = {"POOLE 11"}
    assert data_only <= codes
    assert listed == codes - data_only


def test_objectives_and_actions_say_why_they_have_their_status(report: Report) -> None:
    objectives = next(b for b in section(report, "objectives").blocks if isinstance(b, Table))
    for reason in column(objectives, "status_reason"):
        assert str(reason.value).endswith("input(s) with data.") or reason.value == (
            "Nothing beneath it."
        )
    actions = next(b for b in section(report, "actions").blocks if isinstance(b, Table))
    assert actions.rows
    for done, reason in zip(
        column(actions, "progress"), column(actions, "status_reason"), strict=True
    ):
        text = str(reason.value)
        assert text.endswith(".")
        if done.value is not None and "expected" in text:
            assert text.startswith(f"{done.value}% complete against ")


def _budget_table(report: Report) -> Table:
    return next(b for b in section(report, "budget").blocks if isinstance(b, Table))


def test_the_budget_lines_funding_the_plan_are_monitored_beside_its_indicators(
    frameworks: dict[str, Framework],
) -> None:
    framework = frameworks["rossendale"]
    report = ServicePlanReport().build(framework, Q2, today=TODAY, service="BP-PL")
    table = _budget_table(report)
    # the quarter's last month with actuals: September 2025 (the judging day is later)
    assert table.caption == "Budget lines, Sep 2025"
    members = plan_members(framework.thread, "BP-PL")
    funding = [line.code for line in framework.finance.lines if set(line.funds) & members]
    assert [c.value for c in column(table, "code")] == funding
    rows = {row[1].value: row for row in table.rows}
    keys = [c.key for c in table.columns]
    # planning fee income is short of its budget: red, as in the budget report
    assert rows["PL-FEES"][keys.index("status")].status is Status.RED
    assert "commentary" in keys


def test_a_public_service_plan_shows_no_internal_line_or_commentary(
    frameworks: dict[str, Framework],
) -> None:
    framework = frameworks["rossendale"]
    members = plan_members(framework.thread, "BP-PL")
    funding = [line for line in framework.finance.lines if set(line.funds) & members]
    hidden = funding[0]
    lines = tuple(
        attrs.evolve(
            line,
            classification=Classification.INTERNAL
            if line.code == hidden.code
            else Classification.PUBLIC,
        )
        for line in framework.finance.lines
    )
    changed = attrs.evolve(framework, finance=attrs.evolve(framework.finance, lines=lines))
    report = ServicePlanReport().build(
        changed, Q2, today=TODAY, service="BP-PL", classification="public"
    )
    table = _budget_table(report)
    codes = [c.value for c in column(table, "code")]
    assert hidden.code not in codes
    # the rest of the plan's lines, less any funding only items a public report hides
    assert "PL-FEES" in codes
    assert set(codes) <= {line.code for line in funding[1:]}
    assert "commentary" not in [c.key for c in table.columns]
    assert "owner" not in [c.key for c in table.columns]


def test_a_council_without_finance_data_gets_no_budget_section(
    frameworks: dict[str, Framework],
) -> None:
    framework = attrs.evolve(frameworks["poole"], finance=Finance())
    report = ServicePlanReport().build(framework, Q2, today=TODAY, service="SU-ENV")
    assert "budget" not in report.section_ids()


def test_a_plan_no_line_funds_says_so(frameworks: dict[str, Framework]) -> None:
    framework = frameworks["poole"]
    lines = tuple(attrs.evolve(line, funds=()) for line in framework.finance.lines)
    changed = attrs.evolve(framework, finance=attrs.evolve(framework.finance, lines=lines))
    report = ServicePlanReport().build(changed, Q2, today=TODAY, service="SU-ENV")
    (block,) = section(report, "budget").blocks
    assert block == Paragraph(
        "No budget line in this report funds the Service Unit Business Plan or its "
        "objectives and actions."
    )
