"""goldenthread against an analyst's pandas script, on the #14 workload (issue 14).

Run with ``pytest benchmarks/bench_vs_pandas.py --benchmark-enable -p no:cacheprovider -s``.

The workload (``workload.py``: 1,000 monthly indicators over ten years, 120,000 values, a
fifth each ``ratio``, ``sum``, ``last``, ``mean`` and data-only) is written to a
temporary folder and assessed for 2024/25 Q4 two ways:

* ``goldenthread assess BUNDLE --period "2024/25 Q4" --format csv``, and in process
  :func:`~goldenthread.load_bundle` then :func:`~goldenthread.indicators.assess.assess_all`;
* ``pandas_assess.py``, an independent pandas implementation of the same figures (it
  imports nothing from goldenthread), as a process and as a function.

Every figure (value, counts, target, status, both directions, the previous and last
year's values, the year to date's value, target and status, the year target) must agree
for all 1,000 indicators, as printed at the indicator's decimals; a disagreement fails
with the cells that differ.  Nothing is timed against a limit.

The whole-process figures are CPU seconds (user + system of the child process, from
``resource.getrusage(RUSAGE_CHILDREN)`` around each run), the median of three runs
taken alternately (goldenthread, pandas, goldenthread, ...), printed as a table (``-s``)
with their ratio and kept in the benchmark's ``extra_info``; the benchmark's own
statistics for that test are the wall time of all six runs.  The in-process
benchmarks time ``load_bundle`` + ``assess_all`` and the pandas function (three rounds
each), and record their median CPU seconds in ``extra_info`` too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread import load_bundle
from goldenthread.indicators.assess import Assessment, assess_all
from goldenthread.periods import parse_period
from pandas_assess import assess as pandas_assess
from pandas_assess import disagreements, records
from workload import PERIOD, write_bundle

INDICATORS = 1000
RUNS = 3
PANDAS_SCRIPT = Path(__file__).with_name("pandas_assess.py")
T = TypeVar("T")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundle(tmp_path_factory.mktemp("vs-pandas") / "council", indicators=INDICATORS)


def _goldenthread_command() -> list[str]:
    script = Path(sys.executable).with_name("goldenthread")
    found = str(script) if script.exists() else shutil.which("goldenthread")
    assert found, "the goldenthread command is not installed"
    return [found]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _goldenthread_rows(assessments: list[Assessment]) -> list[dict[str, str]]:
    """The assessments as ``goldenthread assess --format csv`` prints them."""
    return [{k: "" if v is None else str(v) for k, v in a.to_dict().items()} for a in assessments]


def _agree(goldenthread: list[dict[str, str]], pandas: list[dict[str, str]]) -> None:
    found = disagreements(pandas, goldenthread)
    shown = "\n".join(found[:50])
    assert not found, f"{len(found)} figures differ (pandas != goldenthread):\n{shown}"
    assert len(goldenthread) == INDICATORS


def _cpu_run(command: list[str]) -> tuple[float, str]:
    """Run ``command`` to completion: its CPU seconds (user + system) and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stderr}"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stdout


def test_whole_process_cpu(benchmark: BenchmarkFixture, bundle: Path) -> None:
    goldenthread = [
        *_goldenthread_command(),
        *("assess", str(bundle), "--period", PERIOD, "--format", "csv"),
    ]
    pandas = [sys.executable, str(PANDAS_SCRIPT), str(bundle), "--period", PERIOD]
    times: dict[str, list[float]] = {"goldenthread": [], "pandas": []}
    outputs: dict[str, set[str]] = {"goldenthread": set(), "pandas": set()}

    def alternate() -> None:
        for _ in range(RUNS):
            for name, command in (("goldenthread", goldenthread), ("pandas", pandas)):
                cpu, out = _cpu_run(command)
                times[name].append(cpu)
                outputs[name].add(out)

    benchmark.pedantic(alternate, rounds=1, iterations=1)  # type: ignore[no-untyped-call]

    assert len(outputs["goldenthread"]) == len(outputs["pandas"]) == 1  # same every run
    _agree(_rows(outputs["goldenthread"].pop()), _rows(outputs["pandas"].pop()))
    medians = {name: statistics.median(cpu) for name, cpu in times.items()}
    ratio = medians["goldenthread"] / medians["pandas"]
    benchmark.extra_info.update(
        {
            "goldenthread_cpu_s": round(medians["goldenthread"], 3),
            "pandas_cpu_s": round(medians["pandas"], 3),
            "ratio": round(ratio, 2),
            "goldenthread_runs_cpu_s": [round(t, 3) for t in times["goldenthread"]],
            "pandas_runs_cpu_s": [round(t, 3) for t in times["pandas"]],
        }
    )
    print(f"\nWhole process, CPU seconds (user + sys), {INDICATORS} indicators, {PERIOD}:")
    print(f"  {'':22}{'median':>8}  runs")
    for name, label in (("goldenthread", "goldenthread assess"), ("pandas", "pandas script")):
        runs = " ".join(f"{t:.2f}" for t in times[name])
        print(f"  {label:22}{medians[name]:>8.2f}  {runs}")
    print(f"  {'ratio':22}{ratio:>7.1f}x")


def _cpu_median(benchmark: BenchmarkFixture, name: str, run: Callable[[], T]) -> T:
    """Benchmark ``run`` for three rounds; record and print its median CPU seconds."""
    cpu: list[float] = []
    result: list[T] = []

    def timed() -> None:
        start = time.process_time()
        result.append(run())
        cpu.append(time.process_time() - start)

    benchmark.pedantic(timed, rounds=RUNS, iterations=1)  # type: ignore[no-untyped-call]
    median = statistics.median(cpu)
    benchmark.extra_info["cpu_s"] = round(median, 3)
    print(f"\nIn process, {name}: {median:.3f} CPU s (median of {len(cpu)})")
    return result[-1]


def _goldenthread_in_process(bundle: Path) -> list[Assessment]:
    """``load_bundle`` and ``assess_all`` as the command makes them (judged today)."""
    framework = load_bundle(bundle)
    dataset = framework.indicators
    period = parse_period(PERIOD, dataset.year_start_month)
    return assess_all(dataset, period, rules=framework.rag_rules, as_at=dt.date.today())


def test_goldenthread_in_process(benchmark: BenchmarkFixture, bundle: Path) -> None:
    assessments = _cpu_median(
        benchmark, "goldenthread load_bundle + assess_all", lambda: _goldenthread_in_process(bundle)
    )
    _agree(_goldenthread_rows(assessments), records(pandas_assess(bundle, PERIOD)))


def test_pandas_in_process(benchmark: BenchmarkFixture, bundle: Path) -> None:
    frame = _cpu_median(
        benchmark, "pandas read_csv + assess", lambda: pandas_assess(bundle, PERIOD)
    )
    _agree(_goldenthread_rows(_goldenthread_in_process(bundle)), records(frame))
