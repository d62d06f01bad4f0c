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
from goldenthread.reports import Column, Commentary, Report, Section, Table
from goldenthread.reports.model import ColumnKind
from goldenthread.reports.render import render_xlsx
from goldenthread.reports.render.safety import FORMULA_TRIGGERS
from goldenthread.reports.render.xlsx import number_format, sheet_title
from tests.reports.samples import FORMULA, SCRIPT, sample_report

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
        "Corporate indicators, 2024 25 H",
        "Days to process new benefit cla",
        "Household waste recycled",
        "Current risk ratings",
        "Risk register findings",
    ]


def test_table_sheet_has_bold_header_frozen_panes_and_typed_numbers() -> None:
    indicators = sheet(workbook(), "Corporate indicators, 2024 25 H")
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
    assert ("Net spend to date", "£1,234,567.89") in [
        (c.value, report.cell(c.row, 2).value) for c in report["A"]
    ]


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
    assert sheet_title("Risks: by level [2024/25]", taken) == "Risks by level 2024 25"
    assert sheet_title("Report", taken) == "Report (2)"
    assert sheet_title("", taken) == "Table"
    long = "A very long caption that goes well beyond the limit"
    assert sheet_title(long, taken) == long[:31]
    assert sheet_title(long, taken) == long[:27] + " (2)"


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
