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
    from goldenthread.cli.assess import assess_command
    from goldenthread.cli.benchmark import benchmark_command
    from goldenthread.cli.check import check_command
    from goldenthread.cli.demo import demo_command
    from goldenthread.cli.finance import budget_command, mtfp_command
    from goldenthread.cli.history import history_command
    from goldenthread.cli.plugins import plugins_command
    from goldenthread.cli.report import publish_command, report_command
    from goldenthread.cli.risks import risks_command
    from goldenthread.cli.schedule import schedule
    from goldenthread.cli.store import export_command, import_command, template_command
    from goldenthread.cli.thread import thread_command

    commands: list[click.Command] = [
        demo_command,
        assess_command,
        benchmark_command,
        check_command,
        budget_command,
        mtfp_command,
        plugins_command,
        risks_command,
        schedule,
        thread_command,
        import_command,
        export_command,
        template_command,
        report_command,
        publish_command,
        history_command,
    ]
    for command in commands:
        main.add_command(command)


_attach()
