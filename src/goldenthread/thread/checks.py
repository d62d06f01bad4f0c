"""Integrity checks of the golden thread.

:func:`check_thread` runs every check and returns :class:`~goldenthread.findings.Finding`
records with stable codes.  ``today`` is always a parameter.  It also runs the
confidentiality checks of :mod:`goldenthread.thread.confidentiality`
(``classification-conflict``, ``personal-level-owner``).

==========================  ========  ==============================================================
code                        severity  found when
==========================  ========  ==============================================================
``duplicate-id``            error     a second item has an id already used
``unknown-level``           error     an item's level is not in the level scheme
``dangling-link``           error     a ``parent``, ``plan``, link or indicator attachment names an
                                      item that does not exist (or a ``plan`` that is not a plan)
``cycle``                   error     items contribute to each other in a loop (an item contributing
                                      to itself included); one finding per loop
``link-direction``          error     a parent is at a lower level than its child, or at the same
                                      level but of a lower kind (plan > objective > action)
``personal-public``         error     an item at a personal level is classified public
``level-skip``              info      a link passes over a level that is not skippable
``orphan``                  warning   an item below the top level in use contributes to nothing
                                      (an objective listed in a plan through ``plan`` is in that
                                      plan, so not an orphan)
``period-mismatch``         warning   a child's start-due lies outside its parent's (an item's dates
                                      default to its plan's)
``unowned``                 warning   an item has neither an owner nor a lead organisation
``unmeasured``              warning   an open objective has no indicator and no action on it or
                                      anything beneath it (indicators attached in the thread or
                                      passed as ``attached``, such as ``indicators.csv``'s
                                      ``objective`` column)
``overdue-action``          warning   an open action's due date has passed
``stale-update``            warning   an open, started action's latest progress update (or its
                                      start, with none) is more than ``stale_after`` days old
``superseded-parent``       warning   an item contributes to a superseded version of a plan
                                      (:meth:`Thread.follow_revisions` repoints it)
``unknown-organisation``    warning   an item's lead or partner is not a known organisation (checked
                                      only when organisations are configured)
==========================  ========  ==============================================================

The *top level in use* is the highest level any item of the thread is at: a framework that
starts at the corporate plan (no national or partnership items) has its corporate items at
the top, and they contribute to nothing above them because nothing is above them.  An
action still needs a ``parent`` (or a link): being listed in a team plan does not say which
objective it delivers.

Superseded items are not reported as orphans, unmeasured, overdue or stale.  Every check
tolerates arbitrary input (missing targets, self-links, duplicates, unknown levels)
without raising.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from goldenthread.findings import Finding, Severity
from goldenthread.thread.confidentiality import CONFIDENTIALITY_CODES, check_confidentiality
from goldenthread.thread.cycles import find_cycles
from goldenthread.thread.graph import Thread
from goldenthread.thread.items import IndicatorLink, Item, ItemKind, ItemStatus
from goldenthread.thread.levels import Classification

__all__ = ["CODES", "check_thread"]

_E = Severity.ERROR
_W = Severity.WARNING
_I = Severity.INFO

CODES: Mapping[str, Severity] = {
    "duplicate-id": _E,
    "unknown-level": _E,
    "dangling-link": _E,
    "cycle": _E,
    "link-direction": _E,
    "personal-public": _E,
    "level-skip": _I,
    "orphan": _W,
    "period-mismatch": _W,
    "unowned": _W,
    "unmeasured": _W,
    "overdue-action": _W,
    "stale-update": _W,
    "superseded-parent": _W,
    "unknown-organisation": _W,
    **CONFIDENTIALITY_CODES,
}
"""Every check code and its severity."""

_CYCLE_SHOWN = 8


def _finding(code: str, item: str | None, message: str) -> Finding:
    return Finding(code, CODES[code], item, message)


_CLOSED = frozenset({ItemStatus.COMPLETE, ItemStatus.CANCELLED, ItemStatus.SUPERSEDED})
_NONE: tuple[str, ...] = ()


def check_thread(
    thread: Thread,
    today: dt.date,
    stale_after: int = 90,
    *,
    attached: Iterable[IndicatorLink] = (),
) -> tuple[Finding, ...]:
    """Run every integrity check; findings sorted by severity (worst first), code, item.

    Args:
        thread: the thread to check.
        today: the date overdue and stale actions are judged on.
        stale_after: days after which an open action's latest update is stale.
        attached: indicator attachments made outside the thread, such as each indicator
            definition's ``objective`` (:func:`goldenthread.check_framework` passes them):
            an item they name is measured.  Attachments to items the thread does not hold
            are ignored here (the framework check reports them).
    """
    out: list[Finding] = []
    superseded, objectives, seeds = _items(thread, today, stale_after, out)
    _links(thread, superseded, out)
    for group in find_cycles(thread.parent_map, thread.child_map):
        shown = ", ".join(group[:_CYCLE_SHOWN]) + (" ..." if len(group) > _CYCLE_SHOWN else "")
        out.append(
            _finding("cycle", group[0], f"{len(group)} item(s) are in a loop: {shown}")
            if len(group) > 1
            else _finding("cycle", group[0], f"{group[0]} contributes to itself")
        )
    _unmeasured(thread, objectives, seeds, attached, out)
    out.extend(check_confidentiality(thread))
    out.sort(key=lambda f: (f.severity.rank, f.code, f.item or ""))
    return tuple(out)


def _items(
    thread: Thread, today: dt.date, stale_after: int, out: list[Finding]
) -> tuple[set[str], list[str], list[str]]:
    """Item-by-item checks in one pass; returns the superseded ids, the open objectives
    and the ids of the actions."""
    levels = thread.levels
    ranks = {lv.key: i for i, lv in enumerate(levels)}
    individual = {lv.key for lv in levels if lv.personal}
    by_id = thread.by_id
    parent_map = thread.parent_map
    top = _top_in_use(thread, ranks)
    orgs = {o.key for o in thread.organisations}
    duplicates = len(by_id) != len(thread.items)
    seen: set[str] = set()
    superseded: set[str] = set(thread.successor_map)
    objectives: list[str] = []
    seeds: list[str] = []
    public = Classification.PUBLIC
    action_kind = ItemKind.ACTION
    objective_kind = ItemKind.OBJECTIVE
    plan_kind = ItemKind.PLAN
    for item in thread.items:
        iid = item.id
        if duplicates:
            if iid in seen:
                out.append(
                    _finding("duplicate-id", iid, f"the id {iid!r} is used by more than one item")
                )
                continue
            seen.add(iid)
        level = item.level
        known_level = level in ranks
        if not known_level:
            out.append(
                _finding(
                    "unknown-level",
                    iid,
                    f"{iid} has level {level!r}, which is not one of {', '.join(levels.keys)}",
                )
            )
        elif item.classification is public and level in individual:
            out.append(
                _finding(
                    "personal-public",
                    iid,
                    f"{iid} is at the personal level {level!r} but classified public; "
                    "individual plans are personal data",
                )
            )
        plan_id = item.plan
        if plan_id is not None:
            plan = by_id.get(plan_id)
            if plan is None:
                out.append(
                    _finding(
                        "dangling-link", iid, f"{iid} names plan {plan_id!r}, which does not exist"
                    )
                )
            elif plan.kind is not plan_kind:
                out.append(
                    _finding(
                        "dangling-link",
                        iid,
                        f"{iid} names {plan_id!r} as its plan, but it is an {plan.kind.value}",
                    )
                )
        parent = item.parent
        if parent is not None and parent not in by_id:
            out.append(
                _finding(
                    "dangling-link", iid, f"{iid} contributes to {parent!r}, which does not exist"
                )
            )
        status = item.status
        if status is ItemStatus.SUPERSEDED:
            superseded.add(iid)
        elif (
            parent is None
            and level != top
            and known_level
            and iid not in parent_map
            and not (item.kind is objective_kind and _in_a_plan(by_id, plan_id))
        ):
            out.append(
                _finding(
                    "orphan",
                    iid,
                    f"{iid} ({item.kind.value} at level {level!r}) contributes to nothing above it",
                )
            )
        if item.owner is None and item.lead is None:
            out.append(_finding("unowned", iid, f"{iid} has no owner and no lead organisation"))
        if orgs:
            for org in (item.lead, *item.partners):
                if org is not None and org not in orgs:
                    out.append(
                        _finding(
                            "unknown-organisation",
                            iid,
                            f"{iid} names organisation {org!r}, which is not configured",
                        )
                    )
        kind = item.kind
        if kind is action_kind:
            seeds.append(iid)
            if status not in _CLOSED and (item.progress is None or item.progress < 100):
                _action(item, today, stale_after, out)
        elif kind is objective_kind and status not in _CLOSED:
            objectives.append(iid)
    return superseded, objectives, seeds


def _top_in_use(thread: Thread, ranks: Mapping[str, int]) -> str:
    """The highest level any item is at (the scheme's top when no item has a known level)."""
    best: int | None = None
    for item in thread.items:
        rank = ranks.get(item.level)
        if rank is not None and (best is None or rank < best):
            best = rank
            if rank == 0:
                break
    return thread.levels.levels[best].key if best is not None else thread.levels.top.key


def _in_a_plan(by_id: Mapping[str, Item], plan_id: str | None) -> bool:
    """Whether ``plan_id`` names an existing plan."""
    if plan_id is None:
        return False
    plan = by_id.get(plan_id)
    return plan is not None and plan.kind is ItemKind.PLAN


def _action(item: Item, today: dt.date, stale_after: int, out: list[Finding]) -> None:
    iid = item.id
    due = item.due
    if due is not None and due < today:
        out.append(
            _finding(
                "overdue-action",
                iid,
                f"{iid} was due on {due.isoformat()} and is not complete ({_percent(item)})",
            )
        )
    status = item.status
    start = item.start
    if status is ItemStatus.IN_PROGRESS:
        started = True
    elif status is ItemStatus.NOT_STARTED or status is ItemStatus.ON_HOLD:
        return
    else:
        started = start is not None and start <= today
    if not started:
        return
    updates = item.updates
    if not updates:
        if start is not None and (today - start).days > stale_after:
            out.append(
                _finding(
                    "stale-update",
                    iid,
                    f"{iid} started on {start.isoformat()} and has no progress update",
                )
            )
        elif start is None and status is ItemStatus.IN_PROGRESS:
            out.append(_finding("stale-update", iid, f"{iid} is in progress with no update"))
        return
    last = updates[-1].on  # updates are kept oldest first
    if (today - last).days > stale_after:
        out.append(
            _finding(
                "stale-update",
                iid,
                f"{iid} was last updated on {last.isoformat()}, "
                f"{(today - last).days} days before {today.isoformat()}",
            )
        )


def _percent(item: Item) -> str:
    return "no progress recorded" if item.progress is None else f"{item.progress}% complete"


def _window(by_id: Mapping[str, Item], item: Item) -> tuple[dt.date | None, dt.date | None]:
    start, due = item.start, item.due
    if (start is None or due is None) and item.plan is not None:
        plan = by_id.get(item.plan)
        if plan is not None:
            start = start if start is not None else plan.start
            due = due if due is not None else plan.due
    return start, due


def _links(thread: Thread, superseded: set[str], out: list[Finding]) -> None:
    by_id = thread.by_id
    levels = thread.levels
    ranks = {lv.key: i for i, lv in enumerate(levels)}
    for link in thread.links:
        missing = [x for x in (link.child, link.parent) if x not in by_id]
        if missing:
            out.append(
                _finding(
                    "dangling-link",
                    link.child,
                    f"the link {link.child} -> {link.parent} names "
                    f"{' and '.join(repr(m) for m in missing)}, which does not exist",
                )
            )
    for att in thread.indicators:
        if att.item not in by_id:
            out.append(
                _finding(
                    "dangling-link",
                    att.indicator,
                    f"indicator {att.indicator} is attached to {att.item!r}, which does not exist",
                )
            )
    windows: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    for child_id, ups in thread.parent_map.items():
        child = by_id[child_id]
        rc = ranks.get(child.level)
        cs, cd = child.start, child.due
        if (cs is None or cd is None) and child.plan is not None:
            cs, cd = _window(by_id, child)
        child_open = child.status is not ItemStatus.SUPERSEDED
        for parent_id in ups:
            if parent_id == child_id:
                continue  # reported as a cycle
            parent = by_id[parent_id]
            rp = ranks.get(parent.level)
            if rc is not None and rp is not None:
                if rp > rc or (rp == rc and parent.kind.order > child.kind.order):
                    out.append(
                        _finding(
                            "link-direction",
                            child_id,
                            f"{child_id} ({child.kind.value}, {child.level}) contributes to "
                            f"{parent_id} ({parent.kind.value}, {parent.level}), "
                            "which is not above it",
                        )
                    )
                elif rp < rc - 1:
                    passed = levels.levels[rp + 1 : rc]
                    if not all(lv.skippable for lv in passed):
                        out.append(
                            _finding(
                                "level-skip",
                                child_id,
                                f"{child_id} ({child.level}) contributes to {parent_id} "
                                f"({parent.level}), passing over "
                                f"{', '.join(lv.key for lv in passed)}",
                            )
                        )
            if cs is not None or cd is not None:
                window = windows.get(parent_id)
                if window is None:
                    window = windows[parent_id] = _window(by_id, parent)
                ps, pd = window
                if (cs is not None and ps is not None and cs < ps) or (
                    cd is not None and pd is not None and cd > pd
                ):
                    out.append(
                        _finding(
                            "period-mismatch",
                            child_id,
                            f"{child_id} runs {_span(cs, cd)}, outside {parent_id}'s "
                            f"{_span(ps, pd)}",
                        )
                    )
            if parent_id in superseded and child_open:
                later = thread.current(parent_id)
                out.append(
                    _finding(
                        "superseded-parent",
                        child_id,
                        f"{child_id} contributes to {parent_id}, which is superseded"
                        + (f" by {later}" if later != parent_id else ""),
                    )
                )


def _span(start: dt.date | None, due: dt.date | None) -> str:
    a = start.isoformat() if start is not None else "?"
    b = due.isoformat() if due is not None else "?"
    return f"{a} to {b}"


def _unmeasured(
    thread: Thread,
    objectives: list[str],
    seeds: list[str],
    attached: Iterable[IndicatorLink],
    out: list[Finding],
) -> None:
    parent_map = thread.parent_map
    measured: set[str] = set()
    stack = list(thread.measured_map)
    by_id = thread.by_id
    stack.extend(att.item for att in attached if att.item in by_id)
    for seed in seeds:
        ups = parent_map.get(seed)
        if ups is not None:
            stack.extend(ups)
    while stack:
        node = stack.pop()
        if node in measured:
            continue
        measured.add(node)
        for up in parent_map.get(node, _NONE):
            if up not in measured:
                stack.append(up)
    for iid in objectives:
        if iid not in measured:
            out.append(
                _finding(
                    "unmeasured", iid, f"{iid} has no indicator and no action on it or beneath it"
                )
            )
