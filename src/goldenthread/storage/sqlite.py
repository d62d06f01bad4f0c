"""The embedded SQLite store (``sqlite:///PATH``), the default, using only :mod:`sqlite3`.

* **WAL journal** with ``synchronous=NORMAL``: readers never block the writer and a
  process killed at any point leaves the database consistent (an uncommitted batch is
  simply absent).
* **One write transaction per batch**, begun with ``BEGIN IMMEDIATE`` so concurrent
  writers (threads or processes) queue on the database lock rather than fail mid-batch;
  the plan of :meth:`~goldenthread.storage.base.Store.write_planned` (an import's diff),
  the order check on ``at`` and the batch's time stamp all run inside the transaction.
  Rows are inserted with ``executemany``.
* **A busy timeout** (30 s by default) for waiting on another writer's lock.
* **Indexes** for the queries reports make: an entity's revisions
  ``(organisation, kind, key, batch)``, one period ``(organisation, kind, period)``, one
  subject ``(organisation, kind, subject)``, and batch time.  A
  bulk import (a batch of 10,000 rows or more that outnumbers the rows already stored)
  drops the period and subject indexes inside its transaction and rebuilds them before
  committing, which is several times cheaper than keeping them up to date row by row.
* **Parameterised SQL only**; payloads are JSON text.  ``UPDATE`` and ``DELETE`` on the
  tables are refused by triggers.

The schema is created or migrated forward on open (:mod:`.migrations`).
"""

from __future__ import annotations

import functools
import json
import operator
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from attrs import frozen

from goldenthread.storage.base import (
    Batch,
    EncodedChange,
    Revision,
    Store,
    StoreError,
    decode_payload,
    from_micros,
    to_micros,
)
from goldenthread.storage.migrations import migrate_sqlite, sqlite_schema_version

__all__ = ["SQLiteBackend", "SQLiteStore", "sqlite_path"]

_NO_BOUND = 2**62

# A batch of at least this many rows, and more than the store holds, rebuilds the
# secondary indexes after its insert rather than maintaining them row by row.
_BULK_ROWS = 10_000

_SELECT = (
    "SELECT r.kind, r.key, r.payload, r.period, r.subject, r.deleted, r.batch,"
    " b.at_us, b.recorded_by, b.reason, r.organisation"
    " FROM revisions AS r JOIN batches AS b ON b.id = r.batch"
)

_LATEST = (
    "SELECT r.kind, r.key, r.payload, r.period, r.subject, r.deleted, r.batch,"
    " b.at_us, b.recorded_by, b.reason, r.organisation"
    " FROM revisions AS r JOIN batches AS b ON b.id = r.batch"
    " WHERE r.organisation = ? AND r.kind = ? AND r.batch <= ? AND r.deleted = 0"
    " AND NOT EXISTS (SELECT 1 FROM revisions AS n"
    " WHERE n.organisation = r.organisation AND n.kind = r.kind AND n.key = r.key"
    " AND n.batch > r.batch AND n.batch <= ?)"
)

_ORGANISATIONS = (
    "SELECT DISTINCT r.organisation FROM revisions AS r"
    " WHERE r.kind = ? AND r.batch <= ? AND r.deleted = 0"
    " AND NOT EXISTS (SELECT 1 FROM revisions AS n"
    " WHERE n.organisation = r.organisation AND n.kind = r.kind AND n.key = r.key"
    " AND n.batch > r.batch AND n.batch <= ?)"
    " ORDER BY r.organisation"
)

# The four filter combinations, each a fixed statement (no SQL built from input).
_LATEST_BY = {
    (False, False, False): _LATEST + "",
    (True, False, False): _LATEST + " AND r.period = ?",
    (False, True, False): _LATEST + " AND r.subject = ?",
    (True, True, False): _LATEST + " AND r.period = ? AND r.subject = ?",
    (False, False, True): _LATEST + " AND r.key = ?",
    (True, False, True): _LATEST + " AND r.period = ? AND r.key = ?",
    (False, True, True): _LATEST + " AND r.subject = ? AND r.key = ?",
    (True, True, True): _LATEST + " AND r.period = ? AND r.subject = ? AND r.key = ?",
}

_Row = tuple[str, str, str, str | None, str | None, int, int, int, str, str, str]

# A row's entity key, to sort rows by.
_by_key = operator.itemgetter(1)


# Rows of one batch share a time: convert each distinct time once.
_batch_time_of = functools.lru_cache(maxsize=4096)(from_micros)


def _revision(row: _Row) -> Revision:
    kind, key, payload, period, subject, deleted, batch, at_us, by, why, organisation = row
    return Revision(
        kind=kind,
        key=key,
        payload=decode_payload(payload),
        period=period,
        subject=subject,
        deleted=bool(deleted),
        batch=batch,
        at=_batch_time_of(at_us),
        by=by,
        why=why,
        organisation=organisation,
    )


def _revisions(rows: list[_Row]) -> list[Revision]:
    """The revisions of ``rows``, their payloads decoded by one :func:`json.loads` call.

    One call over the whole list costs less than one per row.  If the joined text does
    not decode to exactly one table per row, each row is decoded on its own instead, so a
    bad payload is reported as :func:`~goldenthread.storage.base.decode_payload` reports
    it.
    """
    try:
        payloads = json.loads("[" + ",".join(row[2] for row in rows) + "]")
    except ValueError:
        return [_revision(row) for row in rows]
    if len(payloads) != len(rows) or not all(type(p) is dict for p in payloads):
        return [_revision(row) for row in rows]
    return [
        Revision(
            kind=kind,
            key=key,
            payload=payload,
            period=period,
            subject=subject,
            deleted=bool(deleted),
            batch=batch,
            at=_batch_time_of(at_us),
            by=by,
            why=why,
            organisation=organisation,
        )
        for (
            kind,
            key,
            _,
            period,
            subject,
            deleted,
            batch,
            at_us,
            by,
            why,
            organisation,
        ), payload in zip(rows, payloads, strict=True)
    ]


class SQLiteStore(Store):
    """A store in an SQLite database file; see the module documentation.

    Args:
        path: the database file (created with its folder's permission if missing).
        timeout: seconds to wait for another writer's lock before failing.

    Raises:
        SchemaError: the file is not a goldenthread store, or is newer than this release.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: large imports
            migrate_sqlite(self._conn)
        except BaseException:
            self._conn.close()
            raise

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return sqlite_schema_version(self._conn)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def integrity_check(self) -> list[str]:
        """SQLite's own consistency check: ``[]`` when the database is sound."""
        rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        messages = [str(row[0]) for row in rows]
        return [] if messages == ["ok"] else messages

    def _write(
        self, changes: list[EncodedChange], *, by: str, at: datetime | None, why: str
    ) -> int:
        number = self._write_planned(lambda: changes, by=by, at=at, why=why)
        assert number is not None
        return number

    def _write_planned(
        self,
        plan: Callable[[], list[EncodedChange] | None],
        *,
        by: str,
        at: datetime | None,
        why: str,
    ) -> int | None:
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(f"cannot start a write on {self.path}: {error}") from error
        try:
            # The plan reads through this connection, inside the write transaction.
            planned = plan()
            if planned is None:
                conn.execute("ROLLBACK")
                return None
            rows = planned
            last = conn.execute("SELECT max(at_us) FROM batches").fetchone()[0]
            at = self._batch_time(at, None if last is None else from_micros(last))
            micros = to_micros(at)
            cursor = conn.execute(
                "INSERT INTO batches (at_us, recorded_by, reason, size) VALUES (?, ?, ?, ?)",
                (micros, by, why, len(rows)),
            )
            number = cursor.lastrowid
            if number is None:
                raise StoreError("SQLite did not number the new batch")
            rebuilt = self._drop_indexes_for(len(rows))
            conn.executemany(
                "INSERT INTO revisions"
                " (batch, kind, key, period, subject, deleted, payload, organisation)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((number, *row) for row in rows),
            )
            for statement in rebuilt:
                conn.execute(statement)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return int(number)

    def _drop_indexes_for(self, size: int) -> list[str]:
        """Inside the write transaction, drop the revisions' secondary indexes when a batch
        of ``size`` rows outnumbers the rows already stored (a bulk import), returning the
        statements that recreate them before the commit; else drop nothing.

        Building an index once over sorted keys is several times cheaper than keeping it
        up to date row by row in random key order.  The drop and the rebuild are part of
        the batch's transaction, so a failure or a killed process leaves the indexes as
        they were, and readers never see the store without them.
        """
        if size < _BULK_ROWS:
            return []
        stored = self._conn.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0]
        if size <= stored:
            return []
        indexes = self._conn.execute(
            "SELECT name, sql FROM sqlite_master"
            " WHERE type = 'index' AND tbl_name = 'revisions' AND sql IS NOT NULL"
            " ORDER BY name"
        ).fetchall()
        for name, _ in indexes:
            # The name comes from the schema itself, never from input.
            self._conn.execute(f'DROP INDEX "{name}"')
        return [str(sql) for _, sql in indexes]

    def _bound(self, micros: int) -> int:
        row = self._conn.execute(
            "SELECT coalesce(max(id), 0) FROM batches WHERE at_us <= ?", (micros,)
        ).fetchone()
        return int(row[0])

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
        limit = _NO_BOUND if bound is None else bound
        params: list[object] = [organisation, kind, limit, limit]
        params.extend(v for v in (period, subject, key) if v is not None)
        sql = _LATEST_BY[(period is not None, subject is not None, key is not None)]
        # Sorted here rather than by ORDER BY, which would tempt SQLite to walk the key
        # index instead of the period or subject index.
        rows = sorted(self._conn.execute(sql, params), key=_by_key)
        return _revisions(rows)

    def _history(self, kind: str, key: str, organisation: str) -> list[Revision]:
        rows = self._conn.execute(
            _SELECT + " WHERE r.organisation = ? AND r.kind = ? AND r.key = ? ORDER BY r.batch",
            (organisation, kind, key),
        )
        return _revisions(rows.fetchall())

    def _organisations(self, kind: str, bound: int | None) -> list[str]:
        limit = _NO_BOUND if bound is None else bound
        rows = self._conn.execute(_ORGANISATIONS, (kind, limit, limit))
        return [str(row[0]) for row in rows]

    def _batches(self) -> list[Batch]:
        rows = self._conn.execute(
            "SELECT id, at_us, recorded_by, reason, size FROM batches ORDER BY id"
        )
        return [Batch(i, from_micros(at), by, why, size) for i, at, by, why, size in rows]

    def _recorded_after(
        self, kind: str, micros: int | None, organisation: str
    ) -> Iterator[Revision]:
        after = -_NO_BOUND if micros is None else micros
        rows = self._conn.execute(
            _SELECT + " WHERE r.organisation = ? AND r.kind = ? AND b.at_us > ?"
            " ORDER BY r.batch, r.id",
            (organisation, kind, after),
        )
        return iter(_revisions(rows.fetchall()))


def sqlite_path(url: str) -> Path:
    """The file path of an ``sqlite:///PATH`` URL.

    ``sqlite:///relative.db`` is relative to the working directory and
    ``sqlite:////abs/path.db`` absolute (three slashes, then the path).

    Raises:
        StoreError: the URL is not of that form.
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise StoreError(
            f"an SQLite store URL is sqlite:///relative/path.db or sqlite:////absolute/path.db,"
            f" not {url!r}"
        )
    return Path(url[len(prefix) :])


@frozen
class SQLiteBackend:
    """The ``sqlite`` backend: ``sqlite:///PATH`` opens (or creates) the database file."""

    scheme: str = "sqlite"

    def open(self, url: str) -> SQLiteStore:
        """Open the store at ``url``; see :func:`sqlite_path`."""
        return SQLiteStore(sqlite_path(url))
