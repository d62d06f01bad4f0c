"""The ``goldenthread`` command line.

Each command lives in a module of this package named after it; :func:`main` is the
group they are attached to.  Exit codes: 0 success, 1 findings of error severity,
2 bad input.

A command's module is imported only when that command runs (or its own ``--help`` is
asked for): ``goldenthread --help`` lists the commands from the one-line summaries in
:data:`COMMANDS`, so ``goldenthread assess`` never pays for the report renderers, the
risk code or the holiday calendars it does not use.  See
``docs/decisions/lazy-imports.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, NamedTuple

import click

from goldenthread import __version__

__all__ = ["main"]


class LazyCommand(NamedTuple):
    """Where a command lives, and its summary for ``goldenthread --help``.

    Attributes:
        module: the module that defines the command.
        attribute: the command's name in that module.
        summary: the first paragraph of the command's help, as one line (the listing
            shortens it to fit the terminal exactly as click would).
    """

    module: str
    attribute: str
    summary: str


COMMANDS: Mapping[str, LazyCommand] = {
    "demo": LazyCommand(
        "goldenthread.cli.demo",
        "demo_command",
        "Run the main job on the example councils and write their outputs into OUTPUT.",
    ),
    "assess": LazyCommand(
        "goldenthread.cli.assess",
        "assess_command",
        "Assess every indicator of SOURCE for a period: value, target, RAG, direction.",
    ),
    "benchmark": LazyCommand(
        "goldenthread.cli.benchmark",
        "benchmark_command",
        "Benchmark SOURCE's indicators against their comparator groups for --period.",
    ),
    "check": LazyCommand(
        "goldenthread.cli.check",
        "check_command",
        "Check SOURCE (a bundle or a store URL); exit 1 if any finding is an error.",
    ),
    "budget": LazyCommand(
        "goldenthread.cli.finance",
        "budget_command",
        "Monitor SOURCE's revenue budget as at a month: by line, service and council.",
    ),
    "mtfp": LazyCommand(
        "goldenthread.cli.finance",
        "mtfp_command",
        "Work out SOURCE's Medium Term Financial Plan: requirement, funding and gap by"
        " year, with the savings at risk against the gap.",
    ),
    "plugins": LazyCommand(
        "goldenthread.cli.plugins",
        "plugins_command",
        "List every loaded plugin (built-in and installed) and the hooks it implements,"
        " then (as a table) every name a council can select and where it selects it.",
    ),
    "risks": LazyCommand(
        "goldenthread.cli.risks",
        "risks_command",
        "Score the risk register in SOURCE: ratings, appetite, escalation, trends.",
    ),
    "schedule": LazyCommand(
        "goldenthread.cli.schedule",
        "schedule",
        "Print the planning and review cycle of SOURCE for a financial year.",
    ),
    "thread": LazyCommand(
        "goldenthread.cli.thread",
        "thread_command",
        "Print the golden thread of SOURCE (a bundle folder or workbook) as a tree.",
    ),
    "import": LazyCommand(
        "goldenthread.cli.store",
        "import_command",
        "Load BUNDLE and save it into the store at URL as one batch.",
    ),
    "export": LazyCommand(
        "goldenthread.cli.store",
        "export_command",
        "Write the framework held by SOURCE (a bundle or store URL) as a bundle: a folder,"
        " or a workbook (with its settings in a .toml file beside it) when OUTPUT ends in"
        " .xlsx.",
    ),
    "template": LazyCommand(
        "goldenthread.cli.store",
        "template_command",
        "Write an empty bundle workbook (with a guidance sheet) to OUTPUT.",
    ),
    "report": LazyCommand(
        "goldenthread.cli.report",
        "report_command",
        "Build a report of KIND (performance, risk, thread, data-quality, service-plan, budget).",
    ),
    "publish": LazyCommand(
        "goldenthread.cli.report",
        "publish_command",
        "Publish SOURCE's public open data for a period: CSV, datapackage.json, index.html.",
    ),
    "history": LazyCommand(
        "goldenthread.cli.history",
        "history_command",
        "Every revision in the store SOURCE (of SUBJECT: an item id, risk id or indicator"
        " code), with who, when and why; or what changed between --from and --to.",
    ),
}
"""Every command of :func:`main`, by name: where it lives and its summary."""


class LazyGroup(click.Group):
    """A click group that imports a command's module the first time the command is used.

    ``lazy_commands`` maps each command name to its :class:`LazyCommand`; commands added
    with :meth:`add_command` work as in any group.  The command listing of ``--help``
    uses the summaries, so it imports nothing.
    """

    def __init__(
        self, *args: Any, lazy_commands: Mapping[str, LazyCommand] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, LazyCommand] = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, loaded or not, sorted."""
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, importing its module if it is not loaded yet."""
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        lazy = self.lazy_commands.get(cmd_name)
        if lazy is None:
            return None
        loaded = getattr(importlib.import_module(lazy.module), lazy.attribute)
        if not isinstance(loaded, click.Command):
            raise TypeError(f"{lazy.module}.{lazy.attribute} is not a click command")
        self.add_command(loaded, cmd_name)
        return loaded

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The ``Commands`` section of ``--help``, as click writes it, without imports."""
        summaries: list[tuple[str, click.Command | str]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                summaries.append((name, self.lazy_commands[name].summary))
            elif not command.hidden:
                summaries.append((name, command))
        if not summaries:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in summaries)
        rows = [
            (
                name,
                _short_help(summary, limit)
                if isinstance(summary, str)
                else summary.get_short_help_str(limit),
            )
            for name, summary in summaries
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _short_help(summary: str, limit: int) -> str:
    # The summary shortened exactly as click shortens a loaded command's help.
    return click.Command(None, help=summary).get_short_help_str(limit)


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="goldenthread")
def main() -> None:
    """goldenthread: a council's performance management framework as software."""
