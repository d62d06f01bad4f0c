"""What the reports used to leave out: benchmarking, units, plain exception reasons, the
year's end, leads and contributors, owners and definitions, risk causes, controls and
actions, the register filter, and sections with nothing in them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.cli.report import report_command
from goldenthread.errors import InputError
from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment, assess
from goldenthread.indicators.comparison import benchmark_framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.direction import Direction as IndicatorDirection
from goldenthread.indicators.rag import RagStatus
from goldenthread.periods import Month, parse_period
from goldenthread.reports import KeyValues, Paragraph, Report, Table
from goldenthread.reports.builders import (
    DataQualityReport,
    PerformanceReport,
    RiskReport,
    ServicePlanReport,
    ThreadReport,
)
from goldenthread.reports.builders.budget import BudgetReport
from goldenthread.reports.builders.common import (
    empty_sections_choice,
    lead_and_contributors,
    shown_section,
    year_is_over,
)
from goldenthread.reports.builders.performance import (
    exception_reasons,
    exception_summary,
    latest_benchmarks,
)
from goldenthread.reports.builders.risk import risk_register
from goldenthread.reports.model import Column, ColumnKind, Findings
from goldenthread.risk.register import RegisterKind
from goldenthread.thread.graph import Thread
from tests.reports.builders.conftest import COUNCILS, EXAMPLES, TODAY
from tests.reports.builders.helpers import column, rows_by, section, tables

H1 = parse_period("2025/26 H1")
Q2 = parse_period("2025/26 Q2")


def _with_settings(framework: Framework, **reports: object) -> Framework:
    return attrs.evolve(framework, settings={**framework.settings, "reports": reports})


def _with_definitions(framework: Framework, **changes: Any) -> Framework:
    definitions = {
        code: attrs.evolve(d, **changes) for code, d in framework.indicators.definitions.items()
    }
    return attrs.evolve(
        framework, indicators=attrs.evolve(framework.indicators, definitions=definitions)
    )


def _table(report: Report, section_id: str, caption_start: str = "") -> Table:
    found = [
        b
        for b in section(report, section_id).blocks
        if isinstance(b, Table) and b.caption.startswith(caption_start)
    ]
    assert found, f"no table in {section_id}"
    return found[0]


@pytest.fixture(scope="module")
def rossendale(frameworks: dict[str, Framework]) -> Report:
    return PerformanceReport().build(frameworks["rossendale"], H1, today=TODAY)


# ------------------------------------------------------------------ benchmarking


def test_benchmarking_gives_what_goldenthread_benchmark_gives(
    frameworks: dict[str, Framework], rossendale: Report
) -> None:
    framework = frameworks["rossendale"]
    table = _table(rossendale, "benchmarking")
    rows = rows_by(table, "code")
    assert set(rows) == {"NI 157a", "NI 181", "NI 192", "NI 191"}
    for code, row in rows.items():
        compared = parse_period(str(row["compared"].value))
        assert compared.end <= H1.end
        expected = {b.indicator: b for b in benchmark_framework(framework, compared, as_at=TODAY)}[
            str(code)
        ]
        assert expected.result is not None
        assert row["rank"].value == expected.result.rank
        assert row["size"].value == expected.result.size
        assert row["quartile"].value == expected.result.quartile
        assert row["value"].value == expected.result.value
        median = row["median"].value
        assert isinstance(median, Decimal)
        assert abs(median - expected.result.median) <= Decimal("0.5")
        assert row["difference"].value == expected.result.value - median
        assert row["unit"].value == framework.indicators.definitions[str(code)].unit
    # the H1 figures are published for Q2; NI 157a has no Q2 figure of its own, so the
    # latest period it can be compared for is Q1
    assert rows["NI 192"]["compared"].value == "2025/26 Q2"
    assert rows["NI 157a"]["compared"].value == "2025/26 Q1"
    assert rows["NI 192"]["significance"].value == "significantly better"
    assert "not every member gave counts" in str(rows["NI 181"]["significance"].value)
    notes = " ".join(
        b.text for b in section(rossendale, "benchmarking").blocks if isinstance(b, Paragraph)
    )
    assert "NI 191: barrow-in-furness" in notes


def test_a_group_of_one_is_no_comparison(frameworks: dict[str, Framework]) -> None:
    # nothing is published for H1 itself: benchmarking H1 alone would rank the council
    # first of one; the report never shows such a comparison
    framework = frameworks["rossendale"]
    found, _ = latest_benchmarks(framework, H1, TODAY, framework.indicators.definitions)
    assert found
    assert all(b.result is not None and b.result.size > 1 for b in found)
    assert all(b.period != H1 for b in found)


def test_no_published_figures_is_said_in_one_sentence(frameworks: dict[str, Framework]) -> None:
    framework = attrs.evolve(frameworks["rossendale"], comparisons=())
    report = PerformanceReport().build(framework, H1, today=TODAY)
    blocks = section(report, "benchmarking").blocks
    assert len(blocks) == 1
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].text.startswith("No indicator in this report can be compared")
    assert "NI 192 (group 'CIPFA nearest neighbours' has no figures published by 2025/26 H1)" in (
        blocks[0].text
    )
    omitted = PerformanceReport().build(
        _with_settings(framework, empty_sections="omit"), H1, today=TODAY
    )
    assert "benchmarking" not in omitted.section_ids()


def test_no_benchmarking_section_where_no_indicator_names_a_group(
    frameworks: dict[str, Framework],
) -> None:
    framework = _with_definitions(frameworks["poole"], comparator_group="")
    report = PerformanceReport().build(framework, H1, today=TODAY)
    assert "benchmarking" not in report.section_ids()


# --------------------------------------------------------- units and exceptions


@pytest.mark.parametrize("council", COUNCILS)
def test_every_table_that_shows_an_indicators_figure_shows_its_unit(
    frameworks: dict[str, Framework], council: str
) -> None:
    report = PerformanceReport().build(frameworks[council], H1, today=TODAY)
    checked = 0
    for table in tables(report):
        keys = [c.key for c in table.columns]
        if "code" in keys and any(
            c.kind is ColumnKind.NUMBER and c.key in {"value", "target", "median"}
            for c in table.columns
        ):
            assert "unit" in keys, table.caption
            checked += 1
    assert checked >= 3
    exceptions = rows_by(_table(report, "exceptions"), "code")
    assert exceptions
    definitions = frameworks[council].indicators.definitions
    for code, row in exceptions.items():
        assert row["unit"].value == definitions[str(code)].unit


def test_the_exceptions_table_shows_57_27_percent(rossendale: Report) -> None:
    row = rows_by(_table(rossendale, "exceptions"), "code")["BV 9"]
    assert (str(row["value"].value), str(row["target"].value), row["unit"].value) == (
        "57.27",
        "57.00",
        "%",
    )
    assert row["owner"].value == "Head of Revenues"


def test_exception_reasons_are_said_once_in_plain_words(rossendale: Report) -> None:
    rows = rows_by(_table(rossendale, "exceptions"), "code")
    assert rows["BV 8"]["reasons"].value == (
        "Rated red, worse than both the previous period and the same period last year, "
        "and forecast to end the year at 95.1% against a target of 98.0%."
    )
    # LPI 05's rule rates it by its forecast, and its status's reason says so already
    assert rows["LPI 05"]["reasons"].value == (
        "Rated red, worse than the previous period, and forecast to miss the year-end target."
    )
    for row in rows.values():
        text = str(row["reasons"].value)
        assert ";" not in text
        assert text.count("worse") <= 1
        assert text.count("forecast") <= 1


@pytest.fixture(scope="module")
def sample(frameworks: dict[str, Framework]) -> Assessment:
    return assess(frameworks["rossendale"].indicators, "BV 8", H1, as_at=TODAY)


@given(
    status=st.sampled_from(list(RagStatus)),
    direction=st.sampled_from([None, *IndicatorDirection]),
    last_year=st.sampled_from([None, *IndicatorDirection]),
    forecast=st.sampled_from([None, True, False]),
    state=st.sampled_from(["present", "missing", "not-yet-due", "not-applicable"]),
    year_over=st.booleans(),
)
def test_an_exception_summary_says_each_reason_once(
    sample: Assessment,
    status: RagStatus,
    direction: IndicatorDirection | None,
    last_year: IndicatorDirection | None,
    forecast: bool | None,
    state: str,
    year_over: bool,
) -> None:
    changed = attrs.evolve(
        sample,
        status=status,
        direction=direction,
        direction_last_year=last_year,
        forecast_meets_target=forecast,
        value_state=state,
    )
    reasons = exception_reasons(changed, year_over=year_over)
    text = exception_summary(changed, year_over=year_over)
    assert bool(text) is bool(reasons)
    if not text:
        return
    assert text[0].isupper()
    assert text.endswith(".")
    assert ";" not in text
    text = text.lower()
    assert text.count("red") == (1 if "red" in reasons else 0)
    assert text.count("worse") == (
        1 if {"worsening", "worsening on last year"} & set(reasons) else 0
    )
    assert text.count("forecast") == (1 if "forecast to miss year-end target" in reasons else 0)
    assert ("late" in text) is ("late data" in reasons)
    if year_over:
        assert "forecast" not in text


@pytest.mark.parametrize(
    ("period", "day", "over"),
    [
        ("2025/26 H1", dt.date(2025, 11, 1), False),
        ("2025/26 Q4", dt.date(2026, 3, 1), True),
        ("2025/26 H2", dt.date(2026, 4, 20), True),
        ("2025/26", dt.date(2025, 11, 1), True),
        ("2025/26 H1", dt.date(2026, 4, 1), True),
        ("2025/26 H1", dt.date(2026, 3, 31), False),
        ("2026-03", dt.date(2026, 3, 15), True),
    ],
)
def test_when_the_year_is_over(period: str, day: dt.date, over: bool) -> None:
    assert year_is_over(parse_period(period), day) is over


def test_no_forecast_to_miss_once_the_year_is_over(frameworks: dict[str, Framework]) -> None:
    framework = frameworks["rossendale"]
    during = PerformanceReport().build(framework, H1, today=TODAY)
    assert any("forecast" in str(c.value) for c in column(_table(during, "exceptions"), "reasons"))
    for period, day in ((H1, dt.date(2026, 5, 1)), (parse_period("2025/26 Q4"), TODAY)):
        report = PerformanceReport().build(framework, period, today=day)
        part = section(report, "exceptions")
        texts = [b.text for b in part.blocks if isinstance(b, Paragraph)]
        assert not any("forecast to miss" in t for t in texts[:1])
        for table in (b for b in part.blocks if isinstance(b, Table)):
            assert not any("forecast" in str(c.value) for c in column(table, "reasons"))


# ------------------------------------------------------ leads, owners, definitions


def _priority_facts(report: Report, section_id: str) -> dict[str, object]:
    block = section(report, section_id).blocks[0]
    assert isinstance(block, KeyValues)
    return {kv.label: kv.value for kv in block.items}


def test_a_police_led_priority_names_the_police(rossendale: Report) -> None:
    facts = _priority_facts(rossendale, "priority-rbc-o1")
    assert facts["Lead"] == "Lancashire Constabulary (Rossendale division)"
    assert facts["Contributors"] == (
        "Rossendale Borough Council; Rossendale Partnership (Local Strategic Partnership)"
    )
    assert facts["Owner"] == "Corporate Management Team"
    council_led = _priority_facts(rossendale, "priority-rbc-o6")
    assert council_led["Lead"] == "Rossendale Borough Council"
    assert "Contributors" not in council_led


def test_without_a_lead_organisation_the_owner_leads(frameworks: dict[str, Framework]) -> None:
    framework = frameworks["rossendale"]
    item = attrs.evolve(framework.thread["RBC-O1"], lead=None, partners=("unknown-body",))
    assert lead_and_contributors(framework, item) == ("Corporate Management Team", "unknown-body")


def test_the_thread_map_shows_leads_and_contributors(frameworks: dict[str, Framework]) -> None:
    report = ThreadReport().build(frameworks["rossendale"], H1, today=TODAY)
    rows = rows_by(_table(report, "map"), "id")
    assert rows["RBC-O1"]["lead"].value == "Lancashire Constabulary (Rossendale division)"
    assert "Rossendale Borough Council" in str(rows["RBC-O1"]["partners"].value)
    assert rows["RCS-P1"]["lead"].value == "Rossendale Partnership (Local Strategic Partnership)"


@pytest.mark.parametrize("council", COUNCILS)
def test_every_indicator_row_shows_its_owner(
    frameworks: dict[str, Framework], council: str
) -> None:
    framework = frameworks[council]
    definitions = framework.indicators.definitions
    report = PerformanceReport().build(framework, H1, today=TODAY)
    seen = 0
    for table in tables(report):
        keys = [c.key for c in table.columns]
        if "direction_last_year" in keys:
            assert "owner" in keys, table.caption
            for code, row in rows_by(table, "code").items():
                definition = definitions[str(code)]
                assert row["owner"].value == (definition.owner or definition.service)
                seen += 1
    assert seen


def test_service_plan_indicators_show_their_owner(frameworks: dict[str, Framework]) -> None:
    report = ServicePlanReport().build(
        frameworks["poole"], Q2, today=dt.date(2025, 11, 30), service="SU-ENV"
    )
    monitored = [t for t in tables(report) if t.caption.startswith("Indicators, ")]
    assert monitored
    assert all("owner" in [c.key for c in t.columns] for t in monitored)


def test_the_appendix_defines_every_indicator_in_the_report(
    frameworks: dict[str, Framework], rossendale: Report
) -> None:
    definitions = frameworks["rossendale"].indicators.definitions
    rows = rows_by(_table(rossendale, "definitions"), "code")
    reported = {
        c.value
        for t in tables(rossendale)
        if "direction_last_year" in [k.key for k in t.columns]
        for c in column(t, "code")
    }
    assert set(rows) == reported
    nine = rows["NI 157a"]
    assert nine["definition"].value == definitions["NI 157a"].definition
    assert nine["owner"].value == "Head of Planning"
    assert nine["better"].value == "higher"
    assert rows["NI 196"]["better"].value == "neither (data only)"
    # no indicator has guidance, so there is no empty Guidance column
    assert "guidance" not in rows["NI 157a"]


def test_guidance_appears_in_the_appendix(frameworks: dict[str, Framework]) -> None:
    framework = frameworks["rossendale"]
    definitions = dict(framework.indicators.definitions)
    definitions["BV 8"] = attrs.evolve(
        definitions["BV 8"], guidance="Count invoices paid by BACS on the day they clear."
    )
    framework = attrs.evolve(
        framework, indicators=attrs.evolve(framework.indicators, definitions=definitions)
    )
    report = PerformanceReport().build(framework, H1, today=TODAY)
    rows = rows_by(_table(report, "definitions"), "code")
    assert rows["BV 8"]["guidance"].value == "Count invoices paid by BACS on the day they clear."
    assert rows["BV 9"]["guidance"].value == ""


# ----------------------------------------------------------------- empty sections


def test_sections_with_nothing_in_them_say_so(rossendale: Report) -> None:
    assert section(rossendale, "other-indicators").blocks == (
        Paragraph("Every indicator in this report measures a Corporate Plan priority."),
    )


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("kind", ["performance", "risk", "service-plan", "data-quality", "budget"])
def test_no_table_is_a_header_with_no_rows(
    frameworks: dict[str, Framework], council: str, kind: str
) -> None:
    framework = frameworks[council]
    if kind == "performance":
        report = PerformanceReport().build(framework, H1, today=TODAY)
    elif kind == "risk":
        report = RiskReport().build(framework, Q2, today=dt.date(2000, 1, 1))
    elif kind == "data-quality":
        report = DataQualityReport().build(framework, Q2, today=TODAY)
    elif kind == "budget":
        report = BudgetReport().build(framework, Month(2025, 11), today=dt.date(2025, 12, 10))
    else:
        service = {"rossendale": "BP-REG", "poole": "SU-ENV"}[council]
        report = ServicePlanReport().build(framework, Q2, today=TODAY, service=service)
    assert all(t.rows for t in tables(report)), [t.caption for t in tables(report) if not t.rows]
    for part in report.sections:
        assert part.blocks, part.title


def test_a_data_quality_report_with_nothing_late_says_so(
    frameworks: dict[str, Framework],
) -> None:
    # a council collecting no indicators has no return to be late or missing
    framework = attrs.evolve(
        _with_settings(frameworks["rossendale"], empty_sections="say"),
        indicators=IndicatorSet.build((), (), ()),
    )
    report = DataQualityReport().build(framework, Q2, today=Q2.end)
    (block,) = section(report, "returns").blocks
    assert isinstance(block, Paragraph)
    assert block.text.startswith("No return for 2025/26 Q2 is late or missing.")
    omitted = DataQualityReport().build(
        _with_settings(framework, empty_sections="omit"), Q2, today=Q2.end
    )
    assert "returns" not in omitted.section_ids()


def test_the_council_may_omit_empty_sections(frameworks: dict[str, Framework]) -> None:
    framework = _with_settings(frameworks["rossendale"], empty_sections="omit")
    report = PerformanceReport().build(framework, H1, today=TODAY)
    assert "other-indicators" not in report.section_ids()
    assert "exceptions" in report.section_ids()
    early = RiskReport().build(framework, Q2, today=dt.date(2000, 1, 1))
    assert "overdue" not in early.section_ids()
    assert "register" in early.section_ids()


def test_an_unknown_empty_sections_choice_is_refused(frameworks: dict[str, Framework]) -> None:
    framework = _with_settings(frameworks["rossendale"], empty_sections="hide")
    with pytest.raises(InputError, match=r"reports\.empty_sections is 'hide'; .* say, omit"):
        PerformanceReport().build(framework, H1, today=TODAY)
    with pytest.raises(InputError, match="empty_sections"):
        RiskReport().build(framework, Q2, today=TODAY)
    assert empty_sections_choice(_with_settings(framework, empty_sections=" Omit ")) == "omit"
    assert empty_sections_choice(attrs.evolve(framework, settings={})) == "say"


def test_a_section_with_content_keeps_it_and_names_its_empty_tables() -> None:
    empty = Table("Overdue reviews", [Column("id", "Risk")], [])
    full = Table("Overdue actions", [Column("id", "Risk")], [("R1",)])
    assert shown_section("S", [empty], id="s", empty="Nothing.", choice="omit") == []
    said = shown_section("S", [Paragraph("Intro."), empty], id="s", empty="Nothing.")
    assert list(said[0].blocks) == [Paragraph("Nothing.")]
    kept = shown_section("S", [empty, full], id="s", empty="Nothing.", choice="omit")
    assert kept[0].blocks == (Paragraph("Overdue reviews: none."), full)
    found = shown_section("S", [Findings(())], id="s", empty="No findings.")
    assert found[0].blocks == (Paragraph("No findings."),)


def test_customer_experience_only_where_the_council_defines_it(
    frameworks: dict[str, Framework],
) -> None:
    plain = _with_definitions(frameworks["rossendale"], service="Other", extras={})
    report = PerformanceReport().build(plain, H1, today=TODAY)
    assert "customer" not in report.section_ids()
    assert all("Customer experience" not in s.title for s in report.sections)
    # defined, but none of its measures is public: the public report says so
    framework = frameworks["rossendale"]
    definitions = {
        code: (
            attrs.evolve(d, classification=type(d.classification)("internal"))
            if d.service == "Customer services"
            else d
        )
        for code, d in framework.indicators.definitions.items()
    }
    hidden = attrs.evolve(
        framework, indicators=attrs.evolve(framework.indicators, definitions=definitions)
    )
    report = PerformanceReport().build(hidden, H1, today=TODAY)
    assert section(report, "customer").blocks == (
        Paragraph("No customer experience measures are in this report."),
    )


# --------------------------------------------------------------------- risk report


@pytest.fixture(scope="module")
def risk_report(frameworks: dict[str, Framework]) -> Report:
    return RiskReport().build(frameworks["rossendale"], Q2, today=TODAY)


def test_each_risk_has_its_cause_event_and_consequence(
    frameworks: dict[str, Framework], risk_report: Report
) -> None:
    rows = rows_by(_table(risk_report, "descriptions"), "id")
    open_risks = [r for r in frameworks["rossendale"].judged_on(TODAY).risks if r.is_open]
    assert set(rows) == {r.id for r in open_risks}
    for risk in open_risks:
        row = rows[risk.id]
        assert (row["cause"].value, row["event"].value, row["consequence"].value) == (
            risk.cause or "not recorded",
            risk.event or "not recorded",
            risk.consequence or "not recorded",
        )
    assert rows["CR01"]["treatment"].value == "treat"


def test_controls_with_their_effectiveness(
    frameworks: dict[str, Framework], risk_report: Report
) -> None:
    table = _table(risk_report, "controls", "Existing controls")
    open_risks = [r for r in frameworks["rossendale"].judged_on(TODAY).risks if r.is_open]
    assert len(table.rows) == sum(len(r.controls) for r in open_risks)
    cr03 = [
        (row[2].value, row[3].value, row[4].value) for row in table.rows if row[0].value == "CR03"
    ]
    assert cr03 == [
        ("Firewall and patching regime", "ICT Manager", "effective"),
        ("Off-site back-up", "ICT Manager", "effective"),
        ("Business continuity plans", "Head of Customer Services", "partly effective"),
    ]


def test_mitigating_actions_with_owners_and_due_dates(
    frameworks: dict[str, Framework], risk_report: Report
) -> None:
    table = _table(risk_report, "controls", "Mitigating actions")
    keys = [c.key for c in table.columns]
    rows = [dict(zip(keys, row, strict=True)) for row in table.rows]
    cr03 = [r for r in rows if r["id"].value == "CR03"]
    assert [(r["action"].value, r["owner"].value, r["due"].value) for r in cr03] == [
        ("Test the ICT disaster recovery plan", "ICT Manager", dt.date(2026, 1, 31))
    ]
    assert cr03[0]["overdue"].value == "no"
    late = RiskReport().build(frameworks["rossendale"], Q2, today=dt.date(2026, 3, 1))
    late_rows = _table(late, "controls", "Mitigating actions").rows
    assert any(row[0].value == "CR03" and row[-1].value == "yes" for row in late_rows)
    # an action named by its id in the golden thread is shown with its title
    tc1 = next(r for r in rows if r["id"].value == "CR02")
    title = frameworks["rossendale"].thread["TC-1"].title
    assert tc1["action"].value == f"{title} (TC-1)"


@pytest.mark.parametrize("register", ["service", RegisterKind.SERVICE, " Service "])
def test_a_report_of_one_register(
    frameworks: dict[str, Framework], register: str | RegisterKind
) -> None:
    framework = frameworks["rossendale"]
    report = RiskReport().build(framework, Q2, today=TODAY, register=register)
    assert report.title == "Service risk register report, 2025/26 Q2"
    listed = {c.value for c in column(_table(report, "register"), "id")}
    assert listed == {r.id for r in framework.risks if r.is_open and r.register.value == "service"}
    assert listed
    for table in tables(report):
        if "id" in [c.key for c in table.columns]:
            assert {c.value for c in column(table, "id")} <= listed | {
                r.id for r in framework.risks if r.register.value == "service"
            }


def test_a_register_holding_nothing_says_so(frameworks: dict[str, Framework]) -> None:
    report = RiskReport().build(frameworks["rossendale"], Q2, today=TODAY, register="strategic")
    assert section(report, "register").blocks == (
        Paragraph("There are no open risks on the strategic register."),
    )


def test_an_unknown_register_lists_those_on_offer(frameworks: dict[str, Framework]) -> None:
    with pytest.raises(InputError) as caught:
        RiskReport().build(frameworks["rossendale"], Q2, today=TODAY, register="corprate")
    assert str(caught.value) == (
        "unknown register 'corprate'; registers: strategic (0 risks), corporate (12 risks), "
        "service (6 risks), project (2 risks), partnership (2 risks)"
    )
    assert risk_register("project") is RegisterKind.PROJECT


def test_no_escalations_section_without_escalation_rules(
    frameworks: dict[str, Framework],
) -> None:
    framework = frameworks["rossendale"]
    plain = attrs.evolve(
        framework, risk_settings=attrs.evolve(framework.risk_settings, escalation=())
    )
    assert "escalations" not in RiskReport().build(plain, Q2, today=TODAY).section_ids()


# ----------------------------------------------------------------------------- CLI

POOLE = str(EXAMPLES / "poole")


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(report_command, args)
    return result.exit_code, result.stdout, result.stderr


def _sections(out: str) -> dict[str, Any]:
    return {s["id"]: s for s in json.loads(out)["report"]["sections"]}


def test_cli_register_keeps_one_register() -> None:
    code, out, err = _run(
        ["risk", POOLE, "-p", "2025/26 Q2", "--register", "corporate", "--format", "json"]
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["report"]["title"] == "Corporate risk register report, 2025/26 Q2"
    register = json.dumps(_sections(out)["register"])
    assert "PCR01" in register
    assert "SR-ASC1" not in register


def test_cli_unknown_register_exits_2_listing_those_on_offer() -> None:
    code, out, err = _run(["risk", POOLE, "-p", "2025/26 Q2", "--register", "county"])
    assert code == 2
    assert out == ""
    assert err.startswith("error: unknown register 'county'; registers: strategic (0 risks), ")
    assert "corporate (10 risks)" in err


def test_cli_register_is_only_for_risk_reports() -> None:
    code, _, err = _run(["performance", POOLE, "-p", "2025/26 H1", "--register", "corporate"])
    assert code == 2
    assert "--register applies only to risk reports" in err


@pytest.mark.parametrize(("choice", "shown"), [("say", True), ("omit", False)])
def test_cli_empty_sections_from_framework_toml(
    bundle_copy: Path, choice: str, shown: bool
) -> None:
    toml = bundle_copy / "framework.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + f'\n[reports]\nempty_sections = "{choice}"\n',
        encoding="utf-8",
    )
    code, out, err = _run(
        [
            "performance",
            str(bundle_copy),
            "-p",
            "2025/26 H1",
            "--on",
            "2025-11-01",
            "--format",
            "json",
        ]
    )
    assert (code, err) == (0, "")
    assert ("other-indicators" in _sections(out)) is shown


def test_cli_unknown_empty_sections_choice_exits_2(bundle_copy: Path) -> None:
    toml = bundle_copy / "framework.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[reports]\nempty_sections = "hide"\n',
        encoding="utf-8",
    )
    code, out, err = _run(["risk", str(bundle_copy), "-p", "2025/26 Q2"])
    assert code == 2
    assert out == ""
    assert "reports.empty_sections is 'hide'; it must be one of say, omit" in err


def test_a_thread_with_nothing_to_show_says_so(frameworks: dict[str, Framework]) -> None:
    framework = frameworks["poole"]
    thread = framework.thread
    empty = attrs.evolve(framework, thread=Thread([], thread.levels, [], [], thread.organisations))
    report = ThreadReport().build(empty, H1, today=TODAY)
    assert section(report, "map").blocks == (
        Paragraph("The golden thread holds no items this report may show."),
    )
    assert section(report, "coverage").blocks == (
        Paragraph("The golden thread has no priorities this report may show."),
    )
    assert all(t.rows for t in tables(report))
    assert section(report, "integrity").blocks == (
        Paragraph("The checks found nothing to question among the items this report shows."),
    )
    omitted = ThreadReport().build(_with_settings(empty, empty_sections="omit"), H1, today=TODAY)
    assert omitted.section_ids() == ("summary",)


def test_a_forecast_of_zero_is_a_figure(sample: Assessment) -> None:
    missed = attrs.evolve(
        sample,
        status=RagStatus.AMBER,
        direction=None,
        direction_last_year=None,
        forecast_meets_target=False,
        forecast=Decimal(5),
        forecast_seasonal=Decimal(0),
        status_reason="Within tolerance.",
    )
    assert exception_summary(missed) == (
        "Forecast to end the year at 0.0% against a target of 98.0%."
    )
