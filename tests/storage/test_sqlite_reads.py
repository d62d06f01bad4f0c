"""SQLite reads: payloads decoded together read exactly as payloads decoded one by one, and
a damaged payload is still reported on its own."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.storage import Change, SchemaError, SQLiteStore

T0 = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=8),
    st.floats(allow_nan=False, allow_infinity=False),
)
_payloads = st.dictionaries(
    st.text(max_size=6),
    st.recursive(
        _json_scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
        max_leaves=6,
    ),
    max_size=4,
)


@settings(max_examples=25)
@given(st.lists(_payloads, max_size=6))
def test_every_payload_reads_back_as_written(payloads: list[dict[str, object]]) -> None:
    store = SQLiteStore(":memory:")
    try:
        changes = [Change("value", f"k{i:02d}", p) for i, p in enumerate(payloads)]
        if changes:
            store.write(changes, by="test", at=T0, why="test")
        assert [r.payload for r in store.current("value")] == payloads
        for i, payload in enumerate(payloads):
            assert [r.payload for r in store.history("value", f"k{i:02d}")] == [payload]
    finally:
        store.close()


def _damage(path: Path, key: str, text: str) -> None:
    """Insert a revision with payload ``text`` behind the store's back."""
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO revisions (batch, kind, key, period, subject, deleted, payload)"
            " VALUES (1, 'value', ?, NULL, NULL, 0, ?)",
            (key, text),
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1}, {"b": 2}', "Extra data"),
        ("[1, 2]", r"stored payload is not a JSON object: '\[1, 2\]'"),
        ("[{}", "Expecting"),
    ],
)
def test_a_damaged_payload_is_reported_on_its_own(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "store.db"
    store = SQLiteStore(path)
    store.write([Change("value", "a", {"n": 1})], by="test", at=T0, why="test")
    _damage(path, "b", text)
    try:
        with pytest.raises((SchemaError, json.JSONDecodeError), match=message):
            store.current("value")
    finally:
        store.close()
