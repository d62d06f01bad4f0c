"""Bulk imports into the SQLite store: a batch large enough to rebuild the secondary indexes
rather than maintain them row by row must read back exactly like any other batch, keep
every index, and stay all or nothing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from goldenthread.storage import Change, MemoryStore, SQLiteStore, Store

T0 = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)
Q1 = "2024/25 Q1"
Q2 = "2024/25 Q2"
ROWS = 12_000


def _indexes(path: Path) -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()


def _bulk(period: str) -> list[Change]:
    # Keys, periods and subjects deliberately out of index order.
    return [
        Change(
            "value",
            f"PI {(i * 7919) % ROWS:05d}|{period}",
            {"value": str(i), "status": "final"},
            period=period if i % 3 else Q1,
            subject=f"PI {(i * 104729) % 97:03d}",
        )
        for i in range(ROWS)
    ]


def _fill(store: Store) -> None:
    store.write([Change("value", "kept", {"value": 1}, period=Q2)], by="ann", at=T0, why="seed")
    store.write(_bulk(Q2), by="bob", at=T0 + timedelta(hours=1), why="import")
    store.write(
        [Change("value", f"PI {i:05d}|{Q2}", {"value": "0"}, period=Q2) for i in range(0, 50, 5)],
        by="cat",
        at=T0 + timedelta(hours=2),
        why="corrections",
    )


def test_a_bulk_import_reads_back_like_the_memory_store_and_keeps_every_index(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.db"
    SQLiteStore(path).close()
    before = _indexes(path)
    memory = MemoryStore()
    _fill(memory)
    with SQLiteStore(path) as store:
        _fill(store)
        assert store.integrity_check() == []
        for period in (Q1, Q2):
            assert store.current("value", period=period) == memory.current("value", period=period)
        assert store.current("value", subject="PI 042") == memory.current("value", subject="PI 042")
        earlier = T0 + timedelta(minutes=90)
        assert store.as_at(earlier, "value", period=Q2) == memory.as_at(earlier, "value", period=Q2)
        assert store.history("value", f"PI 00000|{Q2}") == memory.history("value", f"PI 00000|{Q2}")
        assert [(b.why, b.size) for b in store.batches()] == [
            ("seed", 1),
            ("import", ROWS),
            ("corrections", 10),
        ]
    assert _indexes(path) == before
    assert {name for name, _ in before} >= {"revisions_period", "revisions_subject"}


def test_a_bulk_import_failing_inside_its_transaction_writes_nothing_and_keeps_the_indexes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.db"
    with SQLiteStore(path) as store:
        store.write([Change("value", "kept", {"value": 1}, period=Q2)], by="ann", at=T0, why="a")
    before = _indexes(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TRIGGER refuse_last BEFORE INSERT ON revisions WHEN NEW.key = 'last'"
        " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    conn.commit()
    conn.close()
    changes = [*_bulk(Q2), Change("value", "last", {"value": 0}, period=Q2)]
    with SQLiteStore(path) as store:
        with pytest.raises(sqlite3.IntegrityError, match="refused by the test"):
            store.write(changes, by="bob", at=T0, why="doomed import")
        assert [b.why for b in store.batches()] == ["a"]
        assert [r.key for r in store.current("value", period=Q2)] == ["kept"]
        assert store.integrity_check() == []
    assert _indexes(path) == before
