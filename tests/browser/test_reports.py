"""The HTML reports in a real browser: axe-core finds no WCAG 2.2 AA violations, the page
reports no errors, keyboard users reach the skip link first, and a screenshot is taken.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from goldenthread.branding import Branding, branding_from_mapping, default_branding
from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.periods import Month, Quarter
from goldenthread.reports import BarChart, LineChart, Report, Table
from goldenthread.reports.builders import builtin_report_kinds
from goldenthread.reports.builders.budget import BudgetReport
from goldenthread.reports.builders.common import visible_thread
from goldenthread.reports.builders.service_plan import ServicePlanReport, service_plans
from goldenthread.reports.publish import open_data, write_open_data
from goldenthread.reports.render import render_html
from tests.browser.axe import describe
from tests.browser.chromium import Browser
from tests.browser.pages import inspect_page
from tests.reports.samples import sample_report

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "goldenthread" / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def council_branding(council: str) -> Branding:
    """The branding in an example council's ``framework.toml``."""
    path = EXAMPLES / council / "framework.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return branding_from_mapping(
        data.get("branding", {}), str(path), organisation_name=data["organisation"]["name"]
    )


CASES: dict[str, tuple[Callable[[], Report], Callable[[], Branding], int, str]] = {
    "default-branding": (sample_report, lambda: default_branding("Example Council"), 1280, ""),
    "rossendale-internal": (
        lambda: sample_report("internal"),
        lambda: council_branding("rossendale"),
        1280,
        "",
    ),
    "poole-phone-width": (sample_report, lambda: council_branding("poole"), 360, ""),
    "poole-print": (sample_report, lambda: council_branding("poole"), 800, "print"),
}


COUNCILS = ("rossendale", "poole")


@pytest.fixture(scope="module")
def councils() -> dict[str, Framework]:
    """The example councils' frameworks, by folder name."""
    return {name: load_bundle(EXAMPLES / name) for name in COUNCILS}


def build(kind: str, framework: Framework) -> Report:
    """The built-in report ``kind`` for 2025/26 Q2 (the service plan: the first one; the
    budget report: October 2025)."""
    period, today = Quarter(2025, 2), dt.date(2025, 11, 1)
    if kind == "service-plan":
        service = service_plans(visible_thread(framework, "internal"))[0]
        return ServicePlanReport().build(framework, period, today=today, service=service)
    if kind == "budget":
        return BudgetReport().build(framework, Month(2025, 10), today=today)
    return builtin_report_kinds()[kind].build(framework, period, today=today)


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height recorded in a PNG's header."""
    assert data[:8] == PNG_SIGNATURE
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.parametrize("case", list(CASES))
def test_report_has_no_accessibility_violations_or_errors(
    case: str, browser: Browser, axe_source: str, screenshots: Path
) -> None:
    make_report, make_branding, width, media = CASES[case]
    page = screenshots / f"{case}.html"
    page.write_text(render_html(make_report(), make_branding()), encoding="utf-8")

    seen = inspect_page(browser, axe_source, page, screenshots / f"{case}.png", width, media)

    assert not seen.violations, "axe-core found violations:\n" + describe(seen.violations)
    assert not seen.errors, "the page reported errors:\n" + "\n".join(map(str, seen.errors))
    assert not seen.overflowing, "wider than the window:\n" + "\n".join(seen.overflowing)
    shot_width, shot_height = png_size(seen.screenshot.read_bytes())
    assert shot_width == width
    assert shot_height > 900  # the whole page, not just the first screenful


def test_keyboard_users_reach_the_visible_skip_link_first(
    browser: Browser, screenshots: Path
) -> None:
    page_path = screenshots / "report.html"
    page_path.write_text(render_html(sample_report(), default_branding()), encoding="utf-8")
    page = browser.open_page()
    try:
        page.navigate(page_path.as_uri())
        for kind in ("keyDown", "keyUp"):
            page.send(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
            )
        focused = page.evaluate(
            "(() => { const e = document.activeElement, r = e.getBoundingClientRect();"
            " return {href: e.getAttribute('href'), text: e.textContent,"
            " top: r.top, left: r.left, width: r.width, height: r.height}; })()"
        )
    finally:
        page.close()
    assert focused["href"] == "#main"
    assert focused["text"] == "Skip to main content"
    assert focused["width"] > 0
    assert focused["height"] > 0
    assert focused["top"] >= 0
    assert focused["left"] >= 0


# Every built-in kind for both example councils, at desktop and at phone width.
BUILT = [
    (council, kind, width)
    for council in COUNCILS
    for kind in sorted(builtin_report_kinds())
    for width in (1280, 360)
]


def text_alternatives(report: Report) -> tuple[list[str], list[str]]:
    """The text alternatives of a report's sparklines (each the accessible name of its
    drawing) and of its charts (each part of its drawing's name, after the title), in
    order."""
    sparklines: list[str] = []
    figures: list[str] = []
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, BarChart | LineChart):
                figures.append(block.alt)
            elif isinstance(block, Table):
                sparklines.extend(
                    cell.text or "" for row in block.rows for cell in row if cell.chart
                )
    return sparklines, figures


def in_order(wanted: list[str], names: tuple[str, ...]) -> bool:
    """Whether each of ``wanted`` is part of one of ``names``, in the same order."""
    remaining = iter(names)
    return all(any(text in name for name in remaining) for text in wanted)


@pytest.mark.parametrize(("council", "kind", "width"), BUILT)
def test_built_reports_for_the_example_councils_are_accessible(
    council: str,
    kind: str,
    width: int,
    councils: dict[str, Framework],
    browser: Browser,
    axe_source: str,
    screenshots: Path,
) -> None:
    framework = councils[council]
    report = build(kind, framework)
    page = screenshots / f"{council}-{kind}-{width}.html"
    page.write_text(render_html(report, framework.branding), encoding="utf-8")

    seen = inspect_page(browser, axe_source, page, page.with_suffix(".png"), width)

    assert not seen.violations, "axe-core found violations:\n" + describe(seen.violations)
    assert not seen.errors, "the page reported errors:\n" + "\n".join(map(str, seen.errors))
    assert not seen.overflowing, "wider than the window:\n" + "\n".join(seen.overflowing)
    assert png_size(seen.screenshot.read_bytes())[0] == width
    # the charts are drawn, and a screen reader hears each one's text alternative
    sparklines, figures = text_alternatives(report)
    if kind in ("performance", "service-plan"):
        assert sparklines, "no sparklines in the indicator tables"
    if kind == "performance":
        appendix = [b for b in section_blocks(report, "trends") if isinstance(b, LineChart)]
        assert appendix, "no trend charts in the appendix"
        assert len(figures) == len(appendix) + 1  # and the status summary
    named = [n for n in seen.images if n.startswith("Trend over the last ")]
    assert named == sparklines
    assert in_order(figures, seen.images), (
        "a chart's text alternative is not its drawing's accessible name:\n"
        + "\n".join(figures)
        + "\n---\n"
        + "\n".join(seen.images)
    )


def section_blocks(report: Report, section_id: str) -> list[object]:
    """The blocks of the report's section ``section_id`` (none when it has no such section)."""
    for section, anchor in zip(report.sections, report.section_ids(), strict=True):
        if anchor == section_id:
            return list(section.blocks)
    return []


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("width", [1280, 360])
def test_the_open_data_page_is_accessible(
    council: str,
    width: int,
    councils: dict[str, Framework],
    browser: Browser,
    axe_source: str,
    screenshots: Path,
) -> None:
    """The public page ``goldenthread publish`` writes beside its CSV files."""
    data = open_data(councils[council], Quarter(2025, 2), today=dt.date(2025, 11, 30))
    folder = screenshots / f"open-data-{council}-{width}"
    write_open_data(data, folder)
    page = folder / "index.html"
    assert page.is_file()

    seen = inspect_page(browser, axe_source, page, folder / "index.png", width)

    assert not seen.violations, "axe-core found violations:\n" + describe(seen.violations)
    assert not seen.errors, "the page reported errors:\n" + "\n".join(map(str, seen.errors))
    assert not seen.overflowing, "wider than the window:\n" + "\n".join(seen.overflowing)


@pytest.mark.parametrize("council", COUNCILS)
def test_the_performance_report_prints_with_its_charts(
    council: str,
    councils: dict[str, Framework],
    browser: Browser,
    axe_source: str,
    screenshots: Path,
) -> None:
    """Committee papers are printed: in print media the sparklines and charts are still
    there, named by their text alternatives, and nothing sticks out of an A4 page."""
    framework = councils[council]
    report = build("performance", framework)
    page = screenshots / f"{council}-performance-print.html"
    page.write_text(render_html(report, framework.branding), encoding="utf-8")

    seen = inspect_page(browser, axe_source, page, page.with_suffix(".png"), 800, "print")

    assert not seen.violations, "axe-core found violations:\n" + describe(seen.violations)
    assert not seen.errors, "the page reported errors:\n" + "\n".join(map(str, seen.errors))
    assert not seen.overflowing, "wider than the page:\n" + "\n".join(seen.overflowing)
    sparklines, figures = text_alternatives(report)
    assert [n for n in seen.images if n.startswith("Trend over the last ")] == sparklines
    assert in_order(figures, seen.images)
