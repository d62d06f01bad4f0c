"""``goldenthread plugins``."""

from __future__ import annotations

import json

from click.testing import CliRunner

from goldenthread.builtins import BUILTIN_PLUGINS
from goldenthread.cli.plugins import plugins_command, render_listing
from goldenthread.plugins import PluginInfo, get_plugin_manager, plugin_listing
from tests.plugins import sample_plugins
from tests.plugins.sample_plugins import CatchAllBranding


def test_json_lists_every_plugin_with_its_hooks(installed_plugin: str) -> None:
    result = CliRunner().invoke(plugins_command, ["--format", "json"])
    assert result.exit_code == 0, result.output
    listing = json.loads(result.output)
    assert [p["name"] for p in listing if p["builtin"]] == list(BUILTIN_PLUGINS)
    assert {
        "name": "acme",
        "module": "acme_goldenthread",
        "distribution": "acme-goldenthread",
        "version": "1.2",
        "builtin": False,
        "hooks": ["goldenthread_report_formats"],
    } in listing


def test_the_table_names_the_source_and_hooks(installed_plugin: str) -> None:
    result = CliRunner().invoke(plugins_command, [])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["NAME", "SOURCE", "HOOKS"]
    assert any(
        line.split() == ["acme", "acme-goldenthread", "1.2", "report_formats"] for line in lines
    )


def test_an_unknown_format_is_bad_input() -> None:
    result = CliRunner().invoke(plugins_command, ["--format", "xml"])
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'json'" in result.output


def test_the_listing_of_module_and_instance_plugins() -> None:
    pm = get_plugin_manager(
        entry_points=False,
        extra=[sample_plugins, CatchAllBranding("#000000")],
        block=BUILTIN_PLUGINS,
    )
    listing = plugin_listing(pm)
    assert [(p.name, p.module, p.distribution, p.builtin) for p in listing] == [
        ("tests.plugins.sample_plugins", "tests.plugins.sample_plugins", None, False),
        (
            "tests.plugins.sample_plugins.CatchAllBranding",
            "tests.plugins.sample_plugins",
            None,
            False,
        ),
    ]
    assert listing[1].hooks == ("goldenthread_branding",)
    assert len(listing[0].hooks) == 12


def test_the_table_layout() -> None:
    listing = [
        PluginInfo(
            "goldenthread.builtins.rag",
            "goldenthread.builtins.rag",
            None,
            None,
            True,
            ("goldenthread_rag_rules",),
        ),
        PluginInfo(
            "acme",
            "acme",
            "acme-gt",
            "2.0",
            False,
            ("goldenthread_branding", "goldenthread_store_backends"),
        ),
        PluginInfo("local", "my.module", None, None, False, ()),
    ]
    assert render_listing(listing, "table").splitlines() == [
        "NAME                       SOURCE       HOOKS",
        "goldenthread.builtins.rag  built-in     rag_rules",
        "acme                       acme-gt 2.0  branding, store_backends",
        "local                      my.module    -",
    ]


def test_the_table_says_which_names_are_selectable_where() -> None:
    result = CliRunner().invoke(plugins_command, [])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    selectable = lines[lines.index(next(x for x in lines if x.startswith("SELECTABLE"))) :]
    by_noun = {line.split("  ")[0]: line for line in selectable[1:]}
    assert "[risk] matrix" in by_noun["risk matrix"]
    assert "default-5x5" in by_noun["risk matrix"]
    assert "[risk] scoring" in by_noun["risk scoring formula"]
    assert "[thread] levels" in by_noun["level preset"]
    assert "generic" in by_noun["level preset"]
    assert "[branding] terminology" in by_noun["terminology preset"]
    assert "[branding] preset" in by_noun["branding preset"]
    assert "worst-of, majority, weighted" in by_noun["roll-up rule"]


def test_json_keeps_its_shape() -> None:
    result = CliRunner().invoke(plugins_command, ["--format", "json"])
    assert result.exit_code == 0
    assert isinstance(json.loads(result.output), list)
