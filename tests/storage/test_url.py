"""Opening stores by URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from attrs import frozen

from goldenthread.hookspecs import hookimpl
from goldenthread.plugins import get_plugin_manager
from goldenthread.storage import (
    MemoryStore,
    SQLiteStore,
    StoreError,
    UnknownSchemeError,
    builtin_store_backends,
    open_store,
)
from goldenthread.storage.base import StoreBackend


def test_memory_url_gives_a_new_empty_store_each_time() -> None:
    first = open_store("memory://")
    second = open_store("memory://")
    assert isinstance(first, MemoryStore)
    assert first is not second


def test_a_memory_url_with_a_path_is_refused() -> None:
    with pytest.raises(StoreError, match="exactly 'memory://'"):
        open_store("memory://somewhere")


def test_sqlite_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///sub.db") as store:
        assert isinstance(store, SQLiteStore)
    assert (tmp_path / "sub.db").is_file()


def test_sqlite_absolute_path(tmp_path: Path) -> None:
    path = tmp_path / "abs.db"
    with open_store(f"sqlite:///{path}") as store:
        assert isinstance(store, SQLiteStore)
        assert store.path == path
    assert str(path).startswith("/")
    assert path.is_file()


@pytest.mark.parametrize("url", ["sqlite://relative.db", "sqlite:///"])
def test_malformed_sqlite_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreError, match=r"an SQLite store URL is sqlite:///relative/path\.db"):
        open_store(url)


def test_an_unknown_scheme_lists_the_known_ones() -> None:
    with pytest.raises(UnknownSchemeError) as caught:
        open_store("mongodb://localhost/x")
    message = str(caught.value)
    assert "no store backend for mongodb://" in message
    assert "known: memory://" in message
    assert "sqlite://" in message
    assert "(installed plugins included)" in message


def test_text_that_is_not_a_url_is_refused() -> None:
    with pytest.raises(StoreError, match="is not a store URL; expected scheme://"):
        open_store("goldenthread.db")


def test_the_builtin_backends_serve_memory_and_sqlite() -> None:
    assert sorted(b.scheme for b in builtin_store_backends()) == ["memory", "sqlite"]


@frozen
class _EchoBackend:
    scheme: str = "echo"

    def open(self, url: str) -> MemoryStore:
        return MemoryStore()


class _EchoPlugin:
    @hookimpl
    def goldenthread_store_backends(self) -> list[StoreBackend]:
        return [_EchoBackend()]


def test_a_plugin_managers_backends_are_used() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[_EchoPlugin()])
    assert isinstance(open_store("echo://anything", plugin_manager=pm), MemoryStore)
    with pytest.raises(UnknownSchemeError, match=r"known: .*echo://") as caught:
        open_store("mongodb://x", plugin_manager=pm)
    assert "installed plugins included" not in str(caught.value)


def test_without_a_manager_other_schemes_come_from_the_installed_plugins() -> None:
    """``goldenthread-postgres`` is installed beside goldenthread in this environment (as
    ``scripts/setup.sh`` installs every package in ``plugins/``); its scheme is found
    without a plugin manager being passed, and the URL reaches its backend."""
    with pytest.raises(StoreError) as caught:  # nothing listens on port 1: refused at once
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert not isinstance(caught.value, UnknownSchemeError)
    assert "postgresql" in str(caught.value).lower() or "connect" in str(caught.value).lower()
