"""The current state as JSON text (:meth:`Store.current_encoded`), and many payloads
decoded at once (:func:`decode_payloads`): what a writer diffs against, for every
backend, including one that relies on the default (re-encoding :meth:`Store.current`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.storage import Change, SchemaError, Store, open_store
from goldenthread.storage.base import (
    EncodedChange,
    decode_payload,
    decode_payloads,
    encode_payload,
)
from tests.plugins.jsonl_store import JsonLinesStore

T0 = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite", "jsonl"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    opened: Store
    if request.param == "memory":
        opened = open_store("memory://")
    elif request.param == "sqlite":
        opened = open_store(f"sqlite:///{tmp_path / 'gt.db'}")
    else:
        opened = JsonLinesStore(tmp_path / "gt.jsonl")
    with opened:
        yield opened


def _as_text(store: Store, kind: str, organisation: str = "") -> list[tuple[Any, ...]]:
    found = store.current_encoded(kind, organisation=organisation)
    assert all(type(e) is EncodedChange and e.deleted is False for e in found)
    return [(e.key, e.period, e.subject, decode_payload(e.payload), e.organisation) for e in found]


def _as_read(store: Store, kind: str, organisation: str = "") -> list[tuple[Any, ...]]:
    return [
        (r.key, r.period, r.subject, r.payload, r.organisation)
        for r in store.current(kind, organisation=organisation)
    ]


def test_the_current_state_as_text_is_the_current_state(store: Store) -> None:
    store.write(
        [
            Change("value", "B|Q1", {"value": "1", "nested": {"n": [1, 2.5]}}, period="Q1"),
            Change("value", "A|Q1", {"value": "2"}, period="Q1", subject="A"),
            Change("value", "C|Q1", {"value": "3"}),
            Change("value", "A|Q1", {"value": "9"}, organisation="other"),
            Change("risk", "CR01", {"score": 4}),
        ],
        by="ann",
        at=T0,
        why="first",
    )
    store.write(
        [Change("value", "B|Q1", {"value": "\u00e9"}, period="Q1"), Change.retire("value", "C|Q1")],
        by="bob",
        at=T0 + timedelta(days=1),
        why="second",
    )
    assert [e.key for e in store.current_encoded("value")] == ["A|Q1", "B|Q1"]
    for kind, organisation in (("value", ""), ("value", "other"), ("risk", ""), ("none", "")):
        assert _as_text(store, kind, organisation) == _as_read(store, kind, organisation)


def test_a_store_written_in_order_gives_back_the_text_it_was_given(store: Store) -> None:
    store.write([Change("item", "X", {"b": 1, "a": [None, True]})], by="ann", at=T0, why="x")
    (found,) = store.current_encoded("item")
    assert found.payload == '{"b":1,"a":[null,true]}'


def test_an_organisation_that_is_not_text_is_refused(store: Store) -> None:
    with pytest.raises(TypeError, match="organisation must be text"):
        store.current_encoded("value", organisation=3)  # type: ignore[arg-type]


changes = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.booleans(),
        st.dictionaries(st.text(max_size=3), st.integers() | st.text(max_size=3), max_size=3),
    ),
    max_size=6,
    unique_by=lambda t: t[0],
)


@settings(max_examples=25, deadline=None)
@given(batches=st.lists(changes, max_size=4))
def test_any_history_as_text_matches_current(batches: list[list[Any]]) -> None:
    with open_store("memory://") as memory:
        for n, batch in enumerate(batches):
            memory.write(
                [
                    Change.retire("thing", key) if retire else Change("thing", key, payload)
                    for key, retire, payload in batch
                ],
                by="ann",
                at=T0 + timedelta(minutes=n),
                why="x",
            )
        assert _as_text(memory, "thing") == _as_read(memory, "thing")


@given(st.lists(st.dictionaries(st.text(max_size=4), st.integers() | st.text(max_size=4))))
def test_payloads_decode_together_as_they_decode_alone(payloads: list[dict[str, Any]]) -> None:
    texts = [encode_payload(p) for p in payloads]
    assert decode_payloads(texts) == [decode_payload(t) for t in texts] == payloads


def test_a_stored_text_that_is_not_an_object_is_named() -> None:
    with pytest.raises(SchemaError, match="stored payload is not a JSON object: '\\[1\\]'"):
        decode_payloads(['{"a":1}', "[1]"])
    with pytest.raises(json.JSONDecodeError, match="Expecting property name"):
        decode_payloads(['{"a":1}', "{not json"])
