"""SQLite specifics: the schema, forward migrations and the refusal to change in place."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from goldenthread.storage import CURRENT_SCHEMA_VERSION, Change, SchemaError, SQLiteStore
from goldenthread.storage.migrations import SQLITE_MIGRATIONS

T0 = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)

# The version 1 schema exactly as release 1 wrote it, by hand (not from SQLITE_MIGRATIONS),
# so a change to the migration list cannot silently change what this test opens.
V1_SCHEMA = """
CREATE TABLE batches (
    id INTEGER PRIMARY KEY, at_us INTEGER NOT NULL, recorded_by TEXT NOT NULL,
    reason TEXT NOT NULL, size INTEGER NOT NULL);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY, batch INTEGER NOT NULL REFERENCES batches(id),
    kind TEXT NOT NULL, key TEXT NOT NULL, period TEXT, deleted INTEGER NOT NULL,
    payload TEXT NOT NULL, UNIQUE (kind, key, batch));
CREATE INDEX revisions_period ON revisions (kind, period);
CREATE INDEX batches_at ON batches (at_us);
CREATE TRIGGER batches_no_update BEFORE UPDATE ON batches
    BEGIN SELECT RAISE(ABORT, 'batches are never updated or deleted'); END;
CREATE TRIGGER batches_no_delete BEFORE DELETE ON batches
    BEGIN SELECT RAISE(ABORT, 'batches are never updated or deleted'); END;
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are never updated or deleted'); END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are never updated or deleted'); END;
PRAGMA user_version = 1;
"""


def _v1_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    micros = int(T0.timestamp()) * 1_000_000
    conn.execute("INSERT INTO batches VALUES (1, ?, 'ann', 'v1 import', 2)", (micros,))
    conn.executemany(
        "INSERT INTO revisions (batch, kind, key, period, deleted, payload)"
        " VALUES (1, 'value', ?, '2024/25 Q1', 0, ?)",
        [("NI 157a|2024/25 Q1", '{"value":"80"}'), ("LI 01|2024/25 Q1", '{"value":"7"}')],
    )
    conn.commit()
    conn.close()


def test_the_migrations_end_at_the_current_version() -> None:
    versions = [m.version for m in SQLITE_MIGRATIONS]
    assert versions == list(range(1, CURRENT_SCHEMA_VERSION + 1))


def test_a_version_1_database_is_migrated_forward_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    _v1_database(path)
    with SQLiteStore(path) as store:
        assert store.schema_version() == CURRENT_SCHEMA_VERSION
        assert [(b.id, b.at, b.by, b.why) for b in store.batches()] == [(1, T0, "ann", "v1 import")]
        values = store.current("value", period="2024/25 Q1")
        assert [(r.key, r.payload, r.subject) for r in values] == [
            ("LI 01|2024/25 Q1", {"value": "7"}, None),
            ("NI 157a|2024/25 Q1", {"value": "80"}, None),
        ]
        store.write(
            [Change("value", "NI 157a|2024/25 Q2", {"value": "82"}, subject="NI 157a")],
            by="bob",
            at=T0,
            why="after the upgrade",
        )
        assert [r.key for r in store.current("value", subject="NI 157a")] == ["NI 157a|2024/25 Q2"]
    with SQLiteStore(path) as again:
        assert again.schema_version() == CURRENT_SCHEMA_VERSION
        assert len(again.batches()) == 2


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(SchemaError, match="schema version 99, newer than this release"):
        SQLiteStore(path)


def test_a_database_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.close()
    with pytest.raises(SchemaError, match="not a goldenthread store"):
        SQLiteStore(path)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE revisions SET payload = '{}'",
        "DELETE FROM revisions",
        "UPDATE batches SET reason = 'rewritten'",
        "DELETE FROM batches",
    ],
)
def test_nothing_is_updated_or_deleted_in_place(tmp_path: Path, statement: str) -> None:
    path = tmp_path / "store.db"
    with SQLiteStore(path) as store:
        store.write([Change("risk", "CR01", {"score": 12})], by="ann", at=T0, why="new")
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="never updated or deleted"):
        conn.execute(statement)
    conn.close()


def test_the_database_uses_wal_and_the_report_indexes(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    plan = " ".join(
        str(row[-1])
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT key FROM revisions"
            " WHERE organisation = ? AND kind = ? AND period = ?",
            ("poole", "value", "2024/25 Q2"),
        )
    )
    assert "USING INDEX revisions_period" in plan
    conn.close()


def test_a_store_is_sound_after_use(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "store.db") as store:
        store.write([Change("risk", "CR01", {"score": 12})], by="ann", at=T0, why="new")
        assert store.integrity_check() == []
