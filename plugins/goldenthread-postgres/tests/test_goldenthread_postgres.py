"""goldenthread-postgres against a real server: the conformance suite, migrations, plugin.

Set ``GOLDENTHREAD_TEST_POSTGRES_URL`` to an empty database you may write to (the tests
drop and recreate goldenthread's tables); ``.ci/postgres.sh`` starts one.  Without it every
test here is skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from goldenthread_postgres import POSTGRES_MIGRATIONS, PostgresBackend, PostgresStore

from goldenthread.errors import InputError
from goldenthread.plugins import get_plugin_manager
from goldenthread.storage import CURRENT_SCHEMA_VERSION, Change, SchemaError, Store, open_store
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
