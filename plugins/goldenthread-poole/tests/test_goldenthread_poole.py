"""goldenthread-poole: its presets, branding and arrangements, through the plugin seam."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import attrs
import goldenthread_poole
import pytest
from goldenthread_poole import plugin
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
from goldenthread.reports.model import Report, Table
from goldenthread.reports.render import render_html
from goldenthread.thread.presets import POOLE

EXAMPLE = Path(goldenthread.__file__).parent / "examples" / "poole"
PRESET = "poole-borough"
AMBER_BACKGROUND = "#ffbf47"

PM = get_plugin_manager(entry_points=False, extra=[plugin])


def test_the_installed_distribution_registers_the_plugin_by_entry_point() -> None:
    listing = {info.name: info for info in plugin_listing(get_plugin_manager())}
    info = listing["poole"]
    assert (info.module, info.distribution, info.builtin) == (
        "goldenthread_poole.plugin",
        "goldenthread-poole",
        False,
    )
    assert info.hooks == (
        "goldenthread_branding",
        "goldenthread_branding_presets",
        "goldenthread_level_presets",
        "goldenthread_terminology",
    )


def test_the_level_preset_is_pooles_thread_beside_the_built_ins() -> None:
    presets = collect(PM, "level_presets")
    levels = presets[PRESET].levels
    assert presets[PRESET].scheme == POOLE
    assert [level.key for level in levels] == [
        "community",
        "corporate",
        "financial",
        "service",
        "team",
        "individual",
    ]
    assert [level.key for level in levels if level.skippable] == ["financial"]
    assert presets.provider(PRESET) == "goldenthread_poole.plugin"
    assert presets.provider("poole") == "goldenthread.builtins.levels"


def test_the_level_preset_matches_the_example_bundle() -> None:
    document = tomllib.loads((EXAMPLE / "framework.toml").read_text(encoding="utf-8"))
    assert goldenthread_poole.levels() == levels_from_toml(document, "framework.toml")


def test_the_terminology_names_pooles_plans_and_rag_labels() -> None:
    words = collect(PM, "terminology")[PRESET].terminology
    assert [words.level(key) for key in ("service", "team", "individual")] == [
        "Service Unit Business Plan",
        "Team plan",
        "Individual plan (Employee Development Interview)",
    ]
    assert words.term("service_plan") == "Service Unit Business Plan"
    assert [words.status(s) for s in ("green", "amber", "red")] == [
        "Green (on or above target)",
        "Amber (within tolerance)",
        "Red (outside tolerance)",
    ]
    # a status the preset does not name keeps its generic label
    assert words.status("no-data") == "No data"


def test_branding_answers_for_poole_only() -> None:
    branding = branding_for(PM, "poole")
    assert branding == goldenthread_poole.branding()
    assert branding.organisation_name == "Borough of Poole"
    assert branding.short_name == "Poole"
    assert branding.logo.startswith("data:image/svg+xml;base64,")
    assert branding.font_family.startswith("Arial")
    assert branding.palette.status_style("amber").background == AMBER_BACKGROUND
    assert branding.terminology == collect(PM, "terminology")[PRESET].terminology
    assert branding_for(PM, "rossendale").organisation_name == "goldenthread"


def test_both_council_plugins_together_brand_each_council() -> None:
    names = {info.name for info in plugin_listing(get_plugin_manager())}
    if "rossendale" not in names:
        pytest.skip("goldenthread-rossendale is not installed")
    pm = get_plugin_manager()
    assert branding_for(pm, "poole").organisation_name == "Borough of Poole"
    assert branding_for(pm, "rossendale").organisation_name == "Rossendale Borough Council"
    assert {"generic", "poole-borough", "rossendale-borough"} <= set(collect(pm, "terminology"))


def test_a_low_contrast_amber_badge_is_rejected_naming_the_file_and_setting() -> None:
    settings = goldenthread_poole.settings()["branding"]
    palette = {
        **settings["palette"],
        "status": {"amber": {"foreground": "#ffffff", "background": AMBER_BACKGROUND}},
    }
    with pytest.raises(BrandingError) as caught:
        branding_from_mapping({**settings, "palette": palette}, file=goldenthread_poole.SOURCE)
    [problem] = caught.value.problems
    assert (problem.file, problem.column) == (
        goldenthread_poole.SOURCE,
        "palette.status_styles.amber",
    )
    assert "amber status text #ffffff on #ffbf47" in problem.reason


@given(st.integers(0, 0xFFFFFF))
def test_an_amber_text_colour_is_accepted_exactly_when_it_has_aa_contrast(rgb: int) -> None:
    settings = goldenthread_poole.settings()["branding"]
    foreground = f"#{rgb:06x}"
    status = {"amber": {"foreground": foreground, "background": AMBER_BACKGROUND}}
    data = {**settings, "palette": {**settings["palette"], "status": status}}
    if contrast_ratio(foreground, AMBER_BACKGROUND) >= 4.5:
        assert branding_from_mapping(data).palette.status_style("amber").foreground == foreground
    else:
        with pytest.raises(BrandingError, match="amber status text"):
            branding_from_mapping(data)


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


def test_a_service_plan_report_rendered_with_the_branding_uses_pooles_words() -> None:
    bundle = load_bundle(EXAMPLE)
    branding = branding_for(PM, bundle.organisation.code)
    framework = attrs.evolve(bundle, branding=branding)
    report = ServicePlanReport().build(
        framework, Quarter(2024, 2), today=dt.date(2024, 11, 1), service="SU-ENV"
    )
    html = render_html(report, branding)
    assert "Borough of Poole" in html
    assert branding.logo in html
    shown = _statuses(report)
    assert shown & {"green", "amber", "red"}
    for status in shown:
        assert branding.terminology.status(status) in html


def test_the_arrangements_cover_every_council_level_and_schedule() -> None:
    cycle = goldenthread_poole.cycle()
    arrangements = goldenthread_poole.arrangements()
    assert {"corporate", "financial", "service", "team", "individual"} <= {
        a.concerns for a in arrangements
    }
    schedule = schedule_for_year(arrangements, FinancialYear(2025), cycle.calendar, cycle.meetings)
    counts = {
        key: len(schedule.for_arrangement(key))
        for key in ("corporate-performance", "service-unit-business-plans", "team-plans", "budget")
    }
    assert counts == {
        "corporate-performance": 2,
        "service-unit-business-plans": 4,
        "team-plans": 12,
        "budget": 12,
    }
    for occurrence in schedule:
        assert occurrence.report_due > occurrence.period.end
        if occurrence.data_due is not None:
            assert occurrence.period.end < occurrence.data_due <= occurrence.report_due


def test_the_arrangements_are_read_like_a_bundles() -> None:
    document = goldenthread_poole.settings()
    assert goldenthread_poole.arrangements() == read_cycles(document).arrangements
