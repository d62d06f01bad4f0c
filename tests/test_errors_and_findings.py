"""The error and finding records every capability reports with."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from goldenthread.cli import main
from goldenthread.errors import BundleError, InputError, PeriodError, Problem
from goldenthread.findings import Finding, Severity, has_errors


def test_problem_names_its_place() -> None:
    assert str(Problem("not a number", "values.csv", 7, "value")) == (
        "values.csv, row 7, column 'value': not a number"
    )
    assert str(Problem("no rows")) == "no rows"
    assert str(Problem("empty", file="items.csv")) == "items.csv: empty"


def test_input_error_lists_every_problem() -> None:
    error = BundleError([Problem("a", "f.csv", 2), Problem("b", "f.csv", 3)])
    assert str(error) == "2 problems:\n  - f.csv, row 2: a\n  - f.csv, row 3: b"
    assert isinstance(error, ValueError)
    assert isinstance(PeriodError("x"), InputError)
    assert PeriodError("bad label").problems == (Problem("bad label"),)


def test_findings() -> None:
    warning = Finding("orphan", Severity.WARNING, "A1", "A1 contributes to nothing")
    error = Finding("cycle", Severity.ERROR, None, "a cycle")
    assert warning.to_dict() == {
        "code": "orphan",
        "severity": "warning",
        "item": "A1",
        "message": "A1 contributes to nothing",
    }
    assert not has_errors([warning])
    assert has_errors([warning, error])
    assert sorted([Severity.INFO, Severity.ERROR, Severity.WARNING], key=lambda s: s.rank) == [
        Severity.ERROR,
        Severity.WARNING,
        Severity.INFO,
    ]


# -- bad figures and settings are refused at the door (issue 12, points 3 and 4) -------------

EXAMPLES = Path(__file__).parent.parent / "src" / "goldenthread" / "examples"


def _council(tmp_path: Path, name: str = "rossendale") -> Path:
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / name, folder)
    return folder


def _set_cell(bundle: Path, file: str, row: int, column: str, text: str) -> None:
    """Set the cell at spreadsheet ``row`` (the header is row 1) of ``column``, adding the
    column if the file has none."""
    path = bundle / file
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if column not in rows[0]:
        rows = [[*r, column if i == 0 else ""] for i, r in enumerate(rows)]
    rows[row - 1][rows[0].index(column)] = text
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def _clean_exit_2(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr


@pytest.mark.parametrize(
    ("file", "row", "column", "text", "where"),
    [
        # 29 significant digits: check and import passed it, assess and reports crashed
        ("values.csv", 2, "value", "12345678901234567890123456789", "row 2, column 'value'"),
        # with a numerator and denominator, check and import themselves crashed
        ("values.csv", 2, "numerator", "12345678901234567890123456789", "column 'numerator'"),
        ("values.csv", 2, "denominator", "1000000000000", "column 'denominator'"),
        ("targets.csv", 2, "target", "1234567890123456", "row 2, column 'target'"),
        ("targets.csv", 2, "floor", "99999999999999999", "column 'floor'"),
        ("indicators.csv", 2, "factor", "1" + "0" * 27, "row 2, column 'factor'"),
        ("indicators.csv", 2, "factor", "10000000", "row 2, column 'factor'"),
        ("indicators.csv", 2, "tolerance", "1" + "0" * 20 + "%", "column 'tolerance'"),
        ("indicators.csv", 2, "decimals", "²", "row 2, column 'decimals'"),
        ("indicators.csv", 2, "decimals", "7", "row 2, column 'decimals'"),
        ("indicators.csv", 2, "maximum", "1e5", "column 'maximum'"),
        ("items.csv", 2, "weight", "1E+99999", "column 'weight'"),
        ("comparisons.csv", 2, "value", "71.40000000000000001", "comparisons.csv, row 2"),
        ("risks.csv", 2, "inherent_likelihood", "٣", "column 'inherent_likelihood'"),
    ],
)
@pytest.mark.parametrize("command", ["check", "import"])
def test_a_figure_outside_the_range_is_refused_with_its_place(
    tmp_path: Path, file: str, row: int, column: str, text: str, where: str, command: str
) -> None:
    bundle = _council(tmp_path)
    _set_cell(bundle, file, row, column, text)
    store = tmp_path / "store.db"
    args = [command, str(bundle)] + (
        ["--store", f"sqlite:///{store}"] if command == "import" else []
    )
    _clean_exit_2(_run(*args), file, where)
    assert not store.exists()
