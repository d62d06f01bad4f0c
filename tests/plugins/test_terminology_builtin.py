"""The built-in ``generic`` terminology preset."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import STATUSES, Terminology
from goldenthread.builtins.terminology import GENERIC_TERMINOLOGY, TerminologyPreset
from goldenthread.hookspecs import hookimpl
from goldenthread.plugins import DuplicateNameError, collect, get_plugin_manager
from goldenthread.thread.presets import GENERIC


def test_the_generic_preset_is_offered_by_the_built_in_plugin() -> None:
    presets = collect(get_plugin_manager(entry_points=False), "terminology")
    assert presets["generic"] == TerminologyPreset("generic", GENERIC_TERMINOLOGY)
    assert presets.provider("generic") == "goldenthread.builtins.terminology"


def test_the_generic_preset_spells_out_every_level_and_status() -> None:
    assert dict(GENERIC_TERMINOLOGY.levels) == {
        "national": "National",
        "partnership": "Partnership strategy",
        "corporate": "Corporate plan",
        "service": "Service plan",
        "team": "Team plan",
        "individual": "Individual plan",
    }
    assert [key for key, _ in GENERIC_TERMINOLOGY.statuses] == sorted(STATUSES)
    assert GENERIC_TERMINOLOGY.status("no-data") == "No data"
    assert GENERIC_TERMINOLOGY.problems() == []


@given(st.sampled_from([level.key for level in GENERIC.levels] + list(STATUSES)))
def test_the_generic_preset_says_what_an_empty_terminology_says(key: str) -> None:
    blank = Terminology()
    assert GENERIC_TERMINOLOGY.level(key) == blank.level(key)
    assert GENERIC_TERMINOLOGY.status(key) == blank.status(key)


def test_a_plugin_offering_generic_words_clashes_with_the_built_in() -> None:
    class Rival:
        @staticmethod
        @hookimpl
        def goldenthread_terminology() -> list[TerminologyPreset]:
            return [TerminologyPreset("generic", Terminology())]

    pm = get_plugin_manager(entry_points=False, extra=[Rival])
    with pytest.raises(DuplicateNameError, match="terminology preset 'generic'"):
        collect(pm, "terminology")
