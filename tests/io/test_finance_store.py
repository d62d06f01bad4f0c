"""Finance through the store, exported bundles and workbooks: round trips, history
(``as_at`` and restatements of actuals), derived unit costs never stored, and bad input
writing nothing."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from goldenthread.cli.store import import_command
from goldenthread.errors import BundleError, InputError
from goldenthread.finance import Actual, Finance
from goldenthread.framework import Framework
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Tolerance
from goldenthread.io.bundle import BUNDLE_FILES, FRAMEWORK_FILE, load_bundle
from goldenthread.io.export import export_bundle
from goldenthread.io.finance import FINANCE_FILES
from goldenthread.io.persist import FRAMEWORK_KINDS, load_framework, save_framework
from goldenthread.io.template import GUIDANCE, MONEY_RULE, TEMPLATE_SHEETS, write_template
from goldenthread.periods import Month
from goldenthread.storage import Store, open_store
from goldenthread.storage.base import CURRENT_SCHEMA_VERSION
from tests.io.finance_bundles import FILES, SETTINGS, write_bundle
from tests.io.frameworks import CONVERTER, without_source

T0 = dt.datetime(2025, 6, 10, 9, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2025, 7, 1, 9, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2025, 7, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'gt.db'}"
    with open_store(url) as opened:
        yield opened


@pytest.fixture
def framework(tmp_path: Path) -> Framework:
    return load_bundle(write_bundle(tmp_path / "bundle"))


def save(store: Store, framework: Framework, at: dt.datetime, why: str = "import") -> int | None:
    return save_framework(store, framework, by="j.smith", at=at, why=why, converter=CONVERTER)


def load(store: Store, as_at: dt.datetime | None = None) -> Framework:
    return without_source(load_framework(store, as_at=as_at, converter=CONVERTER))


def with_actuals(framework: Framework, actuals: tuple[Actual, ...]) -> Framework:
    return attrs.evolve(framework, finance=attrs.evolve(framework.finance, actuals=actuals))


def test_the_finance_kinds_are_framework_kinds() -> None:
    finance_kinds = {
        "budget_line",
        "budget",
        "budget_profile",
        "virement",
        "actual",
        "mtfp",
        "saving",
        "unit_cost",
    }
    assert finance_kinds <= set(FRAMEWORK_KINDS)


def test_bundle_to_store_and_back_gives_an_equal_framework(
    store: Store, framework: Framework
) -> None:
    save(store, framework, T0)
    loaded = load(store)
    assert loaded.finance == framework.finance
    assert loaded == without_source(framework)
    assert [line.extras for line in loaded.finance.lines] == [
        line.extras for line in framework.finance.lines
    ]


def test_entities_are_keyed_as_documented(store: Store, framework: Framework) -> None:
    save(store, framework, T0)

    def keys(kind: str) -> list[str]:
        return sorted(r.key for r in store.current(kind, organisation="TDC"))

    assert keys("budget_line") == ["F1", "W1", "W2"]
    assert keys("budget") == ["F1|2025/26", "W1|2025/26", "W2|2025/26"]
    assert keys("budget_profile") == ["W1|2025-04", "W1|2025-05", "W1|2025-06"]
    assert keys("virement") == ["2025/26|W2|W1|2025-07-14"]
    assert keys("actual") == ["F1|2025-04", "W1|2025-04", "W1|2025-05", "W2|2025-04"]
    # A repeated MTFP item (two pay award pressures in one year) gets #2.
    assert "2026/27|pressure|Pay award#2" in keys("mtfp")
    assert keys("saving") == ["SAV-01|2026/27", "SAV-02|2025/26"]
    assert keys("unit_cost") == ["UC-WASTE"]
    actual = store.get("actual", "W1|2025-05", organisation="TDC")
    assert actual is not None
    assert (actual.period, actual.subject) == ("2025-05", "W1")


def test_unit_cost_indicators_are_derived_not_stored(store: Store, tmp_path: Path) -> None:
    targets = "indicator,period,target\nUC-WASTE,2025/26,9\n"
    framework = load_bundle(write_bundle(tmp_path / "b", {"targets": targets}))
    assert "UC-WASTE" in framework.indicators.definitions
    save(store, framework, T0)
    stored_indicators = {r.key for r in store.current("indicator", organisation="TDC")}
    stored_values = {r.subject for r in store.current("value", organisation="TDC")}
    assert "UC-WASTE" not in stored_indicators | stored_values
    # Its target is stored like any other, and the unit cost is derived again at load.
    assert store.get("target", "UC-WASTE|2025/26", organisation="TDC") is not None
    loaded = load(store)
    assert loaded.indicators == framework.indicators
    assert loaded.indicators.recorded["UC-WASTE"] == framework.indicators.recorded["UC-WASTE"]


def test_as_at_rebuilds_the_finance_of_that_moment(store: Store, framework: Framework) -> None:
    save(store, framework, T0)
    later = Actual("W2", Month(2025, 6), Decimal(900))
    changed = with_actuals(framework, (*framework.finance.actuals, later))
    save(store, changed, T2, why="June actuals")
    assert load(store).finance.actuals == changed.finance.actuals
    assert load(store, as_at=T1).finance == framework.finance


def test_a_late_journal_is_a_restatement_of_the_actual(store: Store, framework: Framework) -> None:
    save(store, framework, T0, why="May close")
    actuals = tuple(
        attrs.evolve(a, actual=Decimal(11900)) if a.key == "W1|2025-05" else a
        for a in framework.finance.actuals
    )
    save(store, with_actuals(framework, actuals), T2, why="late journal")
    late = store.restatements("actual", period_closes=lambda label: T1, organisation="TDC")
    assert [r.revision.key for r in late] == ["W1|2025-05"]
    assert late[0].revision.why == "late journal"
    assert late[0].reported is not None
    assert late[0].reported.payload["actual"] == "11200"
    assert late[0].revision.payload["actual"] == "11900"
    # Before the month closed, the same change is no restatement.
    assert store.restatements("actual", period_closes=lambda label: T2 + dt.timedelta(1)) == []


def test_the_schema_needs_no_migration_for_finance(store: Store, framework: Framework) -> None:
    save(store, framework, T0)
    assert store.schema_version() == CURRENT_SCHEMA_VERSION


def test_a_tolerance_not_in_the_settings_is_refused(store: Store, framework: Framework) -> None:
    finance = attrs.evolve(framework.finance, tolerance=Tolerance.parse("7%"))
    with pytest.raises(InputError, match="finance tolerance"):
        save(store, attrs.evolve(framework, finance=finance), T0)
    assert store.batches() == []


def test_a_bundle_with_a_bad_finance_row_writes_nothing(tmp_path: Path) -> None:
    bad = FILES["actuals"] + "ZZ,2025-04,5,,,\n"
    folder = write_bundle(tmp_path / "b", {"actuals": bad})
    url = f"sqlite:///{tmp_path / 'gt.db'}"
    result = CliRunner().invoke(import_command, [str(folder), "--store", url])
    assert result.exit_code == 2
    assert "actuals.csv" in result.output + (result.stderr if result.stderr_bytes else "")
    with open_store(url) as store:
        assert store.batches() == []


# -- export --------------------------------------------------------------------------------


def test_export_then_load_gives_an_equal_finance(tmp_path: Path, framework: Framework) -> None:
    out = export_bundle(framework, tmp_path / "out")
    for name in FINANCE_FILES:
        assert (out / f"{name}.csv").is_file()
    again = load_bundle(out)
    assert without_source(again) == without_source(framework)
    assert again.finance.lines[0].extras == {"cost_centre": "CC100"}
    # The derived unit cost is not written as an indicator or its values.
    with (out / "indicators.csv").open(encoding="utf-8") as handle:
        assert "UC-WASTE" not in {row["code"] for row in csv.DictReader(handle)}


def test_bundle_store_export_load_round_trip(
    store: Store, tmp_path: Path, framework: Framework
) -> None:
    save(store, framework, T0)
    out = export_bundle(load(store), tmp_path / "out")
    assert load_bundle(out).finance == framework.finance


def test_an_exported_workbook_reads_back(tmp_path: Path, framework: Framework) -> None:
    path = export_bundle(framework, tmp_path / "council.xlsx")
    again = load_bundle(path)
    assert again.finance == framework.finance
    assert without_source(again) == without_source(framework)


def test_no_finance_leaves_no_finance_files(tmp_path: Path, framework: Framework) -> None:
    out = tmp_path / "out"
    export_bundle(framework, out)
    export_bundle(attrs.evolve(framework, finance=Finance(), indicators=_plain(framework)), out)
    assert not any((out / f"{name}.csv").exists() for name in FINANCE_FILES)


def _plain(framework: Framework) -> IndicatorSet:
    keep = [d for c, d in framework.indicators.definitions.items() if c != "UC-WASTE"]
    recorded = framework.indicators.recorded
    values = [v for c, rec in recorded.items() if c != "UC-WASTE" for v in rec.values()]
    return IndicatorSet.build(keep, values, year_start_month=4)


# -- workbooks -----------------------------------------------------------------------------


def _workbook(folder: Path, path: Path) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name in BUNDLE_FILES:
        source = folder / f"{name}.csv"
        if not source.is_file():
            continue
        sheet = book.create_sheet(name)
        with source.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    (path.parent / FRAMEWORK_FILE).write_text(SETTINGS, encoding="utf-8")
    return path


def test_finance_sheets_of_a_workbook_are_read(tmp_path: Path, framework: Framework) -> None:
    path = _workbook(write_bundle(tmp_path / "b"), tmp_path / "wb" / "council.xlsx")
    assert load_bundle(path).finance == framework.finance


def test_number_and_currency_cells_are_read_exactly(tmp_path: Path) -> None:
    path = _workbook(write_bundle(tmp_path / "b"), tmp_path / "wb" / "council.xlsx")
    book = load_workbook(path)
    sheet = book["actuals"]
    sheet["C2"] = 10500.5  # a number cell
    sheet["C2"].number_format = '"£"#,##0.00'  # currency-formatted
    sheet["D2"] = -250
    sheet["D2"].number_format = "#,##0;(#,##0)"  # accounting negatives
    sheet["C3"] = 0.1 + 0.2  # read as Excel shows it: 0.3
    book.save(path)
    actuals = load_bundle(path).finance.actuals
    assert actuals[0].actual == Decimal("10500.5")
    assert actuals[0].commitment == Decimal(-250)
    assert actuals[1].actual == Decimal("0.3")


def test_a_percentage_cell_in_a_money_column_says_what_excel_did(tmp_path: Path) -> None:
    path = _workbook(write_bundle(tmp_path / "b"), tmp_path / "wb" / "council.xlsx")
    book = load_workbook(path)
    book["budgets"]["C4"] = 0.5
    book["budgets"]["C4"].number_format = "0%"
    book.save(path)
    with pytest.raises(BundleError) as caught:
        load_bundle(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == (
        "council.xlsx[budgets]",
        4,
        "original",
    )
    assert "percentage" in problem.reason
    assert "Excel" in problem.reason


def test_the_template_has_a_finance_sheet_per_file_with_guidance(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    book = load_workbook(path)
    for name in FINANCE_FILES:
        assert name in book.sheetnames
        header = [cell.value for cell in book[name][1]]
        assert tuple(header) == TEMPLATE_SHEETS[name]
        assert set(GUIDANCE[name]) == set(TEMPLATE_SHEETS[name])
    guidance = [[c.value for c in row] for row in book["guidance"].iter_rows()]
    text = " ".join(str(cell) for row in guidance for cell in row)
    assert MONEY_RULE in text
    assert "written positive" in text
    assert "kind" in text
    assert load_bundle(path).finance.empty  # the empty template reads as no finance
