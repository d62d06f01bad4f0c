"""The performance report: structure, statuses, exceptions, classification, escaping."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.framework import Framework
from goldenthread.indicators.assess import Assessment, assess, assess_all
from goldenthread.indicators.direction import Direction as IndicatorDirection
from goldenthread.indicators.rag import RagStatus
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import parse_period
from goldenthread.reports import Cell, Paragraph, Report, Status, Table, render
from goldenthread.reports.builders import PerformanceReport
from goldenthread.reports.builders.common import item_visible, visible
from goldenthread.reports.builders.performance import exception_reasons, is_customer_measure
from goldenthread.reports.model import CLASSIFICATIONS, Commentary, KeyValues
from goldenthread.thread.items import ItemStatus
from tests.reports.builders.conftest import TODAY
from tests.reports.builders.helpers import column, rows_by, section, tables

H1 = parse_period("2025/26 H1")


@pytest.fixture(scope="module")
def rossendale(frameworks: dict[str, Framework]) -> Report:
    return PerformanceReport().build(frameworks["rossendale"], H1, today=TODAY)


@pytest.fixture(scope="module")
def poole(frameworks: dict[str, Framework]) -> Report:
    return PerformanceReport().build(frameworks["poole"], H1, today=TODAY)


def _exceptions(report: Report) -> Table:
    block = [b for b in section(report, "exceptions").blocks if isinstance(b, Table)]
    return block[0]


def _indicator_rows(report: Report) -> dict[object, dict[str, Cell]]:
    found: dict[object, dict[str, Cell]] = {}
    for table in tables(report):
        if "direction_last_year" in [c.key for c in table.columns]:
            found.update(rows_by(table, "code"))
    return found


def test_the_report_is_public_and_for_cabinet(rossendale: Report) -> None:
    assert rossendale.classification == "public"
    assert rossendale.generated_for == "Cabinet"
    assert rossendale.title == "Corporate performance report, 2025/26 H1"


def test_there_is_a_section_per_corporate_priority(
    frameworks: dict[str, Framework], rossendale: Report
) -> None:
    thread = frameworks["rossendale"].thread
    priorities = [
        i.title for i in thread.items if i.level == "corporate" and i.kind.value == "objective"
    ]
    titles = [s.title for s in rossendale.sections]
    assert titles[:2] == ["Summary", "Exceptions"]
    assert titles[2 : 2 + len(priorities)] == priorities
    assert titles[-3:] == ["Customer experience", "Other indicators", "About this report"]


@pytest.mark.parametrize(
    ("code", "status"),
    [("BV 8", Status.RED), ("LPI 05", Status.RED), ("NI 157a", Status.NO_DATA)],
)
def test_statuses_of_known_indicators(rossendale: Report, code: str, status: Status) -> None:
    row = _indicator_rows(rossendale)[code]
    cell = row["status"]
    assert cell.status is status


def test_statuses_match_the_indicator_engine(
    frameworks: dict[str, Framework], poole: Report
) -> None:
    framework = frameworks["poole"]
    rows = _indicator_rows(poole)
    assert rows
    for code, row in rows.items():
        expected = assess(framework.indicators, str(code), H1, as_at=TODAY)
        assert row["status"].status is Status(expected.status.value)


def test_values_are_shown_at_the_indicators_precision(rossendale: Report) -> None:
    row = _indicator_rows(rossendale)["BV 8"]
    assert str(row["value"].value) == "95.1"
    assert str(row["target"].value) == "98.0"


@pytest.mark.parametrize("council", ["rossendale", "poole"])
def test_exceptions_hold_every_red_worsening_and_late_indicator(
    frameworks: dict[str, Framework], council: str
) -> None:
    framework = frameworks[council]
    report = PerformanceReport().build(framework, H1, today=TODAY)
    listed = {c.value for c in column(_exceptions(report), "code")}
    public = {
        d.code
        for d in framework.indicators.definitions.values()
        if d.classification.value == "public"
    }
    for a in assess_all(framework.indicators, H1, as_at=TODAY):
        if a.indicator not in public:
            assert a.indicator not in listed
        elif (
            a.status is RagStatus.RED
            or a.value_state == "missing"
            or a.direction is IndicatorDirection.WORSENING
        ):
            assert a.indicator in listed
    reasons = rows_by(_exceptions(report), "code")
    assert "late data" in str(reasons["NI 157a"]["reasons"].value)


def test_internal_indicators_are_left_out_of_the_public_report(poole: Report) -> None:
    rows = _indicator_rows(poole)
    assert "BV 12" not in rows  # classified internal in the Poole example
    assert "NI 59" in rows


def test_provisional_values_are_labelled(rossendale: Report) -> None:
    row = _indicator_rows(rossendale)["BV 8"]
    assert row["data_status"].value == "provisional"
    html = render(rossendale, "html")
    assert "provisional" in str(html)


def test_an_internal_report_shows_team_actions_but_never_individuals(
    frameworks: dict[str, Framework],
) -> None:
    report = PerformanceReport().build(
        frameworks["rossendale"], H1, today=TODAY, classification="internal"
    )
    assert report.classification == "internal"
    references = {
        c.value
        for t in tables(report)
        if "expected" in [col.key for col in t.columns]
        for c in column(t, "id")
    }
    assert "TC-1" in references
    assert not any(str(r).startswith("PDI") for r in references)
    assert "BV 12" in _indicator_rows(report) or "LPI 08" in _indicator_rows(report)


def test_the_public_report_shows_only_public_actions(rossendale: Report) -> None:
    references = {
        c.value
        for t in tables(rossendale)
        if "expected" in [col.key for col in t.columns]
        for c in column(t, "id")
    }
    assert references == {"COM-2-A1"}


def test_linked_risks_appear_under_their_priority(rossendale: Report) -> None:
    part = section(rossendale, "priority-rbc-o10")
    risk_tables = [b for b in part.blocks if isinstance(b, Table) and b.caption.startswith("Risks")]
    assert "CR01" in {c.value for c in column(risk_tables[0], "id")}


def _write_note(bundle: Path, note: str) -> None:
    path = bundle / "values.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["publish_note"] = ""
        if row["indicator"] == "BV 8" and row["period"] == "2025-09":
            row["note"] = note
            row["note_date"] = "2025-10-10"
            row["publish_note"] = "yes"  # a public report shows only published commentary
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_commentary_is_shown_as_text_never_markup(bundle_copy: Path) -> None:
    _write_note(bundle_copy, "<script>alert('x')</script> & more")
    report = PerformanceReport().build(load_bundle(bundle_copy), H1, today=TODAY)
    notes = [b for s in report.sections for b in s.blocks if isinstance(b, Commentary)]
    assert any("<script>" in n.text for n in notes)
    html = render(report, "html")
    assert isinstance(html, str)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html


def test_the_priority_status_rolls_up_its_indicators(poole: Report) -> None:
    part = section(poole, "priority-poole-p1")
    summary = part.blocks[0]
    assert isinstance(summary, KeyValues)
    assert (summary.items[2].label, summary.items[2].value) == ("Overall status", "Red")


@pytest.mark.parametrize(
    ("extras", "service", "expected"),
    [
        ({}, "Customer services", True),
        ({}, "Housing", False),
        ({"customer": "Yes"}, "Housing", True),
        ({"customer": "no"}, "Housing", False),
    ],
)
def test_customer_measures(extras: dict[str, str], service: str, expected: bool) -> None:
    assert is_customer_measure(extras, service) is expected


@pytest.fixture(scope="module")
def sample_assessment(frameworks: dict[str, Framework]) -> Assessment:
    return assess(frameworks["poole"].indicators, "BV 78a", H1, as_at=TODAY)


@given(
    status=st.sampled_from(list(RagStatus)),
    direction=st.sampled_from([None, *IndicatorDirection]),
    last_year=st.sampled_from([None, *IndicatorDirection]),
    forecast=st.sampled_from([None, True, False]),
    state=st.sampled_from(["present", "missing", "not-yet-due", "not-applicable"]),
)
def test_an_indicator_is_an_exception_exactly_when_a_rule_says_so(
    sample_assessment: Assessment,
    status: RagStatus,
    direction: IndicatorDirection | None,
    last_year: IndicatorDirection | None,
    forecast: bool | None,
    state: str,
) -> None:
    changed = attrs.evolve(
        sample_assessment,
        status=status,
        direction=direction,
        direction_last_year=last_year,
        forecast_meets_target=forecast,
        value_state=state,
    )
    worsening = IndicatorDirection.WORSENING
    expected = (
        status is RagStatus.RED
        or direction is worsening
        or last_year is worsening
        or forecast is False
        or state == "missing"
    )
    assert bool(exception_reasons(changed)) is expected


@given(
    item=st.sampled_from(CLASSIFICATIONS),
    report=st.sampled_from(CLASSIFICATIONS),
    wider=st.sampled_from(CLASSIFICATIONS),
)
def test_visibility_only_grows_with_the_report_classification(
    item: str, report: str, wider: str
) -> None:
    if visible(item, report) and CLASSIFICATIONS.index(wider) >= CLASSIFICATIONS.index(report):
        assert visible(item, wider)
    assert visible(item, item)
    assert visible("personal", report) is (report == "personal")


def test_an_unknown_classification_is_refused() -> None:
    with pytest.raises(ValueError, match="classification 'secret' must be one of public"):
        visible("secret", "public")


def test_individual_items_are_hidden_even_if_marked_public(
    frameworks: dict[str, Framework],
) -> None:
    thread = frameworks["rossendale"].thread
    plan = attrs.evolve(thread["PDI-01"], classification=thread["NAT"].classification)
    assert plan.classification.value == "public"
    for shown in ("public", "internal"):
        assert not item_visible(thread, plan, shown)
    assert item_visible(thread, plan, "personal")


def test_draft_items_are_left_out_of_public_reports(frameworks: dict[str, Framework]) -> None:
    thread = frameworks["rossendale"].thread
    draft = attrs.evolve(thread["RBC-O1"], status=ItemStatus.DRAFT)
    assert not item_visible(thread, draft, "public")
    assert item_visible(thread, draft, "internal")


def test_builders_take_today_rather_than_the_clock(frameworks: dict[str, Framework]) -> None:
    early = PerformanceReport().build(frameworks["poole"], H1, today=dt.date(2025, 9, 1))
    late = PerformanceReport().build(frameworks["poole"], H1, today=TODAY)
    assert early != late


def test_a_priority_with_nothing_to_show_says_so(rossendale: Report) -> None:
    part = section(rossendale, "priority-rbc-o1")
    texts = [b.text for b in part.blocks if isinstance(b, Paragraph)]
    assert "No actions or projects contributing to this priority are in this report." in texts
    assert not any(isinstance(b, Table) and not b.rows for b in part.blocks)


# ------------------------------------------------------------- statuses and reasons
Q2 = parse_period("2025/26 Q2")
Q3 = parse_period("2025/26 Q3")


def test_every_indicator_row_says_why_it_has_its_status(
    frameworks: dict[str, Framework],
) -> None:
    report = PerformanceReport().build(frameworks["rossendale"], Q2, today=dt.date(2025, 11, 30))
    rows = _indicator_rows(report)
    assert rows
    for row in rows.values():
        assert isinstance(row["status_reason"].value, str)
        assert row["status_reason"].value.strip()
    visits = rows["LPI 02"]
    assert visits["status"].status is Status.AMBER
    assert str(visits["status_reason"].value).startswith(
        "64,327 visits is 7.2% above the planned 60,027 visits, more than the 5% tolerance"
    )
    kent = rows["LPI 01"]
    assert kent["status"].status is Status.AMBER
    assert "meets the floor standard of 80.0%" in str(kent["status_reason"].value)
    exception_rows = rows_by(_exceptions(report), "code")
    assert "misses the year-end target" in str(exception_rows["LPI 05"]["status_reason"].value)


def _rules_table(report: Report) -> dict[object, dict[str, Cell]]:
    about = section(report, "about")
    found = [b for b in about.blocks if isinstance(b, Table)]
    assert len(found) == 1
    return rows_by(found[0], "rule")


def test_about_this_report_names_the_rules_actually_used(
    frameworks: dict[str, Framework], rossendale: Report
) -> None:
    rules = _rules_table(rossendale)
    shown = set(_indicator_rows(rossendale))
    used = {
        a.rule
        for a in assess_all(frameworks["rossendale"].indicators, H1, as_at=TODAY)
        if a.indicator in shown
    }
    assert set(rules) == used
    assert {"tolerance", "kent", "medway", "activity-range"} <= set(rules)
    assert "havering" not in rules  # BV 12, its only indicator, is internal
    assert str(rules["activity-range"]["indicators"].value) == "LPI 02"
    assert set(str(rules["kent"]["indicators"].value).split(", ")) == {"BV 78a", "LPI 01"}
    assert "floor standard" in str(rules["kent"]["meaning"].value)
    assert rules["kent"]["tolerance"].value == "not used by this rule"
    assert "10% of the target" in str(rules["tolerance"]["tolerance"].value)
    counted = sum(int(str(r["count"].value)) for r in rules.values())
    # polarity none: not rated by any rule (LPI 12 and 13 are the unit costs' activity)
    data_only = {"NI 196", "LPI 11", "LPI 12", "LPI 13"}
    assert counted == len(shown - data_only)
    assert all(code not in str(r["indicators"].value) for r in rules.values() for code in data_only)
    assert "0.5 percentage points" in str(rules["tolerance"]["tolerance"].value)
    about = section(rossendale, "about")
    words = " ".join(str(b.text) for b in about.blocks if isinstance(b, Paragraph))
    assert "the council's default, the tolerance rule" in words
    assert "default tolerance of 5% of the target" in words
    assert "not-applicable" in words
    assert "not-yet-due" in words
    assert "not rated (data only): NI 196, LPI 11, LPI 12, LPI 13." in words
    internal = PerformanceReport().build(
        frameworks["rossendale"], H1, today=TODAY, classification="internal"
    )
    assert "BV 12" in str(_rules_table(internal)["havering"]["indicators"].value)


def test_a_quarter_in_progress_is_not_yet_due_in_every_format(
    frameworks: dict[str, Framework],
) -> None:
    report = PerformanceReport().build(frameworks["rossendale"], Q3, today=dt.date(2025, 11, 30))
    summary = section(report, "summary")
    counts = {
        kv.label: kv.value
        for block in summary.blocks
        if isinstance(block, KeyValues)
        for kv in block.items
    }
    assert counts["Not yet due"] == len(
        [r for r in _indicator_rows(report).values() if r["status"].status is Status.NOT_YET_DUE]
    )
    assert "No data" not in counts
    assert not _exceptions(report).rows  # nothing is late while the quarter runs
    reason = "The period had not ended on the day the report is judged"
    for fmt in ("html", "markdown", "json", "csv"):
        text = render(report, fmt)
        assert isinstance(text, str | bytes)
        shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
        assert reason in shown, fmt
        assert ("Not yet due" in shown) or ("not-yet-due" in shown), fmt
    workbook = render(report, "xlsx")
    assert isinstance(workbook, bytes)
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert any("Not yet due" in c for c in cells)
    assert any(reason in c for c in cells)
