"""The error and finding records every capability reports with."""

from __future__ import annotations

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
