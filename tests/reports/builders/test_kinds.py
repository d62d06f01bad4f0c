"""Every report kind, in every format, for both example councils."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import openpyxl
import pytest

from goldenthread.framework import Framework
from goldenthread.periods import parse_period
from goldenthread.reports import Report, render
from goldenthread.reports.builders import (
    ReportKind,
    UnknownReportKindError,
    builtin_report_kinds,
    report_kind,
)
from goldenthread.reports.render import builtin_formats
from tests.reports.builders.conftest import COUNCILS, TODAY
from tests.reports.builders.helpers import personal_markers

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

_built: dict[tuple[str, str], Report] = {}


def build(frameworks: dict[str, Framework], kind: str, council: str) -> Report:
    key = (kind, council)
    if key not in _built:
        framework = frameworks[council]
        period = parse_period(PERIODS[kind], framework.year_start_month)
        extra: dict[str, Any] = {"service": SERVICES[council]} if kind == "service-plan" else {}
        _built[key] = builtin_report_kinds()[kind].build(framework, period, today=TODAY, **extra)
    return _built[key]


def test_the_registry_names_every_builtin_kind() -> None:
    kinds = builtin_report_kinds()
    assert tuple(kinds) == KINDS
    for name, kind in kinds.items():
        assert isinstance(kind, ReportKind)
        assert kind.name == name
        assert kind.title


def test_each_call_gives_a_new_registry() -> None:
    first = builtin_report_kinds()
    first.pop("risk")
    assert "risk" in builtin_report_kinds()


def test_an_unknown_kind_lists_those_there_are() -> None:
    with pytest.raises(UnknownReportKindError) as caught:
        report_kind("capital")
    assert str(caught.value) == (
        "unknown report kind 'capital'; available: budget, data-quality, performance, risk, "
        "service-plan, thread"
    )


def test_report_kind_looks_up_a_given_mapping() -> None:
    kinds = builtin_report_kinds()
    assert report_kind("thread", kinds) is kinds["thread"]


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_in_every_format(
    frameworks: dict[str, Framework], kind: str, council: str
) -> None:
    report = build(frameworks, kind, council)
    framework = frameworks[council]
    assert report.kind == kind
    assert report.organisation == framework.organisation.name
    assert report.period_label == PERIODS[kind]
    for fmt in FORMATS:
        output = render(report, fmt, framework.branding)
        if fmt == "xlsx":
            assert isinstance(output, bytes)
            book = openpyxl.load_workbook(io.BytesIO(output))
            assert book.sheetnames
        elif fmt == "csv-zip":
            assert isinstance(output, bytes)
            with zipfile.ZipFile(io.BytesIO(output)) as archive:
                assert archive.namelist()[0] == "tables.csv"
        elif fmt == "json":
            assert isinstance(output, str)
            data = json.loads(output)
            assert [s["id"] for s in data["report"]["sections"]] == list(report.section_ids())
        else:
            assert isinstance(output, str)
            assert output.strip()
        if fmt == "html":
            assert isinstance(output, str)
            assert report.sections[0].title in output


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_report_shows_individual_plans(
    frameworks: dict[str, Framework], kind: str, council: str
) -> None:
    report = build(frameworks, kind, council)
    text = json.dumps(json.loads(render(report, "json")))
    for marker in personal_markers(frameworks[council]):
        assert marker not in text, (kind, marker)


@pytest.mark.parametrize("kind", KINDS)
def test_as_at_fixes_the_day_and_is_recorded(frameworks: dict[str, Framework], kind: str) -> None:
    framework = frameworks["poole"]
    moment = dt.datetime(2025, 10, 2, 9, 30, tzinfo=dt.UTC)
    period = parse_period(PERIODS[kind])
    extra: dict[str, Any] = {"service": "SU-ENV"} if kind == "service-plan" else {}
    report = builtin_report_kinds()[kind].build(
        framework, period, as_at=moment, today=dt.date(2030, 1, 1), **extra
    )
    assert report.as_at == moment
    text = render(report, "markdown")
    assert isinstance(text, str)
    assert "1 Jan 2030" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_a_naive_as_at_is_refused(frameworks: dict[str, Framework], kind: str) -> None:
    extra: dict[str, Any] = {"service": "SU-ENV"} if kind == "service-plan" else {}
    with pytest.raises(ValueError, match="must be timezone-aware"):
        builtin_report_kinds()[kind].build(
            frameworks["poole"],
            parse_period(PERIODS[kind]),
            as_at=dt.datetime(2025, 10, 2),
            today=TODAY,
            **extra,
        )
