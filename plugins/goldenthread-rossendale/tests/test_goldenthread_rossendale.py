"""goldenthread-rossendale: its presets, branding and arrangements, through the plugin seam."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import attrs
import goldenthread_rossendale
import pytest
from goldenthread_rossendale import plugin
from hypothesis import given
from hypothesis import strategies as st

import goldenthread
from goldenthread.branding import BrandingError, branding_from_mapping, contrast_ratio
from goldenthread.cycles.schedule import schedule_for_year
from goldenthread.io.bundle import load_bundle
from goldenthread.io.cycles import read_cycles
from goldenthread.io.thread import levels_from_toml
from goldenthread.periods import FinancialYear, Quarter
from goldenthread.plugins import branding_for, collect, get_plugin_manager, plugin_listing
from goldenthread.reports.builders import ServicePlanReport
from goldenthread.reports.builders.service_plan import service_plans
from goldenthread.reports.model import Report, Table
from goldenthread.reports.render import render_html
from goldenthread.thread.presets import ROSSENDALE

EXAMPLE = Path(goldenthread.__file__).parent / "examples" / "rossendale"
PRESET = "rossendale-borough"


PM = get_plugin_manager(entry_points=False, extra=[plugin])


def test_the_installed_distribution_registers_the_plugin_by_entry_point() -> None:
    listing = {info.name: info for info in plugin_listing(get_plugin_manager())}
    info = listing["rossendale"]
    assert (info.module, info.distribution, info.builtin) == (
        "goldenthread_rossendale.plugin",
        "goldenthread-rossendale",
        False,
    )
    assert info.hooks == (
        "goldenthread_branding",
        "goldenthread_branding_presets",
        "goldenthread_level_presets",
        "goldenthread_terminology",
    )


def test_the_level_preset_is_rossendales_thread_beside_the_built_ins() -> None:
    presets = collect(PM, "level_presets")
    assert presets[PRESET].scheme == ROSSENDALE
    assert [level.key for level in presets[PRESET].levels] == [
        "national",
        "community",
        "corporate",
        "service",
        "team",
        "individual",
    ]
    assert presets.provider(PRESET) == "goldenthread_rossendale.plugin"
    assert presets.provider("rossendale") == "goldenthread.builtins.levels"
    assert collect(PM, "terminology").provider("generic") == "goldenthread.builtins.terminology"


def test_the_level_preset_matches_the_example_bundle() -> None:
    document = tomllib.loads((EXAMPLE / "framework.toml").read_text(encoding="utf-8"))
    assert goldenthread_rossendale.levels() == levels_from_toml(document, "framework.toml")


def test_the_terminology_names_rossendales_plans_and_rag_labels() -> None:
    words = collect(PM, "terminology")[PRESET].terminology
    assert [words.level(key) for key in ("service", "team", "individual")] == [
        "Business Plan",
        "Action Plan",
        "Personal Development Interview",
    ]
    assert words.term("service_plan") == "Business Plan"
    assert [words.status(s) for s in ("green", "amber", "red", "no-data")] == [
        "On target",
        "Slightly off target",
        "Off target",
        "Awaiting data",
    ]
    # a status the preset does not name keeps its generic label
    assert words.status("no-target") == "No target"


def test_branding_answers_for_rossendale_only() -> None:
    branding = branding_for(PM, "rossendale")
    assert branding == goldenthread_rossendale.branding()
    assert branding.organisation_name == "Rossendale Borough Council"
    assert branding.logo.startswith("data:image/svg+xml;base64,")
    assert branding.font_family.startswith('"Gill Sans"')
    assert branding.palette.primary == "#5a2d82"
    assert branding.terminology == collect(PM, "terminology")[PRESET].terminology
    assert branding_for(PM, "poole").organisation_name == "goldenthread"


def test_every_text_colour_of_the_branding_reaches_aa_contrast() -> None:
    palette = goldenthread_rossendale.branding().palette
    for colour in (palette.text, palette.primary, palette.muted):
        assert contrast_ratio(colour, palette.background) >= 4.5
    for _, style in palette.status_styles:
        assert contrast_ratio(style.foreground, style.background) >= 4.5


def test_a_low_contrast_palette_is_rejected_naming_the_file_and_setting() -> None:
    settings = goldenthread_rossendale.settings()["branding"]
    with pytest.raises(BrandingError) as caught:
        branding_from_mapping(
            {**settings, "palette": {"primary": "#c9b3dd"}}, file=goldenthread_rossendale.SOURCE
        )
    [problem] = caught.value.problems
    assert (problem.file, problem.column) == (goldenthread_rossendale.SOURCE, "palette.primary")
    assert "below the 4.5:1 WCAG 2.2 AA minimum" in problem.reason


@given(st.integers(0, 0xFFFFFF))
def test_any_primary_colour_is_accepted_exactly_when_it_has_aa_contrast(rgb: int) -> None:
    settings = goldenthread_rossendale.settings()["branding"]
    primary = f"#{rgb:06x}"
    palette = {**settings["palette"], "primary": primary}
    if contrast_ratio(primary, "#ffffff") >= 4.5:
        assert branding_from_mapping({**settings, "palette": palette}).palette.primary == primary
    else:
        with pytest.raises(BrandingError, match="primary"):
            branding_from_mapping({**settings, "palette": palette})


def _statuses(report: Report) -> set[str]:
    return {
        cell.status.value
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
        if cell.status is not None
    }


def test_a_service_plan_report_rendered_with_the_branding_uses_rossendales_words() -> None:
    bundle = load_bundle(EXAMPLE)
    branding = branding_for(PM, bundle.organisation.code)
    framework = attrs.evolve(bundle, branding=branding)
    plan = service_plans(framework.thread)[0]
    report = ServicePlanReport().build(
        framework, Quarter(2025, 2), today=dt.date(2025, 11, 1), service=plan
    )
    html = render_html(report, branding)
    assert "Rossendale Borough Council" in html
    assert branding.logo in html
    shown = _statuses(report)
    assert shown & {"green", "amber", "red"}
    for status in shown:
        assert branding.terminology.status(status) in html


def test_the_arrangements_cover_every_council_level_and_schedule() -> None:
    cycle = goldenthread_rossendale.cycle()
    arrangements = goldenthread_rossendale.arrangements()
    assert {a.concerns for a in arrangements} == {"corporate", "service", "team", "individual"}
    schedule = schedule_for_year(arrangements, FinancialYear(2025), cycle.calendar, cycle.meetings)
    assert len(schedule.for_arrangement("business-plans")) == 4
    assert len(schedule.for_arrangement("action-plans")) == 12
    assert len(schedule.for_arrangement("corporate-plan-review")) == 0
    for occurrence in schedule:
        assert occurrence.report_due > occurrence.period.end
        if occurrence.data_due is not None:
            assert occurrence.period.end < occurrence.data_due <= occurrence.report_due


def test_the_arrangements_are_read_like_a_bundles() -> None:
    document = goldenthread_rossendale.settings()
    assert goldenthread_rossendale.arrangements() == read_cycles(document).arrangements
