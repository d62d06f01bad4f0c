"""Coverage of the priorities, and a health summary of the whole thread.

A *priority* is an open objective at the priority level (by default the highest level
holding any objective).  Its coverage counts, for each level, the distinct items that
contribute to it directly or indirectly; a priority *reaches the front line* when at
least one contributing item sits at a level owned by a team or a person.  Adding a link
never lowers any count.
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
    rows = []
    for iid, item in thread.by_id.items():
        if (
            item.kind is not ItemKind.OBJECTIVE
            or item.level != level
            or item.status is ItemStatus.SUPERSEDED
        ):
            continue
        counts = dict.fromkeys(levels.keys, 0)
        seen = {iid}
        stack = list(thread.children(iid))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            lv = thread[node].level
            if lv in counts:
                counts[lv] += 1
            stack.extend(c for c in thread.children(node) if c not in seen)
        rows.append(PriorityCoverage(iid, counts, any(counts[k] for k in front)))
    return Coverage(level, tuple(rows))


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
