"""Progress: actions against straight-line expectation, rolled up to objectives.

**Actions.**  An action is expected to progress in a straight line from 0% on its start
date to 100% on its due date: on ``as_at`` the expected percentage is
``100 × (as_at − start) ÷ (due − start)`` days, clamped to 0-100 (an action whose start is
its due date is expected at 0% before it and 100% from it).  Its status
(:func:`assess_action`):

* complete (status ``complete`` or 100%) → ``green``; cancelled → ``no-data`` (left out
  of roll-ups);
* past its due date and not complete → ``red``;
* no start or due date, or no percentage recorded → ``no-data``;
* otherwise the gap ``actual − expected``: at or above 0 → ``green``; within
  ``tolerance`` percentage points below (10 by default, the boundary included) →
  ``amber``; further behind → ``red``.

**Objectives and plans.**  An item's status combines the statuses of the items that
contribute to it (actions as assessed, objectives and plans rolled up in turn) and of
the indicators attached to it, by a selectable :class:`RollupRule`; ``no-data`` inputs
are left out, and an item with no input that has data is ``no-data``:

* ``worst-of``: the worst input (the default: one red action makes the objective red);
* ``majority``: the most common input; a tie goes to the worse status;
* ``weighted``: the weighted mean score of the inputs (green 1, amber ½, red 0; weights
  from each contributing item's ``weight``, 1 for an indicator): green from 0.75, amber
  from 0.5, red below.

Items on a cycle (and items above one) cannot be rolled up and are ``no-data``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from attrs import frozen

from goldenthread.thread.graph import Thread
from goldenthread.thread.items import Item, ItemKind, ItemStatus
from goldenthread.thread.levels import _Parsed

__all__ = [
    "Assessment",
    "RollupRule",
    "RollupSettings",
    "RollupStatus",
    "assess_action",
    "combine",
    "expected_progress",
    "rollup",
]

HUNDRED = Decimal(100)
DEFAULT_TOLERANCE = Decimal(10)
GREEN_AT = Decimal("0.75")
AMBER_AT = Decimal("0.5")


class RollupStatus(_Parsed):
    """The status of an action, objective or plan.  Indicator statuses other than green,
    amber and red (``no-target``, ``data-only``, ``not-applicable``, ``not-yet-due``)
    read as ``no-data``."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no-data"

    @property
    def rank(self) -> int:
        """0 green, 1 amber, 2 red, -1 no data: higher is worse."""
        return _RANK[self]

    @classmethod
    def from_indicator(cls, text: str) -> RollupStatus:
        """Read an indicator's RAG status (``no-target``, ``data-only``,
        ``not-applicable`` and ``not-yet-due`` → no data)."""
        if text.strip().lower() in ("no-target", "data-only", "not-applicable", "not-yet-due"):
            return cls.NO_DATA
        return cls.parse(text)

    @classmethod
    def _noun(cls) -> str:
        return "status"


_RANK = {
    RollupStatus.GREEN: 0,
    RollupStatus.AMBER: 1,
    RollupStatus.RED: 2,
    RollupStatus.NO_DATA: -1,
}
_SCORE = {
    RollupStatus.GREEN: Decimal(1),
    RollupStatus.AMBER: Decimal("0.5"),
    RollupStatus.RED: Decimal(0),
}


class RollupRule(_Parsed):
    """How an objective's status is formed from its inputs (see the module docs)."""

    WORST_OF = "worst-of"
    MAJORITY = "majority"
    WEIGHTED = "weighted"

    @classmethod
    def _noun(cls) -> str:
        return "roll-up rule"


def _tolerance(instance: object, attribute: object, value: Decimal) -> None:
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= HUNDRED:
        raise ValueError(f"the roll-up tolerance must be 0-100 percentage points, not {value!r}")


@frozen
class RollupSettings:
    """How a council's thread is rolled up (``[thread] rollup`` and ``rollup_tolerance``
    in ``framework.toml``).

    Attributes:
        rule: how an objective's status is formed from its inputs (default ``worst-of``).
        tolerance: how many percentage points an action may lag its straight-line
            expectation and still be amber rather than red (default 10).
    """

    rule: RollupRule = RollupRule.WORST_OF
    tolerance: Decimal = DEFAULT_TOLERANCE

    def __attrs_post_init__(self) -> None:
        _tolerance(self, None, self.tolerance)


@frozen
class Assessment:
    """The status of one item and why.

    Attributes:
        item: the item's id.
        status: its status.
        reason: a sentence saying how the status was reached.
        expected: for an action, the expected percentage complete.
        actual: for an action, the recorded percentage complete.
        inputs: for an objective or plan, each input (item id or indicator code) and its
            status.
    """

    item: str
    status: RollupStatus
    reason: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    inputs: tuple[tuple[str, RollupStatus], ...] = ()


def expected_progress(start: dt.date, due: dt.date, as_at: dt.date) -> Decimal:
    """The straight-line expected percentage complete on ``as_at`` (0-100).

    >>> import datetime as dt
    >>> expected_progress(dt.date(2024, 4, 1), dt.date(2024, 4, 11), dt.date(2024, 4, 6))
    Decimal('50')
    """
    if as_at >= due:
        return HUNDRED
    if as_at <= start:
        return Decimal(0)
    return HUNDRED * (as_at - start).days / (due - start).days


def assess_action(item: Item, as_at: dt.date, tolerance: Decimal = DEFAULT_TOLERANCE) -> Assessment:
    """An action's status on ``as_at`` against its straight-line expected progress."""
    done = item.status is ItemStatus.COMPLETE or (
        item.progress is not None and item.progress >= HUNDRED
    )
    if done:
        return Assessment(item.id, RollupStatus.GREEN, "complete", actual=item.progress)
    if item.status is ItemStatus.CANCELLED:
        return Assessment(item.id, RollupStatus.NO_DATA, "cancelled")
    if item.due is not None and item.due < as_at:
        return Assessment(
            item.id,
            RollupStatus.RED,
            f"overdue: due {item.due.isoformat()}",
            expected=HUNDRED,
            actual=item.progress,
        )
    if item.start is None or item.due is None:
        return Assessment(
            item.id, RollupStatus.NO_DATA, "no start or due date", actual=item.progress
        )
    expected = expected_progress(item.start, item.due, as_at)
    if item.progress is None:
        return Assessment(item.id, RollupStatus.NO_DATA, "no progress recorded", expected=expected)
    gap = item.progress - expected
    if gap >= 0:
        status = RollupStatus.GREEN
    elif gap >= -tolerance:
        status = RollupStatus.AMBER
    else:
        status = RollupStatus.RED
    return Assessment(
        item.id,
        status,
        f"{item.progress}% complete against {expected.quantize(Decimal(1))}% expected",
        expected=expected,
        actual=item.progress,
    )


def combine(inputs: Iterable[tuple[RollupStatus, Decimal]], rule: RollupRule) -> RollupStatus:
    """Combine ``(status, weight)`` inputs by ``rule``; ``no-data`` inputs are ignored.

    Weights matter only to ``weighted`` (a total weight of 0 gives ``no-data``).
    """
    data = [(s, w) for s, w in inputs if s is not RollupStatus.NO_DATA]
    if not data:
        return RollupStatus.NO_DATA
    if rule is RollupRule.WORST_OF:
        return max((s for s, _ in data), key=lambda s: s.rank)
    if rule is RollupRule.MAJORITY:
        counts: dict[RollupStatus, int] = {}
        for s, _ in data:
            counts[s] = counts.get(s, 0) + 1
        return max(counts, key=lambda s: (counts[s], s.rank))
    total = sum((w for _, w in data), Decimal(0))
    if total <= 0:
        return RollupStatus.NO_DATA
    score = sum((_SCORE[s] * w for s, w in data), Decimal(0)) / total
    if score >= GREEN_AT:
        return RollupStatus.GREEN
    if score >= AMBER_AT:
        return RollupStatus.AMBER
    return RollupStatus.RED


def rollup(
    thread: Thread,
    as_at: dt.date,
    rule: RollupRule = RollupRule.WORST_OF,
    indicator_status: Mapping[str, RollupStatus] | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> dict[str, Assessment]:
    """The status of every item on ``as_at``, by id.

    Actions are assessed by :func:`assess_action`; objectives and plans combine their
    contributing items and attached indicators (``indicator_status`` by code; an
    attached indicator without a status is ``no-data``) by ``rule``.
    """
    statuses = indicator_status or {}
    result: dict[str, Assessment] = {}
    pending = {iid: len(thread.children(iid)) for iid in thread.by_id}
    ready = [iid for iid, n in pending.items() if n == 0]
    while ready:
        iid = ready.pop()
        result[iid] = _assess(thread, thread[iid], as_at, rule, statuses, tolerance, result)
        for up in thread.parents(iid):
            pending[up] -= 1
            if pending[up] == 0:
                ready.append(up)
    for iid in thread.by_id:
        if iid not in result:
            result[iid] = Assessment(iid, RollupStatus.NO_DATA, "on or above a cycle")
    return result


def _assess(
    thread: Thread,
    item: Item,
    as_at: dt.date,
    rule: RollupRule,
    statuses: Mapping[str, RollupStatus],
    tolerance: Decimal,
    done: Mapping[str, Assessment],
) -> Assessment:
    if item.kind is ItemKind.ACTION:
        return assess_action(item, as_at, tolerance)
    inputs: list[tuple[str, RollupStatus, Decimal]] = [
        (child, done[child].status, thread[child].weight) for child in thread.children(item.id)
    ]
    inputs.extend(
        (code, statuses.get(code, RollupStatus.NO_DATA), Decimal(1))
        for code in thread.indicators_of(item.id)
    )
    status = combine(((s, w) for _, s, w in inputs), rule)
    counted = sum(1 for _, s, _ in inputs if s is not RollupStatus.NO_DATA)
    reason = f"{rule.value} of {counted} input(s) with data" if inputs else "nothing beneath it"
    return Assessment(item.id, status, reason, inputs=tuple((name, s) for name, s, _ in inputs))
