"""Benchmarks of the golden thread: integrity checks and coverage over synthetic threads.

Run with ``.venv/bin/pytest benchmarks/bench_thread.py --benchmark-enable -p no:cacheprovider``.
A synthetic thread of ``n`` items is a tree under ten national priorities with a fan-out
chosen so it reaches the individual level, plus one further link per hundred items, a
few orphans and one cycle, with dated actions at the team and individual levels.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Any

import pytest

from goldenthread.thread import (
    GENERIC,
    Item,
    ItemKind,
    ItemStatus,
    Link,
    ProgressUpdate,
    Thread,
    check_thread,
    coverage,
)

SIZES = [10_000, 100_000, 1_000_000]
TODAY = dt.date(2013, 11, 30)
_CACHE: dict[int, Thread] = {}


def synthetic(n: int, seed: int = 7) -> Thread:
    """A synthetic thread of ``n`` items (see the module docs)."""
    rnd = random.Random(seed)
    keys = GENERIC.keys
    fanout = max(2, math.ceil((n / 10) ** (1 / (len(keys) - 1))))
    depth: list[int] = []
    items: list[Item] = []
    start, due = dt.date(2013, 4, 1), dt.date(2014, 3, 31)
    updates = {
        k: (ProgressUpdate(dt.date(2013, 10, 1 + 5 * k), Decimal(10 * k)),) for k in range(6)
    }
    for k in range(n):
        parent = None if k < 10 else (k - 10) // fanout
        level = 0 if parent is None else min(depth[parent] + 1, len(keys) - 1)
        depth.append(level)
        if parent is not None and k % 5000 == 0:
            parent = None  # an orphan now and then
        action = level >= 4
        items.append(
            Item(
                f"S{k}",
                ItemKind.ACTION if action else ItemKind.OBJECTIVE,
                f"Synthetic item {k}",
                keys[level],
                parent=None if parent is None else f"S{parent}",
                owner=f"Owner {k % 97}",
                start=start if action else None,
                due=due if action else None,
                status=ItemStatus.IN_PROGRESS if action else None,
                progress=Decimal(k % 101) if action else None,
                updates=updates[k % 6] if action else (),
            )
        )
    links = []
    for k in range(10, n, 100):
        up = rnd.randrange(0, k)
        if depth[up] < depth[k]:
            links.append(Link(f"S{k}", f"S{up}"))
    root = n - 1
    while (up_id := items[root].parent) is not None:
        root = int(up_id[1:])
    links.append(Link(f"S{root}", f"S{n - 1}"))  # a loop from a priority to its deepest item
    return Thread(items, GENERIC, links)


def thread_of(n: int) -> Thread:
    if n not in _CACHE:
        _CACHE.clear()
        _CACHE[n] = synthetic(n)
    return _CACHE[n]


@pytest.mark.parametrize("n", SIZES)
def test_check_thread(benchmark: Any, n: int) -> None:
    thread = thread_of(n)
    findings = benchmark.pedantic(check_thread, (thread, TODAY), rounds=3, iterations=1)
    assert any(f.code == "cycle" for f in findings)


@pytest.mark.parametrize("n", SIZES)
def test_coverage(benchmark: Any, n: int) -> None:
    thread = thread_of(n)
    result = benchmark.pedantic(coverage, (thread,), rounds=3, iterations=1)
    assert len(result.priorities) == 10


@pytest.mark.parametrize("n", SIZES)
def test_build_thread(benchmark: Any, n: int) -> None:
    thread = thread_of(n)
    rebuilt = benchmark.pedantic(
        Thread, (thread.items, thread.levels, thread.links), rounds=3, iterations=1
    )
    assert len(rebuilt) == n
