"""The monthly budget monitoring report (``report budget``) on the tiny finance bundle
with hand-worked figures (see :mod:`tests.finance_bundle`)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.cli.finance import mtfp_records
from goldenthread.errors import InputError
from goldenthread.examples import example_path
from goldenthread.finance import Finance, MtfpEntry, MtfpKind
from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import FinancialYear, Month, Quarter
from goldenthread.reports import Report, render
from goldenthread.reports.builders import builtin_report_kinds
from goldenthread.reports.builders.budget import BudgetReport
from goldenthread.reports.model import Block, Cell, KeyValues, LineChart, Paragraph, Table
from goldenthread.reports.render import builtin_formats
from tests.finance_bundle import write_finance_bundle

JULY = dt.date(2025, 7, 10)


@pytest.fixture
def framework(tmp_path: Path) -> Framework:
    return load_bundle(write_finance_bundle(tmp_path / "tdc"))


def section(report: Report, id_: str) -> tuple[Block, ...]:
    for s in report.sections:
        if s.id == id_:
            return s.blocks
    raise AssertionError(f"no section {id_}")


def tables(report: Report, id_: str) -> list[Table]:
    return [b for b in section(report, id_) if isinstance(b, Table)]


def column(table: Table, key: str) -> list[Cell]:
    index = [c.key for c in table.columns].index(key)
    return [row[index] for row in table.rows]


def test_budget_is_a_builtin_kind() -> None:
    kind = builtin_report_kinds()["budget"]
    assert isinstance(kind, BudgetReport)
    assert kind.title == "Budget monitoring report"


def test_the_report_has_every_section(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    assert report.kind == "budget"
    assert report.title == "Budget monitoring report, 2025-06"
    assert report.classification == "internal"
    assert report.generated_for == "Management Team and Cabinet"
    assert [s.id for s in report.sections] == [
        "summary",
        "services",
        "red-amber",
        "underspends",
        "forecast-movement",
        "savings",
        "mtfp",
    ]


def test_the_council_summary_states_the_net_position(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    blocks = section(report, "summary")
    values = {kv.label: kv.value for b in blocks if isinstance(b, KeyValues) for kv in b.items}
    assert values["Net budget (£)"] == Decimal(204000)
    assert values["Forecast outturn (£)"] == Decimal(203400)
    assert values["Forecast variance (£, positive is adverse)"] == Decimal(-600)
    assert values["Forecast variance (%)"] == Decimal("-0.3")
    assert values["Status"] == "● Green"
    assert values["Forecast movement since last month (£)"] == Decimal(1000)
    assert values["As at"] == JULY
    text = next(b.text for b in blocks if isinstance(b, Paragraph))
    assert "£203,400 against a net budget of £204,000" in text
    assert "£600 favourable (green)" in text
    assert "risen by £1,000 since last month" in text


def test_services_end_with_the_council(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    (table,) = tables(report, "services")
    assert [c.value for c in column(table, "service")] == ["Environment", "Planning", "Council"]
    assert [c.value for c in column(table, "forecast_variance")] == [
        Decimal(6400),
        Decimal(-7000),
        Decimal(-600),
    ]
    assert [c.status.value for c in column(table, "status") if c.status] == [
        "red",
        "green",
        "green",
    ]


def test_lines_red_or_amber_red_first_with_commentary_and_method(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    (table,) = tables(report, "red-amber")
    assert [c.value for c in column(table, "code")] == ["W1", "F1"]
    assert [c.value for c in column(table, "commentary")] == [
        "Fuel costs up",
        "Fewer subscriptions",
    ]
    assert [c.value for c in column(table, "forecast_method")] == ["budget holder"] * 2
    assert [c.value for c in column(table, "owner")] == ["A. Holder", "A. Holder"]


def test_significant_underspends_are_listed(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    (table,) = tables(report, "underspends")
    assert [c.value for c in column(table, "code")] == ["P1"]
    assert column(table, "forecast_variance")[0].value == Decimal(-7000)


def test_forecast_movement_chart_and_its_text_alternative_state_the_same_figures(
    framework: Framework,
) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    blocks = section(report, "forecast-movement")
    (chart,) = [b for b in blocks if isinstance(b, LineChart)]
    assert chart.labels == ("2025-04", "2025-05", "2025-06")
    assert chart.title == "Forecast variance month by month (£000)"
    assert [p.value for p in chart.series[0].points] == [
        Decimal(-1),
        Decimal("-1.6"),
        Decimal("-0.6"),
    ]
    assert chart.alt.endswith(
        "2025-04 £1,000 favourable; 2025-05 £1,600 favourable; 2025-06 £600 favourable."
    )
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [c.value for c in column(table, "forecast_outturn")] == [
        Decimal(203000),
        Decimal(202400),
        Decimal(203400),
    ]
    assert [c.value for c in column(table, "movement")] == [None, Decimal(-600), Decimal(1000)]


def test_savings_by_status_and_against_the_gap(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    by_status, each, against = tables(report, "savings")
    assert [(r[0].value, r[2].value, r[3].value) for r in by_status.rows] == [
        ("delivered", 1, Decimal(4000)),
        ("on track", 0, Decimal(0)),
        ("at risk", 1, Decimal(2000)),
        ("unachievable", 0, Decimal(0)),
    ]
    assert [c.value for c in column(each, "code")] == ["S1", "S2"]
    assert [c.value for c in column(against, "gap")] == [Decimal(4000), Decimal(7000)]
    assert [c.value for c in column(against, "gap_if_at_risk_missed")] == [
        Decimal(6000),
        Decimal(12000),
    ]


def test_the_mtfp_gap_year_by_year(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    (table,) = tables(report, "mtfp")
    assert [c.value for c in column(table, "year")] == ["2025/26", "2026/27"]
    assert [c.value for c in column(table, "gap")] == [Decimal(4000), Decimal(7000)]
    assert [c.value for c in column(table, "incremental_gap")] == [Decimal(4000), Decimal(3000)]
    assert column(table, "base")[1].text == "£204,000 (brought forward)"


def test_every_money_column_names_its_unit(framework: Framework) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    for s in report.sections:
        for block in s.blocks:
            if isinstance(block, Table):
                for c in block.columns:
                    if c.kind.value == "money":
                        assert "(£)" in c.label, (block.caption, c.label)


@pytest.mark.parametrize("fmt", sorted(builtin_formats()))
def test_every_renderer_renders_the_report(framework: Framework, fmt: str) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    content = render(report, fmt)
    if fmt == "xlsx":
        assert isinstance(content, bytes)
        book = openpyxl.load_workbook(io.BytesIO(content))
        assert book.sheetnames
        return
    if fmt == "csv-zip":
        assert isinstance(content, bytes)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert isinstance(content, str)
    assert "Fuel costs up" in content
    if fmt == "json":
        assert json.loads(content)["report"]["kind"] == "budget"
    if fmt == "html":
        assert "<svg" in content
        assert "2025-06 £600 favourable" in content


def test_the_public_variant_shows_public_lines_only_without_commentary_or_names(
    framework: Framework,
) -> None:
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY, classification="public")
    assert report.classification == "public"
    # no public line is red or amber: the section says so in one sentence
    assert tables(report, "red-amber") == []
    assert "Every budget line is forecast within its budget as at Jun 2025." in render(
        report, "markdown"
    )
    (underspends,) = tables(report, "underspends")
    assert [c.value for c in column(underspends, "code")] == ["P1"]
    for fmt in ("html", "markdown", "csv", "json"):
        content = render(report, fmt)
        assert isinstance(content, str)
        for secret in ("Fuel costs", "Vacant posts", "System late", "A. Holder", "C. Holder"):
            assert secret not in content, (fmt, secret)
        assert "Waste collection" not in content


def test_a_period_that_is_not_a_month_is_refused(framework: Framework) -> None:
    with pytest.raises(InputError, match="the budget report is monthly: give a month"):
        BudgetReport().build(framework, Quarter(2025, 1), today=JULY)


def test_a_framework_without_finance_data_is_refused(framework: Framework) -> None:
    empty = attrs.evolve(framework, finance=Finance())
    with pytest.raises(InputError, match="the framework has no finance data"):
        BudgetReport().build(empty, Month(2025, 6), today=JULY)


def test_a_framework_without_an_mtfp_says_so(tmp_path: Path) -> None:
    framework = load_bundle(write_finance_bundle(tmp_path / "t", mtfp_csv=None))
    report = BudgetReport().build(framework, Month(2025, 6), today=JULY)
    (text,) = [b.text for b in section(report, "mtfp") if isinstance(b, Paragraph)]
    assert text == "The framework holds no Medium Term Financial Plan."


def test_mtfp_records_refuse_a_first_year_without_a_base() -> None:
    finance = Finance(mtfp=(MtfpEntry(FinancialYear(2025), MtfpKind.PRESSURE, "Pay", Decimal(1)),))
    with pytest.raises(InputError, match=r"mtfp\.csv: the MTFP.s first year, 2025/26"):
        mtfp_records(finance)


def test_the_report_command_writes_it_and_refuses_a_quarter(tmp_path: Path) -> None:
    bundle = str(write_finance_bundle(tmp_path / "tdc"))
    out = tmp_path / "budget.html"
    runner = CliRunner()
    result = runner.invoke(
        main, ["report", "budget", bundle, "--period", "2025-06", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "Budget monitoring report, 2025-06" in out.read_text(encoding="utf-8")
    result = runner.invoke(main, ["report", "budget", bundle, "--period", "2025/26 Q1"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: the budget report is monthly: give a month such as 2025-09, not 2025/26 Q1\n"
    )


def test_the_summary_status_is_in_the_councils_words() -> None:
    poole = load_bundle(example_path("poole"))
    report = BudgetReport().build(poole, Month(2025, 11), today=dt.date(2025, 12, 10))
    values = {
        kv.label: kv.value
        for b in section(report, "summary")
        if isinstance(b, KeyValues)
        for kv in b.items
    }
    assert values["Status"] == "▲ " + poole.branding.terminology.status("amber")
