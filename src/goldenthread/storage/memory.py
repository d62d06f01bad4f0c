"""The in-memory store (``memory://``): the full store semantics, kept in one process.

Useful for tests, notebooks and one-off reports.  Payloads are kept as their JSON
text, so a memory store returns exactly what a database backend would (tuples come back as
lists, and a caller mutating a returned payload changes nothing stored).  Each
``open_store("memory://")`` is a new, empty store.  Writes (and the plans of
:meth:`~goldenthread.storage.base.Store.write_planned`) are serialised by a re-entrant
lock, so a store may be shared between threads.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterator
from datetime import datetime

from attrs import frozen

from goldenthread.storage.base import (
    CURRENT_SCHEMA_VERSION,
    Batch,
    EncodedChange,
    LockingStore,
    Revision,
    StoreError,
    decode_payload,
    to_micros,
)

__all__ = ["MemoryBackend", "MemoryStore"]


@frozen
class _Stored:
    kind: str
    key: str
    payload: str
    period: str | None
    subject: str | None
    deleted: bool
    batch: int
    organisation: str = ""


class MemoryStore(LockingStore):
    """A store held in memory; see the module documentation."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._batch_list: list[Batch] = []
        self._batch_micros: list[int] = []
        self._revisions: list[_Stored] = []
        self._by_entity: dict[tuple[str, str, str], list[_Stored]] = {}
        self._closed = False

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed")

    def schema_version(self) -> int:
        """Always :data:`~goldenthread.storage.base.CURRENT_SCHEMA_VERSION`."""
        self._check_open()
        return CURRENT_SCHEMA_VERSION

    def close(self) -> None:
        """Close the store (its content is discarded)."""
        self._closed = True

    def _write_planned(
        self,
        plan: Callable[[], list[EncodedChange] | None],
        *,
        by: str,
        at: datetime | None,
        why: str,
    ) -> int | None:
        self._check_open()
        # The lock is re-entrant: the plan reads this store while the lock is held.
        with self._lock:
            changes = plan()
            if changes is None:
                return None
            stored = [
                _Stored(c.kind, c.key, c.payload, c.period, c.subject, c.deleted, 0, c.organisation)
                for c in changes
            ]
            at = self._batch_time(at, self._batch_list[-1].at if self._batch_list else None)
            micros = to_micros(at)
            number = len(self._batch_list) + 1
            self._batch_list.append(Batch(number, at, by, why, len(stored)))
            self._batch_micros.append(micros)
            for item in stored:
                item = _Stored(
                    item.kind,
                    item.key,
                    item.payload,
                    item.period,
                    item.subject,
                    item.deleted,
                    number,
                    item.organisation,
                )
                self._revisions.append(item)
                entity = (item.organisation, item.kind, item.key)
                self._by_entity.setdefault(entity, []).append(item)
        return number

    def _revision(self, item: _Stored) -> Revision:
        batch = self._batch_list[item.batch - 1]
        return Revision(
            kind=item.kind,
            key=item.key,
            payload=decode_payload(item.payload),
            period=item.period,
            subject=item.subject,
            deleted=item.deleted,
            batch=item.batch,
            at=batch.at,
            by=batch.by,
            why=batch.why,
            organisation=item.organisation,
        )

    def _bound(self, micros: int) -> int:
        self._check_open()
        with self._lock:
            return bisect.bisect_right(self._batch_micros, micros)

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
        self._check_open()
        with self._lock:
            if key is not None:
                entities = [self._by_entity.get((organisation, kind, key), [])]
            else:
                entities = [
                    v for (o, k, _), v in self._by_entity.items() if k == kind and o == organisation
                ]
            found: list[_Stored] = []
            for revisions in entities:
                visible = [r for r in revisions if bound is None or r.batch <= bound]
                if not visible:
                    continue
                latest = visible[-1]
                if latest.deleted:
                    continue
                if period is not None and latest.period != period:
                    continue
                if subject is not None and latest.subject != subject:
                    continue
                found.append(latest)
            found.sort(key=lambda r: r.key)
            return [self._revision(r) for r in found]

    def _current_encoded(self, kind: str, organisation: str) -> list[EncodedChange]:
        self._check_open()
        with self._lock:
            latest = [
                revisions[-1]
                for (o, k, _), revisions in self._by_entity.items()
                if k == kind and o == organisation and not revisions[-1].deleted
            ]
            latest.sort(key=lambda r: r.key)
            return [
                EncodedChange(r.kind, r.key, r.period, r.subject, False, r.payload, r.organisation)
                for r in latest
            ]

    def _history(self, kind: str, key: str, organisation: str) -> list[Revision]:
        self._check_open()
        with self._lock:
            revisions = self._by_entity.get((organisation, kind, key), [])
            return [self._revision(r) for r in revisions]

    def _organisations(self, kind: str, bound: int | None) -> list[str]:
        self._check_open()
        with self._lock:
            found: set[str] = set()
            for (organisation, k, _), revisions in self._by_entity.items():
                if k != kind or organisation in found:
                    continue
                visible = [r for r in revisions if bound is None or r.batch <= bound]
                if visible and not visible[-1].deleted:
                    found.add(organisation)
            return sorted(found)

    def _batches(self) -> list[Batch]:
        self._check_open()
        with self._lock:
            return list(self._batch_list)

    def _recorded_after(
        self, kind: str, micros: int | None, organisation: str
    ) -> Iterator[Revision]:
        self._check_open()
        with self._lock:
            first = 0 if micros is None else bisect.bisect_right(self._batch_micros, micros)
            chosen = [
                r
                for r in self._revisions
                if r.kind == kind and r.batch > first and r.organisation == organisation
            ]
            return iter([self._revision(r) for r in chosen])


@frozen
class MemoryBackend:
    """The ``memory://`` backend: every :meth:`open` gives a new, empty store."""

    scheme: str = "memory"

    def open(self, url: str) -> MemoryStore:
        """A new, empty :class:`MemoryStore`; ``url`` must be exactly ``memory://``."""
        if url != "memory://":
            raise StoreError(f"a memory store URL is exactly 'memory://', not {url!r}")
        return MemoryStore()
