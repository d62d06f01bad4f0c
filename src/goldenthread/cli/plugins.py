"""``goldenthread plugins``: list every loaded plugin and the hooks it implements."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click

from goldenthread.plugins import PluginInfo, get_plugin_manager, plugin_listing

__all__ = ["plugins_command", "render_listing"]


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
    """List every loaded plugin (built-in and installed) and the hooks it implements."""
    click.echo(render_listing(plugin_listing(get_plugin_manager()), output_format))
