"""Diagrams of the thread: Graphviz DOT and Mermaid flowcharts.

Both draw the items as boxes ranked by level (top level at the top) with an arrow from
each item to the items it contributes to, as the seeds' golden thread diagrams do.
``ids`` limits the drawing to some items (e.g. a trace); every label is quoted safely:
text in a label is only ever text, never markup (Mermaid labels are HTML, so ``<``,
``>``, ``&``, ``"``, a backtick and ``#`` are written as Mermaid entity codes).
"""

from __future__ import annotations

from collections.abc import Collection

from goldenthread.thread.graph import Thread

__all__ = ["to_dot", "to_mermaid"]


def _selected(thread: Thread, ids: Collection[str] | None) -> list[str]:
    if ids is None:
        return list(thread.by_id)
    return [i for i in thread.by_id if i in ids]


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(thread: Thread, ids: Collection[str] | None = None) -> str:
    """The thread (or the items ``ids``) as a Graphviz DOT digraph, one rank per level."""
    nodes = _selected(thread, ids)
    chosen = set(nodes)
    lines = [
        "digraph golden_thread {",
        "  rankdir=BT;",
        '  node [shape=box, style="rounded", fontname="Helvetica"];',
    ]
    for n, level in enumerate(thread.levels):
        members = [i for i in nodes if thread[i].level == level.key]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{n} {{")
        lines.append(f"    label={_dot_quote(level.name)}; rank=same;")
        for i in members:
            label = _dot_quote(i)[:-1] + "\\n" + _dot_quote(thread[i].title)[1:]
            lines.append(f"    {_dot_quote(i)} [label={label}];")
        lines.append("  }")
    others = [i for i in nodes if thread[i].level not in thread.levels]
    for i in others:
        lines.append(f"  {_dot_quote(i)} [label={_dot_quote(i + ' ' + thread[i].title)}];")
    for child in nodes:
        for parent in thread.parents(child):
            if parent in chosen:
                lines.append(f"  {_dot_quote(child)} -> {_dot_quote(parent)};")
    lines.append("}")
    return "\n".join(lines)


_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "\r": " ",
    "\n": " ",
}


def _mermaid_text(text: str) -> str:
    """``text`` safe inside a quoted Mermaid label: quotes, markup (``<img ...>``),
    ampersands, backticks and ``#`` (which starts Mermaid's own entity codes) become
    entity codes, so the label shows as text and never as HTML; line breaks become
    spaces."""
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in text)


def to_mermaid(thread: Thread, ids: Collection[str] | None = None) -> str:
    """The thread (or the items ``ids``) as a Mermaid flowchart, one subgraph per level.

    Item ids are replaced by safe node names ``n0``, ``n1``...; the labels show them.
    """
    nodes = _selected(thread, ids)
    chosen = set(nodes)
    name = {i: f"n{k}" for k, i in enumerate(nodes)}
    lines = ["flowchart BT"]
    for n, level in enumerate(thread.levels):
        members = [i for i in nodes if thread[i].level == level.key]
        if not members:
            continue
        lines.append(f'  subgraph L{n}["{_mermaid_text(level.name)}"]')
        for i in members:
            lines.append(f'    {name[i]}["{_mermaid_text(i + ": " + thread[i].title)}"]')
        lines.append("  end")
    for i in nodes:
        if thread[i].level not in thread.levels:
            lines.append(f'  {name[i]}["{_mermaid_text(i + ": " + thread[i].title)}"]')
    for child in nodes:
        for parent in thread.parents(child):
            if parent in chosen:
                lines.append(f"  {name[child]} --> {name[parent]}")
    return "\n".join(lines)
