"""A RAG rule offered by a plugin rates the indicators that name it, from a bundle and from
a store, in assessments, reports and open data; a rule nobody offers is a clear error."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pluggy
import pytest
from click.testing import CliRunner

from goldenthread.builtins.rag import NamedRule
from goldenthread.cli.assess import assess_command
from goldenthread.cli.report import report_command
from goldenthread.errors import BundleError
from goldenthread.examples import example_path
from goldenthread.hookspecs import hookimpl
from goldenthread.indicators.assess import assess_all
from goldenthread.indicators.rag import RagInput, RagStatus, UnknownRuleError
from goldenthread.io.persist import save_framework
from goldenthread.io.source import load_source
from goldenthread.periods import Quarter
from goldenthread.plugins import DuplicateNameError, PluginError, get_plugin_manager
from goldenthread.reports import render
from goldenthread.reports.builders import PerformanceReport
from goldenthread.reports.publish import open_data
from goldenthread.storage import open_store

CODE = "BV 9"  # 56.80 against a target of 57.00 in 2025/26 Q2: amber by tolerance
PERIOD = Quarter(2025, 2)
TODAY = dt.date(2025, 11, 30)


def strict(inp: RagInput) -> RagStatus:
    """Green only when the value meets the target exactly or better; red otherwise."""
    if inp.value is None:
        return RagStatus.NO_DATA
    if inp.target is None:
        return RagStatus.NO_TARGET
    met = inp.value >= inp.target if inp.polarity.value == "higher" else inp.value <= inp.target
    return RagStatus.GREEN if met else RagStatus.RED


class AcmeRules:
    @hookimpl
    def goldenthread_rag_rules(self) -> list[NamedRule]:
        return [NamedRule("acme-strict", strict)]


class MoreAcmeRules(AcmeRules):
    """Another plugin offering a rule of the same name."""


class NotCallable:
    name = "acme-broken"


class BrokenRules:
    @hookimpl
    def goldenthread_rag_rules(self) -> list[object]:
        return [NotCallable()]


def manager(*extra: object) -> pluggy.PluginManager:
    return get_plugin_manager(entry_points=False, extra=extra)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """The Poole example with BV 9 rated by the plugin's ``acme-strict`` rule."""
    folder = tmp_path / "poole"
    shutil.copytree(example_path("poole"), folder)
    path = folder / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row["code"] == CODE for row in rows)
    for row in rows:
        if row["code"] == CODE:
            row["rag_rule"] = "acme-strict"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_a_plugin_rule_rates_the_indicators_that_name_it(bundle: Path) -> None:
    framework = load_source(str(bundle), plugin_manager=manager(AcmeRules()))
    assert "acme-strict" in framework.rag_rules
    assert "tolerance" in framework.rag_rules  # the built-in rules stay
    assessed = {
        a.indicator: a
        for a in assess_all(framework.indicators, PERIOD, rules=framework.rag_rules, as_at=TODAY)
    }
    ours = assessed[CODE]
    assert ours.rule == "acme-strict"
    assert all(a.rule != "acme-strict" for code, a in assessed.items() if code != CODE)
    # Just short of its target: the built-in tolerance rule says amber, the plugin's
    # strict rule red.
    assert ours.value is not None
    assert ours.target is not None
    assert ours.target.target is not None
    assert ours.value < ours.target.target
    assert ours.status is RagStatus.RED
    builtin = load_source(str(example_path("poole")), plugin_manager=manager(AcmeRules()))
    rated = assess_all(builtin.indicators, PERIOD, rules=builtin.rag_rules, as_at=TODAY)
    assert {a.indicator: a.status for a in rated}[CODE] is RagStatus.AMBER


def test_reports_and_open_data_use_the_plugin_rule(bundle: Path, tmp_path: Path) -> None:
    framework = load_source(str(bundle), plugin_manager=manager(AcmeRules()))
    report = PerformanceReport().build(framework, PERIOD, today=TODAY)
    assert CODE in render(report, "markdown")
    data = open_data(framework, PERIOD, today=TODAY)
    assert data.resources
    stored = tmp_path / "poole.db"
    with open_store(f"sqlite:///{stored}") as store:
        save_framework(
            store, framework, by="test", at=dt.datetime(2025, 11, 30, tzinfo=dt.UTC), why="t"
        )
    without = load_source(f"sqlite:///{stored}", plugin_manager=manager())
    with pytest.raises(UnknownRuleError):
        open_data(without, PERIOD, today=TODAY)


def test_a_store_read_with_the_plugin_uses_its_rule(bundle: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    framework = load_source(str(bundle), plugin_manager=manager(AcmeRules()))
    with open_store(url) as store:
        save_framework(
            store, framework, by="test", at=dt.datetime(2025, 11, 30, tzinfo=dt.UTC), why="t"
        )
    stored = load_source(url, plugin_manager=manager(AcmeRules()))
    rules = {
        a.indicator: a.rule
        for a in assess_all(stored.indicators, PERIOD, rules=stored.rag_rules, as_at=TODAY)
    }
    assert rules[CODE] == "acme-strict"


def test_without_the_plugin_the_rule_is_named_as_unknown(bundle: Path) -> None:
    # Refused when the bundle is read, naming the file, row, column and the known rules.
    with pytest.raises(
        BundleError,
        match=r"indicators.csv, row \d+, column 'rag_rule': "
        r"unknown RAG rule 'acme-strict'; known rules: .*tolerance",
    ):
        load_source(str(bundle), plugin_manager=manager())


def test_a_stored_rule_no_plugin_offers_is_named_by_the_report(
    bundle: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    framework = load_source(str(bundle), plugin_manager=manager(AcmeRules()))
    with open_store(url) as store:
        save_framework(
            store, framework, by="test", at=dt.datetime(2025, 11, 30, tzinfo=dt.UTC), why="t"
        )
    stored = load_source(url, plugin_manager=manager())
    with pytest.raises(UnknownRuleError, match=r"acme-strict.*known rules: .*tolerance"):
        PerformanceReport().build(stored, PERIOD, today=TODAY)


def test_import_accepts_a_rule_an_installed_plugin_offers(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import goldenthread.cli.store as store_cli

    monkeypatch.setattr(store_cli, "get_plugin_manager", lambda: manager(AcmeRules()))
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    result = CliRunner().invoke(
        store_cli.import_command, [str(bundle), "--store", url, "--by", "t"]
    )
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(store_cli, "get_plugin_manager", lambda: manager())
    refused = CliRunner().invoke(
        store_cli.import_command, [str(bundle), "--store", url, "--by", "t"]
    )
    assert refused.exit_code == 2
    assert "column 'rag_rule': unknown RAG rule 'acme-strict'" in refused.stderr


@pytest.mark.parametrize(
    "command",
    [
        (assess_command, ["--period", "2025/26 Q2", "--as-at", "2025-11-30"]),
        (report_command, ["performance", "--period", "2025/26 Q2", "--as-at", "2025-11-30"]),
    ],
    ids=["assess", "report"],
)
def test_commands_name_an_unknown_rule_without_a_traceback(
    bundle: Path, command: tuple[object, list[str]]
) -> None:
    cli, args = command
    argv = [args[0], str(bundle), *args[1:]] if cli is report_command else [str(bundle), *args]
    result = CliRunner().invoke(cli, argv)  # type: ignore[arg-type]
    assert result.exit_code == 2
    assert "unknown RAG rule 'acme-strict'" in result.stderr
    assert "Traceback" not in result.output


def test_a_rule_that_is_not_callable_is_refused(bundle: Path) -> None:
    with pytest.raises(PluginError, match=r"acme-broken.*not callable"):
        load_source(str(bundle), plugin_manager=manager(BrokenRules()))


def test_two_plugins_offering_one_rule_name_clash(bundle: Path) -> None:
    with pytest.raises(DuplicateNameError, match="acme-strict"):
        load_source(str(bundle), plugin_manager=manager(AcmeRules(), MoreAcmeRules()))


def test_a_broken_plugin_is_a_clean_command_error(
    bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("goldenthread.plugins.get_plugin_manager", lambda: manager(BrokenRules()))
    result = CliRunner().invoke(
        assess_command, [str(bundle), "--period", "2025/26 Q2", "--as-at", "2025-11-30"]
    )
    assert result.exit_code == 2
    assert "acme-broken" in result.stderr
    assert "not callable" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
