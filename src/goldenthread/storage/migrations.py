"""Schema versions and the forward migrations that bring an older store up to date.

A store records its schema version (SQLite: ``PRAGMA user_version``).  Opening a store
applies, in one transaction, every migration newer than the recorded version, so a
database written by an older release is upgraded in place and keeps all its revisions.
Opening a store whose version is newer than this release understands is refused with
:class:`~goldenthread.storage.base.SchemaError` rather than risking a wrong reading.

Versions:

1. batches (who, when as microseconds since the epoch UTC, why) and revisions (kind, key,
   period, deleted, JSON payload), unique per entity and batch; indexes on
   ``(kind, key, batch)``, ``(kind, period)`` and the batch time; triggers that refuse any
   ``UPDATE`` or ``DELETE`` (nothing is overwritten or deleted in place).
2. the indexed ``subject`` attribute of a revision and its ``(kind, subject)`` index.
3. the ``organisation`` of every revision (the code of the council it belongs to, ``""``
   for none), part of the entity's identity: unique per ``(organisation, kind, key,
   batch)``, and first in the period and subject indexes.  A version 2 store held one
   framework: its revisions are given the organisation code of its latest live
   ``settings`` revision (``""`` when it has none, or the framework had no code).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from attrs import frozen

from goldenthread.storage.base import SchemaError

__all__ = ["SQLITE_MIGRATIONS", "Migration", "migrate_sqlite", "sqlite_schema_version"]


@frozen
class Migration:
    """One forward step of a schema: the SQL statements taking ``version - 1`` to ``version``.

    Attributes:
        version: the schema version this migration produces.
        description: what it changes, for humans.
        statements: SQL statements, run in order inside the migration transaction; they take
            no parameters.
    """

    version: int
    description: str
    statements: tuple[str, ...]


def _immutable(table: str) -> tuple[str, ...]:
    return tuple(
        f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} are never updated or deleted'); END"
        for action in ("UPDATE", "DELETE")
    )


SQLITE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "batches and revisions",
        (
            "CREATE TABLE batches ("
            " id INTEGER PRIMARY KEY,"
            " at_us INTEGER NOT NULL,"
            " recorded_by TEXT NOT NULL,"
            " reason TEXT NOT NULL,"
            " size INTEGER NOT NULL)",
            "CREATE TABLE revisions ("
            " id INTEGER PRIMARY KEY,"
            " batch INTEGER NOT NULL REFERENCES batches(id),"
            " kind TEXT NOT NULL,"
            " key TEXT NOT NULL,"
            " period TEXT,"
            " deleted INTEGER NOT NULL,"
            " payload TEXT NOT NULL,"
            " UNIQUE (kind, key, batch))",
            "CREATE INDEX revisions_period ON revisions (kind, period)",
            "CREATE INDEX batches_at ON batches (at_us)",
            *_immutable("batches"),
            *_immutable("revisions"),
        ),
    ),
    Migration(
        2,
        "the subject attribute",
        (
            "ALTER TABLE revisions ADD COLUMN subject TEXT",
            "CREATE INDEX revisions_subject ON revisions (kind, subject)",
        ),
    ),
    Migration(
        3,
        "the organisation of every revision",
        (
            "CREATE TABLE revisions_v3 ("
            " id INTEGER PRIMARY KEY,"
            " batch INTEGER NOT NULL REFERENCES batches(id),"
            " organisation TEXT NOT NULL DEFAULT '',"
            " kind TEXT NOT NULL,"
            " key TEXT NOT NULL,"
            " period TEXT,"
            " subject TEXT,"
            " deleted INTEGER NOT NULL,"
            " payload TEXT NOT NULL,"
            " UNIQUE (organisation, kind, key, batch))",
            "INSERT INTO revisions_v3"
            " (id, batch, organisation, kind, key, period, subject, deleted, payload)"
            " SELECT id, batch,"
            " coalesce((SELECT json_extract(s.payload, '$.organisation.code')"
            " FROM revisions AS s WHERE s.kind = 'settings' AND s.deleted = 0"
            " ORDER BY s.batch DESC LIMIT 1), ''),"
            " kind, key, period, subject, deleted, payload FROM revisions ORDER BY id",
            "DROP TRIGGER revisions_no_update",
            "DROP TRIGGER revisions_no_delete",
            "DROP TABLE revisions",
            "ALTER TABLE revisions_v3 RENAME TO revisions",
            "CREATE INDEX revisions_period ON revisions (organisation, kind, period)",
            "CREATE INDEX revisions_subject ON revisions (organisation, kind, subject)",
            *_immutable("revisions"),
        ),
    ),
)
"""The SQLite schema's migrations, oldest first."""


def sqlite_schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in an SQLite database (0 for a new database)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate_sqlite(
    conn: sqlite3.Connection, migrations: Sequence[Migration] = SQLITE_MIGRATIONS
) -> int:
    """Bring the database on ``conn`` (in autocommit mode) up to the newest migration.

    Runs in one ``BEGIN IMMEDIATE`` transaction, so two processes opening a new database at
    once cannot both create it, and a failed migration leaves the old version intact.

    Returns:
        The schema version after migrating.

    Raises:
        SchemaError: the database is newer than ``migrations`` know, or it is an SQLite
            database that was not created by goldenthread.
    """
    newest = migrations[-1].version if migrations else 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = sqlite_schema_version(conn)
        if version > newest:
            raise SchemaError(
                f"the store has schema version {version}, newer than this release "
                f"understands ({newest}); upgrade goldenthread"
            )
        if version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise SchemaError("the database is not a goldenthread store (it has other tables)")
        for migration in migrations:
            if migration.version > version:
                for statement in migration.statements:
                    conn.execute(statement)
                # PRAGMA takes no parameters; the version is an int from the list above.
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return max(version, newest)
