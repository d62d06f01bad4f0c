"""Risk matrices: likelihood × impact scales, their levels, and rating a pair of scores.

A :class:`RiskMatrix` has a likelihood axis and an impact axis (each 2 to 10
:class:`AxisLevel` entries, 1-based and ordinal: the first entry is 1), an ordered tuple of
risk :class:`Level` entries from the lowest to the highest, and *either*

* score **bands** (one :class:`Band` per level): the score of a cell, computed by the
  matrix's :class:`~goldenthread.risk.scoring.Formula`, falls in the band whose lower bound
  it reaches up to the next band (a band may also give an upper bound); or
* an explicit **grid**: ``grid[likelihood - 1][impact - 1]`` is the 0-based index of the
  cell's level.  Rows are always likelihood and columns always impact, exactly as in
  CISO Assistant's ``grid[probability][impact]``; the axes are never transposed.

Construction validates everything and raises :class:`~goldenthread.errors.InputError`
listing every problem, each with the place in the definition (``column``) such as
``grid[2][4]`` or ``levels[1].colour``.  A grid whose level falls as likelihood or impact
rises is allowed but reported by :func:`matrix_findings` as a warning.

>>> from goldenthread.risk.presets import default_5x5
>>> rating = default_5x5().rate(likelihood=3, impact=5)
>>> rating.score, rating.level
(15, 'High')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from attrs import field, frozen

from goldenthread.errors import InputError, Problem
from goldenthread.findings import Finding, Severity
from goldenthread.risk.scoring import PRODUCT, Formula, formula_problems, normalise

__all__ = [
    "MAX_SIZE",
    "MIN_SIZE",
    "AxisLevel",
    "Band",
    "Level",
    "Rating",
    "RiskMatrix",
    "matrix_findings",
]

MIN_SIZE = 2
"""The fewest levels an axis may have."""
MAX_SIZE = 10
"""The most levels an axis may have."""


@frozen
class AxisLevel:
    """One step of the likelihood or impact scale.

    Attributes:
        name: e.g. ``Almost certain``.
        description: e.g. ``more than 80% in the next 12 months``.
        abbreviation: a short label for tables and CISO Assistant (``VH``).
        colour: an optional ``#RRGGBB`` colour for the axis heading.
        categories: impact descriptions per category (``financial``, ``service delivery``,
            ``reputation``, ``health and safety``, ``legal and regulatory``,
            ``partnership`` ...), e.g. ``{"financial": "over £1m"}``.
    """

    name: str
    description: str = ""
    abbreviation: str = ""
    colour: str | None = None
    categories: Mapping[str, str] = field(factory=dict, hash=False)


@frozen
class Level:
    """A risk level (``Low``, ``Medium``, ``High`` ...) with its colour.

    Attributes:
        name: the level's name; unique in a matrix.
        colour: a ``#RRGGBB`` colour; every level needs one.
        description: what the level means or requires (``report to Audit Committee``).
        abbreviation: a short label.
    """

    name: str
    colour: str
    description: str = ""
    abbreviation: str = ""


@frozen
class Band:
    """The scores of one level in a banded matrix: ``lower`` up to the next band.

    ``upper`` is optional; when given, scores above it and below the next band belong to no
    band, which is an error if any cell of the matrix can score there.
    """

    lower: int
    upper: int | None = None


@frozen
class Rating:
    """A likelihood and impact placed on a matrix.

    Attributes:
        likelihood: 1-based likelihood.
        impact: 1-based impact.
        score: the formula's score.
        level: the level's name.
        colour: the level's colour.
        rank: the level's 0-based position, lowest first.
        normalised: the score on 0–10 (one decimal place).
    """

    likelihood: int
    impact: int
    score: int
    level: str
    colour: str
    rank: int
    normalised: Decimal

    @property
    def key(self) -> tuple[int, int]:
        """How ratings compare: by level, then by score.  A larger key is a worse rating."""
        return (self.rank, self.score)

    def to_dict(self) -> dict[str, int | str]:
        """``{likelihood, impact, score, level}``: the shape the CLI prints."""
        return {
            "likelihood": self.likelihood,
            "impact": self.impact,
            "score": self.score,
            "level": self.level,
        }


_HEX = frozenset("0123456789abcdefABCDEF")


def _is_colour(text: str) -> bool:
    return len(text) == 7 and text.startswith("#") and all(c in _HEX for c in text[1:])


@frozen
class RiskMatrix:
    """A likelihood × impact matrix.  See the module documentation for the rules.

    Attributes:
        name: the matrix's name (``default-5x5``).
        likelihood: the likelihood scale, lowest first.
        impact: the impact scale, lowest first.
        levels: the risk levels, lowest first.
        bands: for a banded matrix, one band per level (else empty).
        grid: for a grid matrix, ``grid[likelihood - 1][impact - 1]`` is a 0-based index
            into ``levels`` (else empty).
        formula: how a cell's score is computed (default likelihood × impact).
        description: free text.
    """

    name: str
    likelihood: tuple[AxisLevel, ...]
    impact: tuple[AxisLevel, ...]
    levels: tuple[Level, ...]
    bands: tuple[Band, ...] = ()
    grid: tuple[tuple[int, ...], ...] = ()
    formula: Formula = PRODUCT
    description: str = ""
    _table: tuple[tuple[Rating, ...], ...] = field(
        init=False, eq=False, hash=False, repr=False, default=()
    )

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise InputError(Problem(reason, column=where) for where, reason in problems)
        object.__setattr__(self, "_table", _build_table(self))

    @property
    def size(self) -> tuple[int, int]:
        """``(likelihood levels, impact levels)``."""
        return (len(self.likelihood), len(self.impact))

    @property
    def banded(self) -> bool:
        """Whether levels come from score bands (else from the grid)."""
        return bool(self.bands)

    @property
    def score_range(self) -> tuple[int, int]:
        """The lowest and highest score any cell can have."""
        scores = [r.score for row in self._table for r in row]
        return (min(scores), max(scores))

    def rate(self, likelihood: int, impact: int) -> Rating:
        """The :class:`Rating` of a 1-based ``likelihood`` and ``impact``.

        A value outside the scale (or not a whole number) raises
        :class:`~goldenthread.errors.InputError` naming the axis and its range.
        """
        table = self._table
        if type(likelihood) is not int or not 1 <= likelihood <= len(table):
            raise InputError(
                f"likelihood {likelihood!r} is outside the scale 1–{len(self.likelihood)}"
            )
        row = table[likelihood - 1]
        if type(impact) is not int or not 1 <= impact <= len(row):
            raise InputError(f"impact {impact!r} is outside the scale 1–{len(self.impact)}")
        return row[impact - 1]

    def level_index(self, name: str) -> int:
        """The 0-based position of the level called ``name`` (case-insensitive)."""
        wanted = name.strip().casefold()
        for index, level in enumerate(self.levels):
            if level.name.casefold() == wanted:
                return index
        known = ", ".join(level.name for level in self.levels)
        raise InputError(f"no level named {name!r} in matrix {self.name!r} (levels: {known})")

    def level_grid(self) -> tuple[tuple[int, ...], ...]:
        """The 0-based level index of every cell, rows likelihood and columns impact.

        For a grid matrix this is the grid itself; for a banded matrix it is computed.
        """
        return tuple(tuple(r.rank for r in row) for row in self._table)

    @classmethod
    def load(cls, path: str | Path) -> RiskMatrix:
        """Read a matrix file: our TOML/JSON/YAML format or a CISO Assistant library YAML.

        A thin convenience over :func:`goldenthread.io.risk_matrix.load_matrix`, which does
        the reading (the domain core itself does no I/O).
        """
        from goldenthread.io.risk_matrix import load_matrix

        return load_matrix(Path(path))


def _problems(m: RiskMatrix) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    if not m.name.strip():
        out.append(("name", "the matrix has no name"))
    for axis, levels in (("likelihood", m.likelihood), ("impact", m.impact)):
        if not MIN_SIZE <= len(levels) <= MAX_SIZE:
            out.append(
                (
                    axis,
                    f"the {axis} scale has {len(levels)} levels; it needs {MIN_SIZE} to {MAX_SIZE}",
                )
            )
        for i, lv in enumerate(levels):
            if not lv.name.strip():
                out.append((f"{axis}[{i}].name", f"{axis} level {i + 1} has no name"))
            if lv.colour is not None and not _is_colour(lv.colour):
                out.append(
                    (f"{axis}[{i}].colour", f"colour {lv.colour!r} is not of the form #RRGGBB")
                )
    if not m.levels:
        out.append(("levels", "the matrix has no risk levels"))
    names: set[str] = set()
    for i, level in enumerate(m.levels):
        if not level.name.strip():
            out.append((f"levels[{i}].name", f"risk level {i + 1} has no name"))
        elif level.name.casefold() in names:
            out.append((f"levels[{i}].name", f"two risk levels are named {level.name!r}"))
        names.add(level.name.casefold())
        if not level.colour.strip():
            out.append((f"levels[{i}].colour", f"risk level {level.name or i + 1!r} has no colour"))
        elif not _is_colour(level.colour):
            out.append(
                (f"levels[{i}].colour", f"colour {level.colour!r} is not of the form #RRGGBB")
            )
    if out:
        return out  # the rest cannot be checked on broken axes or levels
    if m.bands and m.grid:
        return [("grid", "a matrix has either score bands or a grid, not both")]
    if not m.bands and not m.grid:
        return [("bands", "a matrix needs either score bands or a grid")]
    if m.grid:
        out.extend(_grid_problems(m))
    else:
        out.extend(_band_problems(m))
    return out


def _grid_problems(m: RiskMatrix) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    rows, columns = m.size
    if len(m.grid) != rows:
        out.append(
            (
                "grid",
                f"the grid has {len(m.grid)} rows but the likelihood scale has "
                f"{rows} levels (rows are likelihood, columns impact)",
            )
        )
    for r, row in enumerate(m.grid):
        if len(row) != columns:
            out.append(
                (
                    f"grid[{r}]",
                    f"grid row {r} has {len(row)} cells but the impact scale has "
                    f"{columns} levels (rows are likelihood, columns impact)",
                )
            )
        for c, cell in enumerate(row):
            if type(cell) is not int or not 0 <= cell < len(m.levels):
                out.append(
                    (
                        f"grid[{r}][{c}]",
                        f"grid cell {cell!r} is not a level: it must be "
                        f"0 to {len(m.levels) - 1} (0-based index into the risk levels)",
                    )
                )
    return out


def _band_problems(m: RiskMatrix) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    if len(m.bands) != len(m.levels):
        return [
            (
                "bands",
                f"there are {len(m.bands)} score bands for {len(m.levels)} levels; "
                "give one band per level",
            )
        ]
    monotone = formula_problems(m.formula, *m.size)
    if monotone:
        return [("formula", p) for p in monotone]
    for i, band in enumerate(m.bands):
        name = m.levels[i].name
        if band.upper is not None and band.upper < band.lower:
            out.append(
                (
                    f"levels[{i}]",
                    f"band {name!r} ends ({band.upper}) below where it starts ({band.lower})",
                )
            )
        if i and band.lower <= m.bands[i - 1].lower:
            out.append(
                (
                    f"levels[{i}]",
                    f"band {name!r} starts at {band.lower}, not above "
                    f"the band before it ({m.bands[i - 1].lower}): list bands lowest first",
                )
            )
        previous_upper = m.bands[i - 1].upper if i else None
        if previous_upper is not None and band.lower <= previous_upper:
            out.append(
                (
                    f"levels[{i}]",
                    f"band {name!r} starts at {band.lower}, inside the "
                    f"band before it (which ends at {previous_upper})",
                )
            )
    if out:
        return out
    scores = sorted(
        {m.formula(lk, im) for lk in range(1, m.size[0] + 1) for im in range(1, m.size[1] + 1)}
    )
    uncovered = [s for s in scores if _band_of(m.bands, s) is None]
    if uncovered:
        shown = ", ".join(str(s) for s in uncovered[:10])
        out.append(("bands", f"the bands leave possible scores uncovered: {shown}"))
    return out


def _band_of(bands: tuple[Band, ...], score: int) -> int | None:
    found = None
    for i, band in enumerate(bands):
        if score >= band.lower:
            found = i
        else:
            break
    if found is None:
        return None
    upper = bands[found].upper
    if upper is not None and score > upper:
        return None
    return found


def _build_table(m: RiskMatrix) -> tuple[tuple[Rating, ...], ...]:
    rows, columns = m.size
    scores = [[m.formula(lk, im) for im in range(1, columns + 1)] for lk in range(1, rows + 1)]
    lowest = min(min(row) for row in scores)
    highest = max(max(row) for row in scores)
    table = []
    for lk in range(1, rows + 1):
        row = []
        for im in range(1, columns + 1):
            score = scores[lk - 1][im - 1]
            rank = m.grid[lk - 1][im - 1] if m.grid else _band_of(m.bands, score)
            assert rank is not None  # validated: every possible score is in a band
            level = m.levels[rank]
            norm = normalise(score, lowest, highest) if highest > lowest else Decimal(0)
            row.append(Rating(lk, im, score, level.name, level.colour, rank, norm))
        table.append(tuple(row))
    return tuple(table)


def matrix_findings(matrix: RiskMatrix) -> tuple[Finding, ...]:
    """Warnings about a valid matrix: cells whose level falls as likelihood or impact rises.

    Each is a :class:`~goldenthread.findings.Finding` with code ``matrix-not-monotonic``.
    """
    grid = matrix.level_grid()
    findings = []
    rows, columns = matrix.size
    for r in range(rows):
        for c in range(columns):
            here = grid[r][c]
            if r + 1 < rows and grid[r + 1][c] < here:
                findings.append(
                    f"the level falls from likelihood {r + 1} to {r + 2} at impact {c + 1}"
                )
            if c + 1 < columns and grid[r][c + 1] < here:
                findings.append(
                    f"the level falls from impact {c + 1} to {c + 2} at likelihood {r + 1}"
                )
    return tuple(
        Finding("matrix-not-monotonic", Severity.WARNING, matrix.name, message)
        for message in findings
    )
