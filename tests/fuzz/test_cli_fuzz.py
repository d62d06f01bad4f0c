"""Fuzzing the command line: bundles built from the example councils, then mutated.

Each example takes Rossendale or Poole (cut to a few rows per file so a run stays fast),
mutates cells, rows, raw bytes and ``framework.toml``, and runs ``check``, ``import``,
``assess``, ``report`` (performance, data quality and budget), ``publish``, ``budget``
and ``mtfp`` in process through
click's :class:`~click.testing.CliRunner`.  Every run must end cleanly: exit 0, 1
(findings of error severity) or 2 with an ``error:`` sentence on standard error, never an
exception.  Bad input must also never leave a store behind.

Each example costs about half a second, so the test sets its own ``max_examples``: 60
(about a minute in CI under the derandomised ``ci`` profile), 2,000 under
``HYPOTHESIS_PROFILE=thorough``, or ``GOLDENTHREAD_FUZZ_EXAMPLES``.  Set
``GOLDENTHREAD_FUZZ_STATS`` to a file path to have the counts (examples, runs by exit
code, clean errors, tracebacks) written there as JSON.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.cli import main
from goldenthread.examples import example_path

COUNCILS = ("rossendale", "poole")
PERIOD = "2025/26 Q2"
MONTH = "2025-09"  # the budget commands monitor a month
AS_AT = "2025-11-30"

STATS: Counter[str] = Counter()


def _read_council(name: str) -> dict[str, bytes]:
    folder = example_path(name)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


FILES = {name: _read_council(name) for name in COUNCILS}

# Cells worth trying: edges of every rule the readers apply, and things no rule expects.
EVIL_CELLS = [
    "",
    "-",
    "N/A",
    "not yet due",
    "0",
    "-0",
    "-1",
    "0.5",
    "100%",
    "£12",
    "(1,234)",
    "£",
    "1.234,50",
    "1k",
    "€5",
    "income",
    "2025-09",
    "1,2",
    "1e5",
    "nan",
    "inf",
    "Infinity",
    "²",
    "٣",
    "12345678901234567890123456789",
    "999999999999.999",
    "1000000000000",
    "0.000000000000001",
    "-999999999999",
    "99999999999999999999999999999999999999",
    "1" + "0" * 400,
    "0." + "0" * 300 + "1",
    "2024/25",
    "2024/25 Q5",
    "Sep-24",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31",
    "31/12/9999",
    "yes",
    "kentt",
    "kent",
    "havering",
    "medway",
    "activity-range",
    "ratio",
    "cumulative",
    "last",
    "range",
    "none",
    "monthly",
    "annual",
    "personal",
    "public",
    "NAT",
    "RBC-O1",
    "CR01",
    "NI 157a",
    "BV 9",
    "a\x00b",
    "a\nb",
    "\ufeff",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x")',
    "'; DROP TABLE revisions; --",
    "x" * 5000,
    "11",
    "7",
    "25",
    "0;0;0;0",
    "20;30;25;25",
    "1;2",
    "seasonal",
]

EVIL_TOML = [
    "nan",
    "inf",
    "-inf",
    "-1",
    "0",
    "1e300",
    "99999999999999999999",
    "true",
    '"kentt"',
    '"tolerance"',
    '"x"',
    '""',
    '"\\u0000"',
    "[]",
    "[1, 2]",
    "{}",
    "2024-02-30",
    "13",
    '"5%"',
    '"1000000000000%"',
]

# Figures every reader accepts, at the edges of the range (docs/decisions/indicators.md):
# they must get through assess, every report and publish.
ACCEPTED_EXTREMES = [
    "999999999999.999",
    "-999999999999.999",
    "999,999,999,999",
    "0.000000000000001",
    "123456789012345",
    "0.00000000000001",
    "0",
    "1",
    "100",
    "99.99999999999",
]

cell_texts = st.sampled_from(ACCEPTED_EXTREMES) | st.sampled_from(EVIL_CELLS) | st.text(max_size=12)

# Only the values of the years the commands look at (2025/26 and the year before, for
# direction of travel) are kept, so each example stays fast.
RECENT = ("2024", "2025", "2026")
# The assessed period's own rows (2025/26 Q2: July to September 2025), and its year.
ASSESSED = ("2025-07", "2025-08", "2025-09", "2025/26 Q2", "2025/26,", "2025/26 H1")

# Columns holding figures, and the cells most worth putting in them.
FIGURE_COLUMNS = {
    "value",
    "numerator",
    "denominator",
    "target",
    "lower",
    "upper",
    "floor",
    "stretch",
    "factor",
    "decimals",
    "tolerance",
    "minimum",
    "maximum",
    "max_change",
    "profile",
    "weight",
    "progress",
    "inherent_likelihood",
    "inherent_impact",
    "current_likelihood",
    "current_impact",
    "target_likelihood",
    "target_impact",
    "per",
    "original",
    "revised",
    "actual",
    "commitment",
    "forecast",
    "amount",
}
HOSTILE_NUMBERS = [
    "12345678901234567890123456789",
    "99999999999999999999999999999999999999",
    "1" + "0" * 400,
    "0." + "0" * 300 + "1",
    "1000000000000",
    "1234567890.123456",
    "²",
    "٣",
    "nan",
    "1e5",
    "-1",
    "0",
    "7",
    "",
]
figure_texts = st.sampled_from(ACCEPTED_EXTREMES) | st.sampled_from(HOSTILE_NUMBERS)


@st.composite
def bundles(draw: st.DrawFn) -> tuple[str, dict[str, bytes]]:
    """A council's files, cut short and then mutated."""
    council = draw(st.sampled_from(COUNCILS))
    files = dict(FILES[council])
    values = files["values.csv"].decode("utf-8").splitlines(keepends=True)
    files["values.csv"] = "".join(
        [values[0], *(line for line in values[1:] if any(y in line for y in RECENT))]
    ).encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["figure", "figure", "figure", "cell", "cell", "row", "bytes", "toml", "drop"]
            )
        )
        MUTATIONS[kind](draw, files)
    return council, files


def _csv_names(files: dict[str, bytes]) -> list[str]:
    return sorted(name for name in files if name.endswith(".csv"))


def _rows(files: dict[str, bytes], name: str) -> list[list[str]] | None:
    try:
        rows = list(csv.reader(io.StringIO(files[name].decode("utf-8"))))
    except (UnicodeDecodeError, csv.Error):
        return None
    return rows if len(rows) >= 2 else None


def _write(files: dict[str, bytes], name: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    files[name] = out.getvalue().encode("utf-8")


def _cell(draw: st.DrawFn, files: dict[str, bytes]) -> None:
    names = _csv_names(files)
    if not names:
        return
    name = draw(st.sampled_from(names))
    rows = _rows(files, name)
    if rows is None:
        return
    row = draw(st.integers(1, len(rows) - 1))
    if not rows[row]:
        return
    column = draw(st.integers(0, len(rows[row]) - 1))
    rows[row][column] = draw(cell_texts)
    _write(files, name, rows)


def _figure(draw: st.DrawFn, files: dict[str, bytes]) -> None:
    """A figure cell set to an extreme or hostile number: most often a value or target of
    the period the commands assess, where a bad figure does most harm."""
    names = _csv_names(files)
    name = draw(
        st.sampled_from([n for n in ("values.csv", "targets.csv") if n in names] or names)
        if draw(st.integers(0, 9)) < 6
        else st.sampled_from(names)
    )
    rows = _rows(files, name)
    if rows is None:
        return
    columns = [i for i, c in enumerate(rows[0]) if c in FIGURE_COLUMNS]
    if not columns:
        return
    column = draw(st.sampled_from(columns))
    assessed = [i for i, r in enumerate(rows) if i and any(p in ",".join(r) for p in ASSESSED)]
    in_period = bool(assessed) and draw(st.booleans())
    row = draw(st.sampled_from(assessed)) if in_period else draw(st.integers(1, len(rows) - 1))
    if column < len(rows[row]):
        rows[row][column] = draw(figure_texts)
        _write(files, name, rows)


def _row(draw: st.DrawFn, files: dict[str, bytes]) -> None:
    names = _csv_names(files)
    if not names:
        return
    name = draw(st.sampled_from(names))
    lines = files[name].split(b"\n")
    if len(lines) < 2:
        return
    index = draw(st.integers(0, len(lines) - 1))
    action = draw(st.sampled_from(["delete", "duplicate", "truncate", "extend", "header"]))
    if action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, lines[index])
    elif action == "truncate":
        lines[index] = lines[index][: draw(st.integers(0, max(0, len(lines[index]))))]
    elif action == "extend":
        lines[index] = lines[index] + b",extra,cells"
    else:
        lines[0] = lines[0].replace(b"target", b"taregt").replace(b"value", b"valeu")
    files[name] = b"\n".join(lines)


def _bytes(draw: st.DrawFn, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from(sorted(files)))
    data = files[name]
    at = draw(st.integers(0, len(data)))
    noise = draw(
        st.sampled_from([b"\xff", b"\x00", b'"', b"\r", b"\xef\xbb\xbf", b"\xe2\x82"])
        | st.binary(min_size=1, max_size=4)
    )
    cut = draw(st.integers(0, 3))
    files[name] = data[:at] + noise + data[at + cut :]


def _toml(draw: st.DrawFn, files: dict[str, bytes]) -> None:
    if "framework.toml" not in files:
        return
    lines = files["framework.toml"].decode("utf-8", "replace").splitlines()
    settings_lines = [i for i, line in enumerate(lines) if "=" in line and not line.startswith("#")]
    action = draw(st.sampled_from(["value", "value", "delete", "section"]))
    if action == "section":
        section, key = draw(
            st.sampled_from(
                [
                    ("spot_check.weights", "base"),
                    ("spot_check.weights", "red"),
                    ("spot_check", "size"),
                    ("spot_check", "seed"),
                    ("indicators", "rag_rule"),
                    ("indicators", "decimals"),
                    ("indicators", "tolerance"),
                    ("reports.data-quality", "max_change_percent"),
                    ("reports.data-quality", "data_due_days"),
                    ("organisation", "code"),
                    ("organisation", "year_start_month"),
                ]
            )
        )
        setting = f"{key} = {draw(st.sampled_from(EVIL_TOML))}"
        header = f"[{section}]"
        if header in lines:
            at = lines.index(header) + 1
            # The key may be there already: drop it, so the table stays valid TOML.
            end = next((i for i in range(at, len(lines)) if lines[i].startswith("[")), len(lines))
            lines[at:end] = [line for line in lines[at:end] if line.split("=", 1)[0].strip() != key]
            lines.insert(at, setting)
        else:
            lines = [header, setting, *lines]
        files["framework.toml"] = "\n".join(lines).encode("utf-8")
        return
    if not settings_lines:
        return
    index = draw(st.sampled_from(settings_lines))
    if action == "delete":
        del lines[index]
    else:
        key = lines[index].split("=", 1)[0]
        lines[index] = f"{key}= {draw(st.sampled_from(EVIL_TOML))}"
    files["framework.toml"] = "\n".join(lines).encode("utf-8")


def _drop(draw: st.DrawFn, files: dict[str, bytes]) -> None:
    name = draw(st.sampled_from(sorted(files)))
    del files[name]


MUTATIONS: dict[str, Callable[[st.DrawFn, dict[str, bytes]], None]] = {
    "figure": _figure,
    "cell": _cell,
    "row": _row,
    "bytes": _bytes,
    "toml": _toml,
    "drop": _drop,
}


def _clean(result: Result, what: str) -> int:
    """The exit code of a run that ended cleanly; fails the example otherwise."""
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        STATS["tracebacks"] += 1
        raise AssertionError(f"{what} raised {exception!r}") from exception
    code = result.exit_code
    assert code in (0, 1, 2), f"{what} exited {code}"
    if code == 2:
        assert result.stderr.lstrip().lower().startswith("error"), (what, result.stderr)
        assert "Traceback" not in result.output
        STATS["clean errors"] += 1
    else:
        STATS[f"exit {code}"] += 1
    return code


def _write_stats() -> None:
    target = os.environ.get("GOLDENTHREAD_FUZZ_STATS")
    if target:
        Path(target).write_text(json.dumps(dict(STATS), indent=2, sort_keys=True) + "\n")


def _examples() -> int:
    """``GOLDENTHREAD_FUZZ_EXAMPLES`` if set; 2,000 under the ``thorough`` profile; else 60
    (about a minute and a half in CI, each example running nine commands)."""
    given_count = int(os.environ.get("GOLDENTHREAD_FUZZ_EXAMPLES", "0"))
    if given_count:
        return given_count
    return 2000 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 60


@settings(
    max_examples=_examples(),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(bundles())
def test_no_command_ends_in_a_traceback(case: tuple[str, dict[str, bytes]]) -> None:
    council, files = case
    folder = Path(tempfile.mkdtemp(prefix="gt-fuzz-"))
    try:
        bundle = folder / council
        bundle.mkdir()
        for name, data in files.items():
            (bundle / name).write_bytes(data)
        store = folder / "store.db"
        url = f"sqlite:///{store}"
        runner = CliRunner()

        def run(*args: str) -> int:
            return _clean(runner.invoke(main, list(args)), " ".join(args[:2]))

        STATS["examples"] += 1
        run("check", str(bundle), "--as-at", AS_AT)
        imported = run("import", str(bundle), "--store", url, "--by", "fuzz") == 0
        if not imported:
            assert not store.exists(), "a refused import left a store behind"
        source = url if imported else str(bundle)
        run("assess", source, "--period", PERIOD, "--format", "json")
        run(
            "report",
            "performance",
            str(bundle),
            "--period",
            PERIOD,
            "--as-at",
            AS_AT,
            "-o",
            str(folder / "performance.html"),
        )
        run(
            "report",
            "data-quality",
            source,
            "--period",
            PERIOD,
            "-o",
            str(folder / "quality.md"),
        )
        run(
            "publish", str(bundle), "--period", PERIOD, "--as-at", AS_AT, "-o", str(folder / "open")
        )
        run("budget", source, "--period", MONTH, "--format", "json")
        run("mtfp", source, "--format", "csv")
        run("report", "budget", source, "--period", MONTH, "-o", str(folder / "budget.xlsx"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _write_stats()
