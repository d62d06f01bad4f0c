"""Benchmarks of the report builders on a synthetic large council.

Run with ``.venv/bin/pytest benchmarks/bench_report_builders.py --benchmark-enable
-p no:cacheprovider``.

The council has 1,000 monthly indicators with three years of values (36,000 values, the
latest half-year provisional) and yearly targets, a thread of 5,000 items (25 corporate
priorities, 250 service objectives, 2,500 team actions and 2,224 individual objectives)
and 500 risks linked to the priorities.  Measured: building the public performance
report for a half-year, rendering it as HTML and XLSX, and building the open data; and end
to end from an SQLite store holding the council (opening the store, loading the framework,
building the report and rendering it as HTML), both in the benchmark's process and in a
new Python process, so that interpreter start-up and imports count too.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from decimal import Decimal

import attrs
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.framework import Authority, Framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, Classification, IndicatorDefinition
from goldenthread.indicators.polarity import DataStatus, Polarity
from goldenthread.indicators.targets import Target
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.persist import load_framework, save_framework, settings_parts
from goldenthread.periods import FinancialYear, Frequency, HalfYear
from goldenthread.reports import Report, render
from goldenthread.reports.builders import PerformanceReport
from goldenthread.reports.publish import open_data
from goldenthread.risk.register import Assessment, Risk
from goldenthread.serialise import make_converter
from goldenthread.storage import open_store
from goldenthread.thread import GENERIC, Item, ItemKind, ItemStatus, ProgressUpdate, Thread
from goldenthread.thread.levels import Classification as ItemClassification

PERIOD = HalfYear(2024, 1)
TODAY = dt.date(2024, 11, 1)
YEARS = (2022, 2023, 2024)


def _thread(rnd: random.Random) -> Thread:
    start, due = dt.date(2024, 4, 1), dt.date(2025, 3, 31)
    # the corporate plan is published: a public report shows only what is public all the
    # way up the thread, so an internal plan would hide its 25 priorities
    items = [
        Item(
            "CP",
            ItemKind.PLAN,
            "Corporate Plan",
            "corporate",
            status=ItemStatus.APPROVED,
            classification=ItemClassification.PUBLIC,
        )
    ]
    for p in range(25):
        items.append(
            Item(
                f"P{p}",
                ItemKind.OBJECTIVE,
                f"Priority {p}",
                "corporate",
                plan="CP",
                status=ItemStatus.APPROVED,
                classification=ItemClassification.PUBLIC,
            )
        )
    for s in range(250):
        items.append(
            Item(
                f"S{s}",
                ItemKind.OBJECTIVE,
                f"Service objective {s}",
                "service",
                parent=f"P{s % 25}",
                status=ItemStatus.APPROVED,
                classification=ItemClassification.PUBLIC,
            )
        )
    for t in range(2500):
        items.append(
            Item(
                f"T{t}",
                ItemKind.ACTION,
                f"Team action {t}",
                "team",
                parent=f"S{t % 250}",
                owner=f"Team {t % 40}",
                start=start,
                due=due,
                status=ItemStatus.IN_PROGRESS,
                progress=Decimal(rnd.randint(0, 100)),
                classification=ItemClassification.PUBLIC
                if t % 3 == 0
                else ItemClassification.INTERNAL,
                updates=(ProgressUpdate(dt.date(2024, 10, 1), Decimal(40), "On track."),),
            )
        )
    for i in range(2224):
        items.append(
            Item(
                f"I{i}",
                ItemKind.OBJECTIVE,
                f"Personal objective {i}",
                "individual",
                parent=f"T{i}",
                owner=f"Person {i}",
                classification=ItemClassification.PERSONAL,
            )
        )
    return Thread(items, GENERIC)


def _indicators(rnd: random.Random) -> IndicatorSet:
    definitions, values, targets = [], [], []
    months = [m for year in YEARS for m in FinancialYear(year).month_periods()]
    for i in range(1000):
        code = f"PI {i:04d}"
        ratio = i % 2 == 0
        definitions.append(
            IndicatorDefinition(
                code,
                f"Indicator {i}",
                Polarity.HIGHER if i % 3 else Polarity.LOWER,
                Aggregation.RATIO if ratio else Aggregation.SUM,
                Frequency.MONTHLY,
                unit="%" if ratio else "cases",
                decimals=1,
                factor=Decimal(100) if ratio else Decimal(1),
                classification=Classification.INTERNAL if i % 10 == 0 else Classification.PUBLIC,
                objective=f"S{i % 250}",
                service="Customer services" if i % 50 == 0 else "Other",
            )
        )
        for month in months:
            status = DataStatus.PROVISIONAL if month.start >= PERIOD.start else DataStatus.VERIFIED
            if ratio:
                den = rnd.randint(50, 500)
                values.append(
                    IndicatorValue.counts(code, month, rnd.randint(0, den), den, status=status)
                )
            else:
                values.append(
                    IndicatorValue.present(code, month, Decimal(rnd.randint(0, 999)), status=status)
                )
        for year in YEARS:
            target = Decimal(rnd.randint(40, 90)) if ratio else Decimal(rnd.randint(3000, 9000))
            targets.append(Target(code, FinancialYear(year), target))
    return IndicatorSet.build(definitions, values, targets)


def _risks(rnd: random.Random) -> tuple[Risk, ...]:
    def pair() -> Assessment:
        return Assessment(rnd.randint(1, 5), rnd.randint(1, 5))

    return tuple(
        Risk(
            f"R{r}",
            f"Risk {r}",
            owner=f"Head {r % 30}",
            category="financial",
            objectives=(f"P{r % 25}",),
            inherent=pair(),
            current=pair(),
            target=pair(),
        )
        for r in range(500)
    )


def _council() -> Framework:
    rnd = random.Random(2024)
    return Framework(
        Authority("Synthetic Borough Council", code="synthetic"),
        thread=_thread(rnd),
        indicators=_indicators(rnd),
        risks=_risks(rnd),
    )


COUNCIL = _council()
REPORT = PerformanceReport().build(COUNCIL, PERIOD, today=TODAY)


def test_build_performance_report(benchmark: BenchmarkFixture) -> None:
    report: Report = benchmark(PerformanceReport().build, COUNCIL, PERIOD, today=TODAY)
    assert sum(anchor.startswith("priority-") for anchor in report.section_ids()) == 25


def test_render_performance_html(benchmark: BenchmarkFixture) -> None:
    html = benchmark(render, REPORT, "html")
    assert isinstance(html, str)


def test_render_performance_xlsx(benchmark: BenchmarkFixture) -> None:
    book = benchmark(render, REPORT, "xlsx")
    assert isinstance(book, bytes)


def test_build_and_render_performance_html(benchmark: BenchmarkFixture) -> None:
    def run() -> str | bytes:
        return render(PerformanceReport().build(COUNCIL, PERIOD, today=TODAY), "html")

    assert benchmark(run)


def test_open_data(benchmark: BenchmarkFixture) -> None:
    data = benchmark(open_data, COUNCIL, PERIOD, today=TODAY)
    assert data.resources


# -- end to end: from SQLite -------------------------------------------------------------------

_END_TO_END = """
import datetime as dt
import sys

from goldenthread.io.persist import load_framework
from goldenthread.periods import HalfYear
from goldenthread.reports import render
from goldenthread.reports.builders import PerformanceReport
from goldenthread.storage import open_store

with open_store(sys.argv[1]) as store:
    framework = load_framework(store)
report = PerformanceReport().build(framework, HalfYear(2024, 1), today=dt.date(2024, 11, 1))
html = render(report, "html")
sys.stdout.write(str(len(html)))
"""


@pytest.fixture(scope="module")
def council_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite store holding the synthetic council (its settings made storable)."""
    parts = settings_parts({}, COUNCIL.organisation)
    council = attrs.evolve(COUNCIL, cycle=parts.cycle, branding=parts.branding)
    url = f"sqlite:///{tmp_path_factory.mktemp('council') / 'council.db'}"
    with open_store(url) as store:
        save_framework(
            store, council, by="bench", at=dt.datetime(2024, 11, 1, tzinfo=dt.UTC), why="bench"
        )
    return url


def test_performance_html_from_sqlite(benchmark: BenchmarkFixture, council_store: str) -> None:
    """Open the store, load the framework, build the report and render it as HTML."""
    converter = make_converter()

    def run() -> str | bytes:
        with open_store(council_store) as store:
            framework = load_framework(store, converter=converter)
        return render(PerformanceReport().build(framework, PERIOD, today=TODAY), "html")

    html = benchmark.pedantic(run, rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert html == render(REPORT, "html")


def test_performance_html_from_sqlite_new_process(
    benchmark: BenchmarkFixture, council_store: str
) -> None:
    """The same in a new Python process, so interpreter start-up and imports count too."""

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", _END_TO_END, council_store],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    length = benchmark.pedantic(run, rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert int(length) == len(render(REPORT, "html"))
