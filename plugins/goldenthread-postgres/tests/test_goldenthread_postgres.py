"""goldenthread-postgres against a real server: the conformance suite, migrations, plugin.

Set ``GOLDENTHREAD_TEST_POSTGRES_URL`` to an empty database you may write to (the tests
drop and recreate goldenthread's tables); ``.ci/postgres.sh`` starts one.  Without it every
test here is skipped.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from goldenthread_postgres import POSTGRES_MIGRATIONS, PostgresBackend, PostgresStore
from tests.storage.imports import (
    GOLDENTHREAD,
    bundle,
    contents,
    diverging_bundles,
    import_at_once,
    large_bundle,
    save_at_once,
    stored,
)

from goldenthread.errors import InputError
from goldenthread.examples import example_path
from goldenthread.io.bundle import load_bundle
from goldenthread.io.persist import (
    OrganisationError,
    load_framework,
    save_framework,
    stored_organisations,
)
from goldenthread.plugins import get_plugin_manager
from goldenthread.storage import CURRENT_SCHEMA_VERSION, Change, SchemaError, Store, open_store
from goldenthread.storage.base import from_micros
from goldenthread.testing.conformance import StoreConformance

URL = os.environ.get("GOLDENTHREAD_TEST_POSTGRES_URL", "")

pytestmark = pytest.mark.skipif(
    not URL,
    reason="GOLDENTHREAD_TEST_POSTGRES_URL is not set (run .ci/postgres.sh to start a server)",
)

T0 = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)


def _drop_everything() -> None:
    with psycopg.connect(URL, autocommit=True) as conn:
        conn.execute(
            "DROP TABLE IF EXISTS goldenthread_revisions, goldenthread_batches,"
            " goldenthread_schema CASCADE"
        )
        conn.execute("DROP FUNCTION IF EXISTS goldenthread_refuse_change()")


class TestPostgresStore(StoreConformance):
    def fresh_store(self, workdir: Path) -> Store:
        _drop_everything()
        return open_store(URL, plugin_manager=get_plugin_manager())

    def other_handle(self, store: Store) -> Store:
        return PostgresStore(URL)


@pytest.fixture
def empty_database() -> Iterator[None]:
    _drop_everything()
    yield
    _drop_everything()


@pytest.mark.usefixtures("empty_database")
def test_the_entry_point_registers_both_schemes() -> None:
    pm = get_plugin_manager()
    with open_store(URL, plugin_manager=pm) as store:
        assert isinstance(store, PostgresStore)
    alias = "postgres://" + URL.removeprefix("postgresql://")
    with open_store(alias, plugin_manager=pm) as store:
        assert isinstance(store, PostgresStore)


@pytest.mark.usefixtures("empty_database")
def test_a_version_1_database_is_migrated_forward_keeping_its_data() -> None:
    with psycopg.connect(URL, autocommit=True) as conn:
        for statement in POSTGRES_MIGRATIONS[0].statements:
            conn.execute(statement.encode())
        conn.execute("INSERT INTO goldenthread_schema (version) VALUES (1)")
        conn.execute(
            "INSERT INTO goldenthread_batches (id, at, recorded_by, reason, size)"
            " VALUES (1, %s, 'ann', 'v1 import', 1)",
            (T0,),
        )
        conn.execute(
            "INSERT INTO goldenthread_revisions (batch, kind, key, period, deleted, payload)"
            " VALUES (1, 'value', 'NI 157a|2024/25 Q1', '2024/25 Q1', false, '{\"value\":\"80\"}')"
        )
    with PostgresStore(URL) as store:
        assert store.schema_version() == CURRENT_SCHEMA_VERSION
        (revision,) = store.current("value", period="2024/25 Q1")
        assert (revision.payload, revision.subject, revision.by) == ({"value": "80"}, None, "ann")
        store.write(
            [Change("value", "x", {"value": "1"}, subject="NI 157a")],
            by="bob",
            at=T0,
            why="after upgrade",
        )
        assert [r.key for r in store.current("value", subject="NI 157a")] == ["x"]


@pytest.mark.usefixtures("empty_database")
def test_a_newer_schema_is_refused() -> None:
    with PostgresStore(URL):
        pass
    with psycopg.connect(URL, autocommit=True) as conn:
        conn.execute("INSERT INTO goldenthread_schema (version) VALUES (99)")
    with pytest.raises(SchemaError, match="schema version 99, newer than this release"):
        PostgresStore(URL)


@pytest.mark.usefixtures("empty_database")
def test_revisions_cannot_be_updated_or_deleted_in_place() -> None:
    with PostgresStore(URL) as store:
        store.write([Change("risk", "CR01", {"score": 12})], by="ann", at=T0, why="new")
    with psycopg.connect(URL, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="never updated or deleted"):
            conn.execute("UPDATE goldenthread_revisions SET payload = '{}'")
        with pytest.raises(psycopg.errors.RaiseException, match="never updated or deleted"):
            conn.execute("DELETE FROM goldenthread_batches")


@pytest.mark.usefixtures("empty_database")
def test_a_bad_batch_writes_nothing() -> None:
    with PostgresStore(URL) as store:
        with pytest.raises(InputError, match="blank"):
            store.write([Change("value", "", {})], by="ann", at=T0, why="bad")
        assert store.batches() == []


def test_an_unreachable_server_is_a_clear_error() -> None:
    from goldenthread.storage import StoreError

    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        PostgresBackend().open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_the_backend_checks_its_scheme() -> None:
    from goldenthread.storage import StoreError

    with pytest.raises(StoreError, match="not a postgresql:// URL"):
        PostgresBackend().open("sqlite:///x.db")


# -- imports take turns ----------------------------------------------------------------------


@pytest.mark.usefixtures("empty_database")
def test_saves_of_diverging_bundles_at_once_end_in_exactly_one_bundles_state(
    tmp_path: Path,
) -> None:
    """Processes released together save diverging bundles into a database that already
    holds the whole example; each is diffed under the table lock, so the store ends as
    exactly the bundle saved last."""
    a, b = diverging_bundles(tmp_path)
    expected = {"p0": bundle(a), "p1": bundle(b)}
    for round_ in range(3):
        _drop_everything()
        assert save_at_once(URL, [example_path("rossendale")]) == [0]
        assert save_at_once(URL, [a, b]) == [0, 0]
        with open_store(URL, plugin_manager=get_plugin_manager()) as store:
            assert len(store.batches()) == 3
            last = store.batches()[-1].by
        assert stored(URL) == expected[last], f"round {round_}: not the last bundle's state"


@pytest.mark.usefixtures("empty_database")
def test_imports_of_diverging_bundles_at_once_end_in_exactly_one_bundles_state(
    tmp_path: Path,
) -> None:
    """The same through ``goldenthread import`` run as separate processes at once."""
    a, b = diverging_bundles(tmp_path)
    expected = {"p0": bundle(a), "p1": bundle(b)}
    for round_ in range(3):
        _drop_everything()
        assert import_at_once(URL, [example_path("rossendale")])[0].returncode == 0
        results = import_at_once(URL, [a, b])
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        with open_store(URL, plugin_manager=get_plugin_manager()) as store:
            assert len(store.batches()) == 3
            last = store.batches()[-1].by
        assert stored(URL) == expected[last], f"round {round_}: not the last bundle's state"


@pytest.mark.usefixtures("empty_database")
def test_the_same_bundle_imported_twice_at_once_writes_one_batch() -> None:
    source = example_path("poole")
    results = import_at_once(URL, [source, source])
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert "nothing changed, nothing written" in sorted(r.stdout for r in results)[1]
    with open_store(URL, plugin_manager=get_plugin_manager()) as store:
        assert len(store.batches()) == 1


@pytest.mark.usefixtures("empty_database")
def test_a_client_with_a_skewed_clock_is_stamped_by_the_server() -> None:
    """A PC whose clock runs a day fast stamped the latest batch itself; the next import,
    from any machine, is stamped by the server under the lock, just after it."""
    ahead = datetime.now(UTC) + timedelta(days=1)
    with PostgresStore(URL) as store:
        store.write([Change("note", "n", {"x": 1})], by="fast pc", at=ahead, why="skewed")
    [result] = import_at_once(URL, [example_path("poole")])
    assert result.returncode == 0, result.stderr
    with PostgresStore(URL) as store:
        _, second = store.batches()
        assert second.at == ahead + timedelta(microseconds=1)
        # With the clocks agreeing again, the server's clock stamps the batch.
        before = datetime.now(UTC) + timedelta(days=2)
        store.write([Change("note", "n", {"x": 2})], by="fast pc", at=before, why="skewed")
        number = store.write_planned(lambda: [Change("note", "n", {"x": 3})], by="b", why="w")
        assert number == 4
        assert store.batches()[-1].at == before + timedelta(microseconds=1)


# -- several councils in one database ----------------------------------------------------------

V2_STORE = Path(__file__).parents[3] / "tests" / "storage" / "data" / "v2-rossendale.db"


@pytest.mark.usefixtures("empty_database")
def test_a_version_2_database_is_migrated_forward_to_its_council() -> None:
    """The real v2 store (written by the release before organisations) copied row by row
    into a v2 PostgreSQL schema: after migrating, its framework belongs to its council,
    history and as-at reproduction intact, and a second council fits beside it."""
    with sqlite3.connect(V2_STORE) as source:
        batches = source.execute(
            "SELECT id, at_us, recorded_by, reason, size FROM batches ORDER BY id"
        ).fetchall()
        revisions = source.execute(
            "SELECT batch, kind, key, period, subject, deleted, payload FROM revisions ORDER BY id"
        ).fetchall()
    with psycopg.connect(URL, autocommit=True) as conn:
        for migration in POSTGRES_MIGRATIONS[:2]:
            for statement in migration.statements:
                conn.execute(statement.encode())
            conn.execute(
                "INSERT INTO goldenthread_schema (version) VALUES (%s)", (migration.version,)
            )
        for number, at_us, by, why, size in batches:
            conn.execute(
                "INSERT INTO goldenthread_batches (id, at, recorded_by, reason, size)"
                " VALUES (%s, %s, %s, %s, %s)",
                (number, from_micros(at_us), by, why, size),
            )
        with (
            conn.cursor() as cursor,
            cursor.copy(
                "COPY goldenthread_revisions (batch, kind, key, period, subject, deleted, payload)"
                " FROM STDIN"
            ) as copy,
        ):
            for batch, kind, key, period, subject, deleted, payload in revisions:
                copy.write_row((batch, kind, key, period, subject, bool(deleted), payload))
    with PostgresStore(URL) as store:
        assert store.schema_version() == CURRENT_SCHEMA_VERSION == 3
        assert stored_organisations(store) == ["rossendale"]
        first, _ = store.batches()
        history = store.history("value", "NI 157a|2021-04", organisation="rossendale")
        assert [r.payload["numerator"] for r in history] == ["3", "2"]
        # Every v2 revision is still there, unchanged, now under the council's code (the
        # store was written from the examples as they were then: it is compared with itself).
        written = [
            (kind, key, batch, json.loads(payload)) for batch, kind, key, *_, payload in revisions
        ]
        kept = [
            (r.kind, r.key, r.batch, r.payload)
            for kind, key in {(row[1], row[2]) for row in revisions}
            for r in store.history(kind, key, organisation="rossendale")
        ]
        assert sorted(kept, key=repr) == sorted(written, key=repr)
        rossendale = load_framework(store, as_at=first.at)
        assert rossendale.organisation.code == "rossendale"
        now = contents(load_framework(store))
        save_framework(store, load_bundle(example_path("poole")), by="t", at=None, why="poole")
        assert stored_organisations(store) == ["poole", "rossendale"]
        assert contents(load_framework(store, organisation="rossendale")) == now
        assert contents(load_framework(store, organisation="poole")) == bundle(
            example_path("poole")
        )
        with pytest.raises(OrganisationError, match="poole, rossendale"):
            load_framework(store)
        # The same entity key may now be written for two councils in one batch.
        store.write(
            [
                Change("note", "n", {"x": 1}, organisation="poole"),
                Change("note", "n", {"x": 2}, organisation="rossendale"),
            ],
            by="t",
            why="both",
        )
        assert store.organisations("note") == ["poole", "rossendale"]


@pytest.mark.usefixtures("empty_database")
def test_an_import_killed_mid_batch_leaves_whole_batches(tmp_path: Path) -> None:
    """``goldenthread import`` killed with SIGKILL while its revisions stream in: the server
    rolls the transaction back, so the store holds whole batches only and takes the next
    import."""
    small = example_path("poole")
    [first] = import_at_once(URL, [small])
    assert first.returncode == 0, first.stderr
    with PostgresStore(URL) as store:
        whole = [(b.id, b.by, b.size) for b in store.batches()]
    assert [(by, size > 1000) for _, by, size in whole] == [("p0", True)]
    big = large_bundle(tmp_path / "big", indicators=150, months=360)
    child = subprocess.Popen(  # noqa: S603 (our own command, our own arguments)
        [GOLDENTHREAD, "import", str(big), "--store", URL, "--by", "doomed"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    copying = False
    deadline = time.monotonic() + 240
    with psycopg.connect(URL, autocommit=True) as watcher:
        while not copying and time.monotonic() < deadline:
            assert child.poll() is None, "the import finished before it could be killed"
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE state = 'active' AND query LIKE 'COPY goldenthread_revisions%%'"
            ).fetchone()
            copying = bool(row and row[0])
            if not copying:
                time.sleep(0.005)
    assert copying, "the import never started writing"
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    # The server notices the dropped connection and rolls back.
    with PostgresStore(URL) as store:
        assert [(b.id, b.by, b.size) for b in store.batches()] == whole
        assert stored_organisations(store) == ["poole"]
    assert stored(URL) == bundle(small)
    [again] = import_at_once(URL, [example_path("rossendale")])
    assert again.returncode == 0, again.stderr
    assert stored(URL, "rossendale") == bundle(example_path("rossendale"))
    assert stored(URL, "poole") == bundle(small)


def _with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


def test_a_search_path_naming_a_missing_schema_is_a_clear_error() -> None:
    from click.testing import CliRunner

    from goldenthread.cli import main
    from goldenthread.examples import example_path
    from goldenthread.storage import StoreError

    url = _with_query(URL, "options=-csearch_path%3Dno_such_schema")
    with pytest.raises(StoreError, match="the schema its search_path names does not exist"):
        PostgresBackend().open(url)
    for args in (
        ["check", url],
        ["import", str(example_path("poole")), "--store", url, "--by", "t"],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "error: cannot open the PostgreSQL store" in result.stderr


def test_a_malformed_connection_string_is_a_clear_error() -> None:
    from goldenthread.storage import StoreError

    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        PostgresBackend().open(_with_query(URL, "no_such_option=1"))


@pytest.mark.usefixtures("empty_database")
def test_a_nul_byte_in_an_id_is_refused_before_the_server(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from goldenthread.cli import main
    from goldenthread.examples import example_path

    bundle = tmp_path / "poole"
    shutil.copytree(example_path("poole"), bundle)
    items = bundle / "items.csv"
    text = items.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[1] = "X\x00" + lines[1]
    items.write_text("".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(bundle), "--store", URL, "--by", "t"])
    assert result.exit_code == 2, result.output
    assert "items.csv, row 2, column 'id': contains the control character U+0000" in (result.stderr)
    with open_store(URL, plugin_manager=get_plugin_manager()) as store:
        assert store.batches() == []
