"""Every report kind, in every format, for both example councils, from a store.

Each example bundle is imported into a SQLite store and read back; every report built
from the stored framework must render exactly as the same report built from the bundle.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from goldenthread.framework import Framework
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.periods import parse_period
from goldenthread.reports import Report, render
from goldenthread.reports.builders import builtin_report_kinds
from goldenthread.reports.render import builtin_formats
from goldenthread.storage import open_store
from tests.reports.builders.conftest import COUNCILS, TODAY

KINDS = ("performance", "risk", "thread", "data-quality", "service-plan", "budget")
PERIODS = {
    "performance": "2025/26 H1",
    "risk": "2025/26 Q2",
    "thread": "2025/26 H1",
    "data-quality": "2025/26 H1",
    "service-plan": "2025/26 Q2",
    "budget": "2025-10",
}
SERVICES = {"rossendale": "BP-REG", "poole": "SU-ENV"}
FORMATS = tuple(sorted(builtin_formats()))
SAVED_AT = dt.datetime(2025, 10, 31, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def stored(
    frameworks: dict[str, Framework], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Framework]:
    """Each example council saved into its own SQLite store and loaded back."""
    found: dict[str, Framework] = {}
    for council in COUNCILS:
        path: Path = tmp_path_factory.mktemp(council) / "framework.db"
        url = "sqlite:///" + str(path)
        with open_store(url) as store:
            save_framework(store, frameworks[council], by="tests", at=SAVED_AT, why="import")
        with open_store(url) as store:
            found[council] = load_framework(store, source=url)
    return found


def build(framework: Framework, kind: str, council: str) -> Report:
    period = parse_period(PERIODS[kind], framework.year_start_month)
    extra: dict[str, Any] = {"service": SERVICES[council]} if kind == "service-plan" else {}
    return builtin_report_kinds()[kind].build(framework, period, today=TODAY, **extra)


def cell_values(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.mark.parametrize("council", COUNCILS)
def test_the_stored_framework_keeps_the_councils_terminology(
    frameworks: dict[str, Framework], stored: dict[str, Framework], council: str
) -> None:
    assert stored[council].branding == frameworks[council].branding


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_the_same_from_a_store_as_from_the_bundle(
    frameworks: dict[str, Framework], stored: dict[str, Framework], kind: str, council: str
) -> None:
    from_bundle = build(frameworks[council], kind, council)
    from_store = build(stored[council], kind, council)
    assert from_store == from_bundle
    branding = frameworks[council].branding
    for fmt in FORMATS:
        expected = render(from_bundle, fmt, branding)
        actual = render(from_store, fmt, stored[council].branding)
        if fmt == "xlsx":
            assert isinstance(expected, bytes)
            assert isinstance(actual, bytes)
            values = cell_values(actual)
            assert values == cell_values(expected)
            assert any(rows for rows in values.values())
        elif fmt == "csv-zip":
            assert isinstance(actual, bytes)
            assert actual == expected, fmt
        else:
            assert isinstance(actual, str), fmt
            assert actual.strip(), fmt
            assert actual == expected, fmt
