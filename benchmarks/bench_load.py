"""Reading a whole council's history: the issue-14 workload from a bundle and a store.

Run with ``.venv/bin/pytest benchmarks/bench_load.py --benchmark-enable -p no:cacheprovider -s``.

The workload (``benchmarks/workload.py``) is 1,000 monthly indicators over ten years:
120,000 values and 10,000 targets.  Measured: ``load_bundle`` of its CSV bundle, and
``load_framework`` of the same council from an SQLite store, each also read for its
indicators alone (``parts``); and, in a new process each, ``goldenthread assess`` from
the bundle and from the store, with its CPU time and peak memory (from
:func:`resource.getrusage` of the child).  Targets (issue 14): ``load_bundle`` under
0.4 s of CPU, the store under 0.3 s, the assessment's peak memory under 150 MB.  The CPU
figures are printed and kept in ``extra_info``; nothing here asserts a time.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.storage import open_store

sys.path.insert(0, str(Path(__file__).parent))
from workload import PERIOD, write_bundle

GOLDENTHREAD = Path(sys.executable).with_name("goldenthread")
TIME = "/usr/bin/time"
"""GNU time, which reports a process's CPU time and peak memory."""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundle(tmp_path_factory.mktemp("workload") / "bundle")


@pytest.fixture(scope="module")
def store_url(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'council.db'}"
    with open_store(url) as store:
        save_framework(
            store,
            load_bundle(bundle),
            by="benchmark",
            at=dt.datetime(2025, 4, 1, tzinfo=dt.UTC),
            why="workload",
        )
    return url


def _cpu(benchmark: BenchmarkFixture, name: str, run: Callable[[], Any]) -> Any:
    """Benchmark ``run``, and record its median CPU seconds (``time.process_time``)."""
    spent: list[float] = []

    def timed() -> Any:
        start = time.process_time()
        result = run()
        spent.append(time.process_time() - start)
        return result

    result = benchmark(timed)
    benchmark.extra_info["cpu_median_s"] = round(statistics.median(spent), 4)
    print(f"\n{name}: median CPU {statistics.median(spent):.3f} s over {len(spent)} runs")
    return result


def test_load_bundle(benchmark: BenchmarkFixture, bundle: Path) -> None:
    framework: Framework = _cpu(benchmark, "load_bundle", lambda: load_bundle(bundle))
    assert len(framework.indicators.definitions) == 1000


def test_load_bundle_indicators_only(benchmark: BenchmarkFixture, bundle: Path) -> None:
    framework: Framework = _cpu(
        benchmark,
        "load_bundle(parts=indicators)",
        lambda: load_bundle(bundle, parts=["indicators"]),
    )
    assert sum(len(v) for v in framework.indicators.recorded.values()) == 120_000


def test_load_store(benchmark: BenchmarkFixture, store_url: str) -> None:
    def run() -> Framework:
        with open_store(store_url) as store:
            return load_framework(store)

    framework: Framework = _cpu(benchmark, "load_framework (SQLite)", run)
    assert sum(len(v) for v in framework.indicators.recorded.values()) == 120_000


def _process(args: list[str]) -> tuple[float, float, str]:
    """CPU seconds, peak resident memory (MB) and output of a new process, measured by
    ``/usr/bin/time`` (a forked child's own ``ru_maxrss`` would count the benchmark's
    memory, copied at the fork)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "time.txt"
        done = subprocess.run(
            [TIME, "-f", "%U %S %M", "-o", str(report), *args],
            capture_output=True,
            text=True,
            check=True,
        )
        user, system, peak_kb = report.read_text().split()[-3:]
    return float(user) + float(system), int(peak_kb) / 1024, done.stdout


@pytest.mark.skipif(not Path(TIME).exists(), reason="needs GNU time at /usr/bin/time")
@pytest.mark.parametrize("source", ["bundle", "store"])
def test_assess_in_a_new_process(
    benchmark: BenchmarkFixture, bundle: Path, store_url: str, source: str
) -> None:
    where = str(bundle) if source == "bundle" else store_url
    args = [str(GOLDENTHREAD), "assess", where, "--period", PERIOD, "--format", "csv"]
    runs: list[tuple[float, float, str]] = []
    benchmark.pedantic(lambda: runs.append(_process(args)), rounds=3, iterations=1)
    cpu = statistics.median(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    benchmark.extra_info.update(cpu_median_s=round(cpu, 3), peak_rss_mb=round(peak, 1))
    print(f"\nassess from the {source}: median CPU {cpu:.2f} s, peak memory {peak:.0f} MB")
    assert runs[0][2].count("\n") == 1001
