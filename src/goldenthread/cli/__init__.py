"""The ``goldenthread`` command line.

Each command lives in a module of this package named after it; :func:`main` is the
group they are attached to.  Exit codes: 0 success, 1 findings of error severity,
2 bad input.
"""

from __future__ import annotations

import click

from goldenthread import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goldenthread")
def main() -> None:
    """goldenthread: a council's performance management framework as software."""


def _attach() -> None:
    commands: list[click.Command] = []
    for command in commands:
        main.add_command(command)


_attach()
