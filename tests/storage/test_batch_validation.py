"""A batch's changes are checked and encoded a column at a time when every change is plain,
and change by change otherwise: either way the same batches pass, with the same JSON text,
and the same problems are named."""

from __future__ import annotations

import enum
import gc
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.storage import Change
from goldenthread.storage.base import EncodedChange, validate_changes

json_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)
payloads = st.dictionaries(st.text(max_size=5), json_data, max_size=5)
texts = st.text(min_size=1, max_size=6).filter(lambda t: bool(t.strip()))
changes = st.builds(
    Change,
    kind=st.sampled_from(["value", "target", "risk"]),
    key=texts,
    payload=payloads,
    period=st.none() | texts,
    subject=st.none() | texts,
    deleted=st.booleans(),
    organisation=st.sampled_from(["", "poole", "rossendale"]),
)
batches = st.lists(changes, max_size=8, unique_by=lambda c: (c.organisation, c.kind, c.key))


def _expected(change: Change) -> EncodedChange:
    """What the store documents: the payload as compact JSON text, key order kept."""
    text = json.dumps(dict(change.payload), separators=(",", ":"), allow_nan=False)
    return EncodedChange(
        change.kind,
        change.key,
        change.period,
        change.subject,
        bool(change.deleted),
        text,
        change.organisation,
    )


@given(batches)
def test_a_plain_batch_is_encoded_as_documented(batch: list[Change]) -> None:
    encoded = validate_changes(batch)
    assert encoded == [_expected(c) for c in batch]
    assert all(type(e) is EncodedChange for e in encoded)
    assert [e.payload for e in validate_changes(iter(batch))] == [e.payload for e in encoded]


class Colour(enum.IntEnum):
    RED = 1


class Text(str):
    __slots__ = ()


def test_subclasses_of_json_types_are_written_as_their_json_type() -> None:
    batch = [
        Change("value", "a", {"n": Colour.RED, Text("k"): [Text("v"), {"x": Colour.RED}]}),
        Change("value", "b", {"plain": 1}),
    ]
    assert [e.payload for e in validate_changes(batch)] == [
        '{"n":1,"k":["v",{"x":1}]}',
        '{"plain":1}',
    ]


BAD: list[tuple[Any, tuple[str | None, str]]] = [
    (Change("value", "k", {"a": [1, {2: "x"}]}), ("payload", "has a key 2 that is not a string")),
    (Change("value", "k", {"a": {"b": {None: 1}}}), ("payload", "has a key None")),
    (Change("value", "k", {"a": (1, {True: 1})}), ("payload", "has a key True")),
    (Change("value", "k", {"a": float("nan")}), ("payload", "is nan, not a finite number")),
    (Change("value", "k", {"a": [{"b": {1, 2}}]}), ("payload", "holds a set")),
    (Change("value", " ", {}), ("key", "key is blank")),
    (Change("value", "k", {}, period=3), ("period", "period must be text or None")),  # type: ignore[arg-type]
    ("not a change", (None, "not a Change: str")),
]


def _good(n: int) -> Iterator[Change]:
    for i in range(n):
        yield Change(
            "value",
            f"PI {i:05d}",
            {"value": str(i), "period": {"label": "2024-04", "year_start_month": 4}},
        )


@pytest.mark.parametrize(("bad", "expected"), BAD)
@pytest.mark.parametrize("size", [3, 12_000])
def test_one_bad_change_in_a_batch_is_named_at_its_row(
    bad: Any, expected: tuple[str | None, str], size: int
) -> None:
    batch: list[Any] = list(_good(size))
    row = size // 2
    batch.insert(row, bad)
    with pytest.raises(InputError) as caught:
        validate_changes(batch)
    (problem,) = caught.value.problems
    column, reason = expected
    assert (problem.row, problem.column) == (row + 1, column)
    assert reason in problem.reason


@pytest.mark.parametrize("size", [3, 12_000])
def test_an_entity_changed_twice_is_named_even_when_keys_repeat_across_kinds(size: int) -> None:
    batch = list(_good(size))
    batch.append(Change("target", batch[0].key, {"target": "1"}))  # another kind: fine
    assert len(validate_changes(batch)) == size + 1
    batch.append(Change("value", batch[0].key, {"value": "2"}))
    with pytest.raises(InputError) as caught:
        validate_changes(batch)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (size + 2, "key")
    assert "changed twice in one batch (first at row 1)" in problem.reason


def test_a_circular_or_too_deep_payload_is_refused_with_a_reason_not_a_crash() -> None:
    loop: list[Any] = [1]
    loop.append(loop)
    deep: Any = "bottom"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(InputError) as caught:
        validate_changes(
            [
                Change("value", "loop", {"a": {"b": loop}}),
                Change("value", "deep", {"a": deep}),
                Change("value", "fine", {"a": [loop[0]]}),
            ]
        )
    assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
        (
            1,
            "payload",
            "payload['a']['b'][1] holds itself (a circular reference), which is not JSON data",
        ),
        (2, "payload", "payload is nested too deeply to be written as JSON"),
    ]


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("bad", [False, True])
def test_a_large_batch_leaves_the_garbage_collector_as_it_found_it(
    enabled: bool, bad: bool
) -> None:
    batch = list(_good(12_000))
    if bad:
        batch.append(Change("value", "bad", {"a": {1: 2}}))
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        try:
            validate_changes(batch)
        except InputError:
            assert bad
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()


def test_large_batches_on_several_threads_resume_the_collector_once_all_end() -> None:
    batch = list(_good(12_000))
    bad = [*batch, Change("value", "bad", {"a": {1: 2}})]
    failures: list[BaseException] = []

    def work(changes: list[Change]) -> None:
        try:
            for _ in range(3):
                try:
                    validate_changes(changes)
                except InputError:
                    assert changes is bad
        except BaseException as error:  # reported below, on the main thread
            failures.append(error)

    assert gc.isenabled()
    threads = [threading.Thread(target=work, args=(c,)) for c in (batch, bad, batch)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert gc.isenabled()
