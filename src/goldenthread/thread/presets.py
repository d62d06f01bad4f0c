"""Level schemes for the two seed councils and a generic one.

* :data:`GENERIC`: ``national``, ``partnership``, ``corporate``, ``service``, ``team``,
  ``individual`` (the default when ``framework.toml`` has no ``[[levels]]``).
* :data:`ROSSENDALE`: national and regional priorities, the Community Strategy and its
  three-year Delivery Plan, the Corporate Plan, nine Business Plans, Action Plans and
  Personal Development Interviews.
* :data:`POOLE`: the Sustainable Community Strategy 2010-2026, the Corporate Strategy, the
  Medium Term Financial Plan (skippable: it sits beside the thread rather than between its
  levels), Service Unit Business Plans, Team plans and Individual plans.
"""

from __future__ import annotations

from goldenthread.thread.levels import Classification, Level, LevelScheme, OwnerKind, Span

__all__ = ["GENERIC", "POOLE", "PRESETS", "ROSSENDALE", "preset"]

_PUBLIC = Classification.PUBLIC
_INTERNAL = Classification.INTERNAL
_PERSONAL = Classification.PERSONAL

GENERIC = LevelScheme(
    (
        Level("national", "National priorities", OwnerKind.PARTNERSHIP, Span.LONG_TERM, _PUBLIC),
        Level(
            "partnership", "Partnership strategy", OwnerKind.PARTNERSHIP, Span.LONG_TERM, _PUBLIC
        ),
        Level("corporate", "Corporate plan", OwnerKind.COUNCIL, Span.THREE_YEAR, _PUBLIC),
        Level("service", "Service plans", OwnerKind.SERVICE, Span.ANNUAL, _PUBLIC),
        Level("team", "Team plans", OwnerKind.TEAM, Span.ANNUAL, _INTERNAL),
        Level("individual", "Individual plans", OwnerKind.PERSON, Span.ANNUAL, _PERSONAL),
    )
)
"""The generic six-level scheme."""

ROSSENDALE = LevelScheme(
    (
        Level(
            "national",
            "National and regional priorities",
            OwnerKind.PARTNERSHIP,
            Span.LONG_TERM,
            _PUBLIC,
        ),
        Level(
            "community",
            "Community Strategy and Delivery Plan",
            OwnerKind.PARTNERSHIP,
            Span.THREE_YEAR,
            _PUBLIC,
        ),
        Level("corporate", "Corporate Plan", OwnerKind.COUNCIL, Span.THREE_YEAR, _PUBLIC),
        Level("service", "Business Plans", OwnerKind.SERVICE, Span.THREE_YEAR, _PUBLIC),
        Level("team", "Action Plans", OwnerKind.TEAM, Span.ANNUAL, _INTERNAL),
        Level(
            "individual",
            "Personal Development Interviews",
            OwnerKind.PERSON,
            Span.ANNUAL,
            _PERSONAL,
        ),
    )
)
"""Rossendale Borough Council's thread."""

POOLE = LevelScheme(
    (
        Level(
            "community",
            "Sustainable Community Strategy 2010-2026",
            OwnerKind.PARTNERSHIP,
            Span.LONG_TERM,
            _PUBLIC,
        ),
        Level("corporate", "Corporate Strategy", OwnerKind.COUNCIL, Span.THREE_YEAR, _PUBLIC),
        Level(
            "financial",
            "Medium Term Financial Plan",
            OwnerKind.COUNCIL,
            Span.THREE_YEAR,
            _PUBLIC,
            skippable=True,
        ),
        Level("service", "Service Unit Business Plans", OwnerKind.SERVICE, Span.ANNUAL, _PUBLIC),
        Level("team", "Team plans", OwnerKind.TEAM, Span.ANNUAL, _INTERNAL),
        Level("individual", "Individual plans", OwnerKind.PERSON, Span.ANNUAL, _PERSONAL),
    )
)
"""The Borough of Poole's thread."""

PRESETS = {"generic": GENERIC, "rossendale": ROSSENDALE, "poole": POOLE}
"""The preset schemes by name."""


def preset(name: str) -> LevelScheme:
    """The preset scheme called ``name`` (``generic``, ``rossendale`` or ``poole``).

    Raises:
        ValueError: no preset has that name.
    """
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        raise ValueError(
            f"no level preset {name!r}; choose one of {', '.join(sorted(PRESETS))}"
        ) from None
