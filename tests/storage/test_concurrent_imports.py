"""Imports take turns: ``goldenthread import`` run by several processes at once into one
SQLite store, a client whose clock disagrees with the store's, and an import killed with
SIGKILL halfway through writing its batch."""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import subprocess
import time
from pathlib import Path

from goldenthread.examples import example_path
from goldenthread.storage import Change, SQLiteStore
from tests.storage.imports import (
    GOLDENTHREAD,
    bundle,
    diverging_bundles,
    import_at_once,
    large_bundle,
    save_at_once,
    stored,
)

ROUNDS = 3


def test_saves_of_diverging_bundles_at_once_end_in_exactly_one_bundles_state(
    tmp_path: Path,
) -> None:
    """Processes released together by a barrier save diverging bundles into a store that
    already holds the whole example: each is diffed against the state it finds under the
    write lock, so the store ends as exactly the bundle saved last."""
    a, b = diverging_bundles(tmp_path)
    full = example_path("rossendale")
    expected = {"p0": bundle(a), "p1": bundle(b)}
    assert expected["p0"] != expected["p1"]
    for round_ in range(ROUNDS):
        path = tmp_path / f"saved{round_}.db"
        url = f"sqlite:///{path}"
        assert save_at_once(url, [full]) == [0]
        assert save_at_once(url, [a, b]) == [0, 0]
        with SQLiteStore(path) as store:
            assert store.integrity_check() == []
            assert len(store.batches()) == 3
            last = store.batches()[-1].by
        assert stored(url) == expected[last], f"round {round_}: not the last bundle's state"


def test_imports_of_diverging_bundles_at_once_end_in_exactly_one_bundles_state(
    tmp_path: Path,
) -> None:
    """The same through ``goldenthread import``, run as separate processes at once."""
    a, b = diverging_bundles(tmp_path)
    full = example_path("rossendale")
    expected = {"p0": bundle(a), "p1": bundle(b)}
    for round_ in range(ROUNDS):
        path = tmp_path / f"round{round_}.db"
        url = f"sqlite:///{path}"
        assert import_at_once(url, [full])[0].returncode == 0
        results = import_at_once(url, [a, b])
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        with SQLiteStore(path) as store:
            assert store.integrity_check() == []
            assert len(store.batches()) == 3
            last = store.batches()[-1].by
        assert stored(url) == expected[last], f"round {round_}: not the last bundle's state"


def test_the_same_bundle_imported_twice_at_once_writes_one_batch(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    source = example_path("poole")
    results = import_at_once(f"sqlite:///{path}", [source, source])
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    outputs = sorted(r.stdout for r in results)
    assert "batch 1," in outputs[0]
    assert "nothing changed, nothing written" in outputs[1]
    with SQLiteStore(path) as store:
        assert len(store.batches()) == 1
        # Nothing was written twice, so nothing reads as restated.
        assert all(len(store.history("value", r.key)) == 1 for r in store.current("value"))


def test_an_import_after_a_batch_stamped_by_a_fast_clock_succeeds(tmp_path: Path) -> None:
    """A PC whose clock runs a day fast recorded the latest batch: the next import, from a
    machine with the right time, is stamped just after it rather than refused."""
    path = tmp_path / "store.db"
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    with SQLiteStore(path) as store:
        store.write([Change("note", "n", {"x": 1})], by="fast pc", at=ahead, why="skewed")
    result = subprocess.run(
        [GOLDENTHREAD, "import", str(example_path("poole")), "--store", f"sqlite:///{path}"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with SQLiteStore(path) as store:
        _, second = store.batches()
    assert second.at == ahead.astimezone(dt.UTC) + dt.timedelta(microseconds=1)


def test_an_import_killed_mid_batch_leaves_whole_batches(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    wal = tmp_path / "store.db-wal"
    url = f"sqlite:///{path}"
    small = tmp_path / "small"
    shutil.copytree(example_path("poole"), small)
    first = subprocess.run(
        [GOLDENTHREAD, "import", str(small), "--store", url, "--by", "before"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    with SQLiteStore(path) as store:
        before = [(b.id, b.size) for b in store.batches()]
    big = large_bundle(tmp_path / "big", indicators=150, months=360)
    child = subprocess.Popen(
        [GOLDENTHREAD, "import", str(big), "--store", url, "--by", "doomed"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # The batch is being written once its uncommitted pages spill into the WAL.
    deadline = time.monotonic() + 240
    while (not wal.exists() or wal.stat().st_size < 4_000_000) and time.monotonic() < deadline:
        assert child.poll() is None, "the import finished before it could be killed"
        time.sleep(0.005)
    assert wal.stat().st_size >= 4_000_000, "the import never started writing"
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with SQLiteStore(path) as store:
        assert store.integrity_check() == []
        assert [(b.id, b.size) for b in store.batches()] == before
        assert {b.by for b in store.batches()} == {"before"}
    assert stored(url) == bundle(small)
    # The store takes the next import as if nothing had happened.
    again = subprocess.run(
        [GOLDENTHREAD, "import", str(example_path("rossendale")), "--store", url],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert stored(url, "rossendale") == bundle(example_path("rossendale"))
    assert stored(url, "poole") == bundle(small)
