"""Risk appetite on the Orange Book scale, mapped to the highest tolerable score.

HM Treasury's Orange Book describes appetite as *averse*, *minimal*, *cautious*, *open* or
*eager*.  goldenthread maps each to a maximum tolerable score on the council's matrix; the
defaults for the 5×5 product matrix are:

=========  =====================
appetite   highest tolerable
=========  =====================
averse     4
minimal    6
cautious   12
open       16
eager      25
=========  =====================

Appetite is set per risk category with an organisation default, and a single risk may
override it.  The appetite that applies to a risk falls back risk → category →
organisation default.  A rating is *within appetite* when its score is at or below the
tolerable maximum.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from attrs import field, frozen

from goldenthread.errors import InputError

__all__ = ["DEFAULT_TOLERANCES", "Appetite", "AppetiteLevel"]


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


def _key(category: str) -> str:
    return " ".join(category.split()).casefold()


def _categories(value: Mapping[str, AppetiteLevel]) -> Mapping[str, AppetiteLevel]:
    return MappingProxyType({_key(k): v for k, v in value.items()})


def _tolerances(value: Mapping[AppetiteLevel, int]) -> Mapping[AppetiteLevel, int]:
    merged = dict(DEFAULT_TOLERANCES)
    merged.update(value)
    previous = None
    for level in AppetiteLevel:
        if previous is not None and merged[level] < merged[previous]:
            raise InputError(
                f"appetite {level.value!r} tolerates {merged[level]}, less than "
                f"{previous.value!r} ({merged[previous]}): tolerances must not fall "
                "from averse to eager"
            )
        previous = level
    return MappingProxyType(merged)


@frozen
class Appetite:
    """A council's risk appetite.

    Attributes:
        default: the organisation's appetite where neither risk nor category sets one.
        categories: appetite per risk category (matched ignoring case and spacing).
        tolerances: highest tolerable score per appetite level; levels not given keep
            :data:`DEFAULT_TOLERANCES`.  Tolerances never fall from averse to eager.
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

    def tolerance(self, category: str | None, override: AppetiteLevel | None = None) -> int:
        """The highest tolerable score for a risk in ``category`` (see :meth:`level_for`)."""
        return self.tolerances[self.level_for(category, override)]

    def within(
        self, score: int, category: str | None, override: AppetiteLevel | None = None
    ) -> bool:
        """Whether ``score`` is at or below the tolerable maximum."""
        return score <= self.tolerance(category, override)
