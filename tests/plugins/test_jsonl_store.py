"""The tutorial's storage plugin (``jsonl_store``) passes the conformance suite, is found
by its URL scheme through the plugin hook, and survives a torn last line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from goldenthread.plugins import get_plugin_manager
from goldenthread.storage import Change, Store, StoreError, open_store
from goldenthread.testing.conformance import StoreConformance
from tests.plugins import jsonl_store
from tests.plugins.jsonl_store import JsonLinesStore

T0 = datetime(2025, 4, 1, 9, 0, tzinfo=UTC)


class TestJsonLinesStore(StoreConformance):
    def fresh_store(self, workdir: Path) -> JsonLinesStore:
        return JsonLinesStore(workdir / "store.jsonl")

    def other_handle(self, store: Store) -> JsonLinesStore:
        assert isinstance(store, JsonLinesStore)
        return JsonLinesStore(store.path)


def test_the_scheme_is_served_through_the_hook(tmp_path: Path) -> None:
    pm = get_plugin_manager(entry_points=False, extra=[jsonl_store])
    url = f"jsonl:///{tmp_path / 'council.jsonl'}"
    with open_store(url, plugin_manager=pm) as store:
        store.write([Change("risk", "CR01", {"title": "Funding gap"})], by="a", at=T0, why="t")
    with open_store(url, plugin_manager=pm) as again:
        revision = again.get("risk", "CR01")
    assert revision is not None
    assert revision.payload == {"title": "Funding gap"}


def test_a_bad_url_is_refused() -> None:
    pm = get_plugin_manager(entry_points=False, extra=[jsonl_store])
    with pytest.raises(StoreError, match=r"jsonl:///path\.jsonl"):
        open_store("jsonl://", plugin_manager=pm)


def test_two_handles_on_one_file_see_each_others_batches(tmp_path: Path) -> None:
    path = tmp_path / "shared.jsonl"
    first, second = JsonLinesStore(path), JsonLinesStore(path)
    first.write([Change("value", "A|Q1", {"v": 1})], by="a", at=T0, why="one")
    assert second.write([Change("value", "A|Q1", {"v": 2})], by="b", at=T0, why="two") == 2
    assert [r.payload for r in first.history("value", "A|Q1")] == [{"v": 1}, {"v": 2}]


def test_a_torn_last_line_is_ignored_and_cut_off_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "torn.jsonl"
    with JsonLinesStore(path) as store:
        store.write([Change("value", "A|Q1", {"v": 1})], by="a", at=T0, why="kept")
    with path.open("ab") as handle:  # what a writer killed mid-line leaves behind
        handle.write(b'{"batch":2,"at_us":1,"by":"x","why":"lost","chan')
    with JsonLinesStore(path) as store:
        assert [b.why for b in store.batches()] == ["kept"]
        assert store.write([Change("value", "A|Q1", {"v": 3})], by="a", at=T0, why="next") == 2
    with JsonLinesStore(path) as store:
        assert [b.why for b in store.batches()] == ["kept", "next"]
        current = store.get("value", "A|Q1")
        assert current is not None
        assert current.payload == {"v": 3}
