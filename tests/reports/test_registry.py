from __future__ import annotations

import pytest
from attrs import frozen

from goldenthread.branding import Branding, Terminology, default_branding
from goldenthread.reports import Renderer, Report, UnknownFormatError, builtin_formats, render
from tests.reports.samples import sample_report


def test_builtin_formats() -> None:
    formats = builtin_formats()
    assert [(r.name, r.extension, r.media_type) for r in formats.values()] == [
        ("html", ".html", "text/html; charset=utf-8"),
        ("markdown", ".md", "text/markdown; charset=utf-8"),
        ("csv", ".csv", "text/csv; charset=utf-8"),
        ("csv-zip", ".zip", "application/zip"),
        ("xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", ".json", "application/json"),
    ]
    assert all(isinstance(r, Renderer) for r in formats.values())
    assert builtin_formats() is not formats


def test_every_format_renders_the_sample() -> None:
    for name in builtin_formats():
        output = render(sample_report(), name)
        expected = bytes if name in ("xlsx", "csv-zip") else str
        assert isinstance(output, expected)
        assert len(output) > 500


def test_unknown_format_lists_the_available_ones() -> None:
    with pytest.raises(
        UnknownFormatError,
        match="unknown report format 'pdf'; available: csv, csv-zip, html, json, markdown, xlsx",
    ):
        render(sample_report(), "pdf")


@frozen
class Plain:
    name: str = "plain"
    media_type: str = "text/plain"
    extension: str = ".txt"

    def render(self, report: Report, branding: Branding) -> str:
        return f"{branding.terminology.term('report', 'Report')}: {report.title}"


def test_a_council_format_can_be_added() -> None:
    formats: dict[str, Renderer] = {**builtin_formats(), "plain": Plain()}
    branding = Branding("Poole", terminology=Terminology(terms={"report": "Paper"}))
    assert (
        render(sample_report(), "plain", branding, formats)
        == "Paper: Half-yearly performance report"
    )


def test_default_branding_is_the_reports_organisation() -> None:
    html = render(sample_report(), "html")
    assert isinstance(html, str)
    assert default_branding("x").organisation_name == "x"
    assert "Rossendale Borough Council (example)" in html
