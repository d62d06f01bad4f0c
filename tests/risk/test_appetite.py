"""Risk appetite scaled to the matrix in use (goldenthread.risk.appetite)."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.errors import BundleError, InputError
from goldenthread.io.risks import risk_settings_from_toml
from goldenthread.risk import (
    DEFAULT_TOLERANCES,
    Appetite,
    AppetiteLevel,
    Assessment,
    AxisLevel,
    Band,
    Level,
    Risk,
    RiskMatrix,
    RiskSettings,
    assess_risk,
    default_5x5,
    four_by_four,
    three_by_three,
)
from goldenthread.risk.appetite import DEFAULT_SHARES, default_tolerances

from .strategies import matrices

LEVELS = list(AppetiteLevel)


def product(size: int) -> RiskMatrix:
    """A size × size product matrix with three bands."""
    top = size * size
    return RiskMatrix(
        f"{size}x{size}",
        tuple(AxisLevel(f"L{i}") for i in range(1, size + 1)),
        tuple(AxisLevel(f"I{i}") for i in range(1, size + 1)),
        (Level("Low", "#00AA00"), Level("Medium", "#FFAA00"), Level("High", "#AA0000")),
        bands=(Band(1), Band(max(2, top // 4)), Band(max(3, top // 2))),
    )


def worst(matrix: RiskMatrix) -> int:
    return matrix.rate(*matrix.size).score


def tolerances(matrix: RiskMatrix) -> list[int]:
    scaled = default_tolerances(matrix)
    return [scaled[level] for level in AppetiteLevel]


def test_the_5x5_keeps_its_published_defaults() -> None:
    assert tolerances(default_5x5()) == [4, 6, 12, 16, 25]
    assert dict(default_tolerances(None)) == dict(DEFAULT_TOLERANCES)
    assert [str(DEFAULT_SHARES[level]) for level in LEVELS] == ["1/8", "5/24", "11/24", "5/8", "1"]


@pytest.mark.parametrize(
    ("matrix", "expected"),
    [
        (three_by_three(), [2, 2, 4, 6, 9]),
        (four_by_four(), [2, 4, 6, 9, 16]),
        (product(10), [12, 21, 45, 60, 100]),
    ],
)
def test_defaults_scale_to_the_matrix(matrix: RiskMatrix, expected: list[int]) -> None:
    assert tolerances(matrix) == expected
    assert not Appetite().within(worst(matrix), "any", matrix=matrix)  # cautious
    assert Appetite(AppetiteLevel.EAGER).within(worst(matrix), "any", matrix=matrix)


def test_the_worst_cell_of_a_3x3_is_not_within_cautious_appetite() -> None:
    risk = Risk("R1", "Flood", current=Assessment(3, 3))
    scored = assess_risk(risk, RiskSettings(three_by_three()))
    assert scored.appetite is AppetiteLevel.CAUTIOUS
    assert scored.tolerance == 4
    assert scored.within_appetite is False
    on_5x5 = assess_risk(Risk("R1", "Flood", current=Assessment(3, 3)), RiskSettings())
    assert (on_5x5.tolerance, on_5x5.within_appetite) == (12, True)


@settings(max_examples=60)
@given(matrices())
def test_averse_is_strictest_eager_most_tolerant_and_the_worst_cell_never_cautious(
    matrix: RiskMatrix,
) -> None:
    scaled = tolerances(matrix)
    assert scaled == sorted(scaled)
    assert scaled[0] < scaled[-1]
    assert scaled[-1] == worst(matrix)
    lowest = matrix.rate(1, 1).score
    assert scaled[0] >= lowest  # the best cell is always tolerable
    for level in (AppetiteLevel.AVERSE, AppetiteLevel.MINIMAL, AppetiteLevel.CAUTIOUS):
        assert not Appetite(level).within(worst(matrix), None, matrix=matrix)
    assert not Appetite(AppetiteLevel.OPEN).within(worst(matrix), None, matrix=matrix)


@given(st.sampled_from([2, 3, 4, 5, 6, 7, 8, 9, 10]), st.sampled_from(LEVELS))
def test_the_tolerance_is_the_highest_score_within_the_share(
    size: int, level: AppetiteLevel
) -> None:
    matrix = product(size)
    tolerated = default_tolerances(matrix)[level]
    share = DEFAULT_SHARES[level]
    # the tolerance is the highest cell score within the share of the range
    assert tolerated <= 1 + share * (size * size - 1)
    higher = [
        s
        for s in {matrix.rate(a, b).score for a in range(1, size + 1) for b in range(1, size + 1)}
        if s > tolerated
    ]
    assert all(s > 1 + share * (size * size - 1) for s in higher)


def test_given_tolerances_are_kept_and_the_rest_scaled() -> None:
    appetite = Appetite(tolerances={AppetiteLevel.AVERSE: 1})
    assert appetite.tolerance("x", AppetiteLevel.AVERSE, matrix=three_by_three()) == 1
    assert appetite.tolerance("x", matrix=three_by_three()) == 4
    assert appetite.tolerance("x") == 12  # no matrix: the default 5×5
    settings_ = RiskSettings(three_by_three(), appetite)
    assert settings_.tolerance("x") == 4
    assert settings_.tolerance("x", AppetiteLevel.EAGER) == 9


def test_given_tolerances_must_fit_the_matrix() -> None:
    with pytest.raises(InputError, match=r"appetite 'minimal' tolerates 1, less than 'averse'"):
        Appetite(tolerances={AppetiteLevel.AVERSE: 3, AppetiteLevel.MINIMAL: 1})
    bad = Appetite(tolerances={AppetiteLevel.CAUTIOUS: 8})
    assert bad.tolerance("x") == 8  # fits the 5×5: 4, 6, 8, 16, 25
    with pytest.raises(
        InputError,
        match=r"appetite 'open' tolerates 6, less than 'cautious' \(8\) on matrix '3x3'",
    ):
        RiskSettings(three_by_three(), bad)


def test_a_bundle_whose_tolerances_do_not_fit_its_matrix_is_refused() -> None:
    text = '[risk]\nmatrix = "3x3"\n[risk.appetite]\ntolerances = { cautious = 8 }\n'
    with pytest.raises(BundleError) as exc:
        risk_settings_from_toml(tomllib.loads(text), "framework.toml")
    (problem,) = exc.value.problems
    assert (problem.file, problem.column) == ("framework.toml", "risk.appetite.tolerances")
    assert "less than 'cautious' (8) on matrix '3x3'" in problem.reason
