"""Benchmarks for start-up: ``import goldenthread`` and the command line, each a new process.

Run with ``pytest benchmarks/bench_startup.py --benchmark-enable``.  Each case starts a
fresh interpreter (so interpreter start-up counts; ``python -c pass`` is measured as the
floor), after a warm-up run that writes the bytecode caches.  Besides pytest-benchmark's
wall-clock figures, each case records the CPU seconds (user + system) of one run, from
``resource.getrusage(RUSAGE_CHILDREN)`` deltas, in ``extra_info["cpu_seconds"]``: on a
shared machine CPU is the fairer figure.  Targets (#14): ``import goldenthread`` under
0.2 s of CPU; ``goldenthread --help`` close to the floor; ``goldenthread assess`` loading
no report renderer, Jinja2, openpyxl or holiday calendar (``tests/test_imports.py``
checks that part).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from goldenthread.examples import example_path

ROUNDS = 7


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("goldenthread")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from goldenthread.cli import main; main()"]


def _environment() -> dict[str, str]:
    # Let Python write and read its bytecode caches, as an installed package would.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


CASES: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import goldenthread": [sys.executable, "-c", "import goldenthread"],
    "goldenthread --help": [*_cli(), "--help"],
    "goldenthread assess --help": [*_cli(), "assess", "--help"],
    "goldenthread assess (example council)": [
        *_cli(),
        "assess",
        str(example_path("rossendale")),
        "--period",
        "2025/26 Q2",
    ],
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: Sequence[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return done.stdout


@pytest.mark.parametrize("case", list(CASES))
def test_startup(benchmark: BenchmarkFixture, case: str) -> None:
    command = CASES[case]
    env = _environment()
    _run(command, env)  # warm-up: writes the bytecode caches
    before = _children_cpu()
    output: str = benchmark.pedantic(  # type: ignore[no-untyped-call]
        _run, args=(command, env), rounds=ROUNDS, iterations=1
    )
    runs = ROUNDS if benchmark.enabled else 1
    benchmark.extra_info["cpu_seconds"] = round((_children_cpu() - before) / runs, 4)
    if "help" in case:
        assert "Usage: goldenthread" in output
    if "assess (" in case:
        assert output.strip()
