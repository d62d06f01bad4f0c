"""Coverage of the priorities, and a health summary of the whole thread.

A *priority* is an open objective at the priority level (by default the highest level
holding any objective).  Its coverage counts, for each level, the distinct items that
contribute to it directly or indirectly; a priority *reaches the front line* when at
least one contributing item sits at a level owned by a team or a person.  Adding a link
never lowers any count.

Priorities beneath other priorities share the work: each is counted once, and a priority
above it adds its set of contributors (a bit mask over the items) instead of walking
beneath it again, so a deep chain of priorities is not items x depth.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from attrs import frozen

from goldenthread.findings import Finding
from goldenthread.thread.checks import check_thread
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import ItemKind, ItemStatus
from goldenthread.thread.levels import OwnerKind
from goldenthread.thread.trace import children_first

__all__ = ["Coverage", "Health", "PriorityCoverage", "coverage", "health"]

_FRONT_LINE = (OwnerKind.TEAM, OwnerKind.PERSON)


@frozen
class PriorityCoverage:
    """How far one priority reaches.

    Attributes:
        priority: the priority's id.
        counts: for every level of the scheme (from the top), how many distinct items at
            that level contribute to the priority.
        front_line: whether any contributing item is at a team- or person-owned level.
    """

    priority: str
    counts: Mapping[str, int]
    front_line: bool

    @property
    def total(self) -> int:
        """How many items contribute to the priority."""
        return sum(self.counts.values())


@frozen
class Coverage:
    """Coverage of every priority at one level."""

    level: str | None
    priorities: tuple[PriorityCoverage, ...]

    @property
    def gaps(self) -> tuple[str, ...]:
        """Ids of the priorities that reach no team or individual item."""
        return tuple(p.priority for p in self.priorities if not p.front_line)

    def __getitem__(self, priority: str) -> PriorityCoverage:
        for row in self.priorities:
            if row.priority == priority:
                return row
        raise KeyError(priority)


def _priority_level(thread: Thread) -> str | None:
    levels = thread.levels
    best: int | None = None
    for item in thread.by_id.values():
        if item.kind is ItemKind.OBJECTIVE and item.level in levels:
            rank = levels.rank(item.level)
            if best is None or rank < best:
                best = rank
                if best == 0:
                    break
    return None if best is None else levels.levels[best].key


def coverage(thread: Thread, level: str | None = None) -> Coverage:
    """Coverage of the open objectives at ``level`` (default: the highest level with
    objectives), in thread order.

    Raises:
        KeyError: ``level`` is not in the thread's level scheme.
    """
    levels = thread.levels
    if level is None:
        level = _priority_level(thread)
    else:
        levels.rank(level)
    if level is None:
        return Coverage(None, ())
    front = {lv.key for lv in levels if lv.owner in _FRONT_LINE}
    by_id = thread.by_id
    priorities = [
        iid
        for iid, item in by_id.items()
        if item.kind is ItemKind.OBJECTIVE
        and item.level == level
        and item.status is not ItemStatus.SUPERSEDED
    ]
    reach = _reach_masks(thread, priorities)
    index = {iid: n for n, iid in enumerate(by_id)}
    members: dict[str, list[int]] = {key: [] for key in levels.keys}
    for iid, item in by_id.items():
        found = members.get(item.level)
        if found is not None:
            found.append(index[iid])
    level_masks = {key: _bits(found, len(index)) for key, found in members.items()}
    rows = []
    keys = levels.keys
    for iid in priorities:
        mask = reach[iid]
        counts = {key: (mask & level_masks[key]).bit_count() for key in keys}
        rows.append(PriorityCoverage(iid, counts, any(counts[k] for k in front)))
    return Coverage(level, tuple(rows))


def _bits(positions: list[int], size: int) -> int:
    """The integer whose bit ``n`` is set for each ``n`` of ``positions`` (all below
    ``size``), built in one pass from a string of binary digits."""
    if not positions:
        return 0
    digits = bytearray(b"0" * size)
    for n in positions:
        digits[size - 1 - n] = 49  # b"1"
    return int(digits, 2)


def _reach_masks(thread: Thread, tops: list[str]) -> dict[str, int]:
    """For each of ``tops``, the positions (in :attr:`Thread.by_id` order) of every item
    contributing to it, directly or indirectly, not itself, as a bit mask.

    A top is worked out after the tops beneath it (as far as there is an order), and
    reaching one of those adds its mask instead of walking beneath it again, so a deep
    chain of priorities costs time in proportion to its length times a machine word per
    64 items, not its length squared.
    """
    index = {iid: n for n, iid in enumerate(thread.by_id)}
    size = len(index)
    wanted = set(tops)
    order = children_first(thread, [iid for iid in thread.by_id if iid in wanted])
    done: dict[str, int] = {}
    for top in order:
        mask = 0
        own: list[int] = []
        seen = {top}
        stack = list(thread.children(top))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            own.append(index[node])
            below = done.get(node)
            if below is not None:
                mask |= below
                continue
            stack.extend(c for c in thread.children(node) if c not in seen)
        if len(own) < 64:  # a few items: shifting is cheaper than a string of digits
            for n in own:
                mask |= 1 << n
        else:
            mask |= _bits(own, size)
        done[top] = mask & ~(1 << index[top])
    return done


@frozen
class Health:
    """A summary of the whole thread's health.

    Attributes:
        items: how many distinct items.
        by_kind: items per kind.
        by_level: items per level key (scheme order; unknown levels last).
        links: distinct upward links between existing items.
        coverage: the priorities' coverage.
        findings: every integrity finding.
    """

    items: int
    by_kind: Mapping[str, int]
    by_level: Mapping[str, int]
    links: int
    coverage: Coverage
    findings: tuple[Finding, ...]

    @property
    def by_severity(self) -> dict[str, int]:
        """Findings per severity (``error``, ``warning``, ``info``)."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity.value] += 1
        return counts

    @property
    def by_code(self) -> dict[str, int]:
        """Findings per code, sorted by code."""
        counts: dict[str, int] = {}
        for f in sorted(self.findings, key=lambda f: f.code):
            counts[f.code] = counts.get(f.code, 0) + 1
        return counts

    @property
    def front_line_share(self) -> float:
        """The share of priorities that reach a team or individual (1.0 with none)."""
        rows = self.coverage.priorities
        if not rows:
            return 1.0
        return sum(1 for r in rows if r.front_line) / len(rows)


def health(thread: Thread, today: dt.date, stale_after: int = 90) -> Health:
    """The thread's health on ``today``: counts, coverage and every finding."""
    by_kind = {k.value: 0 for k in ItemKind}
    by_level = dict.fromkeys(thread.levels.keys, 0)
    for item in thread.by_id.values():
        by_kind[item.kind.value] += 1
        by_level[item.level] = by_level.get(item.level, 0) + 1
    return Health(
        items=len(thread),
        by_kind=by_kind,
        by_level=by_level,
        links=len(thread.edges()),
        coverage=coverage(thread),
        findings=check_thread(thread, today, stale_after),
    )
