from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from goldenthread.reports import (
    BarChart,
    Cell,
    Column,
    ColumnKind,
    Direction,
    HeatMap,
    KeyValue,
    LineChart,
    Paragraph,
    Report,
    Section,
    Series,
    Status,
    Table,
)
from tests.reports.samples import sample_report


def test_plain_values_become_cells() -> None:
    table = Table("T", [Column("a", "A"), Column("s", "S", "status")], [("x", Status.RED)])
    assert table.rows == ((Cell("x"), Cell(status=Status.RED)),)
    assert table.columns[1].kind is ColumnKind.STATUS


def test_cells_read_status_and_direction_keys() -> None:
    cell = Cell(Decimal("4.6"), status="amber", direction="no change")
    assert (cell.status, cell.direction) == (Status.AMBER, Direction.NO_CHANGE)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "not float \\(1.5\\); use Decimal for fractions"),
        (True, "not bool"),
        ([1], "not list"),
    ],
)
def test_inexact_or_unknown_values_are_refused(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        Cell(value)


def test_naive_timestamps_and_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="2024-10-31T12:00:00 must be timezone-aware"):
        Cell(dt.datetime(2024, 10, 31, 12))
    with pytest.raises(ValueError, match="report numbers must be finite, not NaN"):
        KeyValue("x", Decimal("NaN"))
    with pytest.raises(ValueError, match="must be timezone-aware \\(UTC\\)"):
        Report("k", "t", "o", [], as_at=dt.datetime(2024, 1, 1))


def test_rows_must_match_the_columns() -> None:
    with pytest.raises(ValueError, match="table 'T', row 2: 1 cells for 2 columns"):
        Table("T", [Column("a", "A"), Column("b", "B")], [(1, 2), (1,)])
    with pytest.raises(ValueError, match="column keys must be unique"):
        Table("T", [Column("a", "A"), Column("a", "B")], [])
    with pytest.raises(ValueError, match="needs at least one column"):
        Table("T", [], [])
    with pytest.raises(ValueError, match="'a': decimals must be 0 to 10, not 11"):
        Column("a", "A", "number", decimals=11)
    with pytest.raises(ValueError, match="'Claims': decimals must be 0 to 10, not -1"):
        BarChart("Claims", "alt", [], decimals=-1)
    with pytest.raises(ValueError, match="'Spend': decimals must be 0 to 10, not 12"):
        KeyValue("Spend", 1, "money", decimals=12)


def test_figures_need_alt_text() -> None:
    with pytest.raises(ValueError, match="BarChart 'Claims' needs alt text"):
        BarChart("Claims", "  ", [("Q1", 1)])


def test_line_chart_series_share_their_labels() -> None:
    with pytest.raises(ValueError, match="series 'Target' has different labels"):
        LineChart("L", "alt", [Series("Actual", [("Q1", 1)]), Series("Target", [("Q2", 1)])])
    with pytest.raises(ValueError, match="needs at least one series"):
        LineChart("L", "alt", [])
    with pytest.raises(TypeError, match="chart values must be int, Decimal or None"):
        LineChart("L", "alt", [Series("Actual", [("Q1", "high")])])  # type: ignore[list-item]


def test_heat_map_grids_match_the_labels() -> None:
    args: dict[str, Any] = {
        "title": "H",
        "alt": "alt",
        "row_axis": "L",
        "column_axis": "I",
        "row_labels": ["1", "2"],
        "column_labels": ["1"],
    }
    with pytest.raises(ValueError, match="heat map 'H': counts must be 2 rows of 1"):
        HeatMap(**args, counts=[[1]], levels=[["a"], ["b"]], colours=[["#fff"], ["#000"]])
    with pytest.raises(ValueError, match="'pink' is not a hex colour"):
        HeatMap(**args, counts=[[1], [2]], levels=[["a"], ["b"]], colours=[["pink"], ["#000"]])
    with pytest.raises(ValueError, match="counts cannot be negative"):
        HeatMap(**args, counts=[[1], [-2]], levels=[["a"], ["b"]], colours=[["#fff"], ["#000"]])


def test_report_checks_classification_language_and_section_ids() -> None:
    with pytest.raises(
        ValueError, match="classification 'secret' must be one of public, internal, personal"
    ):
        Report("k", "t", "o", [], classification="secret")
    with pytest.raises(ValueError, match="language 'English' is not a BCP 47 tag"):
        Report("k", "t", "o", [], language="English")
    with pytest.raises(ValueError, match="section ids must be unique: a"):
        Report("k", "t", "o", [Section("A", [], id="a"), Section("B", [], id="a")])
    with pytest.raises(ValueError, match="section id 'Has Space' must be lower-case"):
        Section("A", [], id="Has Space")


def test_section_ids_number_sections_without_one_avoiding_taken_ids() -> None:
    report = Report(
        "k",
        "t",
        "o",
        [Section("A", []), Section("B", [], id="section-1"), Section("C", [Paragraph("x")])],
    )
    assert report.section_ids() == ("section-1-2", "section-1", "section-3")


def test_sample_report_is_hashable_and_equal_to_itself() -> None:
    assert sample_report() == sample_report()
    assert hash(sample_report()) == hash(sample_report())


def test_branding_knows_every_rag_status() -> None:
    from goldenthread.branding import STATUSES

    assert tuple(s.value for s in Status) == STATUSES


def test_heat_map_colours_are_stored_as_six_digit_hex() -> None:
    heat = HeatMap(
        "H", "alt", "L", "I", ["1"], ["1", "2"], [[1, 2]], [["a", "b"]], [["F00", "#00FF00"]]
    )
    assert heat.colours == (("#ff0000", "#00ff00"),)


def test_unknown_status_direction_and_kind_are_refused() -> None:
    with pytest.raises(ValueError, match="'purple' is not a valid Status"):
        Cell(status="purple")
    with pytest.raises(ValueError, match="'sideways' is not a valid Direction"):
        Cell(direction="sideways")
    with pytest.raises(ValueError, match="'numeric' is not a valid ColumnKind"):
        Column("a", "A", "numeric")
