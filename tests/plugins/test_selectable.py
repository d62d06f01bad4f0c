"""Every hook, preset and rule ``framework.toml`` can name changes the reports, whether the
framework is read from a bundle or from a store, and an unknown name is refused with the
names on offer."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pluggy
import pytest
import tomli_w

from goldenthread.branding import Branding, Palette, Terminology
from goldenthread.builtins.branding import BrandingPreset
from goldenthread.builtins.levels import LevelPreset
from goldenthread.builtins.terminology import TerminologyPreset
from goldenthread.errors import InputError
from goldenthread.examples import EXAMPLE_AS_AT, example_path
from goldenthread.framework import Framework
from goldenthread.hookspecs import hookimpl
from goldenthread.io.persist import save_framework
from goldenthread.io.source import load_source
from goldenthread.periods import parse_period
from goldenthread.plugins import get_plugin_manager
from goldenthread.reports import render
from goldenthread.reports.builders import builtin_report_kinds
from goldenthread.risk.matrix import Band
from goldenthread.risk.presets import default_5x5
from goldenthread.risk.scoring import Formula
from goldenthread.storage import open_store
from goldenthread.thread.presets import ROSSENDALE
from goldenthread.thread.progress import RollupRule

Q2 = parse_period("2025/26 Q2")
NOW = dt.datetime(2025, 12, 1, 9, tzinfo=dt.UTC)

ACME_LOOK = Branding(
    organisation_name="Acme Borough Council",
    short_name="Acme",
    palette=Palette(primary="#6b2c91"),
    terminology=Terminology(statuses={"red": "Acme off track"}),
)
ACME_WORDS = Terminology(statuses={"green": "Acme on track", "red": "Acme well off"})
ACME_LEVELS = ROSSENDALE.__class__(
    tuple(attrs.evolve(level, name=f"Acme {level.name}") for level in ROSSENDALE.levels)
)


def _capped(likelihood: int, impact: int) -> int:
    return min(25, likelihood * impact + impact)


class Acme:
    """A council plugin offering one of everything a framework.toml can select."""

    @hookimpl
    def goldenthread_risk_matrices(self) -> list[Any]:
        return [attrs.evolve(default_5x5(), name="acme-strict", bands=(Band(1), Band(3), Band(8)))]

    @hookimpl
    def goldenthread_risk_scoring_formulas(self) -> list[Formula]:
        return [Formula("acme-capped", _capped, "min(25, L × I + I)")]

    @hookimpl
    def goldenthread_level_presets(self) -> list[LevelPreset]:
        return [LevelPreset("acme-levels", ACME_LEVELS)]

    @hookimpl
    def goldenthread_terminology(self) -> list[TerminologyPreset]:
        return [TerminologyPreset("acme-words", ACME_WORDS)]

    @hookimpl
    def goldenthread_branding_presets(self) -> list[BrandingPreset]:
        return [BrandingPreset("acme-look", ACME_LOOK)]


def _with_acme() -> pluggy.PluginManager:
    return get_plugin_manager(entry_points=False, extra=[Acme()])


def _without_acme() -> pluggy.PluginManager:
    return get_plugin_manager(entry_points=False)


Change = Callable[[dict[str, Any]], None]


def _bundle(tmp_path: Path, change: Change) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(example_path("rossendale"), folder)
    settings = tomllib.loads((folder / "framework.toml").read_text(encoding="utf-8"))
    change(settings)
    (folder / "framework.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")
    return folder


def _from_store(tmp_path: Path, bundle: Path) -> Framework:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    framework = load_source(str(bundle), plugin_manager=_with_acme())
    with open_store(url) as store:
        save_framework(store, framework, by="test", at=NOW, why="selectable names")
    return load_source(url, plugin_manager=_with_acme())


def _report(framework: Framework, kind: str) -> str:
    report = builtin_report_kinds()[kind].build(framework, Q2, today=EXAMPLE_AS_AT)
    content = render(report, "html", framework.branding)
    assert isinstance(content, str)
    return content


def _section(name: str, **values: object) -> Change:
    def change(settings: dict[str, Any]) -> None:
        settings.setdefault(name, {}).update(values)

    return change


def _level_preset(settings: dict[str, Any]) -> None:
    del settings["levels"]
    settings["thread"] = {"levels": "acme-levels"}


def _branding_preset(settings: dict[str, Any]) -> None:
    settings["branding"] = {"preset": "acme-look"}


def _terminology_preset(settings: dict[str, Any]) -> None:
    settings["branding"]["terminology"] = "acme-words"


CASES: dict[str, tuple[Change, str, str]] = {
    # name: (the change to framework.toml, the report kind, text only the change shows)
    "matrix": (_section("risk", matrix="acme-strict"), "risk", ""),
    "scoring": (_section("risk", scoring="acme-capped"), "risk", ""),
    "levels": (_level_preset, "thread", "Acme Corporate Plan"),
    "branding": (_branding_preset, "performance", "#6b2c91"),
    "terminology": (_terminology_preset, "performance", "Acme on track"),
    "rollup": (_section("thread", rollup="weighted"), "performance", ""),
    "rollup_tolerance": (_section("thread", rollup_tolerance=100), "performance", ""),
}


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("plain")
    framework = load_source(str(_bundle(tmp, lambda s: None)), plugin_manager=_with_acme())
    return {kind: _report(framework, kind) for kind in ("risk", "thread", "performance")}


@pytest.mark.parametrize("where", ["bundle", "store"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_naming_it_changes_the_report(
    tmp_path: Path, plain: dict[str, str], case: str, where: str
) -> None:
    change, kind, shown = CASES[case]
    bundle = _bundle(tmp_path, change)
    framework = (
        load_source(str(bundle), plugin_manager=_with_acme())
        if where == "bundle"
        else _from_store(tmp_path, bundle)
    )
    output = _report(framework, kind)
    assert output != plain[kind]
    if shown:
        assert shown in output
        assert shown not in plain[kind]


def test_the_rollup_is_read_into_the_framework(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, _section("thread", rollup="majority", rollup_tolerance=2.5))
    framework = _from_store(tmp_path, bundle)
    assert framework.rollup.rule is RollupRule.MAJORITY
    assert str(framework.rollup.tolerance) == "2.5"


@pytest.mark.parametrize(
    ("change", "key", "offered"),
    [
        (_section("risk", matrix="acme-strict"), "risk.matrix", "default-5x5"),
        (_section("risk", scoring="acme-capped"), "risk.scoring", "product-plus-impact"),
        (_level_preset, "thread.levels", "rossendale"),
        (_branding_preset, "branding.preset", "none"),
        (_terminology_preset, "branding.terminology", "generic"),
    ],
)
def test_an_unknown_name_lists_the_names_on_offer(
    tmp_path: Path, change: Change, key: str, offered: str
) -> None:
    bundle = _bundle(tmp_path, change)
    with pytest.raises(InputError) as raised:
        load_source(str(bundle), plugin_manager=_without_acme())
    message = str(raised.value)
    assert "framework.toml" in message
    assert key in message
    assert "names on offer" in message
    assert offered in message
    # a store keeps the name, which resolves when it is read: without the plugin it fails
    # the same way
    framework = load_source(str(bundle), plugin_manager=_with_acme())
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        save_framework(store, framework, by="test", at=NOW, why="selectable names")
    with pytest.raises(InputError) as again:
        load_source(url, plugin_manager=_without_acme())
    assert key in str(again.value)
    assert offered in str(again.value)


@pytest.mark.parametrize(
    ("values", "key", "reason"),
    [
        ({"rollup": "best-of"}, "thread.rollup", "worst-of, majority, weighted"),
        ({"rollup_tolerance": "ten"}, "thread.rollup_tolerance", "0-100"),
        ({"rollup_tolerance": 101}, "thread.rollup_tolerance", "0-100"),
        ({"rollup_tolerance": True}, "thread.rollup_tolerance", "0-100"),
        ({"levels": 3}, "thread.levels", "names on offer"),
        ({"rolup": "majority"}, "thread.rolup", "unknown key"),
    ],
)
def test_bad_thread_settings_are_refused(
    tmp_path: Path, values: dict[str, object], key: str, reason: str
) -> None:
    bundle = _bundle(tmp_path, _section("thread", **values))
    with pytest.raises(InputError) as raised:
        load_source(str(bundle), plugin_manager=_without_acme())
    assert key in str(raised.value)
    assert reason in str(raised.value)


def test_a_level_preset_and_listed_levels_are_refused_together(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, _section("thread", levels="rossendale"))
    with pytest.raises(InputError, match="keep one"):
        load_source(str(bundle), plugin_manager=_without_acme())


def test_scoring_beside_a_matrix_formula_is_refused(tmp_path: Path) -> None:
    def change(settings: dict[str, Any]) -> None:
        settings["risk"]["scoring"] = "product"
        settings["risk"]["matrix"] = {"name": "m", "formula": "product"}

    with pytest.raises(InputError, match="keep one"):
        load_source(str(_bundle(tmp_path, change)), plugin_manager=_without_acme())


def test_a_preset_s_part_can_be_replaced(tmp_path: Path) -> None:
    def change(settings: dict[str, Any]) -> None:
        settings["branding"] = {"preset": "acme-look", "short_name": "Our Acme"}

    framework = load_source(str(_bundle(tmp_path, change)), plugin_manager=_with_acme())
    assert framework.branding == attrs.evolve(ACME_LOOK, short_name="Our Acme")


def test_the_commands_import_and_report_a_bundle_naming_an_installed_plugin_s_presets(
    tmp_path: Path,
) -> None:
    pytest.importorskip("goldenthread_rossendale")
    from click.testing import CliRunner

    from goldenthread.cli import main

    def change(settings: dict[str, Any]) -> None:
        del settings["levels"]
        settings["thread"] = {"levels": "rossendale-borough", "rollup": "weighted"}
        settings["branding"] = {"preset": "rossendale-borough"}

    bundle = _bundle(tmp_path, change)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(main, ["import", str(bundle), "--store", url])
    assert result.exit_code == 0, result.output
    args = ["report", "performance", url, "--period", "2025/26 Q2", "--on", "2025-11-30"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "On target" in result.output  # the plugin preset's word for green
