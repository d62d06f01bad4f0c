"""A plugin's branding reaches the reports of a council whose bundle has none of its own."""

from __future__ import annotations

from pathlib import Path

from goldenthread.branding import Branding
from goldenthread.cli.options import with_plugin_branding
from goldenthread.examples import example_path
from goldenthread.hookspecs import hookimpl
from goldenthread.io.bundle import load_bundle
from goldenthread.plugins import get_plugin_manager

ANYTOWN = Branding(organisation_name="Anytown Borough Council", short_name="Anytown")


class AnytownBranding:
    @hookimpl
    def goldenthread_branding(self, organisation: str) -> Branding | None:
        return ANYTOWN if organisation == "anytown" else None


def _bundle(tmp_path: Path, branding: str = "") -> Path:
    (tmp_path / "framework.toml").write_text(
        '[organisation]\nname = "Anytown Borough Council"\ncode = "anytown"\n' + branding,
        encoding="utf-8",
    )
    return tmp_path


def test_the_plugin_brands_a_bundle_without_branding(tmp_path: Path) -> None:
    framework = load_bundle(_bundle(tmp_path))
    branded = with_plugin_branding(framework, get_plugin_manager(extra=[AnytownBranding()]))
    assert branded.branding == ANYTOWN


def test_the_bundle_s_own_branding_wins(tmp_path: Path) -> None:
    framework = load_bundle(_bundle(tmp_path, '[branding]\nshort_name = "Our town"\n'))
    branded = with_plugin_branding(framework, get_plugin_manager(extra=[AnytownBranding()]))
    assert branded.branding.short_name == "Our town"


def test_no_plugin_for_the_organisation_changes_nothing(tmp_path: Path) -> None:
    framework = load_bundle(example_path("poole"))
    assert with_plugin_branding(framework, get_plugin_manager(entry_points=False)) is framework
    plain = load_bundle(_bundle(tmp_path))
    assert with_plugin_branding(plain, get_plugin_manager(entry_points=False)) is plain
