"""Hypothesis strategies for risk matrices (shared by the risk tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from goldenthread.risk import AxisLevel, Band, Level, RiskMatrix
from goldenthread.risk.scoring import BUILTIN_FORMULAS

TEXT = st.text(st.sampled_from("abc XYZ£é&'\"#:-0"), max_size=8)
NAME = st.text(st.sampled_from("abcXYZ£é&'\"#:-0"), min_size=1, max_size=8)
COLOUR = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")


@st.composite
def axes(draw: st.DrawFn, size: int, categories: bool, rich: bool) -> tuple[AxisLevel, ...]:
    if not rich:
        return tuple(AxisLevel(f"L{i}") for i in range(1, size + 1))
    out = []
    for _ in range(size):
        cats = draw(st.dictionaries(NAME, TEXT, max_size=2)) if categories else {}
        out.append(
            AxisLevel(
                draw(NAME),
                draw(TEXT),
                draw(st.sampled_from(["", "A", "VH"])),
                draw(st.none() | COLOUR),
                cats,
            )
        )
    return tuple(out)


@st.composite
def level_tuples(draw: st.DrawFn, count: int, rich: bool) -> tuple[Level, ...]:
    if not rich:
        return tuple(Level(f"V{i}", f"#0000{i:02X}") for i in range(count))
    names = draw(st.lists(NAME, min_size=count, max_size=count, unique_by=lambda n: n.casefold()))
    return tuple(
        Level(n, draw(COLOUR), draw(TEXT), draw(st.sampled_from(["", "L"]))) for n in names
    )


@st.composite
def banded_matrices(draw: st.DrawFn, rich: bool = False) -> RiskMatrix:
    rows = draw(st.integers(2, 10))
    columns = draw(st.integers(2, 10))
    formula = draw(st.sampled_from(sorted(BUILTIN_FORMULAS.values(), key=lambda f: f.name)))
    scores = sorted({formula(lk, im) for lk in range(1, rows + 1) for im in range(1, columns + 1)})
    count = draw(st.integers(1, min(5, len(scores))))
    cuts = (
        sorted(
            draw(st.sets(st.integers(1, len(scores) - 1), min_size=count - 1, max_size=count - 1))
        )
        if count > 1
        else []
    )
    starts = [0, *cuts]
    bands = []
    for i, start in enumerate(starts):
        lower = scores[start] if i else draw(st.integers(-3, scores[0]))
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(scores) - 1
        upper = draw(st.sampled_from([None, scores[end]]))
        bands.append(Band(lower, upper))
    return RiskMatrix(
        name=draw(NAME) if rich else "m",
        likelihood=draw(axes(rows, False, rich)),
        impact=draw(axes(columns, True, rich)),
        levels=draw(level_tuples(count, rich)),
        bands=tuple(bands),
        formula=formula,
        description=draw(TEXT) if rich else "",
    )


@st.composite
def grid_matrices(draw: st.DrawFn, rich: bool = False, monotone: bool | None = None) -> RiskMatrix:
    rows = draw(st.integers(2, 10))
    columns = draw(st.integers(2, 10))
    count = draw(st.integers(1, 6))
    flat = draw(
        st.lists(st.integers(0, count - 1), min_size=rows * columns, max_size=rows * columns)
    )
    raw = [flat[r * columns : (r + 1) * columns] for r in range(rows)]
    if monotone is None:
        monotone = draw(st.booleans())
    if monotone:
        for r in range(rows):
            for c in range(columns):
                raw[r][c] = max(raw[r][c], raw[r - 1][c] if r else 0, raw[r][c - 1] if c else 0)
    return RiskMatrix(
        name=draw(NAME) if rich else "m",
        likelihood=draw(axes(rows, False, rich)),
        impact=draw(axes(columns, True, rich)),
        levels=draw(level_tuples(count, rich)),
        grid=tuple(tuple(row) for row in raw),
        description=draw(TEXT) if rich else "",
    )


def matrices(rich: bool = False) -> st.SearchStrategy[RiskMatrix]:
    """Any valid matrix, banded or grid; ``rich`` draws names, descriptions and colours
    (slower), else the text is plain."""
    return banded_matrices(rich) | grid_matrices(rich)
