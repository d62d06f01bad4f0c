"""``goldenthread plugins``: list every loaded plugin and the hooks it implements, then
every name a council can select and where (``framework.toml`` key or command line)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click
import pluggy

from goldenthread.io.presets import SELECTABLE
from goldenthread.plugins import (
    COLLECTION_HOOKS,
    PluginError,
    PluginInfo,
    collect,
    get_plugin_manager,
    plugin_listing,
)
from goldenthread.thread.progress import RollupRule

__all__ = ["plugins_command", "render_listing", "render_selectable", "selectable_names"]


def _source(info: PluginInfo) -> str:
    if info.builtin:
        return "built-in"
    if info.distribution is not None:
        return f"{info.distribution} {info.version}"
    return info.module


def render_listing(listing: Sequence[PluginInfo], output_format: str) -> str:
    """The listing as ``goldenthread plugins`` prints it.

    ``table``: one row per plugin with its name, where it comes from (``built-in``, the
    distribution and version, or the module) and its hooks without the ``goldenthread_``
    prefix.  ``json``: a list of :meth:`PluginInfo.to_dict` objects.
    """
    if output_format == "json":
        return json.dumps([info.to_dict() for info in listing], indent=2)
    rows = [("NAME", "SOURCE", "HOOKS")]
    rows.extend(
        (
            info.name,
            _source(info),
            ", ".join(hook.removeprefix("goldenthread_") for hook in info.hooks) or "-",
        )
        for info in listing
    )
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(
        f"{name.ljust(widths[0])}  {source.ljust(widths[1])}  {hooks}"
        for name, source, hooks in rows
    )


def selectable_names(pm: pluggy.PluginManager) -> list[tuple[str, str, str]]:
    """One row per kind of selectable thing: what it is, where it is selected and the
    names on offer from ``pm``'s plugins (or why they cannot be listed)."""
    rows = []
    for short, where in SELECTABLE.items():
        noun = COLLECTION_HOOKS[short].noun
        try:
            names = ", ".join(sorted(collect(pm, short))) or "none"
        except PluginError as exc:
            names = f"cannot be listed: {exc}"
        rows.append((noun, where, names))
    rows.append(
        (
            "roll-up rule",
            "[thread] rollup (and rollup_tolerance)",
            ", ".join(rule.value for rule in RollupRule),
        )
    )
    return rows


def render_selectable(rows: Sequence[tuple[str, str, str]]) -> str:
    """The selectable names as a table: what, where it is selected, the names."""
    table = [("SELECTABLE", "WHERE", "NAMES"), *rows]
    widths = [max(len(row[i]) for row in table) for i in range(2)]
    return "\n".join(
        f"{what.ljust(widths[0])}  {where.ljust(widths[1])}  {names}"
        for what, where, names in table
    )


@click.command("plugins")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for machines.",
)
def plugins_command(output_format: str) -> None:
    """List every loaded plugin (built-in and installed) and the hooks it implements,
    then (as a table) every name a council can select and where it selects it."""
    pm = get_plugin_manager()
    click.echo(render_listing(plugin_listing(pm), output_format))
    if output_format == "table":
        click.echo("\n" + render_selectable(selectable_names(pm)))
