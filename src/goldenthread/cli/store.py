"""Commands that move a framework between bundles and stores.

``goldenthread import BUNDLE --store URL [--by NAME] [--why TEXT]``
    Load the bundle and save it into the store as one batch (only what changed gets a new
    revision; an unchanged bundle writes nothing and says so).  The changes are worked out
    under the store's write lock, so simultaneous imports take turns.  A bundle with
    problems writes nothing: every problem is printed (file, row, column, reason) and the
    exit status is 2.  ``--by`` defaults to the operating
    system user name and the store stamps the batch with its own clock.
``goldenthread export SOURCE --output DIR|WORKBOOK.xlsx [--as-at TIMESTAMP]``
    Write the framework held by SOURCE (a bundle or a store URL) as a bundle folder.
``goldenthread template --output council.xlsx``
    Write an empty bundle workbook, with a guidance sheet, for a council to fill in.

Exit 0 on success, 2 on bad input.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import NoReturn

import click

from goldenthread.cli.options import organisation_option, parse_as_at
from goldenthread.errors import InputError, text_problem
from goldenthread.io.bundle import load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.persist import save_framework
from goldenthread.io.presets import presets_for
from goldenthread.io.source import load_source
from goldenthread.io.template import write_template
from goldenthread.plugins import PluginError, collect, get_plugin_manager, rag_rules_for
from goldenthread.serialise import make_converter
from goldenthread.storage import open_store
from goldenthread.storage.base import StoreError

__all__ = ["export_command", "import_command", "template_command"]


def _user() -> str:
    """The operating system user name, the default ``--by``."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        _fail(InputError("cannot tell who you are from the system; pass --by NAME"))


def _fail(error: Exception) -> NoReturn:
    click.echo(f"error: {error}", err=True)
    raise SystemExit(2)


@click.command("import")
@click.argument("bundle", type=click.Path(path_type=Path))
@click.option("--store", "url", required=True, help="Store URL, e.g. sqlite:///goldenthread.db.")
@click.option("--by", default=None, help="Who is importing (default: your user name).")
@click.option("--why", default=None, help="Why (default: 'import of BUNDLE').")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def import_command(bundle: Path, url: str, by: str | None, why: str | None, fmt: str) -> None:
    """Load BUNDLE and save it into the store at URL as one batch."""
    for name, text in (("BUNDLE", str(bundle)), ("--by", by), ("--why", why)):
        problem = text_problem(text)
        if problem is not None:
            _fail(InputError(f"{name} {problem}"))
    try:
        plugin_manager = get_plugin_manager()
        framework = load_bundle(
            bundle,
            calendars=dict(collect(plugin_manager, "holiday_calendars")),
            rag_rules=rag_rules_for(plugin_manager),
            presets=presets_for(plugin_manager),
        )
    except (InputError, PluginError) as exc:
        _fail(exc)
    who = by or _user()
    if text_problem(who) is not None:
        _fail(InputError(f"your user name {who!r} cannot be recorded; pass --by NAME"))
    try:
        with open_store(url, plugin_manager=plugin_manager) as store:
            batch = save_framework(
                store,
                framework,
                by=who,
                # Stamped by the store under its write lock, with its own clock: imports
                # from machines whose clocks disagree still take turns in order.
                at=None,
                why=why or f"import of {bundle}",
                converter=make_converter(plugin_manager),
            )
            size = (
                0
                if batch is None
                else next(b.size for b in reversed(store.batches()) if b.id == batch)
            )
    except (InputError, StoreError, PluginError) as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps({"store": url, "batch": batch, "changes": size}))
    elif batch is None:
        click.echo(f"{bundle} -> {url}: nothing changed, nothing written")
    else:
        click.echo(f"{bundle} -> {url}: batch {batch}, {size} changes")


@click.command("export")
@click.argument("source")
@organisation_option
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(path_type=Path),
    help="A folder, or a workbook ending in .xlsx.",
)
@click.option("--as-at", "as_at", default=None, help="Reproduce the state at this moment.")
def export_command(source: str, output: Path, as_at: str | None, organisation: str | None) -> None:
    """Write the framework held by SOURCE (a bundle or store URL) as a bundle: a folder,
    or a workbook (with its settings in a .toml file beside it) when OUTPUT ends in .xlsx."""
    try:
        framework = load_source(source, as_at=parse_as_at(as_at), organisation=organisation)
        folder = export_bundle(framework, output)
    except (InputError, StoreError, PluginError) as exc:
        _fail(exc)
    except OSError as exc:
        _fail(InputError(f"cannot write {output}: {exc.strerror or exc}"))
    click.echo(str(folder))


@click.command("template")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path))
def template_command(output: Path) -> None:
    """Write an empty bundle workbook (with a guidance sheet) to OUTPUT."""
    if output.suffix.lower() != ".xlsx":
        _fail(InputError(f"{output} must end in .xlsx"))
    try:
        written = write_template(output)
    except OSError as exc:
        _fail(InputError(f"cannot write {output}: {exc.strerror or exc}"))
    click.echo(str(written))
