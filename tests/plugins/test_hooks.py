"""One test per hook: the sample plugin's offering reaches goldenthread through the seam."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pluggy
import pytest
from click.testing import CliRunner

from goldenthread import hookspecs
from goldenthread.cli.report import report_command
from goldenthread.examples import example_path
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.rag import RagInput, RagStatus
from goldenthread.plugins import branding_for, collect, get_plugin_manager, rag_rules_for
from goldenthread.serialise import from_json, make_converter, to_json
from tests.plugins import sample_plugins
from tests.plugins.sample_plugins import Branding, CatchAllBranding, Colour, SampleStore


def manager(*extra: object) -> pluggy.PluginManager:
    return get_plugin_manager(entry_points=False, extra=[sample_plugins, *extra])


def test_the_sample_plugin_implements_every_hook() -> None:
    pm = manager()
    specs = {name for name in dir(hookspecs) if name.startswith("goldenthread_")}
    implemented = {caller.name for caller in pm.get_hookcallers(sample_plugins) or ()}
    assert implemented == specs


def test_store_backends_are_chosen_by_url_scheme() -> None:
    backends = collect(manager(), "store_backends")
    url = "sample://council/performance"
    store = backends[url.split("://", 1)[0]].open(url)
    assert store == SampleStore(url)
    assert backends.provider("sample") == "tests.plugins.sample_plugins"


def test_rag_rules() -> None:
    rules = rag_rules_for(manager())
    rule = rules.get("sample-ninety")
    higher, lower = Polarity.HIGHER, Polarity.LOWER
    assert rule(RagInput(higher, Decimal(90), Decimal(100))) is RagStatus.GREEN
    assert rule(RagInput(higher, Decimal(89), Decimal(100))) is RagStatus.RED
    assert rule(RagInput(lower, Decimal(111), Decimal(100))) is RagStatus.GREEN
    assert rule(RagInput(lower, Decimal(112), Decimal(100))) is RagStatus.RED
    assert rule(RagInput(higher, None, Decimal(100))) is RagStatus.NO_DATA
    # The built-in rules are offered by the built-in plugin beside it.
    assert {"tolerance", "sample-ninety"} <= set(rules)


def test_risk_matrices() -> None:
    assert collect(manager(), "risk_matrices")["sample-3x3"].size == 3


def test_risk_scoring_formulas() -> None:
    assert collect(manager(), "goldenthread_risk_scoring_formulas")["sample-sum"](4, 5) == 9


def test_holiday_calendars() -> None:
    calendar = collect(manager(), "holiday_calendars")["sample-closures"]
    assert not calendar.is_working_day(sample_plugins.SAMPLE_HOLIDAY)
    assert calendar.is_working_day(dt.date(2024, 12, 30))
    assert calendar.add_working_days(dt.date(2024, 12, 26), 1) == dt.date(2024, 12, 30)


def test_level_presets() -> None:
    preset = collect(manager(), "level_presets")["sample-levels"]
    assert preset.levels == ("council", "service", "person")


def test_terminology() -> None:
    words = collect(manager(), "terminology")["sample-words"]
    assert words.term("service plan") == "Business Plan"
    assert words.term("team plan") == "team plan"


def test_branding_asks_the_last_registered_plugin_first() -> None:
    pm = manager()
    assert branding_for(pm, "sample") == Branding("sample", "#005eb8")
    overridden = manager(CatchAllBranding("#ff0000"))
    assert branding_for(overridden, "sample") == Branding("sample", "#ff0000")
    assert branding_for(overridden, "elsewhere") == Branding("elsewhere", "#ff0000")


def test_branding_falls_through_a_plugin_that_returns_none() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[CatchAllBranding("#00ff00"), sample_plugins])
    assert pm.hook.goldenthread_branding(organisation="elsewhere") == Branding(
        "elsewhere", "#00ff00"
    )


@pytest.fixture
def plugged_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report command's plugins are the built-ins and the sample plugin."""
    monkeypatch.setattr("goldenthread.cli.report.get_plugin_manager", manager)


def test_report_kinds(plugged_in: None) -> None:
    """The sample kind is built by ``goldenthread report`` like a built-in one."""
    result = CliRunner().invoke(
        report_command,
        ["sample-list", str(example_path("poole")), "-p", "2025/26 Q2", "--format", "markdown"],
    )
    assert result.exit_code == 0, result.output
    assert "# Indicator list, 2025/26 Q2" in result.stdout
    assert "Major planning applications determined within 13 weeks" in result.stdout


def test_report_formats(plugged_in: None, tmp_path: Path) -> None:
    """The sample format, chosen by name with ``--format``, renders a report to a file."""
    out = tmp_path / "performance.txt"
    result = CliRunner().invoke(
        report_command,
        [
            "sample-list",
            str(example_path("poole")),
            "-p",
            "2025/26 Q2",
            "--format",
            "sample-lines",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Indicator list, 2025/26 Q2"
    assert "Major planning applications determined within 13 weeks" in lines
    assert lines[1:] == sorted(lines[1:])


def test_an_unknown_format_lists_the_known_ones(plugged_in: None) -> None:
    result = CliRunner().invoke(
        report_command,
        ["performance", str(example_path("poole")), "-p", "2025/26 Q2", "--format", "nope"],
    )
    assert result.exit_code == 2
    assert "unknown report format 'nope'" in result.stderr
    assert "sample-lines" in result.stderr


def test_converter_hooks_teach_the_converter_a_plugin_type() -> None:
    converter = make_converter(manager())
    text = to_json([Colour(0, 94, 184)], converter=converter)
    assert "#005eb8" in text
    assert from_json(text, list[Colour], converter=converter) == [Colour(0, 94, 184)]


def test_a_converter_without_the_plugin_does_not_know_its_type() -> None:
    converter = make_converter(get_plugin_manager(entry_points=False))
    assert converter.unstructure(Colour(0, 94, 184)) == {"red": 0, "green": 94, "blue": 184}
