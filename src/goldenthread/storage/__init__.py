"""Stores with full history: revisions in batches, current state, state as at any moment.

Open one with :func:`open_store`; the interface is :class:`~goldenthread.storage.base.Store`.
"""

from __future__ import annotations

from goldenthread._lazy import TYPE_CHECKING, lazy_exports

if TYPE_CHECKING:
    from goldenthread.storage.base import (
        CURRENT_SCHEMA_VERSION,
        Batch,
        BatchWriter,
        Change,
        LockingStore,
        OutOfOrderError,
        Restatement,
        Revision,
        SchemaError,
        Store,
        StoreBackend,
        StoreError,
    )
    from goldenthread.storage.memory import MemoryBackend, MemoryStore
    from goldenthread.storage.sqlite import SQLiteBackend, SQLiteStore
    from goldenthread.storage.url import UnknownSchemeError, builtin_store_backends, open_store

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "Batch",
    "BatchWriter",
    "Change",
    "LockingStore",
    "MemoryBackend",
    "MemoryStore",
    "OutOfOrderError",
    "Restatement",
    "Revision",
    "SQLiteBackend",
    "SQLiteStore",
    "SchemaError",
    "Store",
    "StoreBackend",
    "StoreError",
    "UnknownSchemeError",
    "builtin_store_backends",
    "open_store",
]

if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "goldenthread.storage.base": (
                "CURRENT_SCHEMA_VERSION",
                "Batch",
                "BatchWriter",
                "Change",
                "LockingStore",
                "OutOfOrderError",
                "Restatement",
                "Revision",
                "SchemaError",
                "Store",
                "StoreBackend",
                "StoreError",
            ),
            "goldenthread.storage.memory": ("MemoryBackend", "MemoryStore"),
            "goldenthread.storage.sqlite": ("SQLiteBackend", "SQLiteStore"),
            "goldenthread.storage.url": (
                "UnknownSchemeError",
                "builtin_store_backends",
                "open_store",
            ),
        },
    )
