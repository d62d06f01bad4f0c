"""Polarity (which way is better) and data status (how far a figure can be trusted)."""

from __future__ import annotations

import enum
from collections.abc import Iterable

__all__ = ["DataStatus", "Polarity", "weakest_status"]


class Polarity(enum.Enum):
    """Which way is better for an indicator.

    ``higher`` and ``lower`` are the usual cases; ``range`` means within a lower and upper
    bound is best; ``none`` means the indicator is data only and gets no RAG status.
    """

    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"
    NONE = "none"

    @classmethod
    def parse(cls, text: str) -> Polarity:
        """Read a polarity from a bundle cell (case-insensitive).

        Accepts the values and the spellings ``higher is better``, ``high``, ``up``,
        ``lower is better``, ``low``, ``down``, ``within range``, ``data only``, ``n/a``.

        Raises:
            ValueError: the text names no polarity.
        """
        key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        try:
            return _POLARITY_SPELLINGS[key]
        except KeyError:
            raise ValueError(
                f"unknown polarity {text!r}; expected one of higher, lower, range, none"
            ) from None


_POLARITY_SPELLINGS = {
    "higher": Polarity.HIGHER,
    "higher is better": Polarity.HIGHER,
    "high": Polarity.HIGHER,
    "up": Polarity.HIGHER,
    "lower": Polarity.LOWER,
    "lower is better": Polarity.LOWER,
    "low": Polarity.LOWER,
    "down": Polarity.LOWER,
    "range": Polarity.RANGE,
    "within range": Polarity.RANGE,
    "none": Polarity.NONE,
    "data only": Polarity.NONE,
    "n/a": Polarity.NONE,
}


class DataStatus(enum.Enum):
    """How far a value can be trusted, from weakest to strongest.

    The order is ``provisional < estimated < qualified < final < verified``: a
    *qualified* figure is final but carries a caveat, so it ranks below an unqualified
    final one.  An aggregate is only as good as its weakest input
    (:func:`weakest_status`).
    """

    PROVISIONAL = "provisional"
    ESTIMATED = "estimated"
    QUALIFIED = "qualified"
    FINAL = "final"
    VERIFIED = "verified"

    @property
    def strength(self) -> int:
        """0 (weakest, provisional) to 4 (strongest, verified)."""
        return _STRENGTH[self]

    @classmethod
    def parse(cls, text: str) -> DataStatus:
        """Read a data status from a bundle cell (case-insensitive).

        Raises:
            ValueError: the text names no status.
        """
        key = text.strip().lower()
        for status in cls:
            if status.value == key:
                return status
        expected = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown data status {text!r}; expected one of {expected}")


_STRENGTH = {s: i for i, s in enumerate(DataStatus)}


def weakest_status(statuses: Iterable[DataStatus]) -> DataStatus | None:
    """The weakest of ``statuses``, or ``None`` when there are none."""
    return min(statuses, key=_STRENGTH.__getitem__, default=None)
