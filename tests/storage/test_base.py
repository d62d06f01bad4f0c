"""The store interface's own rules: timestamps, payload encoding and change validation."""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.storage import Change, open_store
from goldenthread.storage.base import (
    decode_payload,
    encode_payload,
    from_micros,
    to_micros,
    validate_changes,
)

zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]
)
moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=zones
)
json_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
payloads = st.dictionaries(st.text(), json_data, max_size=6)


@given(moments)
def test_micros_round_trip_to_the_same_instant_in_utc(moment: datetime) -> None:
    back = from_micros(to_micros(moment))
    assert back == moment
    assert back.tzinfo is UTC


@given(moments, moments)
def test_micros_keep_the_order_of_instants(a: datetime, b: datetime) -> None:
    assert (a < b) == (to_micros(a) < to_micros(b))
    assert (a == b) == (to_micros(a) == to_micros(b))


def test_micros_refuse_a_naive_time() -> None:
    with pytest.raises(InputError, match="is naive; give a timezone-aware datetime"):
        to_micros(datetime(2024, 1, 1))


@given(payloads)
def test_payloads_round_trip_through_json(payload: dict[str, Any]) -> None:
    assert decode_payload(encode_payload(payload)) == payload


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"a": Decimal("1.5")}, "payload['a'] holds a Decimal, which is not JSON data"),
        ({"a": [1, {2: "x"}]}, "payload['a'][1] has a key 2 that is not a string"),
        ({"a": {"b": float("-inf")}}, "payload['a']['b'] is -inf, not a finite number"),
        ({"a": {1, 2}}, "payload['a'] holds a set, which is not JSON data"),
    ],
)
def test_non_json_payloads_are_refused_with_the_place(payload: dict[str, Any], reason: str) -> None:
    with pytest.raises(InputError) as caught:
        encode_payload(payload)
    (problem,) = caught.value.problems
    assert (problem.column, problem.reason) == ("payload", reason)


def test_a_mapping_payload_that_is_not_a_dict_is_accepted() -> None:
    (encoded,) = validate_changes([Change("item", "A", OrderedDict(b=1, a=[{"c": 2}]))])
    assert decode_payload(encoded.payload) == {"b": 1, "a": [{"c": 2}]}


def test_every_kind_of_bad_change_is_named() -> None:
    bad: list[Any] = [
        "not a change",
        Change(3, "k"),  # type: ignore[arg-type]
        Change("value", "k", {}, period=2024, subject=7),  # type: ignore[arg-type]
        Change("value", "m", [1, 2]),  # type: ignore[arg-type]
    ]
    with pytest.raises(InputError) as caught:
        validate_changes(bad)
    assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
        (1, None, "not a Change: str"),
        (2, "kind", "kind must be text, not int"),
        (3, "period", "period must be text or None, not int"),
        (3, "subject", "subject must be text or None, not int"),
        (4, "payload", "payload must be a mapping, not list"),
    ]


def test_a_retirement_is_a_deleted_revision_with_an_empty_payload() -> None:
    change = Change.retire("risk", "CR01", period="2024/25 Q2")
    assert (change.deleted, change.payload, change.period) == (True, {}, "2024/25 Q2")


def test_when_must_be_a_datetime() -> None:
    store = open_store("memory://")
    with pytest.raises(InputError, match="at must be a datetime, not str"):
        store.write([], by="ann", at="2024-10-01", why="x")  # type: ignore[arg-type]
    assert store.batches() == []
