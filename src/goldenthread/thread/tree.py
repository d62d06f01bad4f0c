"""The thread as a tree: text for the terminal, HTML for notebooks.

The tree runs top down along the contribution links: each root (an item contributing to
nothing) with the items contributing to it beneath.  An item contributing to several
parents appears under each; after its first appearance it is shown as ``(see above)``
and not expanded again.  ``root`` limits the tree to one item and what is beneath it;
``target`` limits it to the paths that lead down to one item.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from goldenthread.thread.graph import Thread
from goldenthread.thread.items import Item, ItemKind
from goldenthread.thread.trace import ancestors

__all__ = ["describe", "render_tree", "tree_html", "walk"]


def describe(item: Item) -> str:
    """A one-line description: id, title, then level, kind and state in brackets."""
    facts = [f"{item.level} {item.kind.value}"]
    if item.status is not None:
        facts.append(item.status.value)
    if item.kind is ItemKind.ACTION and item.progress is not None:
        facts.append(f"{item.progress}%")
    if item.owner:
        facts.append(item.owner)
    return f"{item.id}  {item.title}  [{', '.join(facts)}]"


def walk(
    thread: Thread, root: str | None = None, target: str | None = None
) -> Iterator[tuple[int, str, bool]]:
    """The tree in display order as ``(depth, item id, repeated)`` triples.

    Raises:
        KeyError: ``root`` or ``target`` is not an item of the thread.
    """
    keep: set[str] | None = None
    if target is not None:
        keep = set(ancestors(thread, target)) | {target}
    if root is not None:
        if root not in thread:
            raise KeyError(f"no item {root!r} in the thread")
        roots = [root]
    else:
        roots = thread.roots()
    shown: set[str] = set()
    stack = [(0, r) for r in reversed(roots) if keep is None or r in keep]
    while stack:
        depth, node = stack.pop()
        repeated = node in shown
        yield depth, node, repeated
        if repeated:
            continue
        shown.add(node)
        kids = [c for c in thread.children(node) if keep is None or c in keep]
        stack.extend((depth + 1, c) for c in reversed(kids))


def render_tree(thread: Thread, root: str | None = None, target: str | None = None) -> str:
    """The tree as indented text, one item per line (empty when nothing matches)."""
    lines = []
    for depth, node, repeated in walk(thread, root, target):
        text = f"{node}  (see above)" if repeated else describe(thread[node])
        lines.append("    " * depth + ("- " if depth else "") + text)
    return "\n".join(lines)


def tree_html(thread: Thread, limit: int = 500) -> str:
    """The tree as nested HTML lists (every text escaped), at most ``limit`` items."""
    out = [
        f"<div class='goldenthread-thread'><p><b>Golden thread</b>: {len(thread)} items, "
        f"levels {html.escape(', '.join(lv.name for lv in thread.levels))}</p>"
    ]
    depth_now = -1
    count = 0
    for depth, node, repeated in walk(thread):
        if count == limit:
            break
        count += 1
        while depth_now < depth:
            out.append("<ul>")
            depth_now += 1
        while depth_now > depth:
            out.append("</ul>")
            depth_now -= 1
        text = f"{node} (see above)" if repeated else describe(thread[node])
        out.append(f"<li>{html.escape(text)}</li>")
    out.extend("</ul>" for _ in range(depth_now + 1))
    if count == limit and len(thread) > limit:
        out.append(f"<p>... shown the first {limit} lines</p>")
    out.append("</div>")
    return "".join(out)
