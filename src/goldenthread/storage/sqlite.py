"""The embedded SQLite store (``sqlite:///PATH``), the default, using only :mod:`sqlite3`.

* **WAL journal** with ``synchronous=NORMAL``: readers never block the writer and a
  process killed at any point leaves the database consistent (an uncommitted batch is
  simply absent).
* **One write transaction per batch**, begun with ``BEGIN IMMEDIATE`` so concurrent
  writers (threads or processes) queue on the database lock rather than fail mid-batch;
  the plan of :meth:`~goldenthread.storage.base.Store.write_planned` (an import's diff),
  the order check on ``at`` and the batch's time stamp all run inside the transaction.
  Rows are inserted with ``executemany``.  An import's diff reads the current payloads
  as stored text (:meth:`~goldenthread.storage.base.Store.current_encoded`), without
  joining the batch table.
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
    LockingStore,
    Revision,
    SchemaError,
    StoreError,
    decode_payload,
    from_micros,
    to_micros,
)
from goldenthread.storage.migrations import (
    SQLITE_MIGRATIONS,
    migrate_sqlite,
    sqlite_schema_version,
)

__all__ = ["SQLiteBackend", "SQLiteStore", "sqlite_path"]

_NO_BOUND = 2**62

_NEWEST = SQLITE_MIGRATIONS[-1].version if SQLITE_MIGRATIONS else 0

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

# The latest revision of each live entity, with its payload as stored (no join: the
# batch's who, when and why are not wanted).
_CURRENT_TEXT = (
    "SELECT r.key, r.period, r.subject, r.payload FROM revisions AS r"
    " WHERE r.organisation = ? AND r.kind = ? AND r.deleted = 0"
    " AND NOT EXISTS (SELECT 1 FROM revisions AS n"
    " WHERE n.organisation = r.organisation AND n.kind = r.kind AND n.key = r.key"
    " AND n.batch > r.batch)"
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


class SQLiteStore(LockingStore):
    """A store in an SQLite database file; see the module documentation.

    Args:
        path: the database file (created with its folder's permission if missing, unless
            ``read_only``).
        timeout: seconds to wait for another writer's lock before failing.
        read_only: open an existing file for reading only (``PRAGMA query_only``); a
            missing file is an error, never created.

    Raises:
        SchemaError: the file is not a goldenthread store (not even an SQLite database),
            or is newer than this release.
        StoreError: the file cannot be opened (its folder is missing, say) or, read-only,
            does not exist.
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        try:
            self._conn = self._connect(timeout)
        except sqlite3.DatabaseError as error:
            raise _open_error(self.path, error) from None
        try:
            if read_only:
                self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                if sqlite_schema_version(self._conn) < _NEWEST:
                    # An older (or empty) store is brought up to date before reading.
                    self._set_up(timeout)
                self._conn.execute("PRAGMA query_only = ON")
            else:
                self._set_up(timeout)
        except sqlite3.DatabaseError as error:
            self._conn.close()
            raise _open_error(self.path, error) from None
        except BaseException:
            self._conn.close()
            raise

    def _connect(self, timeout: float) -> sqlite3.Connection:
        """A connection to the file: created if missing, unless ``read_only``.

        Read-only, the existing file is opened without ever being created (SQLite URI
        ``mode=rw``, then ``PRAGMA query_only``, so the last reader still tidies away the
        write-ahead log; ``mode=ro`` when the file itself is read-only).
        """
        if not self.read_only or str(self.path) == ":memory:":
            return sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        if not self.path.is_file():
            raise StoreError(
                f"there is no store at {self.path}: the file does not exist "
                "(import a bundle into it first)"
            )
        uri = self.path.resolve().as_uri()
        try:
            return sqlite3.connect(
                f"{uri}?mode=rw", timeout=timeout, isolation_level=None, uri=True
            )
        except sqlite3.OperationalError:
            return sqlite3.connect(
                f"{uri}?mode=ro", timeout=timeout, isolation_level=None, uri=True
            )

    def _set_up(self, timeout: float) -> None:
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: large imports
        migrate_sqlite(self._conn)

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

    def _current_encoded(self, kind: str, organisation: str) -> list[EncodedChange]:
        rows = sorted(self._conn.execute(_CURRENT_TEXT, (organisation, kind)))
        return [
            EncodedChange(kind, key, period, subject, False, payload, organisation)
            for key, period, subject, payload in rows
        ]

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


def _open_error(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    """The sentence to say when SQLite cannot open (or read) the file at ``path``."""
    text = str(error)
    if "not a database" in text:
        return SchemaError(f"{path} is not a goldenthread store: it is not an SQLite database")
    if not path.parent.is_dir():
        return StoreError(f"cannot open the store {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        return StoreError(f"cannot open the store {path}: it is a folder, not a file")
    return StoreError(f"cannot open the store {path}: {text}")


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
    text = url[len(prefix) :]
    if text == ":memory:" or text.startswith(("file:", ":memory:?")):
        raise StoreError(
            f"{url} is a database held in memory, which keeps nothing once the command ends; "
            "name a file, such as sqlite:///goldenthread.db (memory:// is a throwaway store "
            "in Python)"
        )
    if any(ch < " " or ch == "\x7f" for ch in text):
        raise StoreError(f"the store path {text!r} contains a control character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(
            f"the store path {text!r} is not valid UTF-8; rename it or choose another"
        ) from None
    return Path(text)


@frozen
class SQLiteBackend:
    """The ``sqlite`` backend: ``sqlite:///PATH`` opens (or creates) the database file."""

    scheme: str = "sqlite"

    def open(self, url: str) -> SQLiteStore:
        """Open the store at ``url`` (creating the file if it is missing); see
        :func:`sqlite_path`.

        Raises:
            StoreError: a malformed URL, an in-memory database (``sqlite:///:memory:``
                keeps nothing), a folder that does not exist, or a file that is not a
                goldenthread store.
        """
        return SQLiteStore(sqlite_path(url))

    def open_for_reading(self, url: str) -> SQLiteStore:
        """Open the existing store at ``url`` read-only: a missing file is an error naming
        the path, never created (an older store is still migrated forward first)."""
        return SQLiteStore(sqlite_path(url), read_only=True)
