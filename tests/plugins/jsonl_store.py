"""A storage plugin: the whole history of a framework in one append-only JSON-lines file.

This is the worked example of the tutorial *Writing a storage plugin*, and it passes the
storage conformance suite (``tests/plugins/test_jsonl_store.py``).  It serves URLs of the
form ``jsonl:///path/to/council.jsonl``.

The file holds one line per batch: ``{"batch": 3, "at_us": ..., "by": ..., "why": ...,
"changes": [[kind, key, period, subject, deleted, payload_json, organisation], ...]}``
(lines written before organisations existed have six fields and read as organisation
``""``).  A batch is
written as one line and flushed to disk before the write returns, so it is all or
nothing: a process killed mid-write leaves at most a torn last line without its newline,
which readers ignore and the next writer cuts off.  Writers take an exclusive ``flock`` on
the file, and every reader and writer first catches up with the lines other processes
have appended, so several processes can share one file.  ``_write_planned`` runs an
import's plan (its diff) under that lock, so concurrent imports take turns.

For reading, the batches are replayed into a :class:`~goldenthread.storage.MemoryStore`,
which answers the queries; this backend only has to keep the log.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from attrs import frozen

from goldenthread.hookspecs import hookimpl
from goldenthread.storage import MemoryStore, StoreError
from goldenthread.storage.base import (
    CURRENT_SCHEMA_VERSION,
    Batch,
    EncodedChange,
    LockingStore,
    Revision,
    from_micros,
    to_micros,
)

__all__ = ["JsonLinesBackend", "JsonLinesStore", "goldenthread_store_backends"]


class JsonLinesStore(LockingStore):
    """A store kept in one append-only JSON-lines file (created if missing)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.touch(exist_ok=True)
        self._memory = MemoryStore()  # the batches read so far, for answering queries
        self._offset = 0  # how far into the file they go
        self._closed = False
        self._writing = False  # True while a write holds the exclusive lock
        self._sync()

    # -- keeping up with the file ----------------------------------------------------------

    def _sync(self, *, writing: IO[bytes] | None = None) -> None:
        """Replay the complete lines appended since the last call.

        With ``writing`` (the writer's handle, under its exclusive lock), a torn last line
        left by a killed writer is cut off so the next batch starts on a line of its own.
        """
        if self._closed:
            raise StoreError("the store is closed")
        if writing is None and self._writing:
            return  # inside a write, under the exclusive lock: already caught up
        if writing is None:
            with self.path.open("rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_SH)
                handle.seek(self._offset)
                tail = handle.read()
        else:
            writing.seek(self._offset)
            tail = writing.read()
        end = tail.rfind(b"\n") + 1  # the complete lines; 0 when there is none
        for line in tail[:end].splitlines():
            if line.strip():
                self._replay(json.loads(line))
        self._offset += end
        if writing is not None and end < len(tail):
            writing.truncate(self._offset)

    def _replay(self, record: Any) -> None:
        """Apply one batch line (as :func:`json.loads` read it) to the in-memory index."""
        changes = [EncodedChange(*change) for change in record["changes"]]
        at = from_micros(record["at_us"])
        number = self._memory._write(changes, by=record["by"], at=at, why=record["why"])
        if number != record["batch"]:
            raise StoreError(f"{self.path}: batch {record['batch']} is out of sequence")

    # -- what a backend implements ---------------------------------------------------------

    def schema_version(self) -> int:
        """The file format has had one version, matching the current schema."""
        self._sync()
        return CURRENT_SCHEMA_VERSION

    def close(self) -> None:
        """Forget what was read; the store cannot be used afterwards."""
        self._closed = True
        self._memory.close()

    def _write_planned(
        self,
        plan: Callable[[], list[EncodedChange] | None],
        *,
        by: str,
        at: datetime | None,
        why: str,
    ) -> int | None:
        with self.path.open("r+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
            self._sync(writing=handle)
            # The plan reads the in-memory index, caught up under the lock.
            self._writing = True
            try:
                changes = plan()
            finally:
                self._writing = False
            if changes is None:
                return None
            batches = self._memory.batches()
            at = self._batch_time(at, batches[-1].at if batches else None)
            number = len(batches) + 1
            record = {
                "batch": number,
                "at_us": to_micros(at),
                "by": by,
                "why": why,
                "changes": [list(change) for change in changes],
            }
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
            handle.seek(self._offset)
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())  # on disk before the batch counts as written
            self._sync(writing=handle)
        return number

    def _bound(self, micros: int) -> int:
        self._sync()
        return self._memory._bound(micros)

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
        self._sync()
        return self._memory._latest(
            kind, bound, period=period, subject=subject, key=key, organisation=organisation
        )

    def _history(self, kind: str, key: str, organisation: str) -> list[Revision]:
        self._sync()
        return self._memory._history(kind, key, organisation)

    def _organisations(self, kind: str, bound: int | None) -> list[str]:
        self._sync()
        return self._memory._organisations(kind, bound)

    def _batches(self) -> list[Batch]:
        self._sync()
        return self._memory._batches()

    def _recorded_after(
        self, kind: str, micros: int | None, organisation: str
    ) -> Iterator[Revision]:
        self._sync()
        return self._memory._recorded_after(kind, micros, organisation)


@frozen
class JsonLinesBackend:
    """The ``jsonl`` scheme: ``jsonl:///relative.jsonl`` or ``jsonl:////absolute.jsonl``."""

    scheme: str = "jsonl"

    def open(self, url: str) -> JsonLinesStore:
        """Open (creating if need be) the file the URL names."""
        prefix = "jsonl:///"
        if not url.startswith(prefix) or len(url) == len(prefix):
            raise StoreError(f"a JSON-lines store URL is jsonl:///path.jsonl, not {url!r}")
        return JsonLinesStore(url[len(prefix) :])


@hookimpl
def goldenthread_store_backends() -> list[JsonLinesBackend]:
    """Serve the ``jsonl`` scheme."""
    return [JsonLinesBackend()]
