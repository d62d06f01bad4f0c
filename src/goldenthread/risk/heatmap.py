"""Heat maps: how many risks sit in each cell of the matrix, and how they moved.

A :class:`HeatMap` counts risks per likelihood × impact cell for one tier (inherent,
current or target).  It is given three ways:

* as data (:meth:`HeatMap.to_dict`), rows likelihood and columns impact, lowest first;
* as an accessible table (:meth:`HeatMap.table` and :meth:`HeatMap.to_html`): every cell
  states its count *and* its level name, so nothing is conveyed by colour alone, rows run
  from the highest likelihood down as councils print them, and headings are marked up;
* as text for the terminal (:meth:`HeatMap.to_text`).

:func:`movement` counts how risks moved between two tiers (usually inherent to current).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from attrs import frozen

from goldenthread.errors import InputError
from goldenthread.risk.assessment import ScoredRisk
from goldenthread.risk.matrix import Rating, RiskMatrix

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TIERS", "HeatMap", "HeatMapCell", "Move", "heat_map", "movement"]

TIERS = ("inherent", "current", "target")
"""The tiers a heat map can show."""


def _tier(scored: ScoredRisk, tier: str) -> Rating | None:
    if tier == "inherent":
        return scored.inherent
    if tier == "current":
        return scored.current
    if tier == "target":
        return scored.target
    raise InputError(f"unknown tier {tier!r} (use one of: {', '.join(TIERS)})")


@frozen
class HeatMapCell:
    """One cell: its 1-based likelihood and impact, count, level name and colour."""

    likelihood: int
    impact: int
    count: int
    level: str
    colour: str

    @property
    def label(self) -> str:
        """``"3 risks, High"``: the text a cell shows, never colour alone."""
        noun = "risk" if self.count == 1 else "risks"
        return f"{self.count} {noun}, {self.level}"


@frozen
class HeatMap:
    """Counts of risks per cell for one tier.

    Attributes:
        matrix: the matrix the risks were rated on.
        tier: ``inherent``, ``current`` or ``target``.
        counts: ``counts[likelihood - 1][impact - 1]``.
        unrated: risks with no rating for this tier.
    """

    matrix: RiskMatrix
    tier: str
    counts: tuple[tuple[int, ...], ...]
    unrated: int = 0

    @property
    def total(self) -> int:
        """How many rated risks the map holds."""
        return sum(sum(row) for row in self.counts)

    def cell(self, likelihood: int, impact: int) -> HeatMapCell:
        """The cell at a 1-based ``likelihood`` and ``impact``."""
        rating = self.matrix.rate(likelihood, impact)
        return HeatMapCell(
            likelihood,
            impact,
            self.counts[likelihood - 1][impact - 1],
            rating.level,
            rating.colour,
        )

    def cells(self) -> tuple[HeatMapCell, ...]:
        """Every cell, likelihood 1 impact 1 first, impact varying fastest."""
        rows, columns = self.matrix.size
        return tuple(self.cell(lk, im) for lk in range(1, rows + 1) for im in range(1, columns + 1))

    def to_dict(self) -> dict[str, object]:
        """Data: tier, totals, and cells ``{likelihood, impact, count, level, colour}``."""
        return {
            "tier": self.tier,
            "total": self.total,
            "unrated": self.unrated,
            "cells": [
                {
                    "likelihood": c.likelihood,
                    "impact": c.impact,
                    "count": c.count,
                    "level": c.level,
                    "colour": c.colour,
                }
                for c in self.cells()
            ],
        }

    def table(self) -> tuple[tuple[str, ...], ...]:
        """The accessible table: a header row, then one row per likelihood, highest first.

        The first column names the likelihood (``5 Almost certain``), the header names each
        impact (``3 Moderate``), and each cell reads ``"2 risks, High"``.
        """
        m = self.matrix
        header = ("Likelihood \\ Impact", *(f"{i} {lv.name}" for i, lv in enumerate(m.impact, 1)))
        body = [
            (
                f"{lk} {m.likelihood[lk - 1].name}",
                *(self.cell(lk, im).label for im in range(1, len(m.impact) + 1)),
            )
            for lk in range(len(m.likelihood), 0, -1)
        ]
        return (header, *body)

    def to_html(self) -> str:
        """The accessible table as HTML: caption, scoped headings, text in every cell.

        Colours are given as inline background styles in addition to the text.
        """
        m = self.matrix
        out = [
            '<table class="risk-heat-map">',
            f"<caption>{html.escape(self.tier.capitalize())} risk ratings: {self.total} risks"
            "</caption>",
            '<thead><tr><th scope="col">Likelihood \\ Impact</th>',
        ]
        out.extend(
            f'<th scope="col">{i} {html.escape(lv.name)}</th>' for i, lv in enumerate(m.impact, 1)
        )
        out.append("</tr></thead><tbody>")
        for lk in range(len(m.likelihood), 0, -1):
            out.append(f'<tr><th scope="row">{lk} {html.escape(m.likelihood[lk - 1].name)}</th>')
            for im in range(1, len(m.impact) + 1):
                c = self.cell(lk, im)
                out.append(
                    f'<td style="background-color:{html.escape(c.colour)}">'
                    f"{html.escape(c.label)}</td>"
                )
            out.append("</tr>")
        out.append("</tbody></table>")
        return "".join(out)

    def _repr_html_(self) -> str:
        """HTML for notebooks (:func:`goldenthread.notebook.heat_map_html`)."""
        from goldenthread.notebook import heat_map_html

        return heat_map_html(self)

    def to_pandas(self) -> pd.DataFrame:
        """The counts as a pandas DataFrame (needs the ``pandas`` extra).

        See :func:`goldenthread.frames.heat_map_frame`.
        """
        from goldenthread.frames import heat_map_frame

        return heat_map_frame(self)

    def to_text(self) -> str:
        """A plain-text grid for the terminal: counts with level abbreviations.

        Rows run from the highest likelihood down; a legend names the levels.
        """
        m = self.matrix
        short = {lv.name: (lv.abbreviation or lv.name) for lv in m.levels}
        rows = [["L \\ I", *(str(i) for i in range(1, len(m.impact) + 1))]]
        for lk in range(len(m.likelihood), 0, -1):
            cells = [self.cell(lk, im) for im in range(1, len(m.impact) + 1)]
            rows.append([str(lk), *(f"{c.count} {short[c.level]}" for c in cells)])
        width = max(len(text) for row in rows for text in row)
        lines = [f"{self.tier.capitalize()} ratings ({self.total} risks)"]
        lines.extend("  ".join(text.rjust(width) for text in row) for row in rows)
        legend = ", ".join(
            f"{short[lv.name]} = {lv.name}" for lv in m.levels if short[lv.name] != lv.name
        )
        lines.append(
            (f"Levels: {legend}; " if legend else "")
            + "rows likelihood (highest first), columns impact"
        )
        return "\n".join(lines)


def heat_map(
    scored: Iterable[ScoredRisk],
    matrix: RiskMatrix,
    tier: str = "current",
    *,
    include_closed: bool = False,
) -> HeatMap:
    """Count ``scored`` risks per cell of ``matrix`` for ``tier``.

    Closed risks are left out unless ``include_closed``.
    """
    if tier not in TIERS:
        raise InputError(f"unknown tier {tier!r} (use one of: {', '.join(TIERS)})")
    rows, columns = matrix.size
    grid = [[0] * columns for _ in range(rows)]
    unrated = 0
    for s in scored:
        if not include_closed and not s.risk.is_open:
            continue
        rating = _tier(s, tier)
        if rating is None:
            unrated += 1
        elif rating.likelihood > rows or rating.impact > columns:
            raise InputError(
                f"risk {s.risk.id!r} is rated {rating.likelihood}x{rating.impact}, "
                f"outside the {rows}x{columns} matrix {matrix.name!r}"
            )
        else:
            grid[rating.likelihood - 1][rating.impact - 1] += 1
    return HeatMap(matrix, tier, tuple(tuple(row) for row in grid), unrated)


@frozen
class Move:
    """How many risks moved from one cell to another between two tiers.

    Cells are ``(likelihood, impact)``; ``direction`` is ``down``, ``same`` or ``up``
    comparing the ratings' keys (level, then score).
    """

    source: tuple[int, int]
    destination: tuple[int, int]
    count: int
    direction: str


def movement(
    scored: Iterable[ScoredRisk],
    source: str = "inherent",
    destination: str = "current",
    *,
    include_closed: bool = False,
) -> tuple[Move, ...]:
    """How open risks rated in both tiers moved between ``source`` and ``destination``.

    Sorted by source cell then destination cell.
    """
    counts: Counter[tuple[tuple[int, int], tuple[int, int], str]] = Counter()
    for s in scored:
        if not include_closed and not s.risk.is_open:
            continue
        a, b = _tier(s, source), _tier(s, destination)
        if a is None or b is None:
            continue
        direction = "down" if b.key < a.key else "up" if b.key > a.key else "same"
        counts[((a.likelihood, a.impact), (b.likelihood, b.impact), direction)] += 1
    return tuple(
        Move(src, dst, n, direction) for (src, dst, direction), n in sorted(counts.items())
    )
