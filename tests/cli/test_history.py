"""``goldenthread history``: every revision with who, when and why, and the diff between
two moments, from a store built by importing a bundle twice with changes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.cli.history import parse_since
from goldenthread.storage import open_store
from tests.test_history import CORRECTED, RETIRED, fill, write_bundle


@pytest.fixture
def url(tmp_path: Path) -> str:
    address = f"sqlite:///{tmp_path / 'h.db'}"
    with open_store(address) as store:
        fill(store, tmp_path / "anytown")
    return address


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_history_of_an_indicator_as_a_table(url: str) -> None:
    code, out = _run("history", url, "BV 12")
    assert code == 0, out
    assert "batch 1, 2025-01-31 17:00:00 UTC, by A. Officer: first load" in out
    assert "batch 2, 2025-02-14 09:30:00 UTC, by Audit: audit corrections" in out
    assert "changed    value BV 12|2024/25 Q2" in out
    assert "value: 2.6 → 2.4" in out
    assert "status: provisional → final" in out
    assert "LPI 1" not in out
    assert "Traceback" not in out


def test_history_as_json(url: str) -> None:
    code, out = _run("history", url, "CP-1.2", "--format", "json")
    assert code == 0, out
    found = json.loads(out)
    assert [(e["kind"], e["action"], e["by"], e["why"]) for e in found] == [
        ("item", "added", "A. Officer", "first load"),
        ("item", "retired", "Audit", "audit corrections"),
    ]
    assert found[1]["at"] == "2025-02-14T09:30:00+00:00"
    assert found[1]["summary"] == "Fly-tipping cameras"


def test_history_as_tidy_csv(url: str) -> None:
    code, out = _run("history", url, "BV 12", "--since", "2025-02-14", "--format", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["field"], r["old"], r["new"]) for r in rows} == {
        ("value", "2.6", "2.4"),
        ("status", "provisional", "final"),
    }
    assert {r["batch"] for r in rows} == {"2"}


def test_since_a_date_includes_that_day(url: str) -> None:
    code, out = _run("history", url, "--since", "2025-02-14")
    assert code == 0, out
    assert "batch 2" in out
    assert "batch 1" not in out
    code, out = _run("history", url, "BV 12", "--since", "2025-02-15")
    assert code == 0, out
    assert out.strip() == "Nothing recorded of BV 12 since 2025-02-15T00:00:00+00:00."


def test_diff_between_two_moments(url: str) -> None:
    code, out = _run("history", url, "--from", "2025-01-31", "--to", "2025-02-14")
    assert code == 0, out
    assert "0 added, 1 changed, 1 retired" in out
    assert "batch 2, 2025-02-14 09:30:00 UTC, by Audit: audit corrections" in out
    assert "retired  item CP-1.2 (was: Fly-tipping cameras)" in out
    assert "value: 2.6 → 2.4" in out
    code, out = _run("history", url, "--from", "2025-02-14T10:00:00Z", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["differences"] == []
    assert data["batches"] == []
    assert data["to"] is None


def test_diff_as_json_and_csv(url: str) -> None:
    args = ("history", url, "--from", "2025-01-31", "--to", "2025-02-14")
    code, out = _run(*args, "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [b["why"] for b in data["batches"]] == ["audit corrections"]
    changes = {(d["kind"], d["key"]): d for d in data["differences"]}
    assert changes[("item", "CP-1.2")]["change"] == "retired"
    assert changes[("item", "CP-1.2")]["after"] is None
    assert changes[("value", "BV 12|2024/25 Q2")]["after"]["value"] == "2.4"
    code, out = _run(*args, "--format", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert ("changed", "value", "2.6", "2.4") in {
        (r["change"], r["field"], r["old"], r["new"]) for r in rows
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("BV 99",), "holds no record of 'BV 99'"),
        (("--from", "2025-02-14", "--to", "2025-01-31"), "is after --to"),
        (("--to", "2025-01-31"), "--to needs --from"),
        (("--since", "2025-01-01", "--from", "2025-01-31"), "use one"),
        (("--from", "yesterday"), "is not a timestamp"),
        (("--from", "2025-01-31T10:00"), "no time zone"),
        (("--since", "31/31/2025"), "is not a date"),
        (("--organisation", "nowhere"), "no council with the code 'nowhere'"),
    ],
)
def test_bad_input_exits_2(url: str, args: tuple[str, ...], message: str) -> None:
    code, out = _run("history", url, *args)
    assert code == 2, out
    assert message in out
    assert "Traceback" not in out


def test_a_bundle_has_no_history(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "anytown")
    code, out = _run("history", str(bundle))
    assert code == 2
    assert "is a bundle, which has no history; import it into a store first" in out


def test_a_missing_or_empty_store_is_bad_input(tmp_path: Path) -> None:
    code, out = _run("history", f"sqlite:///{tmp_path / 'missing.db'}")
    assert code == 2
    assert "error:" in out
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(empty).close()
    code, out = _run("history", empty)
    assert code == 2
    assert "holds no framework" in out


def test_parse_since() -> None:
    assert parse_since(None) is None
    moment = parse_since("14/02/2025")
    assert moment is not None
    assert moment.isoformat() == "2025-02-14T00:00:00+00:00"
    later = parse_since("2025-02-14T09:30:00+01:00")
    assert later is not None
    assert later.isoformat() == "2025-02-14T08:30:00+00:00"


def test_two_imports_from_the_command_line(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "anytown")
    address = f"sqlite:///{tmp_path / 'cli.db'}"
    first = ("import", str(bundle), "--store", address, "--by", "A. Officer", "--why", "first")
    assert _run(*first)[0] == 0
    write_bundle(bundle, CORRECTED, RETIRED)
    again = ("import", str(bundle), "--store", address, "--by", "Audit", "--why", "audit")
    assert _run(*again)[0] == 0
    code, out = _run("history", address, "--format", "json")
    assert code == 0, out
    found = json.loads(out)
    later = [
        (e["action"], e["kind"], e["key"], e["by"], e["why"]) for e in found if e["batch"] == 2
    ]
    assert later == [
        ("changed", "value", "BV 12|2024/25 Q2", "Audit", "audit"),
        ("retired", "item", "CP-1.2", "Audit", "audit"),
    ]
    stamp = next(e["at"] for e in found if e["batch"] == 1)
    code, out = _run("history", address, "--from", stamp, "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [(d["change"], d["key"]) for d in data["differences"]] == [
        ("retired", "CP-1.2"),
        ("changed", "BV 12|2024/25 Q2"),
    ]
    assert [b["why"] for b in data["batches"]] == ["audit"]
