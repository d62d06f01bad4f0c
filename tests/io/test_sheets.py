"""Spreadsheets as councils write them (issue 11, point 3), on the example councils.

Headers are checked (a missing required column or a near miss of a known one is an
error naming file, column and likely meaning; other columns are kept); a rejected row is
reported once, not again by every row that depends on it; dates are day first or ISO and
never swapped; and workbook cells are read as Excel shows them: percentage cells,
date cells in period columns, numbers stored as text and formulas with or without a
calculated value.  Every case is tried in CSV and in real ``.xlsx`` workbooks.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from goldenthread.errors import BundleError, Problem
from goldenthread.examples import example_path
from goldenthread.framework import Framework
from goldenthread.indicators.benchmarking import ComparatorGroup
from goldenthread.indicators.definition import ToleranceKind
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.benchmarks import COMPARATOR_COLUMNS, COMPARISON_COLUMNS
from goldenthread.io.bundle import BUNDLE_FILES, FRAMEWORK_FILE, load_bundle
from goldenthread.io.cycles import PRESENTATION_COLUMNS, RETURN_COLUMNS
from goldenthread.io.indicators import (
    INDICATOR_COLUMNS,
    TARGET_COLUMNS,
    VALUE_COLUMNS,
    VALUE_EXTRA_COLUMNS,
)
from goldenthread.io.risks import REVIEW_COLUMNS, RISK_COLUMNS
from goldenthread.io.spot_checks import SPOT_CHECK_COLUMNS
from goldenthread.io.tables import near_miss, read_csv_text, read_workbook
from goldenthread.io.thread import ITEM_COLUMNS, LINK_COLUMNS, parse_date

KNOWN = {
    "indicators.csv": INDICATOR_COLUMNS,
    "values.csv": (*VALUE_COLUMNS, *VALUE_EXTRA_COLUMNS),
    "targets.csv": TARGET_COLUMNS,
    "items.csv": ITEM_COLUMNS,
    "links.csv": LINK_COLUMNS,
    "risks.csv": RISK_COLUMNS,
    "risk_reviews.csv": REVIEW_COLUMNS,
    "comparators.csv": COMPARATOR_COLUMNS,
    "comparisons.csv": COMPARISON_COLUMNS,
    "spot_checks.csv": SPOT_CHECK_COLUMNS,
    "returns.csv": RETURN_COLUMNS,
    "presentations.csv": PRESENTATION_COLUMNS,
}


# --- helpers ----------------------------------------------------------------------------


def copy_example(tmp_path: Path, name: str = "rossendale") -> Path:
    folder = tmp_path / name
    shutil.copytree(example_path(name), folder)
    return folder


def edit_csv(folder: Path, file: str, edit: Callable[[list[list[str]]], None]) -> None:
    path = folder / file
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def rename_column(old: str, new: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[0][rows[0].index(old)] = new

    return edit


def set_cell(key: tuple[str, ...], column: str, text: str) -> Callable[[list[list[str]]], None]:
    """Set ``column`` in the first row whose leading cells are ``key``."""

    def edit(rows: list[list[str]]) -> None:
        index = rows[0].index(column)
        for row in rows[1:]:
            if tuple(row[: len(key)]) == key:
                row[index] = text
                return
        raise AssertionError(f"no row {key}")

    return edit


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(BundleError) as info:
        load_bundle(path)
    return list(info.value.problems)


def value_of(framework: Framework, code: str, label: str) -> IndicatorValue:
    for value in framework.indicators.recorded[code].values():
        if value.period.label == label:
            return value
    raise AssertionError(f"no value of {code} for {label}")


def workbook_of(folder: Path, path: Path) -> Path:
    """The bundle ``folder`` as one workbook at ``path`` (framework.toml beside it), every
    cell written as text: numbers stored as text, as a council pasting CSV gets."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name in BUNDLE_FILES:
        source = folder / f"{name}.csv"
        if not source.is_file():
            continue
        sheet = book.create_sheet(name)
        with source.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book.save(path)
    shutil.copy(folder / FRAMEWORK_FILE, path.parent / FRAMEWORK_FILE)
    return path


def edit_workbook(path: Path, edit: Callable[[Workbook], None]) -> Path:
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return path


def find(sheet: Worksheet, key: tuple[str, ...], column: str) -> str:
    """The coordinate of ``column`` in the first row of ``sheet`` starting with ``key``."""
    header = [c.value for c in sheet[1]]
    index = header.index(column)
    for row in sheet.iter_rows(min_row=2):
        if tuple(c.value for c in row[: len(key)]) == key:
            return str(row[index].coordinate)
    raise AssertionError(f"no row {key} in {sheet.title}")


def cache_formula_results(path: Path, results: dict[str, str]) -> None:
    """Write the calculated value of formulas, as Excel does on saving (openpyxl
    writes formulas without one): ``results`` maps a formula's text to its value."""
    rebuilt = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(rebuilt, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                for formula, value in results.items():
                    kind = "" if re.fullmatch(r"-?[0-9.]+", value) else ' t="str"'
                    text = re.sub(
                        rf"(<c [^>]*?)><f>{re.escape(formula)}</f><v\s*/>",
                        rf"\1{kind}><f>{formula}</f><v>{value}</v>",
                        text,
                    )
                data = text.encode("utf-8")
            new.writestr(item, data)
    rebuilt.replace(path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


# --- headers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "known", "meant"),
    [
        ("taregt", TARGET_COLUMNS, "target"),
        ("denomiator", VALUE_COLUMNS, "denominator"),
        ("polarty", INDICATOR_COLUMNS, "polarity"),
        ("agregation", INDICATOR_COLUMNS, "aggregation"),
        ("current_imapct", RISK_COLUMNS, "current_impact"),
        ("inherentlikelihood", RISK_COLUMNS, "inherent_likelihood"),
        ("reviewd_on", REVIEW_COLUMNS, "reviewed_on"),
        ("progres", ITEM_COLUMNS, "progress"),
        ("recieved", (*VALUE_COLUMNS, *VALUE_EXTRA_COLUMNS), "received"),
    ],
)
def test_a_near_miss_is_recognised(column: str, known: tuple[str, ...], meant: str) -> None:
    assert near_miss(column, known) == meant


@pytest.mark.parametrize("file", sorted(KNOWN))
@pytest.mark.parametrize(
    "column",
    ["notes", "lead", "partners", "service", "comments", "directorate", "ward", "baseline",
     "portfolio", "cabinet_member", "rag", "source_ref", "quartile", "notes_2024"],
)  # fmt: skip
def test_ordinary_extra_columns_are_not_near_misses(file: str, column: str) -> None:
    known = KNOWN[file]
    if column not in known:
        assert near_miss(column, known) is None


@pytest.mark.parametrize(
    ("file", "old", "new", "meant"),
    [
        ("targets.csv", "target", "Taregt", "target"),
        ("values.csv", "denominator", "Denomiator", "denominator"),
        ("indicators.csv", "polarity", "Polarty", "polarity"),
        ("risks.csv", "current_impact", "Current Imapct", "current_impact"),
        ("items.csv", "progress", "Progres", "progress"),
        ("risk_reviews.csv", "reviewed_on", "Reviewd On", "reviewed_on"),
        ("comparisons.csv", "organisation", "Organsation", "organisation"),
        ("returns.csv", "received", "Recieved", "received"),
        ("presentations.csv", "presented", "Presnted", "presented"),
    ],
)
def test_a_near_miss_header_is_one_error_naming_file_column_and_meaning(
    folder: Path, file: str, old: str, new: str, meant: str
) -> None:
    edit_csv(folder, file, rename_column(old, new))
    problems = problems_of(folder)
    column = new.lower().replace(" ", "_")
    assert problems == [
        Problem(
            f"column {column!r} in {file} looks like {meant!r}; rename it {meant!r} "
            f"(as spelt it is not read as {meant!r})",
            file,
            1,
            column,
        )
    ]


def test_a_near_miss_header_in_a_workbook_names_the_sheet(folder: Path, tmp_path: Path) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")

    def edit(book: Workbook) -> None:
        book["targets"]["C1"] = "Taregt"

    edit_workbook(path, edit)
    problems = problems_of(path)
    assert [(p.file, p.column) for p in problems] == [("council.xlsx[targets]", "taregt")]
    assert "looks like 'target'" in problems[0].reason


def test_a_missing_required_column_is_one_error(folder: Path) -> None:
    def drop_polarity(rows: list[list[str]]) -> None:
        index = rows[0].index("polarity")
        for row in rows:
            del row[index]

    edit_csv(folder, "indicators.csv", drop_polarity)
    problems = problems_of(folder)
    assert len(problems) == 1
    assert (problems[0].file, problems[0].column) == ("indicators.csv", "polarity")
    assert problems[0].reason.startswith("missing required column 'polarity'")


def test_odd_spacing_and_case_in_a_header_is_fine(folder: Path) -> None:
    edit_csv(folder, "indicators.csv", rename_column("polarity", "  POLARITY "))
    edit_csv(folder, "values.csv", rename_column("entered_by", "Entered  By"))
    assert load_bundle(folder).indicators == load_bundle(example_path("rossendale")).indicators


def test_ordinary_extra_columns_are_kept(folder: Path) -> None:
    def add(column: str, text: str) -> Callable[[list[list[str]]], None]:
        def edit(rows: list[list[str]]) -> None:
            rows[0].append(column)
            for row in rows[1:]:
                row.append(text)

        return edit

    edit_csv(folder, "values.csv", add("Notes", "checked by team"))
    edit_csv(folder, "indicators.csv", add("Lead", "Cllr Smith"))
    edit_csv(folder, "risks.csv", add("Service", "Finance"))
    framework = load_bundle(folder)
    assert value_of(framework, "BV 9", "2021-05").extras["notes"] == "checked by team"
    assert framework.indicators.definitions["BV 9"].extras["lead"] == "Cllr Smith"
    assert all(risk.extras["service"] == "Finance" for risk in framework.risks)


# --- one bad row, one report ------------------------------------------------------------


def test_a_rejected_indicator_row_is_reported_once(folder: Path) -> None:
    edit_csv(folder, "indicators.csv", set_cell(("NI 157a",), "polarity", "hihger"))
    problems = problems_of(folder)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.row, problem.column) == ("indicators.csv", 2, "polarity")
    assert problem.reason.startswith("unknown polarity 'hihger'")
    assert "the row is rejected" in problem.reason
    assert "rows of values.csv" in problem.reason
    assert "rows of comparisons.csv" in problem.reason
    assert "rows of returns.csv" in problem.reason


def test_a_value_of_an_undefined_indicator_is_still_reported(folder: Path) -> None:
    edit_csv(folder, "indicators.csv", set_cell(("NI 157a",), "polarity", "hihger"))
    edit_csv(folder, "values.csv", lambda rows: rows.append(["NI 999", "2024-04", "1"]))
    problems = problems_of(folder)
    assert [(p.file, p.column) for p in problems] == [
        ("indicators.csv", "polarity"),
        ("values.csv", "indicator"),
    ]
    assert "no indicator 'NI 999'" in problems[1].reason


def test_a_rejected_indicator_checked_by_audit_is_reported_once(tmp_path: Path) -> None:
    folder = copy_example(tmp_path, "poole")
    with (folder / "spot_checks.csv").open(encoding="utf-8") as handle:
        code = next(csv.DictReader(handle))["indicator"]
    edit_csv(folder, "indicators.csv", set_cell((code,), "aggregation", "average-ish"))
    problems = problems_of(folder)
    assert len(problems) == 1
    assert "spot_checks.csv" in problems[0].reason


def test_an_indicators_table_with_a_bad_header_silences_its_dependants(folder: Path) -> None:
    edit_csv(folder, "indicators.csv", rename_column("code", "indicator_code"))
    problems = problems_of(folder)
    assert [(p.file, p.column) for p in problems] == [("indicators.csv", "code")]


def test_a_rejected_risk_row_is_reported_once(folder: Path) -> None:
    edit_csv(folder, "risks.csv", set_cell(("CR01",), "inherent_impact", "9"))
    problems = problems_of(folder)
    assert len(problems) == 1
    assert (problems[0].file, problems[0].row, problems[0].column) == (
        "risks.csv",
        2,
        "inherent_impact",
    )
    assert "the row is rejected" in problems[0].reason
    assert "rows of risk_reviews.csv" in problems[0].reason


def test_a_review_of_an_unknown_risk_is_still_reported(folder: Path) -> None:
    edit_csv(folder, "risks.csv", set_cell(("CR01",), "inherent_impact", "9"))
    edit_csv(
        folder,
        "risk_reviews.csv",
        lambda rows: rows.append(["CR99", "2025-06-28", "", "", "", "", ""]),
    )
    problems = problems_of(folder)
    assert [p.file for p in problems] == ["risks.csv", "risk_reviews.csv"]
    assert "CR99" in problems[1].reason


def test_a_risks_table_with_a_bad_header_silences_its_reviews(folder: Path) -> None:
    edit_csv(folder, "risks.csv", rename_column("id", "ref"))
    assert [(p.file, p.column) for p in problems_of(folder)] == [("risks.csv", "id")]


def test_a_rejected_indicator_in_a_workbook_is_reported_once(folder: Path, tmp_path: Path) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")

    def edit(book: Workbook) -> None:
        sheet = book["indicators"]
        sheet[find(sheet, ("BV 9",), "decimals")] = "two"

    edit_workbook(path, edit)
    problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].file == "council.xlsx[indicators]"
    assert "council.xlsx[values]" in problems[0].reason


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30/10/2025", dt.date(2025, 10, 30)), ("2025-10-30", dt.date(2025, 10, 30)),
     ("01/04/2024", dt.date(2024, 4, 1))],
)  # fmt: skip
def test_dates_are_iso_or_day_first(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [("10/30/2025", "month first"), ("30/10/25", "two-digit year"),
     ("31/02/2025", "no such day"), ("Oct 30", "write 2024-04-01")],
)  # fmt: skip
def test_other_dates_are_refused_clearly(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_date(text)


def add_received(rows: list[list[str]], text: str) -> None:
    rows[0].append("received")
    for row in rows[1:]:
        row.append("")
    for row in rows[1:]:
        if row[:2] == ["BV 9", "2025-09"]:
            row[-1] = text
            return
    raise AssertionError("no BV 9 2025-09")


def test_a_day_first_received_date_is_read_as_that_day(folder: Path) -> None:
    edit_csv(folder, "values.csv", lambda rows: add_received(rows, "30/10/2025"))
    value = value_of(load_bundle(folder), "BV 9", "2025-09")
    assert value.extras["received"] == "2025-10-30"


def test_a_month_first_received_date_is_refused(folder: Path) -> None:
    edit_csv(folder, "values.csv", lambda rows: add_received(rows, "10/30/2025"))
    problems = problems_of(folder)
    assert [(p.file, p.column) for p in problems] == [("values.csv", "received")]
    assert "month first" in problems[0].reason


def test_a_received_date_cell_in_a_workbook_is_read(folder: Path, tmp_path: Path) -> None:
    edit_csv(folder, "values.csv", lambda rows: add_received(rows, ""))
    path = workbook_of(folder, tmp_path / "council.xlsx")

    def edit(book: Workbook) -> None:
        sheet = book["values"]
        sheet[find(sheet, ("BV 9", "2025-09"), "received")] = dt.datetime(2025, 10, 30)

    edit_workbook(path, edit)
    assert value_of(load_bundle(path), "BV 9", "2025-09").extras["received"] == "2025-10-30"


@pytest.mark.parametrize(
    ("file", "key", "column"),
    [("risks.csv", ("CR01",), "next_review"), ("items.csv", ("COM-2-A1",), "due"),
     ("risk_reviews.csv", ("CR01", "2025-06-28"), "reviewed_on")],
)  # fmt: skip
def test_every_date_column_reads_day_first_and_refuses_month_first(
    tmp_path: Path, file: str, key: tuple[str, ...], column: str
) -> None:
    good = copy_example(tmp_path / "good")
    edit_csv(good, file, set_cell(key, column, "30/03/2027"))
    load_bundle(good)
    bad = copy_example(tmp_path / "bad")
    edit_csv(bad, file, set_cell(key, column, "03/30/2027"))
    problems = problems_of(bad)
    assert [(p.file, p.column) for p in problems] == [(file, column)]
    assert "month first" in problems[0].reason


# --- workbooks as Excel writes them -----------------------------------------------------


def test_a_workbook_of_text_cells_reads_as_the_csv_folder(folder: Path, tmp_path: Path) -> None:
    from_csv = load_bundle(folder)
    from_book = load_bundle(workbook_of(folder, tmp_path / "council.xlsx"))
    assert from_book.indicators == from_csv.indicators
    assert from_book.risks == from_csv.risks
    assert from_book.risk_reviews == from_csv.risk_reviews
    assert from_book.thread.items == from_csv.thread.items
    assert from_book.comparisons == from_csv.comparisons


def set_workbook_cell(
    path: Path, sheet_name: str, key: tuple[str, ...], column: str, value: object, fmt: str = ""
) -> None:
    def edit(book: Workbook) -> None:
        sheet = book[sheet_name]
        cell = sheet[find(sheet, key, column)]
        cell.value = value
        if fmt:
            cell.number_format = fmt

    edit_workbook(path, edit)


def test_a_percentage_cell_is_the_percentage_it_shows_where_the_unit_is_percent(
    folder: Path, tmp_path: Path
) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    set_workbook_cell(path, "values", ("BV 9", "2021-05"), "value", 0.2042, "0.00%")
    set_workbook_cell(path, "targets", ("BV 9", "2021/22 Q2"), "target", 0.575, "0%")
    framework = load_bundle(path)
    assert value_of(framework, "BV 9", "2021-05").value == Decimal("20.42")
    targets = framework.indicators.targets["BV 9"].values()
    assert any(t.period.label == "2021/22 Q2" and t.target == Decimal("57.5") for t in targets)


def test_a_percentage_cell_is_an_error_where_the_unit_is_not_percent(
    folder: Path, tmp_path: Path
) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    with (folder / "values.csv").open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["indicator"] == "BV 12")
    set_workbook_cell(path, "values", ("BV 12", row["period"]), "value", 0.0875, "0.00%")
    problems = problems_of(path)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.column) == ("council.xlsx[values]", "value")
    assert "Excel shows this cell as a percentage, so it reads as 8.75%" in problem.reason


def test_a_percentage_cell_in_a_count_column_is_an_error(folder: Path, tmp_path: Path) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    set_workbook_cell(path, "indicators", ("BV 9",), "decimals", 0.02, "0%")
    problems = problems_of(path)
    assert len(problems) == 1
    assert problems[0].column == "decimals"
    assert "Excel shows this cell as a percentage" in problems[0].reason


def test_percentage_cells_in_tolerance_and_progress_are_read(folder: Path, tmp_path: Path) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    set_workbook_cell(path, "indicators", ("NI 157a",), "tolerance", 0.075, "0.0%")
    set_workbook_cell(path, "items", ("COM-2-A1",), "progress", 0.55, "0%")
    framework = load_bundle(path)
    tolerance = framework.indicators.definitions["NI 157a"].tolerance
    assert (tolerance.kind, tolerance.amount) == (ToleranceKind.RELATIVE, Decimal("7.5"))
    item = next(i for i in framework.thread.items if i.id == "COM-2-A1")
    assert item.progress == Decimal(55)


def test_a_date_cell_on_the_first_in_a_period_column_is_that_month(
    folder: Path, tmp_path: Path
) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    may = dt.datetime(2021, 5, 1)
    set_workbook_cell(path, "values", ("BV 9", "2021-05"), "period", may, "mmm-yy")
    framework = load_bundle(path)
    assert value_of(framework, "BV 9", "2021-05") == value_of(
        load_bundle(folder), "BV 9", "2021-05"
    )


@pytest.mark.parametrize("sheet", ["values", "risk_reviews"])
def test_a_date_cell_on_another_day_in_a_period_column_is_an_error(
    folder: Path, tmp_path: Path, sheet: str
) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    key = ("BV 9", "2021-05") if sheet == "values" else ("CR01", "2025-06-28")
    set_workbook_cell(path, sheet, key, "period", dt.datetime(2021, 5, 14), "dd/mm/yyyy")
    problems = problems_of(path)
    assert [(p.file, p.column) for p in problems] == [(f"council.xlsx[{sheet}]", "period")]
    assert "Excel made this cell a date (2021-05-14)" in problems[0].reason
    assert problems[0].reason.count("Excel") == 1


def test_numbers_stored_as_numbers_or_text_read_alike(folder: Path, tmp_path: Path) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    set_workbook_cell(path, "values", ("BV 9", "2021-05"), "value", 20.42)
    set_workbook_cell(path, "values", ("BV 9", "2021-06"), "value", " 30.11 ")
    framework = load_bundle(path)
    assert value_of(framework, "BV 9", "2021-05").value == Decimal("20.42")
    assert value_of(framework, "BV 9", "2021-06").value == Decimal("30.11")


def test_a_formula_without_a_calculated_value_is_refused(folder: Path, tmp_path: Path) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    set_workbook_cell(path, "values", ("BV 9", "2021-05"), "value", "=10.21*2")
    problems = problems_of(path)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.column) == ("council.xlsx[values]", "value")
    assert "formula =10.21*2" in problem.reason
    assert "open and save it in Excel" in problem.reason


def test_a_formula_is_read_by_its_calculated_value(folder: Path, tmp_path: Path) -> None:
    path = workbook_of(folder, tmp_path / "council.xlsx")
    set_workbook_cell(path, "values", ("BV 9", "2021-05"), "value", "=10.21*2")
    set_workbook_cell(path, "indicators", ("BV 9",), "title", '="Council tax "&"collected"')
    cache_formula_results(
        path,
        {"10.21*2": "20.42", '"Council tax "&amp;"collected"': "Council tax collected"},
    )
    tables = read_workbook(path)
    assert tables["indicators"].rows[3].get("title") == "Council tax collected"
    framework = load_bundle(path)
    assert value_of(framework, "BV 9", "2021-05").value == Decimal("20.42")


def test_a_percentage_formula_is_the_percentage_it_shows(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "values"
    sheet.append(["indicator", "period", "value", "numerator", "denominator"])
    sheet.append(["BV 8", "2024-04", "=D2/E2", 95, 100])
    sheet["C2"].number_format = "0.0%"
    path = tmp_path / "council.xlsx"
    book.save(path)
    cache_formula_results(path, {"D2/E2": "0.95"})
    row = read_workbook(path)["values"].rows[0]
    assert row.get("value") == "95%"
    assert row.kinds == {"value": "percent"}


def test_a_csv_row_has_no_cell_kinds() -> None:
    table = read_csv_text("indicator,period,value\nBV 9,2024-09-01,97%\n", "values.csv")
    assert table.rows[0].kinds == {}
    assert table.rows[0].period() == "2024-09-01"


def test_comparator_groups_are_unchanged_by_the_workbook(folder: Path, tmp_path: Path) -> None:
    from_book = load_bundle(workbook_of(folder, tmp_path / "council.xlsx"))
    groups: tuple[ComparatorGroup, ...] = from_book.comparators
    assert groups == load_bundle(folder).comparators


def test_a_near_miss_file_name_is_an_error(folder: Path) -> None:
    (folder / "targets.csv").rename(folder / "Target.csv")
    (folder / "budget notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    problems = problems_of(folder)
    assert problems == [
        Problem(
            "Target.csv looks like targets.csv; rename it targets.csv (as named it is not read)",
            "Target.csv",
        )
    ]


def test_file_names_are_case_insensitive(folder: Path) -> None:
    (folder / "targets.csv").rename(folder / "Targets.CSV")
    assert load_bundle(folder).indicators == load_bundle(example_path("rossendale")).indicators


def test_a_rejected_comparators_table_does_not_reject_every_comparison(folder: Path) -> None:
    edit_csv(
        folder, "comparators.csv", set_cell(("CIPFA nearest neighbours",), "valid_from", "soon")
    )
    problems = problems_of(folder)
    assert [(p.file, p.column) for p in problems] == [("comparators.csv", "valid_from")]
