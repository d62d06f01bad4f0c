"""The PostgreSQL store: goldenthread's store semantics on a PostgreSQL database.

* One write transaction per batch.  The batch table is locked ``IN EXCLUSIVE MODE`` for the
  transaction, so writers queue (readers are not blocked); the plan of
  :meth:`~goldenthread.storage.base.Store.write_planned` (an import's diff), the order
  check on ``at``, the batch numbering and the batch's time stamp (the server's clock,
  never earlier than 1 µs after the latest batch) all run under that lock, so clients
  with skewed clocks can share one server.  Revisions are sent with ``COPY``; every value
  travels as a parameter or as COPY data, never inside SQL text.
* Tables ``goldenthread_batches``, ``goldenthread_revisions`` and ``goldenthread_schema``
  (one row per applied migration).  Every revision carries its ``organisation`` (council
  code), part of the entity's identity, so one database holds many councils.  ``UPDATE``
  and ``DELETE`` on the first two are refused by a trigger.  Indexes as for SQLite:
  ``(organisation, kind, key, batch)``, ``(organisation, kind, period)``,
  ``(organisation, kind, subject)`` and batch time.
* Times are ``timestamptz`` (microseconds, exact); payloads are JSON text.
* Keys sort in code-point order (``COLLATE "C"``), as in the other backends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg
from attrs import frozen

from goldenthread.storage.base import (
    Batch,
    EncodedChange,
    LockingStore,
    Revision,
    SchemaError,
    StoreError,
    decode_payload,
    from_micros,
)
from goldenthread.storage.migrations import Migration

__all__ = ["POSTGRES_MIGRATIONS", "PostgresBackend", "PostgresStore", "migrate_postgres"]

_MIGRATION_LOCK = 0x676F6C64  # an advisory lock key ("gold") serialising schema upgrades

POSTGRES_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "batches and revisions",
        (
            "CREATE TABLE goldenthread_schema ("
            " version integer PRIMARY KEY,"
            " applied_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE goldenthread_batches ("
            " id bigint PRIMARY KEY,"
            " at timestamptz NOT NULL,"
            " recorded_by text NOT NULL,"
            " reason text NOT NULL,"
            " size integer NOT NULL)",
            "CREATE TABLE goldenthread_revisions ("
            " id bigserial PRIMARY KEY,"
            " batch bigint NOT NULL REFERENCES goldenthread_batches (id),"
            " kind text NOT NULL,"
            " key text NOT NULL,"
            " period text,"
            " deleted boolean NOT NULL,"
            " payload text NOT NULL,"
            " UNIQUE (kind, key, batch))",
            "CREATE INDEX goldenthread_revisions_period ON goldenthread_revisions (kind, period)",
            "CREATE INDEX goldenthread_batches_at ON goldenthread_batches (at)",
            "CREATE FUNCTION goldenthread_refuse_change() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN RAISE EXCEPTION '% rows are never updated or deleted', TG_TABLE_NAME;"
            " END $$",
            "CREATE TRIGGER goldenthread_batches_immutable BEFORE UPDATE OR DELETE"
            " ON goldenthread_batches FOR EACH ROW EXECUTE FUNCTION goldenthread_refuse_change()",
            "CREATE TRIGGER goldenthread_revisions_immutable BEFORE UPDATE OR DELETE"
            " ON goldenthread_revisions FOR EACH ROW"
            " EXECUTE FUNCTION goldenthread_refuse_change()",
        ),
    ),
    Migration(
        2,
        "the subject attribute",
        (
            "ALTER TABLE goldenthread_revisions ADD COLUMN subject text",
            "CREATE INDEX goldenthread_revisions_subject ON goldenthread_revisions (kind, subject)",
        ),
    ),
    Migration(
        3,
        "the organisation of every revision",
        (
            "ALTER TABLE goldenthread_revisions ADD COLUMN organisation text NOT NULL DEFAULT ''",
            # A version 2 store held one framework: its revisions belong to its council.
            "ALTER TABLE goldenthread_revisions DISABLE TRIGGER goldenthread_revisions_immutable",
            "UPDATE goldenthread_revisions SET organisation = coalesce((SELECT"
            " s.payload::jsonb #>> '{organisation,code}' FROM goldenthread_revisions AS s"
            " WHERE s.kind = 'settings' AND NOT s.deleted ORDER BY s.batch DESC LIMIT 1), '')",
            "ALTER TABLE goldenthread_revisions ENABLE TRIGGER goldenthread_revisions_immutable",
            "ALTER TABLE goldenthread_revisions"
            " DROP CONSTRAINT goldenthread_revisions_kind_key_batch_key",
            "ALTER TABLE goldenthread_revisions ADD CONSTRAINT goldenthread_revisions_entity"
            " UNIQUE (organisation, kind, key, batch)",
            "DROP INDEX goldenthread_revisions_period",
            "DROP INDEX goldenthread_revisions_subject",
            "CREATE INDEX goldenthread_revisions_period"
            " ON goldenthread_revisions (organisation, kind, period)",
            "CREATE INDEX goldenthread_revisions_subject"
            " ON goldenthread_revisions (organisation, kind, subject)",
        ),
    ),
)
"""The PostgreSQL schema's migrations, oldest first (the same versions as SQLite's)."""

_SELECT = (
    "SELECT r.kind, r.key, r.payload, r.period, r.subject, r.deleted, r.batch,"
    " b.at, b.recorded_by, b.reason, r.organisation"
    " FROM goldenthread_revisions AS r JOIN goldenthread_batches AS b ON b.id = r.batch"
)

_LATEST = (
    "SELECT r.kind, r.key, r.payload, r.period, r.subject, r.deleted, r.batch,"
    " b.at, b.recorded_by, b.reason, r.organisation"
    " FROM goldenthread_revisions AS r JOIN goldenthread_batches AS b ON b.id = r.batch"
    " WHERE r.organisation = %(organisation)s AND r.kind = %(kind)s"
    " AND r.batch <= %(bound)s AND NOT r.deleted"
    " AND (%(period)s::text IS NULL OR r.period = %(period)s)"
    " AND (%(subject)s::text IS NULL OR r.subject = %(subject)s)"
    " AND (%(key)s::text IS NULL OR r.key = %(key)s)"
    " AND NOT EXISTS (SELECT 1 FROM goldenthread_revisions AS n"
    " WHERE n.organisation = r.organisation AND n.kind = r.kind AND n.key = r.key"
    " AND n.batch > r.batch AND n.batch <= %(bound)s)"
    ' ORDER BY r.key COLLATE "C"'
)

_ORGANISATIONS = (
    'SELECT DISTINCT r.organisation COLLATE "C" FROM goldenthread_revisions AS r'
    " WHERE r.kind = %(kind)s AND r.batch <= %(bound)s AND NOT r.deleted"
    " AND NOT EXISTS (SELECT 1 FROM goldenthread_revisions AS n"
    " WHERE n.organisation = r.organisation AND n.kind = r.kind AND n.key = r.key"
    " AND n.batch > r.batch AND n.batch <= %(bound)s)"
    " ORDER BY 1"
)

_NO_BOUND = 2**62


def _revision(row: Sequence[Any]) -> Revision:
    kind, key, payload, period, subject, deleted, batch, at, by, why, organisation = row
    return Revision(
        kind=kind,
        key=key,
        payload=decode_payload(payload),
        period=period,
        subject=subject,
        deleted=bool(deleted),
        batch=int(batch),
        at=at.astimezone(UTC),
        by=by,
        why=why,
        organisation=organisation,
    )


def _schema_version(conn: psycopg.Connection[Any]) -> int:
    exists = conn.execute("SELECT to_regclass('goldenthread_schema') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM goldenthread_schema").fetchone()
    return int(row[0]) if row else 0


def migrate_postgres(
    conn: psycopg.Connection[Any], migrations: Sequence[Migration] = POSTGRES_MIGRATIONS
) -> int:
    """Bring the database up to the newest migration, in one transaction.

    Concurrent openers are serialised by an advisory lock.

    Returns:
        The schema version after migrating.

    Raises:
        SchemaError: the database's goldenthread schema is newer than ``migrations``.
    """
    newest = migrations[-1].version if migrations else 0
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        version = _schema_version(conn)
        if version > newest:
            raise SchemaError(
                f"the store has schema version {version}, newer than this release "
                f"understands ({newest}); upgrade goldenthread-postgres"
            )
        for migration in migrations:
            if migration.version > version:
                for statement in migration.statements:
                    conn.execute(statement.encode())
                conn.execute(
                    "INSERT INTO goldenthread_schema (version) VALUES (%s)", (migration.version,)
                )
    return max(version, newest)


class PostgresStore(LockingStore):
    """A store in a PostgreSQL database; see the module documentation.

    Args:
        conninfo: a libpq connection string or URL, e.g.
            ``postgresql://user:password@host:5432/dbname``.

    Raises:
        StoreError: the server cannot be reached, the connection string is malformed, or
            the database cannot hold a store (the schema its ``search_path`` names does
            not exist, say).
        SchemaError: the database's goldenthread schema is newer than this release.
    """

    def __init__(self, conninfo: str) -> None:
        try:
            self._conn = psycopg.connect(conninfo, autocommit=True)
        except psycopg.OperationalError as error:
            raise StoreError(f"cannot connect to PostgreSQL: {error}") from error
        except psycopg.Error as error:
            # A malformed connection string or URL (an unknown option, say).
            raise StoreError(f"cannot connect to PostgreSQL: {error}") from None
        try:
            self._conn.execute("SET TIME ZONE 'UTC'")
            migrate_postgres(self._conn)
        except psycopg.errors.InvalidSchemaName as error:
            self._conn.close()
            raise StoreError(
                "cannot open the PostgreSQL store: the schema its search_path names does not "
                f"exist (PostgreSQL says: {str(error).splitlines()[0]}); create the schema or "
                "name one that exists"
            ) from None
        except psycopg.Error as error:
            self._conn.close()
            raise StoreError(
                f"cannot open the PostgreSQL store: {str(error).splitlines()[0]}"
            ) from None
        except BaseException:
            self._conn.close()
            raise

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return _schema_version(self._conn)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def _write_planned(
        self,
        plan: Callable[[], list[EncodedChange] | None],
        *,
        by: str,
        at: datetime | None,
        why: str,
    ) -> int | None:
        conn = self._conn
        with conn.transaction():
            conn.execute("LOCK TABLE goldenthread_batches IN EXCLUSIVE MODE")
            # Read committed: every statement of the plan, run after the lock is held,
            # sees every batch recorded before it.
            planned = plan()
            if planned is None:
                return None
            rows = planned
            last = conn.execute(
                "SELECT max(id), max(at), clock_timestamp() FROM goldenthread_batches"
            ).fetchone()
            last_id, last_at, clock = last if last else (None, None, None)
            at = self._batch_time(
                at,
                None if last_at is None else last_at.astimezone(UTC),
                now=None if clock is None else clock.astimezone(UTC),
            )
            number = int(last_id or 0) + 1
            conn.execute(
                "INSERT INTO goldenthread_batches (id, at, recorded_by, reason, size)"
                " VALUES (%s, %s, %s, %s, %s)",
                (number, at, by, why, len(rows)),
            )
            with (
                conn.cursor() as cursor,
                cursor.copy(
                    "COPY goldenthread_revisions"
                    " (batch, kind, key, period, subject, deleted, payload, organisation)"
                    " FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row((number, *row))
        return number

    def _bound(self, micros: int) -> int:
        row = self._conn.execute(
            "SELECT coalesce(max(id), 0) FROM goldenthread_batches WHERE at <= %s",
            (from_micros(micros),),
        ).fetchone()
        return int(row[0]) if row else 0

    def _latest(
        self,
        kind: str,
        bound: int | None,
        *,
        period: str | None,
        subject: str | None,
        key: str | None,
        organisation: str,
    ) -> list[Revision]:
        params = {
            "organisation": organisation,
            "kind": kind,
            "bound": _NO_BOUND if bound is None else bound,
            "period": period,
            "subject": subject,
            "key": key,
        }
        return [_revision(row) for row in self._conn.execute(_LATEST, params)]

    def _history(self, kind: str, key: str, organisation: str) -> list[Revision]:
        rows = self._conn.execute(
            _SELECT + " WHERE r.organisation = %s AND r.kind = %s AND r.key = %s ORDER BY r.batch",
            (organisation, kind, key),
        )
        return [_revision(row) for row in rows]

    def _organisations(self, kind: str, bound: int | None) -> list[str]:
        params = {"kind": kind, "bound": _NO_BOUND if bound is None else bound}
        return [str(row[0]) for row in self._conn.execute(_ORGANISATIONS, params)]

    def _batches(self) -> list[Batch]:
        rows = self._conn.execute(
            "SELECT id, at, recorded_by, reason, size FROM goldenthread_batches ORDER BY id"
        )
        return [
            Batch(int(i), at.astimezone(UTC), by, why, int(size)) for i, at, by, why, size in rows
        ]

    def _recorded_after(
        self, kind: str, micros: int | None, organisation: str
    ) -> Iterator[Revision]:
        if micros is None:
            rows = self._conn.execute(
                _SELECT + " WHERE r.organisation = %s AND r.kind = %s ORDER BY r.batch, r.id",
                (organisation, kind),
            ).fetchall()
        else:
            rows = self._conn.execute(
                _SELECT + " WHERE r.organisation = %s AND r.kind = %s AND b.at > %s"
                " ORDER BY r.batch, r.id",
                (organisation, kind, from_micros(micros)),
            ).fetchall()
        return iter([_revision(row) for row in rows])


@frozen
class PostgresBackend:
    """The store backend for ``postgresql://`` (and, as an alias, ``postgres://``) URLs.

    The URL is passed to libpq unchanged, so every libpq URL parameter works
    (``?sslmode=require``, ``?application_name=...``).
    """

    scheme: str = "postgresql"

    def open(self, url: str) -> PostgresStore:
        """Open the store in the database at ``url``, creating its tables if need be."""
        if not url.startswith(f"{self.scheme}://"):
            raise StoreError(f"not a {self.scheme}:// URL: {url!r}")
        return PostgresStore(url)
