"""Reliability of the SQLite store: concurrent writers, a writer killed mid-batch, and a bad
row anywhere in a large batch."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from goldenthread.errors import InputError
from goldenthread.storage import Change, SQLiteStore

T0 = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)
Q1 = "2024/25 Q1"
Q2 = "2024/25 Q2"

WRITERS = 2
BATCHES = 40
PER_BATCH = 150


def _writer(path: str, name: str, start: multiprocessing.synchronize.Barrier) -> None:
    with SQLiteStore(path) as store:
        start.wait()
        for number in range(BATCHES):
            changes = [
                Change("value", f"{name}-{number}-{i}", {"writer": name, "i": i}, period=Q1)
                for i in range(PER_BATCH)
            ]
            changes.append(Change("value", "shared", {"writer": name, "batch": number}))
            # No time given: the store stamps each batch inside its transaction.
            store.write(changes, by=name, why=f"batch {number}")


def test_two_processes_writing_at_once_lose_and_corrupt_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    SQLiteStore(path).close()
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    names = [f"writer{n}" for n in range(WRITERS)]
    processes = [context.Process(target=_writer, args=(str(path), n, start)) for n in names]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * WRITERS

    with SQLiteStore(path) as store:
        assert store.integrity_check() == []
        batches = store.batches()
        assert [b.id for b in batches] == list(range(1, WRITERS * BATCHES + 1))
        assert all(b.size == PER_BATCH + 1 for b in batches)
        for name in names:
            mine = [b.why for b in batches if b.by == name]
            assert mine == [f"batch {n}" for n in range(BATCHES)]
        assert len(store.current("value", period=Q1)) == WRITERS * BATCHES * PER_BATCH
        shared = store.history("value", "shared")
        assert len(shared) == WRITERS * BATCHES
        for name in names:
            assert [r.payload["batch"] for r in shared if r.by == name] == list(range(BATCHES))
        # Stamped inside their transactions, the batches' times follow their numbers.
        times = [b.at for b in batches]
        assert times == sorted(times)


CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime

    from goldenthread.storage import Change, SQLiteStore

    store = SQLiteStore(sys.argv[1])
    at = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)
    store.write(
        [Change("value", f"PI {i}|Q1", {"value": i}, period="2024/25 Q1") for i in range(100)],
        by="before",
        at=at,
        why="committed first",
    )
    big = [
        Change("value", f"PI {i}|Q2", {"value": i, "note": "x" * 40}, period="2024/25 Q2")
        for i in range(int(sys.argv[2]))
    ]
    print("writing", flush=True)
    store.write(big, by="doomed", at=at, why="killed midway")
    print("done", flush=True)
    """
)


def test_a_process_killed_mid_batch_leaves_the_store_consistent(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    wal = tmp_path / "store.db-wal"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), "250000"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    # The big batch is under way once its uncommitted pages spill into the WAL file.
    deadline = time.monotonic() + 60
    while (not wal.exists() or wal.stat().st_size < 4_000_000) and time.monotonic() < deadline:
        assert child.poll() is None, "the child finished before it could be killed"
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    rest = child.stdout.read()
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert "done" not in rest

    with SQLiteStore(path) as store:
        assert store.integrity_check() == []
        assert [(b.by, b.size) for b in store.batches()] == [("before", 100)]
        assert len(store.current("value", period=Q1)) == 100
        assert store.current("value", period=Q2) == []
        store.write([Change("value", "after", {"value": 1})], by="next", at=T0, why="resumed")
        assert [b.id for b in store.batches()] == [1, 2]


def test_a_bad_row_anywhere_in_a_large_batch_writes_nothing(tmp_path: Path) -> None:
    changes = [
        Change("value", f"PI {i}|{Q2}", {"value": i}, period=Q2, subject=f"PI {i}")
        for i in range(20_000)
    ]
    changes[0] = Change("value", "", {"value": 0})
    changes[9_999] = Change("value", "PI x", {"value": float("inf")})
    changes[19_999] = Change("value", "PI 1|2024/25 Q2", {"value": 1})
    with SQLiteStore(tmp_path / "store.db") as store:
        store.write([Change("value", "kept", {"value": 1})], by="ann", at=T0, why="earlier")
        with pytest.raises(InputError) as caught:
            store.write(changes, by="bob", at=T0, why="bad import")
        assert [(p.row, p.column) for p in caught.value.problems] == [
            (1, "key"),
            (10_000, "payload"),
            (20_000, "key"),
        ]
        assert "3 problems" in str(caught.value)
        assert "payload['value'] is inf, not a finite number" in str(caught.value)
        assert "changed twice in one batch (first at row 2)" in str(caught.value)
        assert [b.why for b in store.batches()] == ["earlier"]
        assert [r.key for r in store.current("value")] == ["kept"]
