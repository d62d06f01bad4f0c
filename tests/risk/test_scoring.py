"""Scoring formulas and normalisation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.risk.scoring import (
    BUILTIN_FORMULAS,
    PRODUCT,
    Formula,
    formula_named,
    formula_problems,
    formula_registry,
    normalise,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("product", 12), ("product-plus-impact", 16), ("product-plus-2-impact", 20),
     ("product-plus-likelihood", 15), ("product-plus-2-likelihood", 18)],
)  # fmt: skip
def test_builtin_formulas_at_likelihood_3_impact_4(name: str, expected: int) -> None:
    assert formula_named(name)(3, 4) == expected


@given(st.sampled_from(list(BUILTIN_FORMULAS.values())), st.integers(2, 10), st.integers(2, 10))
def test_builtin_formulas_are_monotone(formula: Formula, rows: int, columns: int) -> None:
    assert formula_problems(formula, rows, columns) == []


def test_non_monotone_formula_is_reported() -> None:
    falling = Formula("falling", lambda lk, im: im - lk)
    assert formula_problems(falling, 2, 2) == [
        "formula 'falling' falls from likelihood 1 to 2 at impact 1",
        "formula 'falling' falls from likelihood 1 to 2 at impact 2",
    ]


def test_unknown_formula() -> None:
    with pytest.raises(InputError, match=r"unknown scoring formula 'sum' \(known: product, "):
        formula_named("sum")


def test_registry_rejects_duplicate_names() -> None:
    with pytest.raises(InputError, match=r"two scoring formulas are named 'product'"):
        formula_registry([PRODUCT, Formula("product", lambda lk, im: lk + im)])


def test_plugin_formula_in_own_registry() -> None:
    registry = formula_registry([*BUILTIN_FORMULAS.values(), Formula("sum", lambda a, b: a + b)])
    assert formula_named("sum", registry)(2, 3) == 5


@given(st.integers(-50, 50), st.integers(1, 100))
def test_normalise_maps_the_range_onto_0_to_10(lowest: int, width: int) -> None:
    highest = lowest + width
    assert normalise(lowest, lowest, highest) == Decimal("0.0")
    assert normalise(highest, lowest, highest) == Decimal("10.0")


@given(st.integers(0, 100), st.integers(0, 100))
def test_normalise_is_monotone(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert normalise(lo, 0, 100) <= normalise(hi, 0, 100)


def test_normalise_rounds_half_up_and_rejects_empty_range() -> None:
    assert normalise(1, 0, 16) == Decimal("0.6")  # 0.625 -> 0.6
    assert normalise(3, 0, 8) == Decimal("3.8")  # 3.75 -> 3.8
    with pytest.raises(InputError, match=r"the highest score 3 is not above 3"):
        normalise(3, 3, 3)
