"""Personal data planted in a council's bundle never reaches a public output.

The Rossendale example gets an individual's objective, an indicator with a blank
classification titled with the person's name and measuring that objective, officers'
commentary and who entered each value, an action's progress comment, and a team item
classified public that contributes to the personal objective.  Every public output
(open data, and the public performance, thread and data-quality reports in every
format) is built through the command line from the bundle and from a store, and none
may contain a planted string.  Commentary marked ``publish_note = yes`` is the one
exception, and appears without who wrote it.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from goldenthread.cli import main
from goldenthread.examples import example_path

PERSON = "Zelda Quillfeather"
AUTHOR = "Mortimer Plankton"
PERSONAL_ID = "PDI-ZQ-7"
SECRET_NOTES = (
    "phased return agreed with occupational health",
    "Unpublished officer remark 4417",
    "Unpublished action remark 9921",
)
PLANTED = (PERSON, AUTHOR, PERSONAL_ID, "ABS-ZQ", "TEAM-ZQ", *SECRET_NOTES)
PUBLISHED_NOTE = "Published remark 5150"
PERIOD = "2025/26 H1"
AS_AT = "2025-11-01"
FORMATS = ("html", "markdown", "csv", "xlsx", "json")


def _append(path: Path, rows: list[dict[str, str]], extra: tuple[str, ...] = ()) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = [
            *(reader.fieldnames or []),
            *(f for f in extra if f not in (reader.fieldnames or [])),
        ]
        existing = list(reader)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(existing)
        writer.writerows(rows)


def _edit(path: Path, change: dict[tuple[str, str], dict[str, str]], keys: tuple[str, str]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    for row in rows:
        for column in change.get((row[keys[0]], row[keys[1]]), {}):
            if column not in fields:
                fields.append(column)
        row.update(change.get((row[keys[0]], row[keys[1]]), {}))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(rows)


def plant(bundle: Path, *, team_owned_level: bool = False) -> None:
    """Plant the personal data in a copy of the Rossendale bundle."""
    _append(
        bundle / "items.csv",
        [
            {
                "id": PERSONAL_ID,
                "kind": "objective",
                "title": f"Support {PERSON} back to work",
                "level": "individual",
                "plan": "PDI-01",
                "parent": "PDI-01",
                "owner": PERSON,
                "status": "approved",
            },
            {
                # a team item marked public that contributes to the personal objective
                "id": "TEAM-ZQ",
                "kind": "action",
                "title": f"Arrange adjustments for {PERSON}",
                "level": "team",
                "plan": "AP-TC",
                "parent": PERSONAL_ID,
                "owner": "Town Centre Manager",
                "start": "2025-04-01",
                "due": "2025-06-30",
                "status": "in-progress",
                "progress": "20",
                "classification": "public",
            },
            {
                "id": "REG-9",
                "kind": "action",
                "title": "Refresh the town centre signage",
                "plan": "BP-REG",
                "parent": "REG-1",
                "owner": "Head of Regeneration",
                "start": "2025-04-01",
                "due": "2026-03-31",
                "status": "in-progress",
                "progress": "40",
                "classification": "public",
                "updated": "2025-10-01",
                "commentary": SECRET_NOTES[2],
            },
        ],
    )
    _append(
        bundle / "indicators.csv",
        [
            {
                "code": "ABS-ZQ",
                "title": f"Days absent: {PERSON}",
                "polarity": "lower",
                "aggregation": "sum",
                "frequency": "monthly",
                "decimals": "0",
                "service": "Human resources",
                "owner": AUTHOR,
                "objective": PERSONAL_ID,
            }
        ],
    )
    _append(
        bundle / "values.csv",
        [
            {
                "indicator": "ABS-ZQ",
                "period": f"2025-0{m}",
                "value": str(m),
                "status": "final",
                "note": SECRET_NOTES[0],
                "note_date": "2025-10-05",
                "entered_by": AUTHOR,
            }
            for m in range(4, 10)
        ],
        extra=("publish_note",),
    )
    _edit(
        bundle / "values.csv",
        {
            ("BV 8", "2025-08"): {
                "note": SECRET_NOTES[1],
                "note_date": "2025-09-10",
                "entered_by": AUTHOR,
            },
            ("BV 8", "2025-09"): {
                "note": PUBLISHED_NOTE,
                "note_date": "2025-10-10",
                "entered_by": AUTHOR,
                "publish_note": "yes",
            },
        },
        ("indicator", "period"),
    )
    if team_owned_level:
        toml = bundle / "framework.toml"
        text = toml.read_text(encoding="utf-8")
        old = 'key = "individual"\nname = "Personal Development Interviews"\nowner = "person"'
        assert old in text
        toml.write_text(text.replace(old, old.replace('"person"', '"team"')), encoding="utf-8")


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        cells = [
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        book.close()
        return "\n".join(cells)
    return path.read_text(encoding="utf-8")


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def public_outputs(source: str, out: Path) -> dict[str, str]:
    """Every public output of ``source``, by a name saying what it is (a bundle is judged
    as at :data:`AS_AT`; a store, imported today, as it stands)."""
    texts: dict[str, str] = {}
    published = out / "open-data"
    when = () if source.startswith("sqlite:") else ("--as-at", AS_AT)
    _run("publish", source, "--period", PERIOD, "-o", str(published), *when)
    for path in sorted(published.iterdir()):
        texts[f"publish/{path.name}"] = _text(path)
    for kind in ("performance", "thread", "data-quality"):
        for fmt in FORMATS:
            target = out / f"{kind}.{'md' if fmt == 'markdown' else fmt}"
            _run(
                "report",
                kind,
                source,
                "--period",
                PERIOD,
                *when,
                "--classification",
                "public",
                "--format",
                fmt,
                "-o",
                str(target),
            )
            texts[f"{kind}.{fmt}"] = _text(target)
    return texts


def _source(bundle: Path, tmp_path: Path, kind: str) -> str:
    if kind == "bundle":
        return str(bundle)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    _run("import", str(bundle), "--store", url, "--by", "test")
    return url


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    bundle = tmp_path / "rossendale"
    shutil.copytree(example_path("rossendale"), bundle)
    plant(bundle)
    return bundle


@pytest.mark.parametrize("kind", ["bundle", "store"])
def test_no_public_output_contains_planted_personal_data(
    planted: Path, tmp_path: Path, kind: str
) -> None:
    texts = public_outputs(_source(planted, tmp_path, kind), tmp_path / "out")
    leaks = [(name, s) for name, text in texts.items() for s in PLANTED if s in text]
    assert leaks == []
    # commentary marked for publication is the one exception, shown without its author
    for fmt in FORMATS:
        assert PUBLISHED_NOTE in texts[f"performance.{fmt}"]


def test_a_team_owned_individual_level_still_keeps_personal_data_in(tmp_path: Path) -> None:
    bundle = tmp_path / "rossendale"
    shutil.copytree(example_path("rossendale"), bundle)
    plant(bundle, team_owned_level=True)
    texts = public_outputs(str(bundle), tmp_path / "out")
    leaks = [(name, s) for name, text in texts.items() for s in PLANTED if s in text]
    assert leaks == []
    for title in ("A. Example", "B. Sample", "PDI-01"):
        assert not [name for name, text in texts.items() if title in text]


def test_check_reports_the_conflicts_and_the_team_owned_personal_level(tmp_path: Path) -> None:
    bundle = tmp_path / "rossendale"
    shutil.copytree(example_path("rossendale"), bundle)
    plant(bundle, team_owned_level=True)
    result = CliRunner().invoke(main, ["check", str(bundle), "--format", "json", "--as-at", AS_AT])
    assert result.exit_code == 1
    found = {(f["code"], f["item"]) for f in json.loads(result.stdout)}
    assert ("classification-conflict", "TEAM-ZQ") in found
    assert ("classification-conflict", "ABS-ZQ") in found
    assert ("personal-level-owner", None) in found


def test_the_published_note_in_the_open_performance_report_has_no_author(
    planted: Path, tmp_path: Path
) -> None:
    target = tmp_path / "performance.json"
    _run("report", "performance", str(planted), "-p", PERIOD, "--as-at", AS_AT, "-o", str(target))
    notes = [
        block
        for section in json.loads(target.read_text(encoding="utf-8"))["report"]["sections"]
        for block in section["blocks"]
        if block.get("type") == "commentary"
    ]
    assert [(n["text"].endswith(PUBLISHED_NOTE), n.get("author")) for n in notes] == [(True, None)]


@pytest.mark.parametrize(
    ("file", "key", "row"),
    [("values.csv", ("BV 8", "2025-09"), 721), ("items.csv", ("TC-1", "action"), 62)],
)
def test_a_publish_note_that_is_not_yes_or_no_is_refused_with_its_place(
    tmp_path: Path, file: str, key: tuple[str, str], row: int
) -> None:
    bundle = tmp_path / "rossendale"
    shutil.copytree(example_path("rossendale"), bundle)
    columns = ("indicator", "period") if file == "values.csv" else ("id", "kind")
    _edit(bundle / file, {key: {"publish_note": "perhaps"}}, columns)
    result = CliRunner().invoke(main, ["check", str(bundle)])
    assert result.exit_code == 2
    assert file in result.stderr
    assert f"row {row}" in result.stderr
    assert "publish_note" in result.stderr
    assert "expected yes or no, not 'perhaps'" in result.stderr


def test_the_public_data_quality_report_names_no_auditor(tmp_path: Path) -> None:
    bundle = tmp_path / "poole"
    shutil.copytree(example_path("poole"), bundle)
    _edit(
        bundle / "spot_checks.csv",
        {
            ("NI 157a", "2025/26"): {
                "outcome": "amended",
                "auditor": AUTHOR,
                "note": SECRET_NOTES[1],
            },
        },
        ("indicator", "year"),
    )
    internal = tmp_path / "internal.md"
    public = tmp_path / "public.md"
    common = ("report", "data-quality", str(bundle), "-p", PERIOD, "--as-at", AS_AT)
    _run(*common, "-o", str(internal))
    _run(*common, "--classification", "public", "-o", str(public))
    assert AUTHOR in internal.read_text(encoding="utf-8")  # the planted names are there
    text = public.read_text(encoding="utf-8")
    assert AUTHOR not in text
    assert SECRET_NOTES[1] not in text
