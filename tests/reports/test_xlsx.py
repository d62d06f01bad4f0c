from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from goldenthread.branding import default_branding
from goldenthread.reports import Cell, Column, Commentary, Report, Section, Table
from goldenthread.reports.model import ColumnKind, HeatMap, LineChart, Series
from goldenthread.reports.render import render_xlsx
from goldenthread.reports.render.safety import FORMULA_TRIGGERS
from goldenthread.reports.render.tabular import charts_table
from goldenthread.reports.render.xlsx import number_format, sheet_title, value_format
from tests.reports.samples import FORMULA, SCRIPT, sample_report
from tests.reports.strategies import line_charts

BRANDING = default_branding()


def workbook(report: Report | None = None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(report or sample_report(), BRANDING)))


def sheet(book: openpyxl.Workbook, title: str) -> Worksheet:
    found = book[title]
    assert isinstance(found, Worksheet)
    return found


def test_a_sheet_per_table_after_the_report_sheet() -> None:
    assert workbook().sheetnames == [
        "Report",
        "Corporate indicators, 2024-25",
        "Days to process new benefit",
        "Household waste recycled",
        "Current risk ratings",
        "Risk register findings",
    ]


def test_table_sheet_has_bold_header_frozen_panes_and_typed_numbers() -> None:
    indicators = sheet(workbook(), "Corporate indicators, 2024-25")
    assert indicators["A1"].value == "Corporate indicators, 2024/25 H1"
    assert [c.value for c in indicators[2]] == [
        "Code",
        "Indicator",
        "2024/25 H1",
        "Target",
        "Status",
        "Direction of travel",
        "Net spend",
    ]
    assert all(c.font.bold for c in indicators[2])
    assert indicators.freeze_panes == "B3"
    values = [c.value for c in indicators[3]]
    assert values == [
        "BV 12",
        "Working days lost to sickness absence per FTE",
        pytest.approx(4.6),
        pytest.approx(4.5),
        "▲ Amber",
        "↘ Worsening",
        pytest.approx(-1250.5),
    ]
    assert indicators["C3"].data_type == "n"
    assert indicators["C3"].number_format == "#,##0.0"
    assert indicators["G3"].number_format == '"£"#,##0.00'
    assert indicators["E3"].fill.fgColor.rgb == "00FFDD00"
    assert indicators["C6"].value is None  # no data


def test_report_sheet_holds_details_and_neutralised_commentary() -> None:
    report = sheet(workbook(), "Report")
    column_a = [c.value for c in report["A"]]
    assert column_a[0] == "Half-yearly performance report"
    assert ("As at", "31 Oct 2024 17:00 UTC") in [
        (c.value, report.cell(c.row, 2).value) for c in report["A"]
    ]
    assert "'" + FORMULA in column_a
    commentary = next(v for v in column_a if isinstance(v, str) and v.startswith("Sickness"))
    assert SCRIPT in commentary
    assert "see sheet 'Current risk ratings'" in [c.value for c in report["B"]]
    # a key figure is a number with its format, not text
    spend = next(c.row for c in report["A"] if c.value == "Net spend to date")
    assert report.cell(spend, 2).value == 1234567.891  # shown as £1,234,567.89
    assert report.cell(spend, 2).number_format == '"£"#,##0.00'
    # a "see sheet" line links to the sheet
    link = next(c for c in report["B"] if c.value == "see sheet 'Current risk ratings'")
    assert link.hyperlink is not None
    assert link.hyperlink.location == "'Current risk ratings'!A1"


# Each example writes and reads a whole workbook, so fewer examples than the profile's.
@settings(max_examples=40)
@given(
    st.text(),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    ),
)
def test_text_never_becomes_a_formula_and_numbers_stay_numbers(text: str, number: Decimal) -> None:
    report = Report(
        "k",
        "t",
        "o",
        [
            Section(
                "S",
                [
                    Commentary(text),
                    Table("T", [Column("t", "T"), Column("n", "N", "money")], [(text, number)]),
                ],
            )
        ],
        generated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    book = workbook(report)
    for ws in book.worksheets:
        assert isinstance(ws, Worksheet)
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_TRIGGERS)
    table = sheet(book, "T")
    assert table["B3"].data_type == "n"
    assert Decimal(str(table["B3"].value)) == number


@given(st.text(max_size=60), st.sets(st.text(max_size=31).map(str.lower), max_size=5))
def test_sheet_titles_are_valid_and_unique(caption: str, taken: set[str]) -> None:
    before = set(taken)
    title = sheet_title(caption, taken)
    assert 1 <= len(title) <= 31
    assert not set(title) & set("[]:*?/\\")
    assert title.lower() not in before
    assert taken == before | {title.lower()}


def test_sheet_title_examples() -> None:
    taken: set[str] = {"report"}
    assert sheet_title("Risks: by level [2024/25]", taken) == "Risks by level 2024-25"
    assert sheet_title("Report", taken) == "Report (2)"
    assert sheet_title("", taken) == "Table"
    long = "A very long caption that goes well beyond the limit"
    # cut at a word, never mid-word
    assert sheet_title(long, taken) == "A very long caption that goes"
    assert sheet_title(long, taken) == "A very long caption that (2)"
    assert sheet_title("Supercalifragilisticexpialidocious-and-more", taken) == (
        "Supercalifragilisticexpialidoci"
    )


@pytest.mark.parametrize(
    ("kind", "places", "expected"),
    [
        (ColumnKind.MONEY, None, '"£"#,##0.00'),
        (ColumnKind.MONEY, 0, '"£"#,##0'),
        (ColumnKind.PERCENT, 1, '#,##0.0"%"'),
        (ColumnKind.NUMBER, None, "General"),
        (ColumnKind.NUMBER, 3, "#,##0.000"),
    ],
)
def test_number_formats(kind: ColumnKind, places: int | None, expected: str) -> None:
    assert number_format(kind, places) == expected


def test_reserved_and_repeated_sheet_names_are_avoided() -> None:
    table = Table("History", [Column("a", "A")], [("x",)])
    report = Report(
        "k", "t", "o", [Section("S", [table, table, Table("Report", [Column("a", "A")], [])])]
    )
    assert workbook(report).sheetnames == ["Report", "History (2)", "History (3)", "Report (2)"]


def test_a_figure_keeps_the_places_it_was_given() -> None:
    columns = [
        Column("code", "Code"),
        Column("value", "Value", ColumnKind.NUMBER),
        Column("pct", "Share", ColumnKind.PERCENT),
        Column("days", "Days", ColumnKind.NUMBER, None, "days"),
        Column("count", "Count", ColumnKind.NUMBER),
    ]
    rows = [("BV 9", Decimal("57.00"), Decimal("57.27"), Decimal("8.9"), 23)]
    book = workbook(Report("k", "t", "o", [Section("S", [Table("Figures", columns, rows)])]))
    figures = sheet(book, "Figures")
    value, pct, days, count = (figures.cell(3, c) for c in range(2, 6))
    assert (value.value, value.number_format) == (57, "#,##0.00")  # shown as 57.00
    assert (pct.value, pct.number_format) == (57.27, '#,##0.00"%"')
    assert (days.value, days.number_format) == (8.9, '#,##0.0" days"')
    assert count.data_type == "n"
    assert count.value == 23


def test_a_heat_map_is_coloured_counts_with_their_levels() -> None:
    heat = HeatMap(
        "Current risk heat map",
        "2 risks are High",
        "Likelihood",
        "Impact",
        ["2 Likely", "1 Rare"],
        ["1 Minor", "2 Major"],
        [[0, 2], [1, 0]],
        [["Medium", "High"], ["Low", "Medium"]],
        [["#F9A825", "#C62828"], ["#2E7D32", "#F9A825"]],
    )
    book = workbook(Report("risk", "t", "o", [Section("Heat maps", [heat])]))
    grid = sheet(book, "Current risk heat map")
    high = grid["C3"]
    assert high.value == 2
    assert high.number_format == '0" (High)"'  # the level is shown: colour is never alone
    assert high.fill.fgColor.rgb.endswith("C62828")
    assert high.font.color.rgb.endswith("FFFFFF")
    assert grid["B4"].fill.fgColor.rgb.endswith("2E7D32")
    assert [c.value for c in grid[2]] == ["Likelihood / Impact", "1 Minor", "2 Major"]
    assert grid["A3"].value == "2 Likely"
    report = sheet(book, "Report")
    link = next(c for c in report["B"] if c.value == "see sheet 'Current risk heat map'")
    assert link.hyperlink is not None


def test_a_cell_standing_for_a_level_is_filled_beside_its_text() -> None:
    table = Table(
        "Changed ratings",
        [Column("id", "Risk"), Column("after", "Rating now")],
        [("CR01", Cell("16 High", colour="#c62828"))],
    )
    book = workbook(Report("risk", "t", "o", [Section("Changes", [table])]))
    cell = sheet(book, "Changed ratings")["B3"]
    assert cell.value == "16 High"
    assert cell.fill.fgColor.rgb.endswith("C62828")


def test_sheet_titles_of_the_demo_reports_are_short_unique_and_whole_words() -> None:
    from goldenthread.examples import EXAMPLE_AS_AT, example_path
    from goldenthread.io.bundle import load_bundle
    from goldenthread.periods import parse_period
    from goldenthread.reports.builders import builtin_report_kinds

    framework = load_bundle(example_path("rossendale"))
    report = builtin_report_kinds()["risk"].build(
        framework, parse_period("2025/26 Q2"), today=EXAMPLE_AS_AT
    )
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report, BRANDING)))
    titles = book.sheetnames
    assert len({t.lower() for t in titles}) == len(titles)
    assert all(len(t) <= 31 for t in titles)
    changed = sheet(book, "Changed ratings")
    filled = [c for row in changed.iter_rows(min_row=3) for c in row if c.fill.fill_type]
    assert filled  # risk movement: each rating filled with its level's colour
    assert all(isinstance(c.value, str) and c.value.split()[-1] for c in filled)


@given(
    st.integers(0, 6).flatmap(
        lambda places: st.tuples(
            st.just(places),
            st.decimals(
                allow_nan=False,
                allow_infinity=False,
                places=places,
                min_value=-(10**9),
                max_value=10**9,
            ),
        )
    )
)
def test_a_figure_s_format_shows_the_places_it_was_given(case: tuple[int, Decimal]) -> None:
    places, figure = case
    figure = figure.quantize(Decimal(1).scaleb(-places))
    fmt = value_format(ColumnKind.NUMBER, None, figure)
    shown = fmt.partition(".")[2]
    assert len(shown) == places
    assert set(shown) <= {"0"}
    # a column's own places always win
    assert value_format(ColumnKind.NUMBER, 1, figure) == "#,##0.0"


def test_a_section_of_many_charts_is_one_sheet_of_their_data() -> None:
    """A trend appendix of one chart per indicator is one sheet of long data (chart,
    label, series, value, unit), not a sheet per chart; each chart's text alternative is a
    line of the report sheet."""
    charts = [
        LineChart(
            f"Indicator {n}",
            f"Indicator {n} rose from {n} to {n + 1}.",
            (
                Series("Value", (("2025-04", n), ("2025-05", n + 1))),
                Series("Target", (("2025-04", Decimal("1.50")), ("2025-05", None))),
            ),
            unit="%",
        )
        for n in range(3)
    ]
    report = Report("performance", "Trends", "A Council", [Section("Appendix: trends", charts)])
    book = workbook(report)
    assert book.sheetnames == ["Report", "Appendix trends chart data"]
    data = sheet(book, "Appendix trends chart data")
    rows = [tuple(c.value for c in row) for row in data.iter_rows(min_row=2)]
    assert rows[0] == ("Chart", "Label", "Series", "Value", "Unit")
    assert len(rows[1:]) == 3 * 2 * 2
    assert rows[1] == ("Indicator 0", "2025-04", "Value", 0, "%")
    assert ("Indicator 2", "2025-04", "Target", 1.5, "%") in rows
    assert ("Indicator 2", "2025-05", "Target", None, "%") in rows
    texts = [c.value for c in sheet(book, "Report")["B"]]
    assert "Indicator 1 rose from 1 to 2." in texts


def _cells(found: Worksheet) -> list[tuple[object, str, bool]]:
    return [
        (cell.value, cell.number_format, bool(cell.font.bold))
        for row in found.iter_rows()
        for cell in row
    ]


@settings(max_examples=25, deadline=None)
@given(st.lists(line_charts(), min_size=2, max_size=3))
def test_a_section_of_charts_is_the_sheet_of_its_charts_table(charts: list[LineChart]) -> None:
    # the trend appendix's sheet is written straight from the charts' points: it must be
    # the sheet its long table (charts_table) would have made, cell for cell
    caption = "Trends: chart data"
    from_charts = workbook(Report("performance", "R", "O", [Section("Trends", charts)]))
    from_table = workbook(
        Report("performance", "R", "O", [Section("Trends", [charts_table(caption, charts)])])
    )
    title = sheet_title(caption, {"report", "history"})
    made, expected = sheet(from_charts, title), sheet(from_table, title)
    assert _cells(made) == _cells(expected)
    assert made.freeze_panes == expected.freeze_panes
    assert {k: d.width for k, d in made.column_dimensions.items()} == {
        k: d.width for k, d in expected.column_dimensions.items()
    }
