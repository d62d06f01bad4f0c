"""Reading and writing matrices: our TOML/JSON/YAML format and CISO Assistant's YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings

from goldenthread.errors import BundleError, InputError
from goldenthread.io.risk_matrix import (
    ciso_matrices,
    dumps_matrix,
    load_matrix,
    loads_matrix,
    matrix_to_ciso,
    rating_from_ciso,
    save_matrix,
)
from goldenthread.risk import RiskMatrix, default_5x5, matrix_findings

from .strategies import grid_matrices, matrices

DATA = Path(__file__).parent / "data"


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[tuple[str | None, str | None, str]]:
    return [(p.file, p.column, p.reason) for p in exc.value.problems]


def cells(m: RiskMatrix) -> list[tuple[int, int, int, str]]:
    rows, columns = m.size
    return [
        (lk, im, m.rate(lk, im).score, m.rate(lk, im).level)
        for lk in range(1, rows + 1)
        for im in range(1, columns + 1)
    ]


# --- round trips ----------------------------------------------------------------------


@settings(max_examples=60)
@given(matrices(rich=True))
def test_our_format_round_trips_through_toml_json_and_yaml(m: RiskMatrix) -> None:
    for fmt in ("toml", "json", "yaml"):
        assert loads_matrix(dumps_matrix(m, fmt), fmt) == m


@settings(max_examples=60)
@given(matrices(rich=True))
def test_ciso_round_trip_keeps_every_cell(m: RiskMatrix) -> None:
    """Through CISO Assistant's format a matrix keeps its axes, levels and every cell; a
    banded matrix comes back as its grid, and a second trip changes nothing."""
    back = loads_matrix(dumps_matrix(m, "ciso"), "ciso")
    assert back.level_grid() == m.level_grid()
    assert [lv.name for lv in back.levels] == [lv.name for lv in m.levels]
    assert [lv.colour for lv in back.levels] == [lv.colour for lv in m.levels]
    assert [a.name for a in back.likelihood] == [a.name for a in m.likelihood]
    assert [a.description for a in back.impact] == [a.description for a in m.impact]
    assert matrix_to_ciso(back) == matrix_to_ciso(m)
    assert loads_matrix(dumps_matrix(back, "ciso"), "ciso") == back


@settings(max_examples=100)
@given(grid_matrices())
def test_asymmetric_grids_are_never_read_transposed(m: RiskMatrix) -> None:
    text = dumps_matrix(m, "ciso")
    raw = yaml.safe_load(text)["objects"]["risk_matrix"][0]
    assert len(raw["grid"]) == len(m.likelihood)
    back = loads_matrix(text, "ciso")
    for lk, row in enumerate(raw["grid"], start=1):
        for im, index in enumerate(row, start=1):
            assert back.rate(lk, im).rank == index == m.rate(lk, im).rank


def test_files_by_suffix(tmp_path: Path) -> None:
    m = default_5x5()
    for name in ("m.toml", "m.json", "m.yaml", "m.yml"):
        save_matrix(m, tmp_path / name)
        assert load_matrix(tmp_path / name) == m
        assert RiskMatrix.load(tmp_path / name) == m
    save_matrix(m, tmp_path / "ciso.yaml", fmt="ciso")
    assert cells(RiskMatrix.load(tmp_path / "ciso.yaml")) == cells(m)


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"m.txt: unknown matrix file type '.txt'"):
        load_matrix(tmp_path / "m.txt")
    with pytest.raises(InputError, match=r"gone.toml: cannot read the file"):
        load_matrix(tmp_path / "gone.toml")
    with pytest.raises(InputError, match=r"cannot tell the format of 'm.txt'"):
        save_matrix(default_5x5(), tmp_path / "m.txt")
    with pytest.raises(InputError, match=r"unknown matrix format 'xml'"):
        dumps_matrix(default_5x5(), "xml")
    with pytest.raises(InputError, match=r"unknown matrix format 'xml'"):
        loads_matrix("", "xml")


# --- CISO Assistant fixtures ----------------------------------------------------------


def test_asymmetric_3x4_fixture() -> None:
    m = load_matrix(DATA / "ciso_asymmetric_3x4.yaml")
    assert m.size == (3, 4)
    assert m.name == "Asymmetric 3x4"
    assert [a.name for a in m.likelihood] == ["Rare", "Possible", "Frequent"]
    assert m.likelihood[2].colour == "#FCA5A5"
    assert m.impact[3].abbreviation == "C"
    # grid[probability][impact]: row 0 is [0, 0, 1, 2]
    assert [m.rate(1, im).level for im in (1, 2, 3, 4)] == ["Low", "Low", "Medium", "High"]
    assert [m.rate(lk, 1).level for lk in (1, 2, 3)] == ["Low", "Low", "Medium"]
    assert m.rate(1, 4).level == "High"  # read transposed, (1, 4) would not exist
    with pytest.raises(InputError, match=r"likelihood 4 is outside the scale 1–3"):
        m.rate(4, 1)
    assert matrix_findings(m) == ()


def test_library_with_two_matrices() -> None:
    first = load_matrix(DATA / "ciso_two_matrices.yaml")
    assert first.name == "Tiny 2x2"
    second = load_matrix(DATA / "ciso_two_matrices.yaml", ref_id="likelihood-5x5")
    assert second.name == "Likelihood-weighted 5x5"
    assert second.rate(4, 1).level == "Medium"
    assert second.rate(1, 4).level == "Low"  # asymmetric: likelihood weighs more
    text = (DATA / "ciso_two_matrices.yaml").read_text(encoding="utf-8")
    assert len(ciso_matrices(yaml.safe_load(text), "two.yaml")) == 2
    with pytest.raises(BundleError, match=r"ciso_two_matrices.yaml, column 'ref_id': no risk "):
        load_matrix(DATA / "ciso_two_matrices.yaml", ref_id="nope")


def test_not_rated_is_minus_one() -> None:
    m = load_matrix(DATA / "ciso_asymmetric_3x4.yaml")
    assert rating_from_ciso(m, -1, 2) is None
    assert rating_from_ciso(m, 0, -1) is None
    rating = rating_from_ciso(m, 0, 3)
    assert rating is not None
    assert (rating.likelihood, rating.impact, rating.level) == (1, 4, "High")


def test_grid_not_matching_the_axes_is_rejected() -> None:
    with pytest.raises(BundleError) as exc:
        load_matrix(DATA / "ciso_bad_grid_shape.yaml")
    assert problems(exc) == [
        ("ciso_bad_grid_shape.yaml", "objects.risk_matrix[0].grid",
         "the grid has 2 rows but the likelihood scale has 3 levels "
         "(rows are likelihood, columns impact)"),
        ("ciso_bad_grid_shape.yaml", "objects.risk_matrix[0].grid[1]",
         "grid row 1 has 3 cells but the impact scale has 2 levels "
         "(rows are likelihood, columns impact)"),
    ]  # fmt: skip


def test_cells_outside_the_levels_are_rejected() -> None:
    with pytest.raises(BundleError) as exc:
        load_matrix(DATA / "ciso_bad_cells.yaml")
    assert problems(exc) == [
        ("ciso_bad_cells.yaml", "objects.risk_matrix[0].grid[0][1]",
         "grid cell 2 is not a level: it must be 0 to 1 (0-based index into the risk levels)"),
        ("ciso_bad_cells.yaml", "objects.risk_matrix[0].grid[1][0]",
         "grid cell -1 is not a level: it must be 0 to 1 (0-based index into the risk levels)"),
    ]  # fmt: skip


def test_levels_without_name_or_colour_are_rejected() -> None:
    with pytest.raises(BundleError) as exc:
        load_matrix(DATA / "ciso_bad_levels.yaml")
    assert problems(exc) == [
        ("ciso_bad_levels.yaml", "objects.risk_matrix[0].impact[1].name", "'name' is missing"),
        ("ciso_bad_levels.yaml", "objects.risk_matrix[0].risk[1].hexcolor",
         "risk level 'High' has no colour"),
    ]  # fmt: skip


def test_not_a_ciso_library() -> None:
    with pytest.raises(BundleError, match=r"x.yaml, column 'objects.risk_matrix': no risk matrix"):
        loads_matrix("objects: {framework: []}", "yaml", "x.yaml")
    with pytest.raises(BundleError, match=r"x.yaml: a matrix file must hold a mapping"):
        loads_matrix("- 1\n- 2\n", "yaml", "x.yaml")
    with pytest.raises(BundleError, match=r"x.yaml: not valid YAML"):
        loads_matrix("a: [1\n", "yaml", "x.yaml")


def test_yaml_is_read_safely() -> None:
    with pytest.raises(BundleError, match=r"not valid YAML"):
        loads_matrix("name: !!python/object/apply:os.system ['true']\n", "yaml", "x.yaml")


# --- our format ----------------------------------------------------------------------


def test_non_monotonic_grid_loads_with_a_warning() -> None:
    m = load_matrix(DATA / "non_monotonic.toml")
    assert m.rate(3, 3).level == "Green"
    assert [f.message for f in matrix_findings(m)] == [
        "the level falls from likelihood 2 to 3 at impact 3",
        "the level falls from impact 2 to 3 at likelihood 3",
    ]


def test_bands_leaving_a_gap_are_rejected() -> None:
    with pytest.raises(BundleError) as exc:
        load_matrix(DATA / "bands_gap.toml")
    assert problems(exc) == [
        ("bands_gap.toml", "bands", "the bands leave possible scores uncovered: 5")
    ]


def test_our_format_problems_name_their_keys() -> None:
    text = """
name = "bad"
formula = "sum"
likelihood = [{ name = "a" }, { description = "no name" }]
impact = "wide"
levels = [{ name = "Low", colour = "#00AA00", lower = "one" }, { name = "High" }]
"""
    with pytest.raises(BundleError) as exc:
        loads_matrix(text, "toml", "m.toml")
    assert problems(exc) == [
        ("m.toml", "formula", "unknown scoring formula 'sum' (known: product, "
         "product-plus-2-impact, product-plus-2-likelihood, product-plus-impact, "
         "product-plus-likelihood)"),
        ("m.toml", "likelihood[1].name", "'name' is missing"),
        ("m.toml", "impact", "'impact' must be a list of tables"),
        ("m.toml", "levels[0].lower", "'lower' must be a whole number, not 'one'"),
        ("m.toml", "levels[1].colour", "'colour' is missing"),
        ("m.toml", "levels[0].lower", "a banded matrix needs a 'lower' bound for every level "
         "(or give a 'grid')"),
        ("m.toml", "levels[1].lower", "a banded matrix needs a 'lower' bound for every level "
         "(or give a 'grid')"),
    ]  # fmt: skip


def test_grid_names_must_be_levels_and_take_no_bounds() -> None:
    text = """
name = "g"
likelihood = [{ name = "a" }, { name = "b" }]
impact = [{ name = "a" }, { name = "b" }]
levels = [{ name = "Low", colour = "#00AA00", lower = 1 }, { name = "High", colour = "#AA0000" }]
grid = [["low", "Severe"], ["High", "HIGH"]]
"""
    with pytest.raises(BundleError) as exc:
        loads_matrix(text, "toml", "g.toml")
    assert problems(exc) == [
        ("g.toml", "grid[0][1]", "grid cell 'Severe' is not one of the levels (Low, High)"),
        ("g.toml", "levels[0]", "a grid matrix's levels take no 'lower' or 'upper' bounds"),
    ]


def test_invalid_toml() -> None:
    with pytest.raises(BundleError, match=r"m.toml: not valid TOML"):
        loads_matrix("name = ", "toml", "m.toml")


# --- CISO Assistant's own published libraries -------------------------------------------


def test_ciso_assistants_3x3_multiplicative_library_loads() -> None:
    m = load_matrix(DATA / "ciso_3x3_mult.yaml")
    assert m.name == "Matrice 3x3 multiplicative"
    assert m.size == (3, 3)
    assert [a.abbreviation for a in m.likelihood] == ["1", "2", "3"]
    assert [a.abbreviation for a in m.impact] == ["1", "2", "3"]
    assert [lv.abbreviation for lv in m.levels] == ["1", "2", "3", "4", "6", "9"]
    assert m.likelihood[2].name == "[3] très probable"
    # the grid is the product table of its own risk levels
    assert [[m.rate(lk, im).level for im in (1, 2, 3)] for lk in (1, 2, 3)] == [
        ["[1] faible", "[2] moyen", "[3] moyen"],
        ["[2] moyen", "[4] moyen", "[6] fort"],
        ["[3] moyen", "[6] fort", "[9] critique"],
    ]
    assert m.rate(3, 3).colour == "#FF0000"
    by_ref = load_matrix(DATA / "ciso_3x3_mult.yaml", ref_id="risk-matrix-3x3-mult")
    assert cells(by_ref) == cells(m)


def test_ciso_assistants_4x4_pgssi_s_library_loads_untransposed() -> None:
    m = load_matrix(DATA / "ciso_4x4_pgssi_s.yaml")
    assert m.size == (4, 4)
    assert [a.abbreviation for a in m.likelihood] == ["1", "2", "3", "4"]
    assert [lv.name for lv in m.levels] == ["Limité", "Modéré", "Fort"]
    assert [lv.abbreviation for lv in m.levels] == ["1", "2", "3"]
    # grid[probability][impact]: an exceptional event of critical gravity is moderate,
    # a near-certain one of minor gravity is limited
    assert m.rate(1, 4).level == "Modéré"
    assert m.rate(4, 1).level == "Limité"
    assert m.rate(4, 4).level == "Fort"
    assert m.level_grid() == ((0, 0, 0, 1), (0, 1, 1, 2), (0, 1, 1, 2), (0, 1, 2, 2))


def test_yaml_scalars_are_read_as_the_text_written() -> None:
    text = """
name: 2024
description: 2024-05-04
likelihood:
  - {name: 1, abbreviation: no, description: 0.50}
  - {name: 2, abbreviation: 007}
impact:
  - {name: Minor, categories: {financial: 50000, reputation: yes}}
  - {name: Major, abbreviation: ~}
levels:
  - {name: 1, colour: '#00AA00'}
  - {name: 2, colour: '#AA0000'}
grid: [[1, 1], [1, 2]]
"""
    m = loads_matrix(text, "yaml", "m.yaml")
    assert m.name == "2024"
    assert m.description == "2024-05-04"
    assert [(a.name, a.abbreviation, a.description) for a in m.likelihood] == [
        ("1", "no", "0.50"),
        ("2", "007", ""),
    ]
    assert dict(m.impact[0].categories) == {"financial": "50000", "reputation": "yes"}
    assert m.impact[1].abbreviation == ""
    assert [lv.name for lv in m.levels] == ["1", "2"]
    assert m.rate(2, 2).level == "2"
    assert m.rate(2, 1).level == "1"


def test_text_fields_still_refuse_what_is_not_a_scalar_and_toml_numbers() -> None:
    text = """
name: m
likelihood: [{name: [a, b]}, {name: b}]
impact: [{name: a}, {name: b, categories: {financial: [1, 2]}}]
levels: [{name: Low, colour: '#00AA00', lower: 1}]
"""
    with pytest.raises(BundleError) as exc:
        loads_matrix(text, "yaml", "m.yaml")
    assert problems(exc) == [
        ("m.yaml", "likelihood[0].name", "'name' must be text, not ['a', 'b']"),
        ("m.yaml", "impact[1].categories", "'categories' must map category names to text"),
    ]
    toml = """
name = "t"
likelihood = [{ name = "a", abbreviation = 1 }, { name = "b" }]
impact = [{ name = "a" }, { name = "b" }]
levels = [{ name = "Low", colour = "#00AA00", lower = 1 }]
"""
    with pytest.raises(BundleError) as exc:
        loads_matrix(toml, "toml", "t.toml")
    assert problems(exc) == [
        ("t.toml", "likelihood[0].abbreviation", "'abbreviation' must be text, not 1"),
    ]


def test_problems_in_a_risk_matrices_library_name_that_key() -> None:
    text = (DATA / "ciso_3x3_mult.yaml").read_text(encoding="utf-8")
    no_colour = text.replace("      hexcolor: '#FF0000'\n    grid:", "    grid:")
    with pytest.raises(BundleError) as exc:
        loads_matrix(no_colour, "ciso", "lib.yaml")
    assert problems(exc) == [
        ("lib.yaml", "objects.risk_matrices[0].risk[5].hexcolor",
         "risk level '[9] critique' has no colour"),
    ]  # fmt: skip
    last_row = "    - - 2\n      - 4\n      - 5\n"
    bad_cell = text.replace(last_row, last_row.replace("5", "6"))
    with pytest.raises(BundleError) as exc:
        loads_matrix(bad_cell, "ciso", "lib.yaml")
    assert [column for _, column, _ in problems(exc)] == ["objects.risk_matrices[0].grid[2][2]"]


def test_yaml_anchors_even_recursive_ones_are_read_once() -> None:
    text = """
name: &n m
likelihood: &axis [{name: a}, {name: b, abbreviation: 2}]
impact: *axis
levels: [{name: Low, colour: '#00AA00', lower: 1}]
loop: &loop [*loop]
itself: &self {again: *self}
"""
    m = loads_matrix(text, "yaml", "m.yaml")
    assert [a.abbreviation for a in m.likelihood] == ["", "2"]
    assert [a.abbreviation for a in m.impact] == ["", "2"]
