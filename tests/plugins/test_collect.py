"""Collection hooks: registries by name, with duplicates and bad offerings rejected."""

from __future__ import annotations

import pytest

from goldenthread.builtins import BUILTIN_PLUGINS
from goldenthread.plugins import (
    COLLECTION_HOOKS,
    DuplicateNameError,
    PluginError,
    UnknownNameError,
    branding_for,
    collect,
    get_plugin_manager,
)
from tests.plugins import sample_plugins
from tests.plugins.sample_plugins import Fails, Returns, RivalRules, ThresholdRule, Wraps

SAMPLE = "tests.plugins.sample_plugins"
RIVAL = "tests.plugins.sample_plugins.RivalRules"


def test_every_hook_but_branding_and_the_converter_is_a_collection_hook() -> None:
    pm = get_plugin_manager(entry_points=False)
    specs = {name for name in dir(pm.hook) if name.startswith("goldenthread_")}
    collections = {spec.hook for spec in COLLECTION_HOOKS.values()}
    assert specs - collections == {"goldenthread_branding", "goldenthread_converter_hooks"}
    assert collections <= specs


def test_a_registry_is_a_read_only_mapping_by_name() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins])
    rules = collect(pm, "rag_rules")
    assert "sample-ninety" in rules
    assert "missing" not in rules
    assert rules.get("missing") is None
    assert dict(rules)["sample-ninety"] == ThresholdRule("sample-ninety", 90)


def test_an_unknown_name_lists_the_known_ones() -> None:
    pm = get_plugin_manager(
        entry_points=False, extra=[sample_plugins, RivalRules], block=BUILTIN_PLUGINS
    )
    rules = collect(pm, "rag_rules", prefer={"sample-ninety": SAMPLE})
    with pytest.raises(UnknownNameError) as caught:
        rules["acme"]
    assert str(caught.value) == (
        "no plugin offers a RAG rule named 'acme'; known: rival-only, sample-ninety"
    )
    with pytest.raises(KeyError):
        rules.provider("acme")


def test_two_plugins_offering_one_name_is_an_error() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins, RivalRules])
    with pytest.raises(DuplicateNameError) as caught:
        collect(pm, "rag_rules")
    assert str(caught.value) == (
        f"RAG rule 'sample-ninety' is offered more than once, by '{SAMPLE}', '{RIVAL}'; "
        "block one of the plugins or say which to prefer "
        "(prefer={'sample-ninety': <plugin name>})"
    )


def test_registration_order_does_not_decide_a_conflict() -> None:
    for extra in ([sample_plugins, RivalRules], [RivalRules, sample_plugins]):
        pm = get_plugin_manager(entry_points=False, extra=extra)
        with pytest.raises(DuplicateNameError):
            collect(pm, "rag_rules")


def test_prefer_chooses_between_two_offers() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins, RivalRules])
    rules = collect(pm, "rag_rules", prefer={"sample-ninety": RIVAL})
    assert rules["sample-ninety"] == ThresholdRule("sample-ninety", 95)
    assert rules.provider("sample-ninety") == RIVAL
    assert rules.provider("rival-only") == RIVAL
    kept = collect(pm, "rag_rules", prefer={"sample-ninety": SAMPLE})
    assert kept["sample-ninety"] == ThresholdRule("sample-ninety", 90)


def test_blocking_a_plugin_resolves_a_conflict() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins, RivalRules], block=[RIVAL])
    assert collect(pm, "rag_rules")["sample-ninety"] == ThresholdRule("sample-ninety", 90)


def test_prefer_must_name_a_plugin_that_offers_the_name() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins, RivalRules])
    with pytest.raises(PluginError) as caught:
        collect(pm, "rag_rules", prefer={"sample-ninety": "acme"})
    assert str(caught.value) == (
        f"prefer chooses plugin 'acme' for RAG rule 'sample-ninety', but it is offered only "
        f"by '{SAMPLE}', '{RIVAL}'"
    )


def test_prefer_must_name_an_offered_object() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins])
    with pytest.raises(PluginError) as caught:
        collect(pm, "risk_matrices", prefer={"sample-5x5": SAMPLE})
    assert str(caught.value) == "prefer names risk matrix 'sample-5x5', which no plugin offers"


def test_one_plugin_offering_a_name_twice_is_an_error() -> None:
    twice = Returns([sample_plugins.ReportKind("x"), sample_plugins.ReportKind("x")])
    pm = get_plugin_manager(entry_points=False, extra=[twice])
    with pytest.raises(DuplicateNameError, match="report kind 'x' is offered more than once"):
        collect(pm, "report_kinds")


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (None, "returned NoneType from goldenthread_report_kinds; expected a list"),
        (sample_plugins.ReportKind("x"), "returned ReportKind from goldenthread_report_kinds"),
        (["performance"], "without a non-empty string 'name': 'performance'"),
        ([sample_plugins.ReportKind("")], "without a non-empty string 'name'"),
    ],
)
def test_a_bad_collection_answer_names_the_plugin(result: object, message: str) -> None:
    pm = get_plugin_manager(entry_points=False, extra=[Returns(result)])
    with pytest.raises(
        PluginError, match=r"^plugin 'tests\.plugins\.sample_plugins\.Returns'"
    ) as caught:
        collect(pm, "report_kinds")
    assert message in str(caught.value)


def test_a_store_backend_is_keyed_by_scheme() -> None:
    pm = get_plugin_manager(
        entry_points=False, extra=[Returns([sample_plugins.ReportKind("x")]), sample_plugins]
    )
    assert "sample" in collect(pm, "store_backends")


def test_a_failing_plugin_is_named() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[Fails])
    with pytest.raises(PluginError) as caught:
        collect(pm, "report_formats")
    assert str(caught.value) == (
        "plugin 'tests.plugins.sample_plugins.Fails' failed in goldenthread_report_formats: "
        "template folder missing"
    )


def test_a_collection_hook_cannot_be_wrapped() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[Wraps])
    with pytest.raises(PluginError, match="wraps goldenthread_rag_rules; collection hooks cannot"):
        collect(pm, "rag_rules")


def test_only_collection_hooks_can_be_collected() -> None:
    pm = get_plugin_manager(entry_points=False)
    with pytest.raises(
        PluginError, match="'branding' is not a collection hook; collection hooks: "
    ):
        collect(pm, "branding")


def test_no_branding_is_an_error_naming_the_organisation() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins], block=_builtin_names())
    with pytest.raises(PluginError, match="no plugin provides branding for organisation 'acme'"):
        branding_for(pm, "acme")


def _builtin_names() -> tuple[str, ...]:
    from goldenthread.builtins import BUILTIN_PLUGINS

    return BUILTIN_PLUGINS
