"""``goldenthread demo``: the main job, run on the example councils.

For each example council (modelled on Rossendale's and Poole's frameworks) it loads the
bundle, then writes into ``--output``: the reporting calendar of the financial year that
contains ``--as-at`` (text, JSON and iCalendar), the framework's check findings, the
golden thread as a tree and as Graphviz and Mermaid diagrams, the indicator assessments
for the latest quarter with data, and the scored risk register, and prints every path.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from goldenthread.checks import check_framework
from goldenthread.cli.schedule import schedule_records
from goldenthread.cycles.render import render_schedule_text
from goldenthread.cycles.schedule import schedule_for_year
from goldenthread.cycles.status import assess_schedule
from goldenthread.errors import InputError
from goldenthread.examples import EXAMPLES, example_path
from goldenthread.framework import Framework
from goldenthread.indicators.assess import assess_all
from goldenthread.io.bundle import load_bundle
from goldenthread.io.ical import schedule_to_ical
from goldenthread.periods import Frequency, Period, period_containing
from goldenthread.risk.assessment import assess_register
from goldenthread.thread.diagram import to_dot, to_mermaid
from goldenthread.thread.tree import render_tree

__all__ = ["demo_command", "latest_period_with_data"]


def latest_period_with_data(framework: Framework, frequency: Frequency) -> Period | None:
    """The latest period of ``frequency`` that holds any recorded indicator value."""
    latest: Period | None = None
    for by_period in framework.indicators.recorded.values():
        for value in by_period.values():
            if value.value is None and value.numerator is None:
                continue
            candidate = value.period.with_frequency(frequency)
            if latest is None or candidate.start_index > latest.start_index:
                latest = candidate
    return latest


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


class _Writer:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.paths: list[Path] = []

    def text(self, name: str, content: str) -> None:
        path = self.folder / name
        path.write_text(content, encoding="utf-8")
        self.paths.append(path)

    def binary(self, name: str, content: bytes) -> None:
        path = self.folder / name
        path.write_bytes(content)
        self.paths.append(path)


def _steps(
    framework: Framework, out: _Writer, as_at: dt.date
) -> Iterator[tuple[str, Callable[[], None]]]:
    ysm = framework.year_start_month
    year = period_containing(as_at, Frequency.ANNUAL, ysm).financial_year
    cycle = framework.cycle

    def calendar() -> None:
        schedule = schedule_for_year(cycle.arrangements, year, cycle.calendar, cycle.meetings)
        statuses = assess_schedule(schedule, as_at, cycle.calendar)
        slug = year.label.replace("/", "-")
        out.text(f"calendar-{slug}.txt", render_schedule_text(schedule, statuses))
        out.text(f"calendar-{slug}.json", _json(schedule_records(schedule, statuses)))
        stamp = dt.datetime.combine(as_at, dt.time(9), tzinfo=dt.UTC)
        name = f"{framework.organisation.display_name}: planning and review cycle {year.label}"
        out.binary(f"calendar-{slug}.ics", schedule_to_ical(schedule, stamp=stamp, name=name))

    def checks() -> None:
        findings = check_framework(framework, as_at)
        out.text("check.json", _json([f.to_dict() for f in findings]))

    def thread() -> None:
        out.text("thread.txt", render_tree(framework.thread))
        out.text("thread.dot", to_dot(framework.thread))
        out.text("thread.mmd", to_mermaid(framework.thread))

    def indicators() -> None:
        period = latest_period_with_data(framework, Frequency.QUARTERLY)
        if period is None:
            return
        assessments = assess_all(framework.indicators, period, as_at=as_at)
        slug = period.label.replace("/", "-").replace(" ", "-")
        out.text(f"assessments-{slug}.json", _json([a.to_dict() for a in assessments]))

    def risks() -> None:
        scored = assess_register(framework.risks, framework.risk_settings)
        out.text("risks.json", _json([s.to_dict() for s in scored]))

    yield f"reporting calendar {year.label}", calendar
    yield "integrity and consistency checks", checks
    yield "golden thread diagrams", thread
    yield "indicator assessments", indicators
    yield "risk register", risks


@click.command("demo")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="The folder to write the example councils' outputs into.",
)
@click.option(
    "--council",
    type=click.Choice([*EXAMPLES, "all"]),
    default="all",
    show_default=True,
    help="Which example council to run.",
)
@click.option(
    "--as-at",
    "as_at",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date to produce everything as at (default: today).",
)
def demo_command(output: Path, council: str, as_at: dt.datetime | None) -> None:
    """Run the main job on the example councils and write their outputs into OUTPUT."""
    day = as_at.date() if as_at is not None else dt.datetime.now(dt.UTC).date()
    names = EXAMPLES if council == "all" else (council,)
    written: list[Path] = []
    for name in names:
        click.echo(f"{name}: loading the example bundle")
        try:
            framework = load_bundle(example_path(name))
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(2) from None
        writer = _Writer(output / name)
        for label, step in _steps(framework, writer, day):
            click.echo(f"{name}: {label}")
            step()
        written.extend(writer.paths)
    click.echo(f"\nWrote {len(written)} files:")
    for path in written:
        click.echo(f"  {path}")
