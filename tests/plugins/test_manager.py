"""The plugin manager factory: built-ins, entry points, extras, blocking and validation."""

from __future__ import annotations

import sys

import pluggy
import pytest

from goldenthread.builtins import BUILTIN_PLUGINS
from goldenthread.plugins import PluginError, collect, get_plugin_manager, plugin_name
from tests.plugins import sample_plugins
from tests.plugins.sample_plugins import CatchAllBranding, Misspelt, RivalRules, WrongArgument


def test_each_call_builds_a_new_manager() -> None:
    first = get_plugin_manager(entry_points=False, extra=[sample_plugins])
    second = get_plugin_manager(entry_points=False)
    assert first is not second
    assert first.has_plugin("tests.plugins.sample_plugins")
    assert not second.has_plugin("tests.plugins.sample_plugins")


def test_built_ins_are_registered_under_their_module_names() -> None:
    pm = get_plugin_manager(entry_points=False)
    assert [name for name, _ in pm.list_name_plugin()] == list(BUILTIN_PLUGINS)
    for name in BUILTIN_PLUGINS:
        assert pm.get_plugin(name) is sys.modules[name]


def test_built_ins_can_be_blocked() -> None:
    pm = get_plugin_manager(entry_points=False, block=BUILTIN_PLUGINS)
    assert all(plugin is None for _, plugin in pm.list_name_plugin())


def test_an_extra_plugin_can_be_blocked_by_name() -> None:
    name = plugin_name(RivalRules)
    assert name == "tests.plugins.sample_plugins.RivalRules"
    pm = get_plugin_manager(entry_points=False, extra=[RivalRules], block=[name])
    assert pm.get_plugin(name) is None
    assert "sample-ninety" not in collect(pm, "rag_rules")


def test_plugin_names() -> None:
    assert plugin_name(sample_plugins) == "tests.plugins.sample_plugins"
    assert plugin_name(CatchAllBranding("#000000")) == (
        "tests.plugins.sample_plugins.CatchAllBranding"
    )


def test_two_extras_with_one_name_are_refused() -> None:
    with pytest.raises(PluginError) as caught:
        get_plugin_manager(
            entry_points=False, extra=[CatchAllBranding("#000000"), CatchAllBranding("#ffffff")]
        )
    assert str(caught.value) == (
        "two plugins are named 'tests.plugins.sample_plugins.CatchAllBranding'; "
        "register a differently named object"
    )


def test_a_misspelt_hook_fails_loudly() -> None:
    with pytest.raises(pluggy.PluginValidationError, match="unknown hook 'goldenthread_rag_rule'"):
        get_plugin_manager(entry_points=False, extra=[Misspelt])


def test_a_hook_asking_for_an_unknown_argument_fails_loudly() -> None:
    with pytest.raises(pluggy.PluginValidationError, match="year"):
        get_plugin_manager(entry_points=False, extra=[WrongArgument])


def test_installed_plugins_are_loaded_from_the_entry_point_group(installed_plugin: str) -> None:
    pm = get_plugin_manager()
    assert pm.has_plugin(installed_plugin)
    assert collect(pm, "report_formats").provider("acme-pdf") == installed_plugin


def test_an_installed_plugin_can_be_blocked_by_its_entry_point_name(
    installed_plugin: str,
) -> None:
    pm = get_plugin_manager(block=[installed_plugin])
    assert pm.get_plugin(installed_plugin) is None
    assert "acme-pdf" not in collect(pm, "report_formats")


def test_entry_points_can_be_left_out(installed_plugin: str) -> None:
    pm = get_plugin_manager(entry_points=False)
    assert not pm.has_plugin(installed_plugin)
