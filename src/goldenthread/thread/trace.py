"""Tracing the thread up to the priorities an item serves and down to what contributes.

* :func:`trace_up`: every path from an item up to a root (an item that contributes to
  nothing), e.g. an officer's objective to the Community Strategy priority it serves.
* :func:`trace_down`: everything that contributes to an item, level by level.
* :func:`ancestors` and :func:`descendants`: the sets behind them.  They are inverse
  views of the same links: ``b in descendants(t, a)`` exactly when
  ``a in ancestors(t, b)``.
* :func:`contributors`: for many items at once, what contributes to each among a chosen
  set, sharing the work between items beneath one another (a report's priorities), so a
  deep thread costs time in proportion to its size, not its size times its depth.

All traversals are iterative and visit each item once, so cycles and deep threads are
safe.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from goldenthread.thread.graph import Thread

__all__ = ["ancestors", "children_first", "contributors", "descendants", "trace_down", "trace_up"]


def _reach(start: str, step: Callable[[str], Sequence[str]]) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(step(start))
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(n for n in step(node) if n not in seen)
    seen.discard(start)
    return frozenset(seen)


def _known(thread: Thread, item_id: str) -> None:
    if item_id not in thread:
        raise KeyError(f"no item {item_id!r} in the thread")


def ancestors(thread: Thread, item_id: str) -> frozenset[str]:
    """Ids of every item ``item_id`` contributes to, directly or indirectly (not itself,
    even on a cycle).

    Raises:
        KeyError: no item has that id.
    """
    _known(thread, item_id)
    return _reach(item_id, thread.parents)


def descendants(thread: Thread, item_id: str) -> frozenset[str]:
    """Ids of every item that contributes to ``item_id``, directly or indirectly (not
    itself, even on a cycle).

    Raises:
        KeyError: no item has that id.
    """
    _known(thread, item_id)
    return _reach(item_id, thread.children)


def children_first(thread: Thread, ids: Iterable[str]) -> list[str]:
    """``ids`` ordered so that an item comes after every item of ``ids`` beneath it
    (items on a cycle, which have no such order, come last in their given order)."""
    wanted = dict.fromkeys(ids)
    pending = {iid: len(thread.children(iid)) for iid in thread.by_id}
    ready = [iid for iid, n in pending.items() if n == 0]
    ordered: list[str] = []
    while ready:
        iid = ready.pop()
        if iid in wanted:
            ordered.append(iid)
        for up in thread.parents(iid):
            pending[up] -= 1
            if pending[up] == 0:
                ready.append(up)
    placed = set(ordered)
    ordered.extend(iid for iid in wanted if iid not in placed)
    return ordered


def contributors(
    thread: Thread, tops: Iterable[str], among: Collection[str]
) -> dict[str, frozenset[str]]:
    """For each id of ``tops``, the ids of ``among`` that are that item or contribute to
    it, directly or indirectly: ``(descendants(thread, t) | {t}) & among``.

    One traversal serves every top: a top is worked out after the tops beneath it, and
    reaching one of those adds its answer instead of walking beneath it again.  The time
    is proportional to the thread's size plus the size of the answers, however deep the
    thread; no recursion, so any depth is safe.

    Raises:
        KeyError: a top is not an item of the thread.
    """
    wanted = list(dict.fromkeys(tops))
    for top in wanted:
        _known(thread, top)
    top_set = set(wanted)
    done: dict[str, frozenset[str]] = {}
    for top in children_first(thread, wanted):
        found: set[str] = {top} if top in among else set()
        seen = {top}
        stack = list(thread.children(top))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            below = done.get(node) if node in top_set else None
            if below is not None:
                found.update(below)
                continue
            if node in among:
                found.add(node)
            stack.extend(n for n in thread.children(node) if n not in seen)
        done[top] = frozenset(found)
    return {top: done[top] for top in wanted}


def trace_up(thread: Thread, item_id: str, limit: int = 1000) -> tuple[tuple[str, ...], ...]:
    """Every path from ``item_id`` up to a root, each listed from the item upwards.

    A path ends at an item with no parents, or where continuing would revisit an item
    already on the path (a cycle).  An item with no parents has the single path
    ``(item_id,)``.  At most ``limit`` paths are returned (a thread where many items
    contribute to many parents can have very many), in a stable order: parents in the
    order the thread lists them.

    Raises:
        KeyError: no item has that id.
    """
    _known(thread, item_id)
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[str, ...]] = [(item_id,)]
    while stack and len(paths) < limit:
        path = stack.pop()
        ups = [p for p in thread.parents(path[-1]) if p not in path]
        if not ups:
            paths.append(path)
            continue
        stack.extend((*path, p) for p in reversed(ups))
    return tuple(paths)


def trace_down(thread: Thread, item_id: str) -> Mapping[str, tuple[str, ...]]:
    """Everything that contributes to ``item_id``, grouped by level key from the top.

    Levels with no contributing item are left out; items whose level the scheme does not
    know come last under their own key.  Ids within a level are in thread order.

    Raises:
        KeyError: no item has that id.
    """
    below = descendants(thread, item_id)
    grouped: dict[str, list[str]] = {}
    for other in thread.by_id:
        if other in below:
            grouped.setdefault(thread[other].level, []).append(other)
    order = {key: i for i, key in enumerate(thread.levels.keys)}
    keys = sorted(grouped, key=lambda k: (order.get(k, len(order)), k))
    return {k: tuple(grouped[k]) for k in keys}
