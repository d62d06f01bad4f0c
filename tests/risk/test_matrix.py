"""Risk matrices: presets, rating, validation and the laws every matrix obeys."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.findings import Severity
from goldenthread.risk import (
    PRESETS,
    AxisLevel,
    Band,
    Level,
    RiskMatrix,
    default_5x5,
    four_by_four,
    matrix_findings,
    preset,
    three_by_three,
)
from goldenthread.risk.scoring import PRODUCT_PLUS_IMPACT

from .strategies import banded_matrices, grid_matrices, matrices

LOW, HIGH = Level("Low", "#00AA00"), Level("High", "#AA0000")


def axis(n: int) -> tuple[AxisLevel, ...]:
    return tuple(AxisLevel(f"L{i}") for i in range(1, n + 1))


def reasons(exc: pytest.ExceptionInfo[InputError]) -> list[tuple[str | None, str]]:
    return [(p.column, p.reason) for p in exc.value.problems]


class TestDefault5x5:
    def test_contract_example(self) -> None:
        rating = default_5x5().rate(likelihood=3, impact=5)
        assert (rating.score, rating.level, rating.colour) == (15, "High", "#C62828")

    @pytest.mark.parametrize(
        ("likelihood", "impact", "level"),
        [(1, 1, "Low"), (2, 2, "Low"), (1, 4, "Low"), (1, 5, "Medium"), (3, 4, "Medium"),
         (4, 3, "Medium"), (3, 5, "High"), (4, 4, "High"), (5, 5, "High")],
    )  # fmt: skip
    def test_bands(self, likelihood: int, impact: int, level: str) -> None:
        assert default_5x5().rate(likelihood, impact).level == level

    def test_described_levels_and_categories(self) -> None:
        m = default_5x5()
        assert m.likelihood[-1].name == "Almost certain"
        assert m.likelihood[-1].description == "more than 80% in the next 12 months"
        assert set(m.impact[0].categories) == {
            "financial", "service delivery", "reputation", "health and safety",
            "legal and regulatory", "partnership",
        }  # fmt: skip

    def test_normalised_score(self) -> None:
        m = default_5x5()
        assert m.rate(1, 1).normalised == Decimal("0.0")
        assert m.rate(5, 5).normalised == Decimal("10.0")
        assert m.rate(3, 5).normalised == Decimal("5.8")  # 14 / 24 * 10 = 5.833

    @pytest.mark.parametrize(("likelihood", "impact"), [(0, 1), (6, 1), (1, 0), (1, 6)])
    def test_outside_the_scale(self, likelihood: int, impact: int) -> None:
        with pytest.raises(InputError, match=r"is outside the scale 1–5"):
            default_5x5().rate(likelihood, impact)

    def test_not_a_whole_number(self) -> None:
        with pytest.raises(InputError, match=r"likelihood 2.5 is outside the scale"):
            default_5x5().rate(2.5, 1)  # type: ignore[arg-type]


def test_smaller_presets() -> None:
    assert four_by_four().rate(3, 3).level == "High"
    assert four_by_four().rate(1, 3).level == "Low"
    assert four_by_four().rate(2, 4).level == "Medium"
    assert three_by_three().rate(2, 2).level == "Medium"
    assert three_by_three().rate(2, 3).level == "High"
    assert {m().size for m in PRESETS.values()} == {(5, 5), (4, 4), (3, 3)}


def test_unknown_preset() -> None:
    with pytest.raises(InputError, match=r"unknown risk matrix preset '6x6' \(known: default-5x5"):
        preset("6x6")


def test_weighted_formula_changes_scores() -> None:
    m = RiskMatrix(
        "weighted", axis(5), axis(5), (LOW, HIGH), bands=(Band(1), Band(20)),
        formula=PRODUCT_PLUS_IMPACT,
    )  # fmt: skip
    assert m.rate(3, 4).score == 16
    assert m.rate(4, 4).level == "High"
    assert m.score_range == (2, 30)


class TestValidation:
    def test_grid_rows_must_match_likelihood(self) -> None:
        with pytest.raises(InputError) as exc:
            RiskMatrix("m", axis(3), axis(2), (LOW, HIGH), grid=((0, 1), (1, 1)))
        assert reasons(exc) == [
            ("grid", "the grid has 2 rows but the likelihood scale has 3 levels "
             "(rows are likelihood, columns impact)")
        ]  # fmt: skip

    def test_grid_columns_must_match_impact(self) -> None:
        with pytest.raises(InputError) as exc:
            RiskMatrix("m", axis(2), axis(3), (LOW, HIGH), grid=((0, 1, 1), (1, 1)))
        assert reasons(exc) == [
            ("grid[1]", "grid row 1 has 2 cells but the impact scale has 3 levels "
             "(rows are likelihood, columns impact)")
        ]  # fmt: skip

    def test_cell_outside_levels(self) -> None:
        with pytest.raises(InputError) as exc:
            RiskMatrix("m", axis(2), axis(2), (LOW, HIGH), grid=((0, 2), (-1, 1)))
        assert reasons(exc) == [
            ("grid[0][1]", "grid cell 2 is not a level: it must be 0 to 1 "
             "(0-based index into the risk levels)"),
            ("grid[1][0]", "grid cell -1 is not a level: it must be 0 to 1 "
             "(0-based index into the risk levels)"),
        ]  # fmt: skip

    def test_level_without_name_or_colour(self) -> None:
        with pytest.raises(InputError) as exc:
            RiskMatrix("m", axis(2), axis(2), (Level("", "#000000"), Level("High", "")),
                       grid=((0, 1), (1, 1)))  # fmt: skip
        assert reasons(exc) == [
            ("levels[0].name", "risk level 1 has no name"),
            ("levels[1].colour", "risk level 'High' has no colour"),
        ]

    def test_bad_colour(self) -> None:
        with pytest.raises(InputError, match=r"colour 'red' is not of the form #RRGGBB"):
            RiskMatrix("m", axis(2), axis(2), (LOW, Level("High", "red")), grid=((0, 1), (1, 1)))

    def test_bands_leave_a_score_uncovered(self) -> None:
        with pytest.raises(InputError) as exc:
            RiskMatrix("m", axis(5), axis(5), (LOW, HIGH), bands=(Band(1, 4), Band(6, 25)))
        assert reasons(exc) == [("bands", "the bands leave possible scores uncovered: 5")]

    def test_bands_starting_above_the_lowest_score(self) -> None:
        with pytest.raises(InputError, match=r"uncovered: 1, 2"):
            RiskMatrix("m", axis(5), axis(5), (LOW, HIGH), bands=(Band(3), Band(10)))

    def test_impossible_scores_may_fall_between_bands(self) -> None:
        m = RiskMatrix("m", axis(5), axis(5), (LOW, HIGH), bands=(Band(1, 12), Band(15, 25)))
        assert m.rate(3, 5).level == "High"  # 13 and 14 cannot occur on a 5x5 product

    def test_overlapping_and_unordered_bands(self) -> None:
        with pytest.raises(InputError) as exc:
            RiskMatrix("m", axis(3), axis(3), (LOW, HIGH), bands=(Band(1, 5), Band(4)))
        assert reasons(exc) == [
            ("levels[1]", "band 'High' starts at 4, inside the band before it (which ends at 5)")
        ]
        with pytest.raises(InputError, match=r"band 'High' starts at 1, not above the band"):
            RiskMatrix("m", axis(3), axis(3), (LOW, HIGH), bands=(Band(1), Band(1)))
        with pytest.raises(InputError, match=r"band 'Low' ends \(0\) below where it starts"):
            RiskMatrix("m", axis(3), axis(3), (LOW, HIGH), bands=(Band(1, 0), Band(5)))

    def test_one_band_per_level(self) -> None:
        with pytest.raises(InputError, match=r"there are 1 score bands for 2 levels"):
            RiskMatrix("m", axis(3), axis(3), (LOW, HIGH), bands=(Band(1),))

    @pytest.mark.parametrize("size", [1, 11])
    def test_sizes_from_2_to_10(self, size: int) -> None:
        with pytest.raises(
            InputError, match=rf"the impact scale has {size} levels; it needs 2 to 10"
        ):
            RiskMatrix("m", axis(3), axis(size), (LOW,), bands=(Band(1),))

    def test_bands_or_grid(self) -> None:
        with pytest.raises(InputError, match=r"either score bands or a grid, not both"):
            RiskMatrix("m", axis(2), axis(2), (LOW, HIGH), bands=(Band(1), Band(3)),
                       grid=((0, 0), (0, 1)))  # fmt: skip
        with pytest.raises(InputError, match=r"needs either score bands or a grid"):
            RiskMatrix("m", axis(2), axis(2), (LOW, HIGH))

    def test_duplicate_level_and_nameless_axis(self) -> None:
        with pytest.raises(InputError) as exc:
            RiskMatrix(
                "m", (AxisLevel(""), AxisLevel("x")), axis(2), (LOW, Level("low", "#000000")),
                grid=((0, 1), (1, 1)),
            )  # fmt: skip
        assert reasons(exc) == [
            ("likelihood[0].name", "likelihood level 1 has no name"),
            ("levels[1].name", "two risk levels are named 'low'"),
        ]


def test_non_monotonic_grid_is_a_warning() -> None:
    m = RiskMatrix("dip", axis(2), axis(2), (LOW, HIGH), grid=((0, 1), (1, 0)))
    findings = matrix_findings(m)
    assert [(f.code, f.severity, f.message) for f in findings] == [
        ("matrix-not-monotonic", Severity.WARNING,
         "the level falls from likelihood 1 to 2 at impact 2"),
        ("matrix-not-monotonic", Severity.WARNING,
         "the level falls from impact 1 to 2 at likelihood 2"),
    ]  # fmt: skip
    assert matrix_findings(default_5x5()) == ()


def test_level_index() -> None:
    assert default_5x5().level_index("medium") == 1
    with pytest.raises(InputError, match=r"no level named 'Severe' in matrix 'default-5x5'"):
        default_5x5().level_index("Severe")


# --- properties -----------------------------------------------------------------------


@given(banded_matrices())
def test_banded_matrices_are_monotone(m: RiskMatrix) -> None:
    """For a monotone matrix the level never falls as likelihood or impact rises."""
    rows, columns = m.size
    for lk in range(1, rows + 1):
        for im in range(1, columns + 1):
            here = m.rate(lk, im)
            if lk < rows:
                assert m.rate(lk + 1, im).rank >= here.rank
            if im < columns:
                assert m.rate(lk, im + 1).rank >= here.rank
    assert matrix_findings(m) == ()


@given(grid_matrices(monotone=True))
def test_monotone_grids_never_fall(m: RiskMatrix) -> None:
    rows, columns = m.size
    for lk in range(1, rows + 1):
        for im in range(1, columns + 1):
            rank = m.rate(lk, im).rank
            assert all(m.rate(x, im).rank >= rank for x in range(lk, rows + 1))
            assert all(m.rate(lk, y).rank >= rank for y in range(im, columns + 1))
    assert matrix_findings(m) == ()


@given(banded_matrices())
def test_every_score_falls_in_exactly_one_band(m: RiskMatrix) -> None:
    rows, columns = m.size
    for lk in range(1, rows + 1):
        for im in range(1, columns + 1):
            rating = m.rate(lk, im)
            containing = [
                i
                for i, band in enumerate(m.bands)
                if rating.score >= band.lower
                and (i + 1 == len(m.bands) or rating.score < m.bands[i + 1].lower)
                and (band.upper is None or rating.score <= band.upper)
            ]
            assert containing == [rating.rank]


@given(grid_matrices())
def test_grid_is_read_likelihood_by_impact(m: RiskMatrix) -> None:
    """``grid[likelihood - 1][impact - 1]``: never transposed, whatever the shape."""
    for lk, row in enumerate(m.grid, start=1):
        for im, cell in enumerate(row, start=1):
            rating = m.rate(lk, im)
            assert (rating.likelihood, rating.impact, rating.rank) == (lk, im, cell)
            assert rating.level == m.levels[cell].name


@given(matrices(), st.data())
def test_ratings_compare_by_level_then_score(m: RiskMatrix, data: st.DataObject) -> None:
    rows, columns = m.size
    a = m.rate(data.draw(st.integers(1, rows)), data.draw(st.integers(1, columns)))
    assert a.key == (a.rank, a.score)
    assert Decimal(0) <= a.normalised <= Decimal(10)
