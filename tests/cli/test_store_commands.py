"""The ``import``, ``export`` and ``template`` commands."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.cli.options import parse_as_at
from goldenthread.cli.store import export_command, import_command, template_command
from goldenthread.examples import example_path
from goldenthread.io.bundle import load_bundle
from goldenthread.storage import open_store

POOLE = example_path("poole")


def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'gt.db'}"


def import_bundle(bundle: Path | str, url: str, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(import_command, [str(bundle), "--store", url, *extra])
    return result.exit_code, result.stdout, result.stderr


def test_import_saves_the_bundle_as_one_batch(tmp_path: Path) -> None:
    url = store_url(tmp_path)
    code, out, err = import_bundle(POOLE, url, "--by", "a.clerk", "--why", "Q2 returns")
    assert (code, err) == (0, "")
    with open_store(url) as store:
        [batch] = store.batches()
    assert (batch.by, batch.why) == ("a.clerk", "Q2 returns")
    assert out == f"{POOLE} -> {url}: batch 1, {batch.size} changes\n"
    assert batch.at.tzinfo is dt.UTC
    assert abs(dt.datetime.now(dt.UTC) - batch.at) < dt.timedelta(minutes=5)


def test_import_defaults_to_the_user_name_and_says_what_it_imported(tmp_path: Path) -> None:
    url = store_url(tmp_path)
    code, out, _ = import_bundle(POOLE, url, "--format", "json")
    assert code == 0
    assert json.loads(out)["batch"] == 1
    code, out, _ = import_bundle(POOLE, url, "--format", "json")
    assert json.loads(out) == {"store": url, "batch": None, "changes": 0}
    with open_store(url) as store:
        [batch] = store.batches()
    assert (batch.by, batch.why) == (getpass.getuser(), f"import of {POOLE}")


def test_reimporting_an_unchanged_bundle_writes_nothing_and_says_so(tmp_path: Path) -> None:
    url = store_url(tmp_path)
    assert import_bundle(POOLE, url)[0] == 0
    code, out, err = import_bundle(POOLE, url)
    assert (code, err) == (0, "")
    assert out == f"{POOLE} -> {url}: nothing changed, nothing written\n"
    with open_store(url) as store:
        assert len(store.batches()) == 1


def test_a_bad_bundle_writes_nothing_and_lists_every_problem(tmp_path: Path) -> None:
    url = store_url(tmp_path)
    assert import_bundle(POOLE, url)[0] == 0
    bad = tmp_path / "bad"
    shutil.copytree(POOLE, bad)
    values = (bad / "values.csv").read_text(encoding="utf-8").splitlines()
    values[1] = values[1].replace("2021-04", "2021-13", 1)
    values[2] = values[2].replace(",verified,", ",checked,", 1)
    (bad / "values.csv").write_text("\n".join(values) + "\n", encoding="utf-8")
    code, out, err = import_bundle(bad, url)
    assert (code, out) == (2, "")
    assert "values.csv, row 2, column 'period'" in err
    assert "values.csv, row 3, column 'status': unknown data status 'checked'" in err
    with open_store(url) as store:
        assert len(store.batches()) == 1


def test_an_unknown_store_scheme_is_bad_input(tmp_path: Path) -> None:
    code, _, err = import_bundle(POOLE, "nosuch://db")
    assert code == 2
    assert "no store backend for nosuch://" in err


def test_export_writes_the_stored_framework_as_at_a_moment(tmp_path: Path) -> None:
    url = store_url(tmp_path)
    assert import_bundle(POOLE, url)[0] == 0
    out = tmp_path / "out"
    result = CliRunner().invoke(export_command, [url, "--output", str(out)])
    assert (result.exit_code, result.stdout) == (0, f"{out}\n")
    exported, original = load_bundle(out), load_bundle(POOLE)
    assert attrs.evolve(exported, source="") == attrs.evolve(original, source="")
    early = CliRunner().invoke(export_command, [url, "-o", str(out), "--as-at", "2000-01-01"])
    assert early.exit_code == 2
    assert "the store holds no framework as at 2000-01-01T23:59:59.999999+00:00" in early.stderr


def test_export_of_a_bundle_with_as_at_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        export_command, [str(POOLE), "-o", str(tmp_path), "--as-at", "2025-01-01T00:00Z"]
    )
    assert result.exit_code == 2
    assert "has no history; --as-at needs a store URL" in result.stderr


def test_template_writes_an_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "council.xlsx"
    result = CliRunner().invoke(template_command, ["--output", str(path)])
    assert (result.exit_code, result.stdout) == (0, f"{path}\n")
    assert load_bundle(path).risks == ()


def test_template_needs_an_xlsx_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(template_command, ["--output", str(tmp_path / "council.csv")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'council.csv'} must end in .xlsx\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-31T17:00:00Z", dt.datetime(2025, 1, 31, 17, tzinfo=dt.UTC)),
        ("2025-01-31T18:00:00+01:00", dt.datetime(2025, 1, 31, 17, tzinfo=dt.UTC)),
        ("2025-01-31", dt.datetime(2025, 1, 31, 23, 59, 59, 999999, tzinfo=dt.UTC)),
    ],
)
def test_as_at_timestamps(text: str, expected: dt.datetime) -> None:
    assert parse_as_at(text) == expected


def test_a_naive_or_unreadable_as_at_is_refused(tmp_path: Path) -> None:
    for text, message in (
        ("2025-01-31T17:00", "has no time zone; add Z for UTC"),
        ("yesterday", "is not a timestamp"),
    ):
        result = CliRunner().invoke(
            export_command, [str(POOLE), "-o", str(tmp_path), "--as-at", text]
        )
        assert result.exit_code == 2
        assert message in result.stderr


def test_import_without_a_system_user_name_asks_for_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    code, _, err = import_bundle(POOLE, store_url(tmp_path))
    assert code == 2
    assert err == "error: cannot tell who you are from the system; pass --by NAME\n"
    assert import_bundle(POOLE, store_url(tmp_path), "--by", "a.clerk")[0] == 0


# -- several councils in one store: --organisation CODE on every reading command -------------


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding both example councils, imported one after the other."""
    url = f"sqlite:///{tmp_path_factory.mktemp('shared') / 'councils.db'}"
    for name in ("rossendale", "poole"):
        code, _, err = import_bundle(example_path(name), url)
        assert (code, err) == (0, "")
    return url


READING_COMMANDS = [
    ("check", []),
    ("assess", ["--period", "2024/25 Q2"]),
    ("risks", []),
    ("schedule", ["--year", "2024/25"]),
    ("report", ["--period", "2024/25 Q2", "-o", "{out}/report.html"], "performance"),
    ("publish", ["--period", "2024/25 Q2", "-o", "{out}/open"]),
    ("thread", []),
    ("benchmark", ["--period", "2024/25 Q2"]),
    ("export", ["-o", "{out}/bundle"]),
]


def _run(command: tuple[Any, ...], source: str, out: Path, *extra: str) -> tuple[int, str]:
    name, options, *kind = command
    args = [name, *kind, source, *(o.format(out=out) for o in options), *extra]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", READING_COMMANDS, ids=lambda c: c[0])
def test_every_reading_command_takes_the_organisation(
    shared_store: str, tmp_path: Path, command: tuple[Any, ...]
) -> None:
    code, err = _run(command, shared_store, tmp_path)
    assert code == 2
    assert "the store holds 2 councils (poole, rossendale)" in err
    assert "--organisation CODE" in err
    code, err = _run(command, shared_store, tmp_path, "--organisation", "kent")
    assert code == 2
    assert "no council with the code 'kent'; it holds poole, rossendale" in err
    for council in ("rossendale", "poole"):
        (tmp_path / council).mkdir()
        code, err = _run(command, shared_store, tmp_path / council, "--organisation", council)
        assert code in (0, 1), err
        assert "error:" not in err


def test_each_council_is_read_from_the_shared_store(shared_store: str, tmp_path: Path) -> None:
    for council in ("rossendale", "poole"):
        result = CliRunner().invoke(
            export_command,
            [shared_store, "-o", str(tmp_path / council), "--organisation", council],
        )
        assert result.exit_code == 0, result.stderr
        exported = attrs.evolve(load_bundle(tmp_path / council), source="")
        assert exported == attrs.evolve(load_bundle(example_path(council)), source="")


def test_a_bundle_given_another_council_code_is_bad_input(tmp_path: Path) -> None:
    code, err = _run(("check", []), str(POOLE), tmp_path, "--organisation", "rossendale")
    assert code == 2
    assert "holds the council poole, not 'rossendale'" in err
