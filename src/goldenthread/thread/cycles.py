"""Finding cycles in the thread's upward links.

:func:`find_cycles` returns every strongly connected group of items that contribute to
each other (including an item that contributes to itself).  It first peels away every
item that cannot be on a cycle (repeatedly removing items with no remaining parent, then
items with no remaining child), then runs an iterative Tarjan search over what is left,
so it is linear in items and links and has no recursion limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

__all__ = ["find_cycles"]

_NONE: tuple[str, ...] = ()


def _peel(
    nodes: Iterable[str], up: Mapping[str, Sequence[str]], down: Mapping[str, Sequence[str]]
) -> set[str]:
    """The nodes left after repeatedly removing nodes with no remaining ``up`` edge."""
    remaining: dict[str, int] = {}
    queue: list[str] = []
    for node in nodes:
        count = len(up.get(node, _NONE))
        remaining[node] = count
        if count == 0:
            queue.append(node)
    while queue:
        node = queue.pop()
        for other in down.get(node, _NONE):
            left = remaining.get(other)
            if left is None:
                continue
            left -= 1
            remaining[other] = left
            if left == 0:
                queue.append(other)
    return {n for n, count in remaining.items() if count > 0}


def _peel_leaves(
    parents: Mapping[str, Sequence[str]], children: Mapping[str, Sequence[str]]
) -> set[str]:
    """The nodes left after repeatedly removing nodes with no remaining child.

    Only nodes with children are counted, so the leaves (most of a thread) cost one
    membership test each.
    """
    remaining = {node: len(kids) for node, kids in children.items()}
    queue: list[str] = []
    for node, ups in parents.items():
        if node in remaining:
            continue
        for up in ups:
            left = remaining[up] - 1
            remaining[up] = left
            if left == 0:
                queue.append(up)
    while queue:
        node = queue.pop()
        for up in parents.get(node, _NONE):
            left = remaining[up] - 1
            remaining[up] = left
            if left == 0:
                queue.append(up)
    return {node for node, count in remaining.items() if count > 0}


def find_cycles(
    parents: Mapping[str, Sequence[str]], children: Mapping[str, Sequence[str]]
) -> list[tuple[str, ...]]:
    """Every cycle group along the ``parents`` edges.

    ``parents`` maps a node to the nodes it contributes to and ``children`` is its exact
    inverse (as :attr:`Thread.parent_map` and :attr:`Thread.child_map` are).  Each group
    is a tuple of ids sorted by id; groups are sorted by their first id.  A single item is
    a group only when it is its own parent.
    """
    left = _peel_leaves(parents, children)
    if not left:
        return []
    up = {n: [p for p in parents.get(n, _NONE) if p in left] for n in left}
    down: dict[str, list[str]] = {}
    for n, ups in up.items():
        for p in ups:
            down.setdefault(p, []).append(n)
    left = _peel(left, up, down)
    if not left:
        return []
    return _tarjan({n: [p for p in up[n] if p in left] for n in left})


def _tarjan(graph: Mapping[str, Sequence[str]]) -> list[tuple[str, ...]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[tuple[str, ...]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            ups = graph[node]
            advanced = False
            while i < len(ups):
                nxt = ups[i]
                i += 1
                if nxt not in index:
                    work.append((node, i))
                    work.append((nxt, 0))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph[node]:
                    groups.append(tuple(sorted(group)))
            if work:
                caller = work[-1][0]
                low[caller] = min(low[caller], low[node])
    groups.sort()
    return groups
