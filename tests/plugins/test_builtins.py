"""The built-in plugins: goldenthread's defaults, offered through the seam like any plugin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import default_branding
from goldenthread.builtins import BUILTIN_PLUGINS
from goldenthread.builtins.levels import LevelPreset
from goldenthread.errors import InputError
from goldenthread.hookspecs import hookimpl
from goldenthread.plugins import branding_for, collect, get_plugin_manager
from goldenthread.risk.matrix import RiskMatrix
from goldenthread.risk.presets import default_5x5
from goldenthread.risk.scoring import Formula
from goldenthread.serialise import from_json, make_converter, to_json, to_toml
from goldenthread.thread.presets import GENERIC, POOLE
from tests.plugins import sample_plugins
from tests.plugins.sample_plugins import Branding, CatchAllBranding

BUILT_IN = get_plugin_manager(entry_points=False)


def test_every_built_in_is_a_registered_plugin() -> None:
    assert [name for name, _ in BUILT_IN.list_name_plugin()] == list(BUILTIN_PLUGINS)


def test_the_built_ins_offer_what_the_domain_registries_hold() -> None:
    from goldenthread.cycles.calendars import builtin_calendars
    from goldenthread.indicators.rag import default_rules
    from goldenthread.reports.render import builtin_formats
    from goldenthread.risk.presets import PRESETS as MATRICES
    from goldenthread.risk.scoring import BUILTIN_FORMULAS
    from goldenthread.storage.url import builtin_store_backends
    from goldenthread.thread.presets import PRESETS as LEVELS

    expected = {
        "rag_rules": set(default_rules()),
        "risk_matrices": {factory().name for factory in MATRICES.values()},
        "risk_scoring_formulas": set(BUILTIN_FORMULAS),
        "holiday_calendars": set(builtin_calendars()),
        "level_presets": set(LEVELS),
        "report_formats": {*builtin_formats(), "pdf"},
        "store_backends": {backend.scheme for backend in builtin_store_backends()},
    }
    assert {hook: set(collect(BUILT_IN, hook)) for hook in expected} == expected
    assert {"tolerance", "kent", "medway", "havering"} <= expected["rag_rules"]
    assert {"default-5x5", "england-and-wales", "generic", "html", "sqlite"} <= set().union(
        *expected.values()
    )


def test_built_in_store_backends_open_stores(tmp_path: Path) -> None:
    backends = collect(BUILT_IN, "store_backends")
    assert backends["memory"].open("memory://") is not None
    url = f"sqlite:///{tmp_path / 'gt.db'}"
    store = backends["sqlite"].open(url)
    assert store is not None
    store.close()


def test_built_in_rag_rules_are_the_published_rules() -> None:
    from goldenthread.indicators.rag import default_rules

    rules = collect(BUILT_IN, "rag_rules")
    for name in default_rules():
        assert rules[name].function is default_rules().get(name)
    assert rules.provider("tolerance") == "goldenthread.builtins.rag"


def test_built_in_calendars_know_bank_holidays() -> None:
    calendars = collect(BUILT_IN, "holiday_calendars")
    boxing_day = dt.date(2024, 12, 26)
    assert not calendars["england-and-wales"].is_working_day(boxing_day)
    assert calendars["weekends-only"].is_working_day(boxing_day)


def test_built_in_level_presets_wrap_the_thread_presets() -> None:
    presets = collect(BUILT_IN, "level_presets")
    assert presets["generic"] == LevelPreset("generic", GENERIC)
    assert presets["poole"].levels == POOLE.levels


def test_built_in_matrices_and_formulas() -> None:
    assert collect(BUILT_IN, "risk_matrices")["default-5x5"] == default_5x5()
    assert collect(BUILT_IN, "risk_scoring_formulas")["product"](3, 4) == 12


def test_the_default_branding_answers_last() -> None:
    assert branding_for(BUILT_IN, "anyone") == default_branding()
    pm = get_plugin_manager(entry_points=False, extra=[sample_plugins])
    assert branding_for(pm, "sample") == Branding("sample", "#005eb8")
    assert branding_for(pm, "other") == default_branding()
    # registered before the built-ins would be, a plugin still wins over the trylast default
    pm = get_plugin_manager(entry_points=False, extra=[CatchAllBranding("#123456")])
    assert branding_for(pm, "other") == Branding("other", "#123456")


def test_a_risk_matrix_round_trips_with_its_formula_by_name() -> None:
    converter = make_converter(BUILT_IN)
    matrix = default_5x5()
    text = to_json(matrix, converter=converter)
    assert '"formula": "product"' in text
    assert from_json(text, RiskMatrix, converter=converter) == matrix
    assert to_toml(matrix, converter=converter)


@given(st.sampled_from(sorted(collect(BUILT_IN, "risk_scoring_formulas"))))
def test_every_built_in_formula_round_trips_by_name(name: str) -> None:
    converter = make_converter()
    formula = collect(BUILT_IN, "risk_scoring_formulas")[name]
    assert from_json(to_json(formula, converter=converter), Formula, converter=converter) is formula


def test_a_plugin_formula_is_found_by_the_converter() -> None:
    custom = Formula("sample-double", lambda likelihood, impact: 2 * likelihood * impact)

    class Offers:
        @staticmethod
        @hookimpl
        def goldenthread_risk_scoring_formulas() -> list[Formula]:
            return [custom]

    converter = make_converter(get_plugin_manager(entry_points=False, extra=[Offers]))
    assert from_json('"sample-double"', Formula, converter=converter) is custom


def test_an_unknown_formula_name_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        from_json('"squared"', Formula)
    assert [p.reason for p in caught.value.problems] == [
        "$: no plugin offers a risk scoring formula named 'squared'; known: product, "
        "product-plus-2-impact, product-plus-2-likelihood, product-plus-impact, "
        "product-plus-likelihood"
    ]
    with pytest.raises(InputError, match="expected a scoring formula's name, got 3"):
        from_json("3", Formula)
