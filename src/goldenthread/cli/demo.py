"""``goldenthread demo``: the main job, run on the example councils.

For each example council (modelled on Rossendale's and Poole's frameworks) it loads the
bundle, saves it into the embedded SQLite store (``OUTPUT/<council>/goldenthread.db``),
reads it back from the store, and writes into ``OUTPUT/<council>``: every report kind
(HTML, Markdown and XLSX; a service plan report in HTML for each service) for the latest
quarter with data, the public open data, the reporting calendar of the financial year
that contains the judging day and of the current financial year (text, JSON and iCalendar,
with each deadline done, late, overdue or not yet due from the recorded presentations),
the monthly budget monitoring report (HTML, Markdown and XLSX) for the latest month with
actuals that had ended by the judging day, when the council has finance data, the
framework's check findings, the golden thread as a tree and as Graphviz and Mermaid
diagrams, the indicator assessments, and the scored risk register; then it writes
``OUTPUT/index.html`` linking every output with a line on what each is for
(:mod:`goldenthread.cli.demo_index`), prints every path, and says to open the index first.

A council whose plugin is installed (``goldenthread-rossendale``, ``goldenthread-poole``:
the plugin that brands its ``[organisation] code``) is run through it: its
``framework.toml`` is given ``[branding] preset`` and ``terminology`` naming the plugin's
presets instead of its own ``[branding]``, so the reports show the plugin's logo, colours
and words.

``--on`` (the judging day; ``--as-at`` is accepted as another name for it, since the demo
makes a new store and has no earlier record to reproduce) defaults to the day the example
data describe (:data:`goldenthread.examples.EXAMPLE_AS_AT`), so the demo's reports read as
they would have on that day: only risk reviews, returns and presentations dated on or
before it count.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pluggy
import tomli_w

from goldenthread.branding import default_branding
from goldenthread.checks import check_framework
from goldenthread.cli.demo_index import INDEX_FILE, index_page
from goldenthread.cli.options import fail, judged_on, open_source, parse_on
from goldenthread.cli.schedule import schedule_records
from goldenthread.cycles.records import presented_by_occurrence
from goldenthread.cycles.render import render_schedule_text
from goldenthread.cycles.schedule import schedule_for_year
from goldenthread.cycles.status import assess_schedule
from goldenthread.errors import InputError
from goldenthread.examples import EXAMPLE_AS_AT, EXAMPLES, example_path
from goldenthread.framework import Framework
from goldenthread.indicators.assess import assess_all
from goldenthread.io.bundle import FRAMEWORK_FILE
from goldenthread.io.ical import schedule_to_ical
from goldenthread.io.persist import save_framework
from goldenthread.io.presets import presets_for
from goldenthread.io.source import load_source
from goldenthread.periods import Frequency, Month, Period, period_containing
from goldenthread.plugins import PluginError, get_plugin_manager
from goldenthread.reports import render
from goldenthread.reports.builders import builtin_report_kinds
from goldenthread.reports.builders.budget import BudgetReport
from goldenthread.reports.builders.service_plan import ServicePlanReport, service_plans
from goldenthread.reports.model import Report
from goldenthread.reports.publish import open_data as build_open_data
from goldenthread.reports.publish import write_open_data
from goldenthread.risk.assessment import assess_register
from goldenthread.storage import open_store
from goldenthread.thread.diagram import to_dot, to_mermaid
from goldenthread.thread.tree import render_tree

__all__ = ["demo_command", "latest_month_with_actuals", "latest_period_with_data"]


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


def latest_month_with_actuals(framework: Framework, on: dt.date) -> Month | None:
    """The latest month that had ended by ``on`` and has an actual posted to a budget
    line (``None`` when there is none, or the framework has no budget lines)."""
    if not framework.finance.lines:
        return None
    return framework.finance.latest_actual_month(on)


_FORMATS = {"html": "html", "md": "markdown", "xlsx": "xlsx"}


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
    framework: Framework, out: _Writer, as_at: dt.date, today: dt.date
) -> Iterator[tuple[str, Callable[[], None]]]:
    ysm = framework.year_start_month
    years = sorted(
        {period_containing(day, Frequency.ANNUAL, ysm).financial_year for day in (as_at, today)}
    )
    cycle = framework.cycle

    def calendar() -> None:
        for year in years:
            schedule = schedule_for_year(cycle.arrangements, year, cycle.calendar, cycle.meetings)
            done = presented_by_occurrence(framework.presentations, schedule)
            statuses = assess_schedule(schedule, as_at, cycle.calendar, completed=done)
            slug = year.label.replace("/", "-")
            out.text(f"calendar-{slug}.txt", render_schedule_text(schedule, statuses))
            out.text(f"calendar-{slug}.json", _json(schedule_records(schedule, statuses)))
            stamp = dt.datetime.combine(as_at, dt.time(9), tzinfo=dt.UTC)
            name = f"{framework.organisation.display_name} planning and review cycle"
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
        assessments = assess_all(
            framework.indicators, period, rules=framework.rag_rules, as_at=as_at
        )
        slug = period.label.replace("/", "-").replace(" ", "-")
        out.text(f"assessments-{slug}.json", _json([a.to_dict() for a in assessments]))

    def risks() -> None:
        scored = assess_register(framework.risks, framework.risk_settings)
        out.text("risks.json", _json([s.to_dict() for s in scored]))

    period = latest_period_with_data(framework, Frequency.QUARTERLY)

    def reports() -> None:
        if period is None:
            return
        slug = period.label.replace("/", "-").replace(" ", "-")
        for kind in builtin_report_kinds().values():
            if isinstance(kind, BudgetReport):
                continue  # monthly: written by the budget step
            if isinstance(kind, ServicePlanReport):
                for plan in service_plans(framework.thread):
                    report = kind.build(framework, period, today=as_at, service=plan)
                    write(report, f"report-service-plan-{plan}-{slug}", ("html",))
            else:
                report = kind.build(framework, period, today=as_at)
                write(report, f"report-{kind.name}-{slug}", ("html", "md", "xlsx"))

    def write(report: Report, stem: str, extensions: tuple[str, ...]) -> None:
        for extension in extensions:
            content = render(report, _FORMATS[extension], framework.branding)
            if isinstance(content, bytes):
                out.binary(f"{stem}.{extension}", content)
            else:
                out.text(f"{stem}.{extension}", content)

    month = latest_month_with_actuals(framework, as_at)

    def budget() -> None:
        if month is None:
            return
        report = BudgetReport().build(framework, month, today=as_at)
        write(report, f"report-budget-{month.label}", ("html", "md", "xlsx"))

    def open_data() -> None:
        if period is None:
            return
        data = build_open_data(framework, period, today=as_at)
        out.paths.extend(write_open_data(data, out.folder / "open-data"))

    yield f"reporting calendar {', '.join(y.label for y in years)}", calendar
    yield "integrity and consistency checks", checks
    yield "golden thread diagrams", thread
    yield "indicator assessments", indicators
    yield "risk register", risks
    yield f"reports for {period.label if period else 'no period'}", reports
    yield f"budget report for {month.label if month else 'no month with actuals'}", budget
    yield "public open data", open_data


def plugin_preset(framework: Framework, pm: pluggy.PluginManager) -> str | None:
    """The name of the branding preset of the installed plugin that brands the council
    (answers ``goldenthread_branding`` for its code with that branding), if there is one."""
    code = framework.organisation.code
    if not code:
        return None
    branding = pm.hook.goldenthread_branding(organisation=code)
    if branding is None or branding == default_branding():
        return None
    offered = presets_for(pm).brandings
    return next((name for name in sorted(offered) if offered[name] == branding), None)


def _load(name: str, pm: pluggy.PluginManager) -> tuple[Framework, str | None]:
    """The example council's framework, through its plugin's presets when one is
    installed, and the preset's name."""
    bundle = example_path(name)
    framework = load_source(str(bundle), plugin_manager=pm)
    preset = plugin_preset(framework, pm)
    if preset is None:
        return framework, None
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / name
        shutil.copytree(bundle, copy)
        settings_file = copy / FRAMEWORK_FILE
        settings = tomllib.loads(settings_file.read_text(encoding="utf-8"))
        settings["branding"] = {"preset": preset}
        if preset in presets_for(pm).terminology:
            settings["branding"]["terminology"] = preset
        settings_file.write_text(tomli_w.dumps(settings), encoding="utf-8")
        return load_source(str(copy), plugin_manager=pm), preset


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
    "--on",
    "--as-at",
    "on",
    metavar="DATE",
    default=None,
    callback=lambda ctx, param, value: parse_on(value),
    help=f"The judging day (default: {EXAMPLE_AS_AT}, the day the example data describe); "
    "--as-at is another name for it here.",
)
def demo_command(output: Path, council: str, on: dt.date | None) -> None:
    """Run the main job on the example councils and write their outputs into OUTPUT."""
    day = on if on is not None else EXAMPLE_AS_AT
    now = dt.datetime.now(dt.UTC)
    names = EXAMPLES if council == "all" else (council,)
    written: list[Path] = []
    by_council: dict[str, list[Path]] = {}
    notes: dict[str, str] = {}
    pm = get_plugin_manager()
    for name in names:
        click.echo(f"{name}: loading the example bundle")
        try:
            framework, preset = _load(name, pm)
        except (InputError, PluginError) as exc:
            fail(exc)
        if preset is not None:
            notes[name] = (
                f"Branded and worded by the installed plugin's preset {preset!r} "
                f'([branding] preset = "{preset}" and terminology = "{preset}" in '
                "framework.toml)."
            )
            click.echo(f"{name}: branded and worded by the plugin preset {preset!r}")
        writer = _Writer(output / name)
        database = writer.folder / "goldenthread.db"
        url = f"sqlite:///{database.resolve()}"
        click.echo(f"{name}: saving it into the embedded store {url}")
        with open_store(url) as store:
            batch = save_framework(
                store, framework, by="goldenthread demo", at=now, why=f"demo: {name} example"
            )
        saved = "nothing changed" if batch is None else f"batch {batch}"
        click.echo(f"{name}: reading it back from the store ({saved})")
        framework = judged_on(open_source(url, None), day)
        written.append(database)
        for label, step in _steps(framework, writer, day, now.date()):
            click.echo(f"{name}: {label}")
            step()
        written.extend(writer.paths)
        by_council[name] = [database, *writer.paths]
    titles = {kind.name: kind.title for kind in builtin_report_kinds().values()}
    index = output / INDEX_FILE
    index.write_text(index_page(output, by_council, titles, notes), encoding="utf-8")
    written.append(index)
    click.echo(f"\nWrote {len(written)} files:")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"\nOpen this first: {index}")
