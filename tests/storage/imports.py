"""Helpers for the multi-process import tests (SQLite here, PostgreSQL in the plugin's
tests): two diverging bundles, ``goldenthread import`` run as separate processes at once,
and the framework a store ends up holding."""

from __future__ import annotations

import csv
import multiprocessing
import shutil
import subprocess
import sys
from multiprocessing.synchronize import Barrier
from pathlib import Path

import attrs

from goldenthread.examples import example_path
from goldenthread.framework import Framework
from goldenthread.io.bundle import load_bundle
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.plugins import get_plugin_manager
from goldenthread.storage import open_store

GOLDENTHREAD = str(Path(sys.executable).with_name("goldenthread"))


def diverging_bundles(folder: Path) -> tuple[Path, Path]:
    """Two copies of the Rossendale example that differ both ways: ``a`` lacks the last
    third of the values and ``b`` the first third, and ``b`` notes a correction on its
    first value, so a store holding the union of the two (or ``a`` with ``b``'s changes
    laid over it) matches neither."""
    source = example_path("rossendale")
    with (source / "values.csv").open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    third = len(rows) // 3
    b_rows = [list(row) for row in rows[third:]]
    b_rows[0][header.index("note")] = "corrected after audit"
    a, b = folder / "a", folder / "b"
    for target, kept in ((a, rows[: 2 * third]), (b, b_rows)):
        shutil.copytree(source, target)
        with (target / "values.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *kept])
    return a, b


def import_at_once(url: str, bundles: list[Path]) -> list[subprocess.CompletedProcess[str]]:
    """Run ``goldenthread import BUNDLE --store URL`` for every bundle, all at the same
    time, each in its own process; their results once all have finished."""
    processes = [
        subprocess.Popen(
            [GOLDENTHREAD, "import", str(bundle), "--store", url, "--by", f"p{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, bundle in enumerate(bundles)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def save_after_barrier(url: str, path: str, by: str, start: Barrier) -> None:
    """In a process of its own: load the bundle at ``path``, wait for the others at
    ``start``, then save it into the store at ``url`` (the store stamps the batch)."""
    framework = load_bundle(path)
    with open_store(url, plugin_manager=get_plugin_manager()) as store:
        start.wait()
        save_framework(store, framework, by=by, at=None, why=f"import of {path}")


def save_at_once(url: str, bundles: list[Path]) -> list[int | None]:
    """Save every bundle into the store at ``url`` from processes of their own, released
    together once each has loaded its bundle; their exit codes."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(bundles))
    processes = [
        context.Process(target=save_after_barrier, args=(url, str(path), f"p{n}", start))
        for n, path in enumerate(bundles)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=300)
    return [process.exitcode for process in processes]


def large_bundle(folder: Path, indicators: int, months: int) -> Path:
    """A bundle of ``indicators`` monthly indicators with ``months`` values each."""
    folder.mkdir()
    with (folder / "indicators.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "title", "polarity", "aggregation", "frequency", "decimals"])
        for n in range(indicators):
            writer.writerow([f"PI {n}", f"Measure {n}", "higher", "sum", "monthly", "0"])
    with (folder / "values.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "period", "value", "note"])
        for n in range(indicators):
            for m in range(months):
                year, month = divmod(m, 12)
                writer.writerow([f"PI {n}", f"{1990 + year}-{month + 1:02d}", m, "x" * 40])
    return folder


def contents(framework: Framework) -> Framework:
    """``framework`` without its ``source``, to compare contents only."""
    return attrs.evolve(framework, source="")


def stored(url: str, organisation: str | None = None) -> Framework:
    """The framework the store at ``url`` holds now (of ``organisation``)."""
    with open_store(url, plugin_manager=get_plugin_manager()) as store:
        return contents(load_framework(store, organisation=organisation))


def bundle(path: Path) -> Framework:
    """The framework a bundle holds."""
    return contents(load_bundle(path))
