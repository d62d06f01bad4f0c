"""Level schemes and the presets for the two seed councils."""

from __future__ import annotations

import pytest

from goldenthread.thread import (
    GENERIC,
    POOLE,
    ROSSENDALE,
    Classification,
    Item,
    ItemKind,
    Level,
    LevelScheme,
    OwnerKind,
    Span,
    preset,
)


def test_generic_is_the_default_six_levels() -> None:
    assert GENERIC.keys == ("national", "partnership", "corporate", "service", "team", "individual")
    assert GENERIC.get("individual").classification is Classification.PERSONAL
    assert GENERIC.rank("team") == 4


def test_seed_presets() -> None:
    assert [lv.name for lv in ROSSENDALE] == [
        "National and regional priorities",
        "Community Strategy and Delivery Plan",
        "Corporate Plan",
        "Business Plans",
        "Action Plans",
        "Personal Development Interviews",
    ]
    assert [lv.name for lv in POOLE][:3] == [
        "Sustainable Community Strategy 2010-2026",
        "Corporate Strategy",
        "Medium Term Financial Plan",
    ]
    assert POOLE.get("service").span is Span.ANNUAL
    assert ROSSENDALE.get("service").span is Span.THREE_YEAR
    assert POOLE.get("financial").skippable
    assert [lv.key for lv in POOLE.between("corporate", "team")] == ["financial", "service"]
    assert preset(" Poole ") is POOLE


def test_bad_schemes_and_names() -> None:
    with pytest.raises(ValueError, match="no level preset 'kent'; choose one of generic, poole"):
        preset("kent")
    with pytest.raises(ValueError, match="a level scheme needs at least one level"):
        LevelScheme(())
    with pytest.raises(ValueError, match="level key 'x' appears twice"):
        LevelScheme((Level("x", "X", OwnerKind.TEAM), Level("x", "Y", OwnerKind.TEAM)))
    with pytest.raises(KeyError):
        GENERIC.rank("county")
    assert "county" not in GENERIC


def test_items_are_hashable_values() -> None:
    one = Item("A", ItemKind.PLAN, "Plan", "corporate", extras={"ward": "North"})
    two = Item("A", ItemKind.PLAN, "Plan", "corporate", extras={"ward": "North"})
    assert one == two
    assert len({one, two}) == 1
