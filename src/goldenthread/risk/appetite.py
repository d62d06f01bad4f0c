"""Risk appetite on the Orange Book scale, mapped to the highest tolerable score.

HM Treasury's Orange Book describes appetite as *averse*, *minimal*, *cautious*, *open* or
*eager*.  goldenthread maps each to a maximum tolerable score on the council's matrix; the
defaults for the 5×5 product matrix are:

=========  =====================  ======================
appetite   highest tolerable      share of score range
=========  =====================  ======================
averse     4                      3/24
minimal    6                      5/24
cautious   12                     11/24
open       16                     15/24
eager      25                     24/24
=========  =====================  ======================

**On any other matrix the defaults are scaled to it** (:func:`default_tolerances`): each
appetite tolerates the cells whose score is at most ``lowest + share × (highest −
lowest)`` of that matrix's scores, the share being the one the 5×5 defaults take of the
5×5's range (1 to 25).  On the 5×5 this gives exactly the table above; on a 3×3 product
matrix (scores 1–9) it gives 2, 2, 4, 6 and 9, on a 4×4 2, 4, 6, 9 and 16, and on a
10×10 12, 21, 45, 60 and 100.  So averse is always the strictest and eager tolerates
every cell, and the worst cell is never within cautious (or open) appetite, whatever the
matrix's size; fixed 5×5 numbers would let a 3×3's worst cell (9) count as within
cautious (12).  Tolerances a council sets itself are kept as given, and the others are
scaled.

Appetite is set per risk category with an organisation default, and a single risk may
override it.  The appetite that applies to a risk falls back risk → category →
organisation default.  A rating is *within appetite* when its score is at or below the
tolerable maximum.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

from attrs import field, frozen

from goldenthread.errors import InputError
from goldenthread.risk.matrix import RiskMatrix

__all__ = [
    "DEFAULT_SHARES",
    "DEFAULT_TOLERANCES",
    "Appetite",
    "AppetiteLevel",
    "default_tolerances",
]


class AppetiteLevel(enum.Enum):
    """The Orange Book appetite scale, from least to most willing to take risk."""

    AVERSE = "averse"
    MINIMAL = "minimal"
    CAUTIOUS = "cautious"
    OPEN = "open"
    EAGER = "eager"

    @classmethod
    def parse(cls, text: str) -> AppetiteLevel:
        """The level named ``text`` (case-insensitive); anything else raises ``InputError``."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(level.value for level in cls)
            raise InputError(f"unknown risk appetite {text!r} (use one of: {known})") from None


DEFAULT_TOLERANCES: Mapping[AppetiteLevel, int] = MappingProxyType(
    {
        AppetiteLevel.AVERSE: 4,
        AppetiteLevel.MINIMAL: 6,
        AppetiteLevel.CAUTIOUS: 12,
        AppetiteLevel.OPEN: 16,
        AppetiteLevel.EAGER: 25,
    }
)
"""Highest tolerable score per appetite on the default 5×5 product matrix."""

DEFAULT_SHARES: Mapping[AppetiteLevel, Fraction] = MappingProxyType(
    {level: Fraction(score - 1, 25 - 1) for level, score in DEFAULT_TOLERANCES.items()}
)
"""Each appetite's share of a matrix's score range: the 5×5 defaults' share of 1–25."""


def default_tolerances(matrix: RiskMatrix | None = None) -> Mapping[AppetiteLevel, int]:
    """The default highest tolerable score per appetite on ``matrix`` (see the module
    documentation): the highest cell score at or below ``lowest + share × (highest −
    lowest)``.  ``None`` gives :data:`DEFAULT_TOLERANCES` (the default 5×5).

    >>> from goldenthread.risk.presets import default_5x5
    >>> dict(default_tolerances(default_5x5())) == dict(DEFAULT_TOLERANCES)
    True
    """
    if matrix is None:
        return DEFAULT_TOLERANCES
    rows, columns = matrix.size
    scores = sorted(
        {matrix.rate(lk, im).score for lk in range(1, rows + 1) for im in range(1, columns + 1)}
    )
    lowest, highest = scores[0], scores[-1]
    out: dict[AppetiteLevel, int] = {}
    for level, share in DEFAULT_SHARES.items():
        limit = lowest + share * (highest - lowest)
        out[level] = max(score for score in scores if score <= limit)
    return MappingProxyType(out)


def _key(category: str) -> str:
    return " ".join(category.split()).casefold()


def _categories(value: Mapping[str, AppetiteLevel]) -> Mapping[str, AppetiteLevel]:
    return MappingProxyType({_key(k): v for k, v in value.items()})


def _check_order(tolerances: Mapping[AppetiteLevel, int], on: str = "") -> None:
    previous = None
    for level in AppetiteLevel:
        if level not in tolerances:
            continue
        if previous is not None and tolerances[level] < tolerances[previous]:
            raise InputError(
                f"appetite {level.value!r} tolerates {tolerances[level]}, less than "
                f"{previous.value!r} ({tolerances[previous]}){on}: tolerances must not fall "
                "from averse to eager"
            )
        previous = level


def _tolerances(value: Mapping[AppetiteLevel, int]) -> Mapping[AppetiteLevel, int]:
    given = {AppetiteLevel(level): score for level, score in value.items()}
    _check_order(given)
    return MappingProxyType(given)


@frozen
class Appetite:
    """A council's risk appetite.

    Attributes:
        default: the organisation's appetite where neither risk nor category sets one.
        categories: appetite per risk category (matched ignoring case and spacing).
        tolerances: the highest tolerable scores the council sets itself, per appetite
            level; levels not given take :func:`default_tolerances` of the matrix in use
            (:meth:`tolerances_for`).  The given tolerances never fall from averse to
            eager.

    The ``matrix`` the methods take is the matrix scores come from; ``None`` means the
    default 5×5.
    """

    default: AppetiteLevel = AppetiteLevel.CAUTIOUS
    categories: Mapping[str, AppetiteLevel] = field(factory=dict, converter=_categories, hash=False)
    tolerances: Mapping[AppetiteLevel, int] = field(factory=dict, converter=_tolerances, hash=False)

    def level_for(
        self, category: str | None, override: AppetiteLevel | None = None
    ) -> AppetiteLevel:
        """The appetite that applies: ``override`` (the risk's own), else the category's,
        else the organisation default."""
        if override is not None:
            return override
        if category:
            found = self.categories.get(_key(category))
            if found is not None:
                return found
        return self.default

    def tolerances_for(self, matrix: RiskMatrix | None = None) -> Mapping[AppetiteLevel, int]:
        """The highest tolerable score of every level on ``matrix``: the tolerances given,
        else the matrix's :func:`default_tolerances`.

        Raises:
            InputError: with the scaled defaults, the tolerances would fall from averse to
                eager (a council that sets ``cautious = 4`` on a 5×5 must lower
                ``averse`` and ``minimal`` too).
        """
        merged = dict(default_tolerances(matrix))
        merged.update(self.tolerances)
        if self.tolerances:
            on = f" on matrix {matrix.name!r}" if matrix is not None else ""
            _check_order(merged, on)
        return MappingProxyType(merged)

    def tolerance(
        self,
        category: str | None,
        override: AppetiteLevel | None = None,
        *,
        matrix: RiskMatrix | None = None,
    ) -> int:
        """The highest tolerable score on ``matrix`` for a risk in ``category`` (see
        :meth:`level_for`)."""
        level = self.level_for(category, override)
        given = self.tolerances.get(level)
        if given is not None:
            return given
        return self.tolerances_for(matrix)[level]

    def within(
        self,
        score: int,
        category: str | None,
        override: AppetiteLevel | None = None,
        *,
        matrix: RiskMatrix | None = None,
    ) -> bool:
        """Whether ``score`` is at or below the tolerable maximum on ``matrix``."""
        return score <= self.tolerance(category, override, matrix=matrix)
