"""Several councils in one store: each framework keyed by its organisation code, read by
code, never touching another's records; and a schema v2 store migrated forward."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from goldenthread.errors import InputError
from goldenthread.examples import example_path
from goldenthread.framework import Framework
from goldenthread.io.persist import (
    NoFrameworkError,
    OrganisationError,
    load_framework,
    save_framework,
    stored_organisations,
)
from goldenthread.io.source import load_source
from goldenthread.storage import SQLiteStore, Store, open_store
from goldenthread.storage.base import CURRENT_SCHEMA_VERSION, StoreError
from tests.io.frameworks import all_values, example, with_values, without_source

V2_STORE = Path(__file__).parent / "data" / "v2-rossendale.db"
T0 = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)
T1 = T0 + dt.timedelta(days=1)
T2 = T0 + dt.timedelta(days=2)
T3 = T0 + dt.timedelta(days=3)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'gt.db'}"
    with open_store(url) as opened:
        yield opened


def save(store: Store, framework: Framework, at: dt.datetime, why: str = "import") -> int | None:
    return save_framework(store, framework, by="tests", at=at, why=why)


def load(store: Store, code: str | None, as_at: dt.datetime | None = None) -> Framework:
    return without_source(load_framework(store, organisation=code, as_at=as_at))


def test_importing_one_council_never_changes_another(store: Store) -> None:
    ros, poole = example("rossendale"), example("poole")
    save(store, ros, T0)
    save(store, poole, T1)
    # Before organisations, importing Poole retired every Rossendale record.
    assert stored_organisations(store) == ["poole", "rossendale"]
    assert load(store, "rossendale") == without_source(ros)
    assert load(store, "poole") == without_source(poole)

    # Correct one Rossendale value and withdraw one Poole risk.
    values = all_values(ros)
    corrected = attrs.evolve(values[0], note="corrected")
    ros2 = with_values(ros, [corrected, *values[1:]])
    poole2 = attrs.evolve(poole, risks=poole.risks[1:])
    save(store, ros2, T2, why="correction")
    save(store, poole2, T3, why="risk closed")

    assert load(store, "rossendale") == without_source(ros2)
    assert load(store, "poole") == without_source(poole2)
    # Each council's state as at any moment is its own.
    assert load(store, "rossendale", as_at=T1) == without_source(ros)
    assert load(store, "rossendale", as_at=T3) == without_source(ros2)
    assert load(store, "poole", as_at=T2) == without_source(poole)
    with pytest.raises(OrganisationError, match="no council with the code 'poole'"):
        load(store, "poole", as_at=T0)
    assert stored_organisations(store, as_at=T0) == ["rossendale"]
    # Each history holds only the council's own changes.
    gone = poole.risks[0].id
    assert [r.why for r in store.history("risk", gone, organisation="poole")] == [
        "import",
        "risk closed",
    ]
    assert store.history("risk", gone, organisation="rossendale") == []
    # One value; one risk and the risks' order.
    assert [b.size for b in store.batches()][2:] == [1, 2]


def test_reading_a_store_of_several_councils_needs_a_code(store: Store) -> None:
    save(store, example("rossendale"), T0)
    save(store, example("poole"), T1)
    with pytest.raises(OrganisationError) as caught:
        load_framework(store)
    message = str(caught.value)
    assert "2 councils" in message
    assert "poole, rossendale" in message
    assert "--organisation" in message
    assert caught.value.held == ["poole", "rossendale"]
    with pytest.raises(
        OrganisationError, match=r"no council with the code 'kent'; it holds poole, rossendale"
    ):
        load_framework(store, organisation="kent")
    # As at a moment when it held one, no code is needed.
    assert load(store, None, as_at=T0) == without_source(example("rossendale"))


def test_a_store_of_one_council_is_read_without_a_code(store: Store) -> None:
    with pytest.raises(NoFrameworkError):
        load_framework(store)
    save(store, example("poole"), T0)
    assert load(store, None) == without_source(example("poole"))
    with pytest.raises(OrganisationError, match="it holds poole"):
        load_framework(store, organisation="rossendale")


def test_a_framework_without_a_code_is_kept_under_the_empty_code(store: Store) -> None:
    poole = example("poole")
    nameless = attrs.evolve(poole, organisation=attrs.evolve(poole.organisation, code=""))
    save(store, nameless, T0)
    save(store, example("rossendale"), T1)
    assert stored_organisations(store) == ["", "rossendale"]
    assert load(store, "") == without_source(nameless)
    with pytest.raises(OrganisationError, match=r'"" \(no code\), rossendale'):
        load_framework(store)


def test_load_source_takes_the_organisation(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gt.db'}"
    with open_store(url) as store:
        save(store, example("rossendale"), T0)
        save(store, example("poole"), T1)
    assert load_source(url, organisation="poole").organisation.code == "poole"
    with pytest.raises(OrganisationError, match="poole, rossendale"):
        load_source(url)
    # A bundle holds one council: another code is refused, naming the bundle's.
    bundle = str(example_path("poole"))
    assert load_source(bundle, organisation="poole").organisation.code == "poole"
    with pytest.raises(InputError, match="holds the council poole, not 'rossendale'"):
        load_source(bundle, organisation="rossendale")


def test_the_organisation_error_is_a_store_error() -> None:
    assert issubclass(OrganisationError, StoreError)


# -- a schema v2 store, written by the release before organisations, migrated forward ------


def _v2_rows() -> list[tuple[str, str, dict[str, object], int]]:
    """Every revision of the v2 store file as written (kind, key, payload, batch), read
    with plain SQL: the store was written by an earlier release from the examples as they
    were then, so it is compared with itself, not with today's example bundle."""
    with contextlib.closing(sqlite3.connect(V2_STORE)) as raw:
        rows = raw.execute("SELECT kind, key, payload, batch FROM revisions").fetchall()
    return [(kind, key, json.loads(payload), batch) for kind, key, payload, batch in rows]


def test_a_version_2_sqlite_store_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    shutil.copy(V2_STORE, path)
    with SQLiteStore(path) as store:
        assert store.schema_version() == CURRENT_SCHEMA_VERSION == 3
        assert store.integrity_check() == []
        first, second = store.batches()
        assert (first.size, second.size) == (1727, 1)
        # Its one framework now belongs to its council, history and all.
        assert stored_organisations(store) == ["rossendale"]
        key = "NI 157a|2021-04"
        history = store.history("value", key, organisation="rossendale")
        assert [r.payload["numerator"] for r in history] == ["3", "2"]
        assert store.history("value", key) == []
        # Every v2 revision is still there, unchanged, now under the council's code.
        migrated = [
            (r.kind, r.key, r.payload, r.batch)
            for kind in sorted({row[0] for row in _v2_rows()})
            for key in sorted({row[1] for row in _v2_rows() if row[0] == kind})
            for r in store.history(kind, key, organisation="rossendale")
        ]
        assert sorted(migrated, key=repr) == sorted(_v2_rows(), key=repr)
        now = load(store, "rossendale")
        before = load(store, None, as_at=first.at)
        assert now.organisation.code == before.organisation.code == "rossendale"
        assert (now.thread, now.risks, now.settings) == (
            before.thread,
            before.risks,
            before.settings,
        )
        assert len(now.indicators.definitions) == len(before.indicators.definitions) > 20
        # The migrated store takes a second council beside the first.
        save(store, example("poole"), second.at + dt.timedelta(seconds=1))
        assert stored_organisations(store) == ["poole", "rossendale"]
        assert load(store, "rossendale") == now
        assert load(store, "poole") == without_source(example("poole"))
    # The migration is done once: reopening finds version 3 and changes nothing.
    with SQLiteStore(path) as again:
        assert again.schema_version() == 3
        assert len(again.batches()) == 3
