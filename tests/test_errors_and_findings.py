"""The error and finding records every capability reports with."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from goldenthread.cli import main
from goldenthread.errors import BundleError, InputError, PeriodError, Problem, text_problem
from goldenthread.findings import Finding, Severity, has_errors
from goldenthread.storage import open_store


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


def _prepend_toml(bundle: Path, text: str) -> None:
    path = bundle / "framework.toml"
    path.write_text(text + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize("command", ["check", "import"])
def test_an_unknown_rag_rule_is_refused_at_read_naming_the_known_ones(
    tmp_path: Path, command: str
) -> None:
    bundle = _council(tmp_path)
    _set_cell(bundle, "indicators.csv", 3, "rag_rule", "kentt")
    store = tmp_path / "store.db"
    args = [command, str(bundle)] + (
        ["--store", f"sqlite:///{store}"] if command == "import" else []
    )
    _clean_exit_2(
        _run(*args),
        "indicators.csv, row 3, column 'rag_rule': unknown RAG rule 'kentt'; known rules: "
        "activity-range, havering, kent, medway, tolerance",
    )
    assert not store.exists()


def test_an_unknown_default_rag_rule_is_refused_at_read(tmp_path: Path) -> None:
    bundle = _council(tmp_path)
    text = (bundle / "framework.toml").read_text(encoding="utf-8")
    (bundle / "framework.toml").write_text(
        text.replace('rag_rule = "tolerance"', 'rag_rule = "kentt"'), encoding="utf-8"
    )
    _clean_exit_2(
        _run("check", str(bundle)),
        "framework.toml, column 'indicators.rag_rule': unknown RAG rule 'kentt'",
    )


@pytest.mark.parametrize(
    ("toml", "key", "reason"),
    [
        ("[spot_check.weights]\nbase = nan", "spot_check.weights.base", "NaN is not a number"),
        ("[spot_check.weights]\nred = inf", "spot_check.weights.red", "Infinity is not a number"),
        ("[spot_check.weights]\nred = -1", "spot_check.weights.red", "must be at least 0"),
        ("[spot_check.weights]\nbase = 0", "spot_check.weights", "base weight must be positive"),
        ("[spot_check.weights]\nbase = 1e300", "spot_check.weights.base", "too large"),
        ("[spot_check.weights]\nblue = 1", "spot_check.weights.blue", "unknown weight 'blue'"),
        ('[spot_check.weights]\nbase = "1"', "spot_check.weights.base", "must be a number"),
        ("[spot_check]\nsize = -3", "spot_check.size", "must be a whole number 0-10000"),
        ('[spot_check]\nseed = "x"', "spot_check.seed", "must be a whole number"),
        ("[spot_check]\nsizes = 3", "spot_check.sizes", "unknown key 'sizes'"),
        ("spot_check = 3", "spot_check", "[spot_check] must be a table"),
        (
            "[reports.data-quality]\nmax_change_percent = nan",
            "reports.data-quality.max_change_percent",
            "NaN is not a number",
        ),
        (
            "[reports.data-quality]\ndata_due_days = 1.5",
            "reports.data-quality.data_due_days",
            "must be a whole number of days",
        ),
        ("[reports.publish]\nlicence = 3", "reports.publish.licence", "must be text"),
    ],
)
@pytest.mark.parametrize("command", ["check", "import"])
def test_a_setting_a_report_uses_is_refused_at_read(
    tmp_path: Path, toml: str, key: str, reason: str, command: str
) -> None:
    bundle = _council(tmp_path, "rossendale")
    _prepend_toml(bundle, toml)
    store = tmp_path / "store.db"
    args = [command, str(bundle)] + (
        ["--store", f"sqlite:///{store}"] if command == "import" else []
    )
    _clean_exit_2(_run(*args), f"framework.toml, column '{key}': ", reason)
    assert not store.exists()


# -- no tracebacks, ever (issue 12, point 4) -------------------------------------------------


def test_text_problem_refuses_control_characters_and_bad_utf8() -> None:
    assert text_problem("Days absent") is None
    assert text_problem(None) is None
    assert text_problem("line one\nline two", multiline=True) is None
    assert text_problem("A\x00B") == "contains the control character U+0000; remove it"
    assert text_problem("A\tB") == "contains the control character U+0009; remove it"
    assert text_problem("\x85") == "contains the control character U+0085; remove it"
    assert text_problem(b"x\xff".decode("utf-8", "surrogateescape")) == (
        "'x\\udcff' is not valid UTF-8 text"
    )


@pytest.mark.parametrize(
    ("file", "row", "column", "text"),
    [
        ("items.csv", 3, "id", "NAT\x001"),
        ("items.csv", 3, "id", "NAT\n1"),
        ("indicators.csv", 2, "code", "NI\x00157a"),
        ("values.csv", 2, "indicator", "NI 157a\x00"),
        ("values.csv", 2, "note", "a note\x07"),
        ("risks.csv", 2, "id", "CR\x1b01"),
    ],
)
@pytest.mark.parametrize("command", ["check", "import"])
def test_a_control_character_is_refused_at_input(
    tmp_path: Path, file: str, row: int, column: str, text: str, command: str
) -> None:
    bundle = _council(tmp_path)
    _set_cell(bundle, file, row, column, text)
    store = tmp_path / "store.db"
    args = [command, str(bundle)] + (
        ["--store", f"sqlite:///{store}"] if command == "import" else []
    )
    _clean_exit_2(
        _run(*args), f"{file}, row {row}, column '{column}': contains the control character"
    )
    assert not store.exists()


def test_a_control_character_in_the_settings_is_refused(tmp_path: Path) -> None:
    bundle = _council(tmp_path, "poole")
    path = bundle / "framework.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('code = "poole"', 'code = "poo\\u0000le"'),
        encoding="utf-8",
    )
    _clean_exit_2(
        _run("check", str(bundle)),
        "framework.toml, column 'organisation.code': contains the control character U+0000",
    )


def test_decimals_in_superscript_is_a_clean_error(tmp_path: Path) -> None:
    bundle = _council(tmp_path)
    _set_cell(bundle, "indicators.csv", 2, "decimals", "²")
    _clean_exit_2(
        _run("assess", str(bundle), "--period", "2024/25"),
        "indicators.csv, row 2, column 'decimals': expected a whole number 0-6, not '²'",
    )


def test_a_file_that_is_not_a_database_is_a_clean_error(tmp_path: Path) -> None:
    other = tmp_path / "passwd"
    other.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50, encoding="utf-8")
    for args in (
        ["check", f"sqlite:///{other}"],
        ["import", str(EXAMPLES / "poole"), "--store", f"sqlite:///{other}", "--by", "t"],
    ):
        _clean_exit_2(_run(*args), f"{other} is not a goldenthread store")
    assert other.read_text(encoding="utf-8").startswith("root:")


def test_a_store_in_a_missing_folder_is_a_clean_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}"
    _clean_exit_2(
        _run("import", str(EXAMPLES / "poole"), "--store", url, "--by", "t"),
        "does not exist",
    )
    _clean_exit_2(_run("check", url), "does not exist")
    assert not (tmp_path / "no").exists()


def test_an_in_memory_sqlite_store_is_refused_as_an_import_target() -> None:
    _clean_exit_2(
        _run("import", str(EXAMPLES / "poole"), "--store", "sqlite:///:memory:", "--by", "t"),
        "sqlite:///:memory: is a database held in memory, which keeps nothing",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{url}"],
        ["assess", "{url}", "--period", "2024/25"],
        ["report", "performance", "{url}", "--period", "2024/25", "-o", "{out}.html"],
        ["export", "{url}", "-o", "{out}"],
    ],
)
def test_reading_commands_never_create_a_store(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "missing.db"
    url = f"sqlite:///{path}"
    filled = [a.format(url=url, out=tmp_path / "out") for a in args]
    _clean_exit_2(_run(*filled), f"there is no store at {path}: the file does not exist")
    assert not path.exists()


def test_reading_a_store_opens_it_read_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'poole.db'}"
    assert _run("import", str(EXAMPLES / "poole"), "--store", url, "--by", "t").exit_code == 0
    with open_store(url, read_only=True) as store:
        batches = store.batches()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._conn.execute("CREATE TABLE x (y)")  # type: ignore[attr-defined]
    assert len(batches) == 1
    assert _run("check", url).exit_code in (0, 1)


def test_a_bundle_path_or_by_that_is_not_utf8_is_a_clean_error(tmp_path: Path) -> None:
    bad = b"\xff".decode("utf-8", "surrogateescape")
    store = tmp_path / "store.db"
    url = f"sqlite:///{store}"
    folder = tmp_path / f"bundle{bad}"
    shutil.copytree(EXAMPLES / "poole", folder)
    _clean_exit_2(_run("import", str(folder), "--store", url, "--by", "t"), "not valid UTF-8")
    _clean_exit_2(
        _run("import", str(EXAMPLES / "poole"), "--store", url, "--by", f"me{bad}"),
        "--by 'me\\udcff' is not valid UTF-8 text",
    )
    _clean_exit_2(
        _run("import", str(EXAMPLES / "poole"), "--store", url, "--by", "a\x00b"),
        "--by contains the control character U+0000",
    )
    assert not store.exists()  # no empty store file left behind
    assert _run("check", str(folder)).exit_code in (0, 1)  # reading it is fine


def test_an_as_at_beyond_the_calendar_in_utc_is_a_clean_error() -> None:
    result = _run("check", str(EXAMPLES / "poole"), "--as-at", "0001-01-01T00:00:00+01:00")
    assert result.exit_code == 2
    assert "outside the years 1 to 9999" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(not Path("/proc/version").exists(), reason="needs /proc")
def test_outputs_that_cannot_be_written_are_clean_errors() -> None:
    _clean_exit_2(
        _run("export", str(EXAMPLES / "poole"), "-o", "/proc/version"),
        "cannot write /proc/version",
    )
    _clean_exit_2(_run("template", "-o", "/proc/x.xlsx"), "cannot write /proc/x.xlsx")


def test_outputs_under_a_file_are_clean_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    _clean_exit_2(
        _run("export", str(EXAMPLES / "poole"), "-o", str(blocker / "out")), "cannot write"
    )
    _clean_exit_2(_run("template", "-o", str(blocker / "x.xlsx")), "cannot write")


def test_a_workbook_float_is_read_at_the_15_digits_excel_shows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from goldenthread.io.tables import read_workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "values"
    sheet.append(["indicator", "period", "value"])
    sheet.append(["A1", "2024/25", 0.1 + 0.2])  # 0.30000000000000004 as a float
    sheet.append(["A1", "2025/26", 2 / 3])
    path = tmp_path / "council.xlsx"
    book.save(path)
    rows = read_workbook(path)["values"].rows
    assert [row.get("value") for row in rows] == ["0.3", "0.666666666666667"]
