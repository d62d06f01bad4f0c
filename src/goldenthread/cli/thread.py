"""The ``thread`` command (``check``, which covers the whole framework, is in
:mod:`goldenthread.cli.check`).

``goldenthread thread SOURCE [--from ID] [--to ID] [--format text|dot|mermaid|json]``
prints the golden thread as a tree (or a Graphviz/Mermaid diagram): ``--from`` starts it
at one item, ``--to`` keeps only the paths down to one item.
"""

from __future__ import annotations

import json

import click

from goldenthread.cli.options import open_source, organisation_option, parse_as_at
from goldenthread.thread.diagram import to_dot, to_mermaid
from goldenthread.thread.tree import render_tree, walk

__all__ = ["thread_command"]


@click.command("thread")
@click.argument("source")
@organisation_option
@click.option("--from", "root", metavar="ID", help="Start the tree at this item.")
@click.option("--to", "target", metavar="ID", help="Show only the paths down to this item.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "dot", "mermaid", "json"]),
    default="text",
    show_default=True,
    help="A text tree, a Graphviz DOT or Mermaid diagram, or JSON lines of the tree.",
)
@click.option(
    "--as-at", "as_at", default=None, help="Read a store as recorded at this date or timestamp."
)
def thread_command(
    source: str,
    root: str | None,
    target: str | None,
    fmt: str,
    as_at: str | None,
    organisation: str | None,
) -> None:
    """Print the golden thread of SOURCE (a bundle folder or workbook) as a tree."""
    thread = open_source(source, parse_as_at(as_at), organisation, parts=("thread",)).thread
    for option, value in (("--from", root), ("--to", target)):
        if value is not None and value not in thread:
            click.echo(f"error: {option}: no item {value!r} in the thread", err=True)
            raise SystemExit(2)
    if fmt == "text":
        click.echo(render_tree(thread, root, target))
        return
    rows = list(walk(thread, root, target))
    if fmt == "json":
        out = [
            {
                "depth": depth,
                "id": node,
                "title": thread[node].title,
                "level": thread[node].level,
                "kind": thread[node].kind.value,
                "repeated": repeated,
            }
            for depth, node, repeated in rows
        ]
        click.echo(json.dumps(out, indent=2))
        return
    ids = {node for _, node, _ in rows}
    click.echo(to_dot(thread, ids) if fmt == "dot" else to_mermaid(thread, ids))
