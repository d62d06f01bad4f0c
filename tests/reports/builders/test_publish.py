"""Open data: what is published, how it is labelled, and the Data Package descriptor."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import parse_period
from goldenthread.reports.publish import OpenData, open_data, write_open_data
from tests.reports.builders.conftest import COUNCILS, TODAY
from tests.reports.builders.helpers import personal_markers

H1 = parse_period("2025/26 H1")


@pytest.fixture(scope="module")
def published(frameworks: dict[str, Framework]) -> dict[str, OpenData]:
    return {name: open_data(frameworks[name], H1, today=TODAY) for name in COUNCILS}


def _rows(data: OpenData, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.files()[path])))


def test_the_files(published: dict[str, OpenData]) -> None:
    assert sorted(published["poole"].files()) == [
        "datapackage.json",
        "index.html",
        "indicators.csv",
        "performance.csv",
        "plan.csv",
        "values.csv",
    ]


@pytest.mark.parametrize("council", COUNCILS)
def test_nothing_personal_is_published(
    frameworks: dict[str, Framework], published: dict[str, OpenData], council: str
) -> None:
    files = published[council].files()
    for marker in personal_markers(frameworks[council]):
        for name, content in files.items():
            assert marker not in content, (name, marker)


@pytest.mark.parametrize("council", COUNCILS)
def test_only_public_indicators_and_items_are_published(
    frameworks: dict[str, Framework], published: dict[str, OpenData], council: str
) -> None:
    framework = frameworks[council]
    data = published[council]
    public = {
        d.code
        for d in framework.indicators.definitions.values()
        if d.classification.value == "public"
    }
    for path in ("performance.csv", "values.csv", "indicators.csv"):
        assert {r["indicator"] for r in _rows(data, path)} <= public
    assert {r["indicator"] for r in _rows(data, "indicators.csv")} == public
    items = {i.id: i for i in framework.thread.items}
    for row in _rows(data, "plan.csv"):
        item = items[row["id"]]
        assert item.classification.value == "public"
        assert row["status"] != "draft"


def test_no_commentary_or_names_of_who_entered_values(published: dict[str, OpenData]) -> None:
    content = "".join(published["rossendale"].files().values())
    assert "late return: awaiting system report" not in content
    assert "performance team" not in content


@pytest.mark.parametrize("council", COUNCILS)
def test_unverified_values_are_labelled(published: dict[str, OpenData], council: str) -> None:
    for path in ("performance.csv", "values.csv"):
        rows = _rows(published[council], path)
        assert rows
        for row in rows:
            unverified = row["data_status"] in ("provisional", "estimated", "qualified")
            assert row["label"] == (row["data_status"] if unverified else "")
            if row["data_status"]:
                assert row["verified"] == ("false" if unverified else "true")
        if path == "values.csv":
            assert any(r["label"] == "provisional" for r in rows)


def test_values_are_only_those_of_periods_ended(frameworks: dict[str, Framework]) -> None:
    data = open_data(frameworks["poole"], H1, today=parse_period("2025-08").start)
    periods = {r["period"] for r in _rows(data, "values.csv")}
    assert "2025-07" in periods
    assert "2025-08" not in periods


def test_the_descriptor_describes_every_file(published: dict[str, OpenData]) -> None:
    data = published["poole"]
    descriptor = json.loads(data.files()["datapackage.json"])
    assert descriptor["name"] == "poole-performance-2025-26-h1"
    assert descriptor["licenses"][0]["name"] == "OGL-UK-3.0"
    for resource in descriptor["resources"]:
        header = next(csv.reader(io.StringIO(data.files()[resource["path"]])))
        assert header == [f["name"] for f in resource["schema"]["fields"]]


@pytest.mark.parametrize("council", COUNCILS)
def test_frictionless_validates_the_package(
    published: dict[str, OpenData], council: str, tmp_path: Path
) -> None:
    frictionless = pytest.importorskip(
        "frictionless", reason="frictionless (dev dependency) validates the descriptor"
    )
    write_open_data(published[council], tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_page_is_branded_accessible_html(published: dict[str, OpenData]) -> None:
    page = published["poole"].page
    assert page.startswith("<!DOCTYPE html>")
    assert 'lang="en-GB"' in page
    assert "Performance open data, Poole, 2025/26 H1" in page
    assert "datapackage.json" in page


def test_formula_text_is_neutralised(bundle_copy: Path) -> None:
    path = bundle_copy / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Major planning applications", "=HYPERLINK(1)<b>x</b>", 1), encoding="utf-8"
    )
    data = open_data(load_bundle(bundle_copy), H1, today=TODAY)
    rows = _rows(data, "indicators.csv")
    assert rows[0]["title"].startswith("'=HYPERLINK(1)")
    assert "<b>x</b>" not in data.page
    assert "&lt;b&gt;x&lt;/b&gt;" in data.page


def test_write_open_data_returns_the_paths(published: dict[str, OpenData], tmp_path: Path) -> None:
    target = tmp_path / "out" / "deeper"
    paths = write_open_data(published["rossendale"], target)
    assert sorted(p.name for p in paths) == sorted(published["rossendale"].files())
    assert all(p.parent == target and p.exists() for p in paths)


def test_performance_open_data_has_every_status_with_its_reason(
    frameworks: dict[str, Framework],
) -> None:
    judged = dt.date(2025, 11, 30)
    data = open_data(frameworks["rossendale"], parse_period("2025/26 Q3"), today=judged)
    rows = _rows(data, "performance.csv")
    assert {r["status"] for r in rows} == {"not-yet-due", "data-only"}
    for row in rows:
        assert row["status_reason"].strip()
    descriptor = json.loads(data.files()["datapackage.json"])
    performance = next(r for r in descriptor["resources"] if r["path"] == "performance.csv")
    fields = {f["name"]: f for f in performance["schema"]["fields"]}
    assert "not-applicable" in fields["status"]["description"]
    assert "not-yet-due" in fields["status"]["description"]
    assert fields["status_reason"]["type"] == "string"
    h1 = _rows(open_data(frameworks["rossendale"], H1, today=TODAY), "performance.csv")
    visits = next(r for r in h1 if r["indicator"] == "LPI 02")
    assert f"{int(visits['value']):,} visits is " in visits["status_reason"]
    assert "the planned" in visits["status_reason"]
