"""Levels of the golden thread: configuration, never hard-coded.

A council's thread runs from the top (national or partnership priorities) down to an
individual's objectives.  Each :class:`Level` has a key (used in ``items.csv``), a name
(what the council calls it), the kind of owner its plans have, its usual span and the
classification its items get when a row gives none.  A :class:`LevelScheme` holds the
levels in order from the top; rank 0 is the top.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import Self

from attrs import field, frozen

__all__ = ["Classification", "Level", "LevelScheme", "OwnerKind", "Span"]


class _Parsed(enum.Enum):
    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a value from a cell or TOML string (case-insensitive; ``_``/space as ``-``).

        Raises:
            ValueError: the text names no value; the message lists the accepted ones.
        """
        key = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        for member in cls:
            if member.value == key:
                return member
        accepted = ", ".join(str(m.value) for m in cls)
        raise ValueError(f"unknown {cls._noun()} {text!r}; expected one of {accepted}")

    @classmethod
    def _noun(cls) -> str:
        return cls.__name__.lower()


class Classification(_Parsed):
    """Who may see an item: anyone, staff only, or the person and their manager."""

    PUBLIC = "public"
    INTERNAL = "internal"
    PERSONAL = "personal"


class OwnerKind(_Parsed):
    """The kind of owner a level's plans have."""

    PARTNERSHIP = "partnership"
    COUNCIL = "council"
    SERVICE = "service"
    TEAM = "team"
    PERSON = "person"

    @classmethod
    def _noun(cls) -> str:
        return "owner kind"


class Span(_Parsed):
    """The usual life of a level's plans."""

    LONG_TERM = "long-term"
    THREE_YEAR = "three-year"
    ANNUAL = "annual"
    IN_YEAR = "in-year"


@frozen
class Level:
    """One level of planning.

    Attributes:
        key: the key ``items.csv`` uses in its ``level`` column, e.g. ``service``.
        name: what the council calls the level's plans, e.g. ``Business Plans``.
        owner: the kind of owner the level's plans have.
        span: the usual life of the level's plans.
        classification: the classification of an item at this level whose row gives none.
        skippable: a link may pass over this level without a ``level-skip`` finding (e.g. a
            Medium Term Financial Plan that sits beside, not between, the other plans).
    """

    key: str
    name: str
    owner: OwnerKind
    span: Span = Span.ANNUAL
    classification: Classification = Classification.INTERNAL
    skippable: bool = False

    @property
    def individual(self) -> bool:
        """Whether the level's plans belong to a person (``owner = "person"``)."""
        return self.owner is OwnerKind.PERSON

    @property
    def personal(self) -> bool:
        """Whether the level holds personal data: its plans belong to a person, or its
        classification is personal.  Every item at such a level is personal, whatever it
        is marked."""
        return self.owner is OwnerKind.PERSON or self.classification is Classification.PERSONAL


def _check_levels(instance: LevelScheme, attribute: object, value: tuple[Level, ...]) -> None:
    if not value:
        raise ValueError("a level scheme needs at least one level")
    seen: set[str] = set()
    for level in value:
        if level.key in seen:
            raise ValueError(f"level key {level.key!r} appears twice")
        seen.add(level.key)


def _level_tuple(levels: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(levels)


@frozen
class LevelScheme:
    """The levels of a council's thread, in order from the top (rank 0).

    >>> from goldenthread.thread.presets import GENERIC
    >>> GENERIC.rank("corporate"), GENERIC.top.key
    (2, 'national')
    """

    levels: tuple[Level, ...] = field(converter=_level_tuple, validator=_check_levels)
    _ranks: dict[str, int] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_ranks", {lv.key: i for i, lv in enumerate(self.levels)})

    def __iter__(self) -> Iterator[Level]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)

    def __contains__(self, key: object) -> bool:
        return key in self._ranks

    @property
    def keys(self) -> tuple[str, ...]:
        """The level keys from the top."""
        return tuple(lv.key for lv in self.levels)

    @property
    def top(self) -> Level:
        """The highest level."""
        return self.levels[0]

    def rank(self, key: str) -> int:
        """The position of level ``key`` from the top (0); ``KeyError`` if unknown."""
        return self._ranks[key]

    def get(self, key: str) -> Level:
        """The level with key ``key``; ``KeyError`` if unknown."""
        return self.levels[self._ranks[key]]

    def between(self, upper: str, lower: str) -> tuple[Level, ...]:
        """The levels strictly below ``upper`` and strictly above ``lower``."""
        return self.levels[self._ranks[upper] + 1 : self._ranks[lower]]
