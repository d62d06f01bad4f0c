"""Tracing the thread up to the priorities an item serves and down to what contributes.

* :func:`trace_up`: every path from an item up to a root (an item that contributes to
  nothing), e.g. an officer's objective to the Community Strategy priority it serves.
* :func:`trace_down`: everything that contributes to an item, level by level.
* :func:`ancestors` and :func:`descendants`: the sets behind them.  They are inverse
  views of the same links: ``b in descendants(t, a)`` exactly when
  ``a in ancestors(t, b)``.

All traversals are iterative and visit each item once, so cycles and deep threads are
safe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from goldenthread.thread.graph import Thread

__all__ = ["ancestors", "descendants", "trace_down", "trace_up"]


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
