"""Exporting a framework as a bundle workbook (``.xlsx`` with its settings beside it) that
reads back to the same framework."""

from __future__ import annotations

import tomllib
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from goldenthread.cli.store import export_command, import_command
from goldenthread.io.bundle import load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.template import TEMPLATE_SHEETS
from goldenthread.thread.graph import Thread
from tests.io.frameworks import EXAMPLES, example, without_source


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_exported_workbook_reads_back_as_the_same_framework(name: str, tmp_path: Path) -> None:
    framework = example(name)
    path = export_bundle(framework, tmp_path / "out" / "council.xlsx")
    assert path == tmp_path / "out" / "council.xlsx"
    settings = tomllib.loads((tmp_path / "out" / "council.toml").read_text(encoding="utf-8"))
    assert settings == dict(framework.settings)
    assert without_source(load_bundle(path)) == without_source(framework)


def test_the_workbook_has_every_sheet_and_the_guidance(tmp_path: Path) -> None:
    path = export_bundle(example("poole"), tmp_path / "poole.xlsx")
    book = load_workbook(path, read_only=True)
    try:
        assert book.sheetnames == ["guidance", *TEMPLATE_SHEETS]
        values = book["values"]
        header = next(values.iter_rows(max_row=1, values_only=True))
        assert list(header)[:4] == ["indicator", "period", "value", "numerator"]
    finally:
        book.close()


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    framework = example("rossendale")
    first = framework.thread.items[0]
    risky = attrs.evolve(first, title='=HYPERLINK("http://x","click")')
    thread = framework.thread
    changed = attrs.evolve(
        framework,
        thread=Thread(
            (risky, *thread.items[1:]),
            thread.levels,
            thread.links,
            thread.indicators,
            thread.organisations,
        ),
    )
    path = export_bundle(changed, tmp_path / "rossendale.xlsx")
    book = load_workbook(path)
    try:
        cells = [c for row in book["items"].iter_rows() for c in row if c.value == risky.title]
        assert cells
        assert all(c.data_type == "s" for c in cells)
    finally:
        book.close()
    back = load_bundle(path)
    assert back.thread.items[0].title == risky.title


def test_the_export_command_writes_a_store_as_a_workbook(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    source = Path(example("poole").source)
    imported = CliRunner().invoke(import_command, [str(source), "--store", url])
    assert imported.exit_code == 0, imported.output
    out = tmp_path / "exported.xlsx"
    result = CliRunner().invoke(export_command, [url, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert out.is_file()
    assert (tmp_path / "exported.toml").is_file()
    assert without_source(load_bundle(out)) == without_source(load_bundle(source))
