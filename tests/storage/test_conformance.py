"""The storage conformance suite, run against the built-in backends."""

from __future__ import annotations

from pathlib import Path

from goldenthread.storage import SQLiteStore, open_store
from goldenthread.storage.base import Store
from goldenthread.testing.conformance import StoreConformance


class TestMemoryStore(StoreConformance):
    def fresh_store(self, workdir: Path) -> Store:
        return open_store("memory://")


class TestSQLiteStore(StoreConformance):
    def fresh_store(self, workdir: Path) -> Store:
        return open_store(f"sqlite:///{workdir / 'store.db'}")

    def other_handle(self, store: Store) -> Store:
        assert isinstance(store, SQLiteStore)
        return SQLiteStore(store.path)
