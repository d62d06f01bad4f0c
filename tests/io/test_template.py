"""The empty bundle workbook a council fills in."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from goldenthread.framework import Authority
from goldenthread.io.bundle import BUNDLE_FILES, load_bundle
from goldenthread.io.template import GUIDANCE, TEMPLATE_SHEETS, write_template


def test_the_untouched_template_is_an_empty_but_valid_framework(tmp_path: Path) -> None:
    framework = load_bundle(write_template(tmp_path / "council.xlsx"))
    assert framework.organisation == Authority("Unnamed council")
    assert dict(framework.indicators.definitions) == {}
    assert framework.thread.items == ()
    assert framework.thread.links == ()
    assert framework.risks == ()
    assert framework.risk_reviews == ()


def test_every_bundle_table_has_a_sheet_with_its_header_row(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "council.xlsx"), read_only=True)
    try:
        assert book.sheetnames == ["guidance", *BUNDLE_FILES]
        for name, columns in TEMPLATE_SHEETS.items():
            sheet_rows = list(book[name].iter_rows(values_only=True))
            assert sheet_rows == [columns]
    finally:
        book.close()


def test_the_guidance_sheet_explains_every_column(tmp_path: Path) -> None:
    book = load_workbook(write_template(tmp_path / "council.xlsx"), read_only=True)
    try:
        sheet_rows = list(book["guidance"].iter_rows(values_only=True))
    finally:
        book.close()
    assert sheet_rows[0] == ("sheet", "column", "required", "meaning")
    explained = {(r[0], r[1]) for r in sheet_rows[2:]}
    assert explained == {(s, c) for s, columns in TEMPLATE_SHEETS.items() for c in columns}
    assert ("values", "period", "yes", GUIDANCE["values"]["period"]) in sheet_rows
    assert set(GUIDANCE) == set(TEMPLATE_SHEETS)


def test_a_filled_in_template_loads(tmp_path: Path) -> None:
    path = write_template(tmp_path / "council.xlsx")
    book = load_workbook(path)
    book["indicators"].append(["LI 1", "Visits", "higher", "sum", "quarterly"])
    book["values"].append(["LI 1", "2024/25 Q1", "120"])
    book.save(path)
    framework = load_bundle(path)
    assert list(framework.indicators.definitions) == ["LI 1"]
    [value] = framework.indicators.recorded["LI 1"].values()
    assert (value.period.label, str(value.value)) == ("2024/25 Q1", "120")
