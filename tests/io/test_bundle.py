"""Loading whole bundles: the example councils, minimal bundles, workbooks and bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from goldenthread import BundleError
from goldenthread.examples import EXAMPLES, example_path
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import Quarter


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_councils_load(name: str) -> None:
    framework = load_bundle(example_path(name))
    assert framework.organisation.code == name
    assert framework.year_start_month == 4
    assert len(framework.thread.items) > 20
    assert len(framework.indicators.definitions) > 20
    assert len(framework.risks) > 10
    assert framework.risk_reviews
    assert framework.cycle.arrangements
    assert framework.branding.organisation_name == framework.organisation.name
    assert framework.source.endswith(name)


def test_a_bundle_of_indicators_and_values_alone_is_valid(tmp_path: Path) -> None:
    (tmp_path / "indicators.csv").write_text(
        "code,title,polarity,aggregation,frequency,unit,decimals\n"
        "LPI 1,Complaints answered in time,higher,ratio,quarterly,%,1\n"
    )
    (tmp_path / "values.csv").write_text(
        "indicator,period,value,numerator,denominator,status\nLPI 1,2024/25 Q1,,45,50,final\n"
    )
    framework = load_bundle(tmp_path)
    assert framework.organisation.name == "Unnamed council"
    assert list(framework.indicators.definitions) == ["LPI 1"]
    assert [level.key for level in framework.thread.levels.levels][:2] == [
        "national",
        "partnership",
    ]
    assert framework.risk_settings.matrix.size == (5, 5)
    assert framework.risks == ()
    assert framework.indicators.value("LPI 1", Quarter(2024, 1)) is not None


def test_an_empty_folder_is_an_empty_framework(tmp_path: Path) -> None:
    framework = load_bundle(tmp_path)
    assert framework.thread.items == ()
    assert not framework.indicators.definitions


def test_every_problem_in_every_file_is_listed(tmp_path: Path) -> None:
    (tmp_path / "framework.toml").write_text(
        '[organisation]\nname = "Test"\nyear_start_month = 13\ncolour = "red"\n'
    )
    (tmp_path / "indicators.csv").write_text(
        "code,title,polarity,aggregation,frequency\nA,Alpha,sideways,sum,monthly\n"
    )
    (tmp_path / "items.csv").write_text("id,kind,title\nX,gadget,Thing\n")
    (tmp_path / "risks.csv").write_text(
        "id,title,inherent_likelihood,inherent_impact\nR1,Flood,9,1\n"
    )
    with pytest.raises(BundleError) as info:
        load_bundle(tmp_path)
    places = {(p.file, p.row, p.column) for p in info.value.problems}
    assert ("framework.toml", None, "organisation.year_start_month") in places
    assert ("framework.toml", None, "organisation.colour") in places
    assert ("indicators.csv", 2, "polarity") in places
    assert ("items.csv", 2, "kind") in places
    assert any(p.file == "risks.csv" and p.row == 2 for p in info.value.problems)


def test_values_without_indicators_are_refused(tmp_path: Path) -> None:
    (tmp_path / "values.csv").write_text("indicator,period,value\nA,2024/25 Q1,3\n")
    with pytest.raises(BundleError, match="no indicators table defining the codes"):
        load_bundle(tmp_path)


def test_broken_toml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "framework.toml").write_text("[organisation\nname=")
    with pytest.raises(BundleError, match=r"framework\.toml: not valid TOML"):
        load_bundle(tmp_path)


def test_missing_bundle_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="no bundle at"):
        load_bundle(tmp_path / "nowhere")


def _csv_to_sheet(book: Workbook, folder: Path, name: str) -> None:
    import csv

    sheet = book.create_sheet(name)
    with (folder / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)


def test_a_workbook_bundle_matches_its_folder(tmp_path: Path) -> None:
    folder = example_path("poole")
    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    finance = ("budget_lines", "budgets", "virements", "actuals", "mtfp", "savings", "unit_costs")
    for name in ("indicators", "values", "targets", "items", "links", "risks", "risk_reviews"):
        _csv_to_sheet(book, folder, name)
    for name in finance:  # the unit costs are indicators derived from the budget
        _csv_to_sheet(book, folder, name)
    book.create_sheet("Guidance").append(["Fill in one sheet per file."])
    path = tmp_path / "poole.xlsx"
    book.save(path)
    shutil.copy(folder / "framework.toml", tmp_path / "poole.toml")
    from_workbook = load_bundle(path)
    from_folder = load_bundle(folder)
    assert from_workbook.indicators == from_folder.indicators
    assert from_workbook.thread == from_folder.thread
    assert from_workbook.risks == from_folder.risks
    assert from_workbook.organisation == from_folder.organisation


def test_unknown_workbook_sheets_are_refused(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Indicatorz"
    sheet.append(["code", "title"])
    path = tmp_path / "council.xlsx"
    book.save(path)
    with pytest.raises(BundleError, match="unknown sheet 'indicatorz'"):
        load_bundle(path)
