"""The storage conformance suite: the behaviour every store backend must have.

A backend's test module subclasses :class:`StoreConformance` under a ``Test`` name and
says how to make a new, empty store; pytest then runs every check against it::

    from pathlib import Path

    from goldenthread.testing.conformance import StoreConformance
    from my_backend import MyStore

    class TestMyStore(StoreConformance):
        def fresh_store(self, workdir: Path) -> MyStore:
            return MyStore(workdir / "store")

``fresh_store`` is called several times in some tests (once per hypothesis example), each
time with a new empty folder; it must return a new store with nothing in it.  The suite
closes every store it opens.  It covers batches (all or nothing, who/when/why, UTC,
ordering), bad input (every problem listed, nothing written), supersession, retirement,
current state and its ``period``/``subject`` filters, the state as at any moment, an
entity's history, payload round trips, restatements, schema version, planned writes
(:meth:`~goldenthread.storage.base.Store.write_planned`: the read, diff and write of an
import under the write lock, two writers taking turns), and a model-based property test
comparing the store with a plain-Python model over random batches.

To check that two handles on one store take turns, override :meth:`StoreConformance.
other_handle` to open a second connection to the store it is given (the default shares
the one handle between two threads, which suits an in-process backend).
"""

from __future__ import annotations

import itertools
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.errors import InputError
from goldenthread.storage.base import (
    CURRENT_SCHEMA_VERSION,
    Change,
    OutOfOrderError,
    Revision,
    Store,
)

__all__ = ["StoreConformance"]

T0 = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)
BST = timezone(timedelta(hours=1), "BST")
Q1 = "2024/25 Q1"
Q2 = "2024/25 Q2"


def _at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def _value_key(code: str, period: str) -> str:
    return f"{code}|{period}"


def _put_value(code: str, period: str, value: str) -> Change:
    return Change("value", _value_key(code, period), {"value": value}, period=period, subject=code)


def _payloads(revisions: list[Revision]) -> dict[str, Any]:
    return {r.key: r.payload for r in revisions}


class StoreConformance(ABC):
    """Subclass as ``Test...`` and implement :meth:`fresh_store`; see the module docs."""

    @abstractmethod
    def fresh_store(self, workdir: Path) -> Store:
        """A new, empty store of the backend under test; ``workdir`` is a new empty folder
        the store may keep files in."""

    def other_handle(self, store: Store) -> Store:
        """Another handle on the same store, as a second process or machine would open it
        (a second connection to the same database or file).  Called in the thread that
        will use it.  The default returns ``store`` itself, for a backend that only lives
        in one process (it must then be safe to share between threads)."""
        return store

    @pytest.fixture
    def store(self, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
        """A fresh store, closed after the test."""
        store = self.fresh_store(tmp_path_factory.mktemp("store"))
        try:
            yield store
        finally:
            store.close()

    # -- an empty store --------------------------------------------------------------------

    def test_a_fresh_store_is_empty_at_the_current_schema_version(self, store: Store) -> None:
        assert store.schema_version() == CURRENT_SCHEMA_VERSION
        assert store.batches() == []
        assert store.current("value") == []
        assert store.history("value", "anything") == []
        assert store.get("value", "anything") is None

    # -- batches ---------------------------------------------------------------------------

    def test_batches_are_numbered_and_record_who_when_and_why(self, store: Store) -> None:
        first = store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(0), why="Q1")
        second = store.write(
            [_put_value("NI 157a", Q2, "82"), _put_value("LI 01", Q2, "7")],
            by="bob",
            at=_at(1),
            why="Q2 returns",
        )
        assert (first, second) == (1, 2)
        batches = store.batches()
        assert [(b.id, b.at, b.by, b.why, b.size) for b in batches] == [
            (1, _at(0), "ann", "Q1", 1),
            (2, _at(1), "bob", "Q2 returns", 2),
        ]

    def test_times_are_stored_as_utc(self, store: Store) -> None:
        local = datetime(2024, 7, 1, 10, 30, 15, 123456, tzinfo=BST)
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=local, why="Q1")
        (batch,) = store.batches()
        assert batch.at == local
        assert batch.at.utcoffset() == timedelta(0)
        assert batch.at.hour == 9
        assert batch.at.microsecond == 123456
        (revision,) = store.current("value")
        assert revision.at == local
        assert revision.at.utcoffset() == timedelta(0)

    def test_a_naive_time_is_rejected_and_nothing_is_written(self, store: Store) -> None:
        with pytest.raises(InputError, match="naive"):
            store.write(
                [_put_value("NI 157a", Q1, "80")], by="ann", at=datetime(2024, 7, 1), why="Q1"
            )
        assert store.batches() == []
        assert store.current("value") == []

    def test_blank_who_or_why_is_rejected(self, store: Store) -> None:
        with pytest.raises(InputError) as caught:
            store.write([_put_value("NI 157a", Q1, "80")], by=" ", at=_at(0), why="")
        assert {p.column for p in caught.value.problems} == {"by", "why"}
        assert "by must be non-blank text" in str(caught.value)
        assert store.batches() == []

    def test_an_empty_batch_records_who_when_and_why(self, store: Store) -> None:
        assert store.write([], by="ann", at=_at(0), why="sign-off") == 1
        assert [(b.by, b.why, b.size) for b in store.batches()] == [("ann", "sign-off", 0)]

    def test_a_batch_earlier_than_the_latest_is_refused(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(5), why="Q1")
        with pytest.raises(OutOfOrderError, match="earlier than the latest batch"):
            store.write([_put_value("NI 157a", Q1, "81")], by="bob", at=_at(4), why="late")
        assert len(store.batches()) == 1
        assert _payloads(store.current("value")) == {"NI 157a|2024/25 Q1": {"value": "80"}}
        # The same moment is allowed, and the later batch wins.
        store.write([_put_value("NI 157a", Q1, "81")], by="bob", at=_at(5), why="same time")
        assert _payloads(store.current("value")) == {"NI 157a|2024/25 Q1": {"value": "81"}}

    def test_without_a_time_the_store_records_now_and_stays_in_order(self, store: Store) -> None:
        before = datetime.now(UTC)
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", why="now")
        after = datetime.now(UTC)
        (batch,) = store.batches()
        assert before <= batch.at <= after
        assert batch.at.utcoffset() == timedelta(0)
        # A batch stamped ahead of the clock does not make the next unstamped one fail.
        ahead = after + timedelta(days=1)
        store.write([_put_value("NI 157a", Q1, "81")], by="bob", at=ahead, why="skewed clock")
        with store.batch(by="cat", why="now again") as b:
            b.add(_put_value("NI 157a", Q1, "82"))
        # ... it is stamped 1 µs after the latest batch, so the two stay apart in time.
        assert [x.at for x in store.batches()][1:] == [ahead, ahead + timedelta(microseconds=1)]
        assert _payloads(store.as_at(ahead, "value")) == {"NI 157a|2024/25 Q1": {"value": "81"}}
        assert _payloads(store.current("value")) == {"NI 157a|2024/25 Q1": {"value": "82"}}

    # -- bad input -------------------------------------------------------------------------

    def test_every_bad_change_is_listed_and_nothing_is_written(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(0), why="Q1")
        bad = [
            _put_value("NI 157a", Q2, "82"),
            Change("", "x", {"a": 1}),
            Change("value", "  ", {"a": 1}),
            Change("value", "y", {"a": float("nan")}),
            Change("value", "z", {"a": object()}),
            Change("value", "w", {1: "not a string key"}),  # type: ignore[dict-item]
            _put_value("LI 01", Q2, "7"),
        ]
        with pytest.raises(InputError) as caught:
            store.write(bad, by="bob", at=_at(1), why="Q2")
        problems = [(p.row, p.column) for p in caught.value.problems]
        assert problems == [
            (2, "kind"),
            (3, "key"),
            (4, "payload"),
            (5, "payload"),
            (6, "payload"),
        ]
        message = str(caught.value)
        assert "5 problems" in message
        assert "kind is blank" in message
        assert "not a finite number" in message
        assert "which is not JSON data" in message
        assert "not a string" in message
        assert len(store.batches()) == 1
        assert _payloads(store.current("value")) == {"NI 157a|2024/25 Q1": {"value": "80"}}

    def test_an_entity_changed_twice_in_one_batch_is_rejected(self, store: Store) -> None:
        with pytest.raises(InputError) as caught:
            store.write(
                [_put_value("NI 157a", Q1, "80"), _put_value("NI 157a", Q1, "81")],
                by="ann",
                at=_at(0),
                why="Q1",
            )
        (problem,) = caught.value.problems
        assert (problem.row, problem.column) == (2, "key")
        assert "changed twice in one batch (first at row 1)" in problem.reason
        assert store.batches() == []

    def test_the_batch_context_manager_writes_on_a_clean_exit(self, store: Store) -> None:
        with store.batch(by="ann", at=_at(0), why="Q1") as b:
            b.put("value", "NI 157a|2024/25 Q1", {"value": "80"}, period=Q1, subject="NI 157a")
            b.add(_put_value("LI 01", Q1, "7"))
        assert b.id == 1
        assert sorted(r.key for r in store.current("value")) == [
            "LI 01|2024/25 Q1",
            "NI 157a|2024/25 Q1",
        ]

    def test_a_batch_that_raises_midway_writes_nothing(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(0), why="Q1")
        writer = store.batch(by="bob", at=_at(1), why="Q2")

        def import_that_fails() -> None:
            with writer as b:
                b.add(_put_value("NI 157a", Q1, "99"))
                b.add(_put_value("NI 157a", Q2, "82"))
                raise RuntimeError("reader failed")

        with pytest.raises(RuntimeError, match="reader failed"):
            import_that_fails()
        assert writer.id is None
        assert len(store.batches()) == 1
        assert _payloads(store.current("value")) == {"NI 157a|2024/25 Q1": {"value": "80"}}

    # -- planned writes: read, diff and write under the write lock ---------------------------

    def test_a_planned_write_reads_the_latest_state_and_records_its_plan(
        self, store: Store
    ) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(0), why="Q1")

        def plan() -> list[Change]:
            seen = store.get("value", _value_key("NI 157a", Q1))
            assert seen is not None
            return [_put_value("NI 157a", Q1, str(int(seen.payload["value"]) + 1))]

        number = store.write_planned(plan, by="bob", why="plus one")
        assert number == 2
        assert _payloads(store.current("value")) == {"NI 157a|2024/25 Q1": {"value": "81"}}
        assert [(b.by, b.why, b.size) for b in store.batches()][1:] == [("bob", "plus one", 1)]
        assert store.batches()[1].at > store.batches()[0].at

    def test_a_plan_with_no_change_writes_nothing(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(0), why="Q1")
        assert store.write_planned(list, by="bob", why="nothing new") is None
        assert len(store.batches()) == 1
        # Unless an empty batch is asked for (a sign-off).
        assert store.write_planned(list, by="bob", why="sign-off", skip_empty=False) == 2
        assert [(b.why, b.size) for b in store.batches()] == [("Q1", 1), ("sign-off", 0)]

    def test_a_plan_that_fails_or_plans_bad_changes_writes_nothing(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(0), why="Q1")

        def failing() -> list[Change]:
            raise RuntimeError("reader failed")

        with pytest.raises(RuntimeError, match="reader failed"):
            store.write_planned(failing, by="bob", why="x")
        with pytest.raises(InputError) as caught:
            store.write_planned(
                lambda: [_put_value("NI 157a", Q2, "1"), Change("value", " ", {})],
                by="bob",
                why="x",
            )
        assert [(p.row, p.column) for p in caught.value.problems] == [(2, "key")]
        with pytest.raises(InputError, match="by must be non-blank"):
            store.write_planned(lambda: [_put_value("NI 157a", Q2, "1")], by="", why="x")
        assert len(store.batches()) == 1
        assert _payloads(store.current("value")) == {"NI 157a|2024/25 Q1": {"value": "80"}}
        # The store is still usable after a failed plan.
        assert store.write_planned(lambda: [_put_value("NI 157a", Q2, "2")], by="c", why="y")

    def test_concurrent_planned_writes_take_turns(self, store: Store) -> None:
        """Two writers (separate handles, as two processes would have) each add one to a
        counter many times, reading it inside their plan and pausing before answering: no
        increment is lost, because each plan runs under the write lock."""
        key = "counter"
        store.write([Change("count", key, {"n": 0})], by="ann", at=_at(0), why="start")
        rounds = 8
        failures: list[BaseException] = []

        def increment(handle: Store, who: str) -> None:
            for _ in range(rounds):

                def plan() -> list[Change]:
                    seen = handle.get("count", key)
                    assert seen is not None
                    time.sleep(0.005)  # widen the window between the read and the write
                    return [Change("count", key, {"n": seen.payload["n"] + 1})]

                handle.write_planned(plan, by=who, why="increment")

        def worker() -> None:
            try:
                handle = self.other_handle(store)
                try:
                    increment(handle, "bob")
                finally:
                    if handle is not store:
                        handle.close()
            except BaseException as exc:  # reported in the main thread
                failures.append(exc)

        thread = threading.Thread(target=worker)
        thread.start()
        increment(store, "ann")
        thread.join()
        assert failures == []
        current = store.get("count", key)
        assert current is not None
        assert current.payload == {"n": 2 * rounds}
        batches = store.batches()
        assert len(batches) == 1 + 2 * rounds
        assert all(a.at < b.at for a, b in itertools.pairwise(batches[1:]))

    def test_withdrawals_are_restatements_and_rewrites_are_not(self, store: Store) -> None:
        """After Q1 closes: rewriting a value unchanged is no restatement; withdrawing a
        reported value is one (with what was reported); withdrawing a value never
        reported is not."""
        closes = {Q1: _at(0.5)}
        store.write(
            [_put_value("NI 157a", Q1, "80"), _put_value("LI 01", Q1, "7")],
            by="ann",
            at=_at(0),
            why="Q1",
        )
        store.write([_put_value("NI 157a", Q1, "80")], by="bob", at=_at(1), why="same again")
        assert store.restatements("value", period_closes=closes) == []
        store.write([_put_value("LI 02", Q1, "3")], by="bob", at=_at(2), why="late new")
        store.write(
            [
                Change.retire("value", _value_key("LI 01", Q1), period=Q1, subject="LI 01"),
                Change.retire("value", _value_key("LI 02", Q1), period=Q1, subject="LI 02"),
            ],
            by="cat",
            at=_at(3),
            why="withdrawn",
        )
        found = store.restatements("value", period_closes=closes, since=_at(2.5))
        assert [(r.revision.key, r.revision.deleted) for r in found] == [("LI 01|2024/25 Q1", True)]
        assert found[0].reported is not None
        assert found[0].reported.payload == {"value": "7"}

    # -- organisations: several councils in one store ---------------------------------------

    def test_organisations_are_independent(self, store: Store) -> None:
        """Two councils' entities share kinds and keys but never meet: importing,
        correcting or retiring one's leaves the other's current state, history, state as at
        any moment and restatements as they were."""
        ros, poo = "rossendale", "poole"

        def put(org: str, value: str, period: str = Q1) -> Change:
            return Change(
                "value",
                _value_key("NI 157a", period),
                {"value": value},
                period=period,
                subject="NI 157a",
                organisation=org,
            )

        # The same entity key for both councils, even in one batch.
        store.write([put(ros, "80"), put(poo, "60")], by="ann", at=_at(0), why="both")
        store.write([put(ros, "81")], by="ann", at=_at(1), why="ros correction")
        store.write(
            [Change.retire("value", _value_key("NI 157a", Q1), period=Q1, organisation=poo)],
            by="bob",
            at=_at(2),
            why="poole withdrawal",
        )
        store.write([put(ros, "7", Q2)], by="ann", at=_at(3), why="ros Q2")

        assert _payloads(store.current("value", organisation=ros)) == {
            "NI 157a|2024/25 Q1": {"value": "81"},
            "NI 157a|2024/25 Q2": {"value": "7"},
        }
        assert store.current("value", organisation=poo) == []
        assert store.current("value") == []  # the entities of no organisation
        assert {r.organisation for r in store.current("value", organisation=ros)} == {ros}
        key = _value_key("NI 157a", Q1)
        assert [r.payload for r in store.history("value", key, organisation=ros)] == [
            {"value": "80"},
            {"value": "81"},
        ]
        assert [r.deleted for r in store.history("value", key, organisation=poo)] == [
            False,
            True,
        ]
        assert _payloads(store.as_at(_at(1), "value", organisation=poo)) == {key: {"value": "60"}}
        assert _payloads(store.as_at(_at(0), "value", organisation=ros)) == {key: {"value": "80"}}
        poole_then = store.get("value", key, as_at=_at(1), organisation=poo)
        assert poole_then is not None
        assert poole_then.payload == {"value": "60"}
        assert store.get("value", key, organisation=poo) is None
        assert store.organisations("value") == [ros]
        assert store.organisations("value", as_at=_at(1)) == [poo, ros]
        assert store.organisations("value", as_at=_at(0) - timedelta(hours=1)) == []
        closes = {Q1: _at(0.5)}
        assert [
            (r.revision.why, r.reported.payload if r.reported else None)
            for r in store.restatements("value", period_closes=closes, organisation=ros)
        ] == [("ros correction", {"value": "80"})]
        assert [
            (r.revision.deleted, r.reported.payload if r.reported else None)
            for r in store.restatements("value", period_closes=closes, organisation=poo)
        ] == [(True, {"value": "60"})]

    def test_one_entity_of_one_organisation_is_changed_once_per_batch(self, store: Store) -> None:
        twice = [
            Change("risk", "CR01", {"v": 1}, organisation="poole"),
            Change("risk", "CR01", {"v": 2}, organisation="poole"),
        ]
        with pytest.raises(InputError, match="changed twice in one batch"):
            store.write(twice, by="ann", at=_at(0), why="x")
        with pytest.raises(InputError) as caught:
            store.write(
                [Change("risk", "CR01", {"v": 1}, organisation=7)],  # type: ignore[arg-type]
                by="ann",
                at=_at(0),
                why="x",
            )
        assert [p.column for p in caught.value.problems] == ["organisation"]
        assert store.batches() == []

    # -- reading ---------------------------------------------------------------------------

    def test_a_later_revision_supersedes_and_history_keeps_all(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(0), why="first")
        store.write([_put_value("NI 157a", Q1, "81")], by="bob", at=_at(1), why="typo")
        (now,) = store.current("value")
        assert (now.payload, now.by, now.why, now.batch) == ({"value": "81"}, "bob", "typo", 2)
        history = store.history("value", "NI 157a|2024/25 Q1")
        assert [(r.payload["value"], r.by, r.why, r.at) for r in history] == [
            ("80", "ann", "first", _at(0)),
            ("81", "bob", "typo", _at(1)),
        ]

    def test_kinds_are_separate(self, store: Store) -> None:
        store.write(
            [Change("risk", "CR01", {"title": "Funding"}), Change("item", "CR01", {"t": "x"})],
            by="ann",
            at=_at(0),
            why="load",
        )
        assert _payloads(store.current("risk")) == {"CR01": {"title": "Funding"}}
        assert _payloads(store.current("item")) == {"CR01": {"t": "x"}}
        assert store.current("value") == []

    def test_current_is_sorted_by_key_and_filtered(self, store: Store) -> None:
        changes = [
            _put_value(f"PI {n:03d}", period, str(n)) for n in range(40) for period in (Q1, Q2)
        ]
        store.write(reversed(changes), by="ann", at=_at(0), why="load")
        q2 = store.current("value", period=Q2)
        assert [r.key for r in q2] == [_value_key(f"PI {n:03d}", Q2) for n in range(40)]
        one = store.current("value", subject="PI 007")
        assert [r.key for r in one] == [_value_key("PI 007", Q1), _value_key("PI 007", Q2)]
        both = store.current("value", period=Q1, subject="PI 007")
        assert [r.payload for r in both] == [{"value": "7"}]
        assert store.current("value", period="2025/26 Q1") == []

    def test_filters_apply_to_the_latest_revision(self, store: Store) -> None:
        store.write(
            [Change("risk", "CR01", {"score": 12}, period=Q1, subject="finance")],
            by="ann",
            at=_at(0),
            why="Q1 review",
        )
        store.write(
            [Change("risk", "CR01", {"score": 9}, period=Q2, subject="people")],
            by="ann",
            at=_at(1),
            why="Q2 review",
        )
        assert store.current("risk", period=Q1) == []
        assert store.current("risk", subject="finance") == []
        assert _payloads(store.current("risk", period=Q2, subject="people")) == {
            "CR01": {"score": 9}
        }
        assert _payloads(store.as_at(_at(0), "risk", period=Q1)) == {"CR01": {"score": 12}}

    def test_retirement_leaves_current_state_but_keeps_history(self, store: Store) -> None:
        store.write([Change("risk", "CR01", {"score": 12})], by="ann", at=_at(0), why="new")
        store.write([Change.retire("risk", "CR01")], by="bob", at=_at(1), why="closed")
        assert store.current("risk") == []
        assert store.get("risk", "CR01") is None
        history = store.history("risk", "CR01")
        assert [(r.deleted, r.why) for r in history] == [(False, "new"), (True, "closed")]
        assert _payloads(store.as_at(_at(0.5), "risk")) == {"CR01": {"score": 12}}
        with store.batch(by="cat", at=_at(2), why="reopened") as b:
            b.put("risk", "CR01", {"score": 15})
        assert _payloads(store.current("risk")) == {"CR01": {"score": 15}}
        with store.batch(by="cat", at=_at(3), why="closed again") as b:
            b.retire("risk", "CR01")
        assert store.current("risk") == []
        assert len(store.history("risk", "CR01")) == 4

    def test_revisions_lists_a_kind_in_recorded_order_with_retirements(self, store: Store) -> None:
        store.write(
            [_put_value("B", Q1, "1"), _put_value("A", Q1, "2")], by="ann", at=_at(0), why="x"
        )
        store.write([Change("risk", "CR01", {"score": 1})], by="ann", at=_at(1), why="y")
        store.write(
            [Change.retire("value", _value_key("B", Q1)), _put_value("A", Q1, "3")],
            by="bob",
            at=_at(2),
            why="z",
        )
        store.write(
            [Change("value", _value_key("A", Q1), {"value": "9"}, organisation="other")],
            by="cat",
            at=_at(3),
            why="other council",
        )
        found = store.revisions("value")
        assert [(r.batch, r.key, r.deleted, r.payload) for r in found if r.batch == 3] in (
            [
                (3, _value_key("B", Q1), True, {}),
                (3, _value_key("A", Q1), False, {"value": "3"}),
            ],
            [
                (3, _value_key("A", Q1), False, {"value": "3"}),
                (3, _value_key("B", Q1), True, {}),
            ],
        )
        assert [r.batch for r in found] == [1, 1, 3, 3]
        assert {r.key for r in found if r.batch == 1} == {_value_key("A", Q1), _value_key("B", Q1)}
        assert all(r.why in ("x", "z") and r.at in (_at(0), _at(2)) for r in found)
        assert [r.batch for r in store.revisions("value", since=_at(1))] == [3, 3]
        assert store.revisions("value", since=_at(3)) == []
        assert [r.payload for r in store.revisions("value", organisation="other")] == [
            {"value": "9"}
        ]
        with pytest.raises(InputError):
            store.revisions("value", since=datetime(2024, 1, 1))

    def test_as_at_reproduces_what_was_current_then(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(1), why="first")
        store.write(
            [_put_value("NI 157a", Q1, "81"), _put_value("LI 01", Q1, "7")],
            by="bob",
            at=_at(2),
            why="second",
        )
        assert store.as_at(_at(0), "value") == []
        assert _payloads(store.as_at(_at(1), "value")) == {"NI 157a|2024/25 Q1": {"value": "80"}}
        assert _payloads(store.as_at(_at(1.5), "value")) == {"NI 157a|2024/25 Q1": {"value": "80"}}
        assert store.as_at(_at(2), "value") == store.current("value")
        assert store.as_at(_at(99), "value") == store.current("value")
        # A moment in another zone is the same instant.
        assert _payloads(store.as_at(_at(1.5).astimezone(BST), "value")) == {
            "NI 157a|2024/25 Q1": {"value": "80"}
        }

    def test_as_at_needs_an_aware_moment(self, store: Store) -> None:
        with pytest.raises(InputError, match="naive"):
            store.as_at(datetime(2024, 1, 1), "value")

    def test_get_reads_one_entity_now_or_as_at(self, store: Store) -> None:
        store.write([_put_value("NI 157a", Q1, "80")], by="ann", at=_at(1), why="first")
        store.write([_put_value("NI 157a", Q1, "81")], by="bob", at=_at(2), why="second")
        key = _value_key("NI 157a", Q1)
        now = store.get("value", key)
        assert now is not None
        assert now.payload == {"value": "81"}
        then = store.get("value", key, as_at=_at(1))
        assert then is not None
        assert then.payload == {"value": "80"}
        assert store.get("value", key, as_at=_at(0)) is None
        assert store.get("value", "other") is None

    def test_payloads_round_trip(self, store: Store) -> None:
        payload: dict[str, Any] = {
            "text": "Rossendale — £1,234 “quoted” \u00e9",
            "big": 2**70,
            "negative": -3,
            "float": 0.1,
            "flag": True,
            "nothing": None,
            "nested": {"list": [1, "two", [3.5, None]], "empty": {}},
            "tuple": (1, 2),
        }
        store.write([Change("item", "RBC-O1", payload)], by="ann", at=_at(0), why="load")
        (revision,) = store.current("item")
        assert revision.payload == {**payload, "tuple": [1, 2]}

    def test_a_returned_payload_is_a_copy(self, store: Store) -> None:
        store.write([Change("item", "A", {"list": [1]})], by="ann", at=_at(0), why="load")
        (revision,) = store.current("item")
        revision.payload["list"].append(2)
        revision.payload["new"] = True
        assert store.current("item")[0].payload == {"list": [1]}

    # -- restatements ----------------------------------------------------------------------

    def test_late_corrections_are_restatements(self, store: Store) -> None:
        store.write(
            [_put_value("NI 157a", Q1, "80"), _put_value("LI 01", Q1, "7")],
            by="ann",
            at=_at(0),
            why="Q1 returns",
        )
        store.write([_put_value("LI 01", Q1, "8")], by="ann", at=_at(1), why="before close")
        q1_close = _at(2)
        store.write(
            [
                _put_value("NI 157a", Q1, "79"),
                _put_value("LI 02", Q1, "3"),
                _put_value("NI 157a", Q2, "83"),
                Change("value", "no period", {"value": "1"}),
            ],
            by="bob",
            at=_at(3),
            why="audit corrections",
        )
        found = store.restatements("value", period_closes={Q1: q1_close})
        assert [(r.revision.key, r.revision.payload["value"]) for r in found] == [
            (_value_key("NI 157a", Q1), "79"),
            (_value_key("LI 02", Q1), "3"),
        ]
        by_key = {r.revision.key: r for r in found}
        corrected = by_key[_value_key("NI 157a", Q1)]
        assert corrected.closed_at == q1_close
        assert corrected.reported is not None
        assert corrected.reported.payload == {"value": "80"}
        assert corrected.revision.why == "audit corrections"
        assert by_key[_value_key("LI 02", Q1)].reported is None

        def closes(period: str) -> datetime | None:
            return q1_close if period == Q1 else None

        assert store.restatements("value", period_closes=closes) == found
        assert store.restatements("value", period_closes={Q1: q1_close}, since=_at(2)) == found
        assert store.restatements("value", period_closes={Q1: q1_close}, since=_at(3)) == []
        assert store.restatements("value", period_closes={Q1: _at(10)}) == []

    # -- the model ---------------------------------------------------------------------------

    # Each backend's subclass runs this same method on its own instance, which is what
    # the differing-executors health check warns about; here it is intended.
    @settings(
        max_examples=30, deadline=None, suppress_health_check=[HealthCheck.differing_executors]
    )
    @given(data=st.data())
    def test_the_store_behaves_like_the_model(
        self, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
    ) -> None:
        """Random batches of puts and retirements; after each batch, and afterwards as at
        each batch's time, the store shows exactly the model's state."""
        keys = st.sampled_from(["a", "b", "c", "d"])
        change = st.builds(
            lambda key, value, period, deleted: (
                Change.retire("thing", key, period=period)
                if deleted
                else Change("thing", key, {"v": value}, period=period)
            ),
            keys,
            st.integers(-5, 5),
            st.sampled_from([Q1, Q2, None]),
            st.booleans(),
        )
        batches = data.draw(
            st.lists(
                st.tuples(
                    st.lists(change, max_size=4, unique_by=lambda c: c.key),
                    st.integers(0, 3),
                ),
                max_size=6,
            )
        )
        store = self.fresh_store(tmp_path_factory.mktemp("model"))
        try:
            model: dict[str, Change] = {}
            history: dict[str, list[Change]] = {}
            # Batches may share a moment; as at that moment, the last of them counts.
            moments: dict[datetime, dict[str, Change]] = {}
            at = T0
            for changes, gap in batches:
                at += timedelta(minutes=gap)
                store.write(changes, by="model", at=at, why="property")
                for c in changes:
                    model[c.key] = c
                    history.setdefault(c.key, []).append(c)
                moments[at] = dict(model)
                assert _state(store.current("thing")) == _live(model)
            for moment, state in moments.items():
                assert _state(store.as_at(moment, "thing")) == _live(state)
                for period in (Q1, Q2):
                    expected = {k: v for k, v in _live(state).items() if v[1] == period}
                    assert _state(store.as_at(moment, "thing", period=period)) == expected
            for key, changes in history.items():
                assert [(r.deleted, r.period, r.payload) for r in store.history("thing", key)] == [
                    (c.deleted, c.period, dict(c.payload)) for c in changes
                ]
            assert [b.size for b in store.batches()] == [len(c) for c, _ in batches]
        finally:
            store.close()


def _live(model: dict[str, Change]) -> dict[str, tuple[Any, str | None]]:
    return {k: (dict(c.payload), c.period) for k, c in sorted(model.items()) if not c.deleted}


def _state(revisions: list[Revision]) -> dict[str, tuple[Any, str | None]]:
    keys = [r.key for r in revisions]
    assert keys == sorted(keys), "results must be sorted by key"
    return {r.key: (r.payload, r.period) for r in revisions}
