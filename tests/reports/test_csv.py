from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import default_branding
from goldenthread.reports import (
    Column,
    Commentary,
    KeyValue,
    KeyValues,
    Report,
    Section,
    Table,
    render_tables_csv,
)
from goldenthread.reports.render import render_csv, render_csv_zip
from goldenthread.reports.render.csvfmt import LONG_COLUMNS, TIDY_LEAD, render_long_csv, tidy_tables
from goldenthread.reports.render.safety import FORMULA_TRIGGERS
from goldenthread.reports.render.tabular import report_tables
from tests.reports.samples import FORMULA, SCRIPT, sample_report

BRANDING = default_branding()


def long_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_long_csv(sample_report(), BRANDING))))


def test_long_csv_has_one_line_per_value() -> None:
    rows = long_rows()
    assert tuple(rows[0]) == LONG_COLUMNS
    bv12 = {
        r["column"]: (r["value"], r["display"])
        for r in rows
        if r["block"] == "corporate-indicators-2024-25-h1" and r["row"] == "1"
    }
    assert bv12 == {
        "code": ("BV 12", "BV 12"),
        "title": ("Working days lost to sickness absence per FTE",) * 2,
        "value": ("4.6", "4.6"),
        "target": ("4.5", "4.5"),
        "status": ("amber", "Amber"),
        "direction": ("worsening", "Worsening"),
        "spend": ("-1250.5", "−£1,250.50"),
    }
    blocks = {r["block"] for r in rows}
    assert blocks == {
        "paragraph",
        "at-a-glance",
        "corporate-indicators-2024-25-h1",
        "commentary",
        "commentary-2",
        "days-to-process-new-benefit-claims-by-quarter",
        "household-waste-recycled",
        "current-risk-ratings",
        "risk-register-findings",
    }
    heat = [r for r in rows if r["block"] == "current-risk-ratings" and r["row"] == "1"]
    assert [(r["column"], r["value"], r["display"]) for r in heat][1:3] == [
        ("column-1", "0", "0 (Medium)"),
        ("column-2", "1", "1 (High)"),
    ]


def test_formulas_are_neutralised_but_numbers_are_not() -> None:
    rows = long_rows()
    commentary = [r["value"] for r in rows if r["block"] == "commentary-2"]
    assert commentary == ["'" + FORMULA]
    first = next(r for r in rows if r["block"] == "commentary" and r["column"] == "text")
    assert first["value"].startswith("Sickness absence")
    assert SCRIPT in first["value"]
    spend = [r["value"] for r in rows if r["column"] == "spend"]
    assert spend == ["-1250.5", "1234567.891", "0", "", "15000"]
    for row in rows:
        assert not row["display"].startswith(FORMULA_TRIGGERS)
        assert not row["section"].startswith(FORMULA_TRIGGERS)
        if row["value"].startswith(FORMULA_TRIGGERS):
            assert Decimal(row["value"]) < 0  # only genuine negative numbers


def test_one_csv_per_table() -> None:
    tables = render_tables_csv(sample_report(), BRANDING)
    assert list(tables) == [
        "at-a-glance",
        "corporate-indicators-2024-25-h1",
        "days-to-process-new-benefit-claims-by-quarter",
        "household-waste-recycled",
        "current-risk-ratings",
        "risk-register-findings",
    ]
    indicators = list(csv.reader(io.StringIO(tables["corporate-indicators-2024-25-h1"])))
    assert indicators[0] == [
        "Code",
        "Indicator",
        "2024/25 H1",
        "Target",
        "Status",
        "Direction of travel",
        "Net spend",
    ]
    assert indicators[1] == [
        "BV 12",
        "Working days lost to sickness absence per FTE",
        "4.6",
        "4.5",
        "Amber",
        "Worsening",
        "-1250.5",
    ]
    assert indicators[4][5] == "not comparable"
    findings = list(csv.reader(io.StringIO(tables["risk-register-findings"])))
    assert findings[2] == ["warning", "orphan", "A12", f"No parent {SCRIPT}"]


def test_repeated_captions_get_numbered_names() -> None:
    table = Table("Same", [Column("a", "A")], [("x",)])
    report = Report(
        "k",
        "t",
        "o",
        [Section("S", [table, table]), Section("T", [Table("Same 2", [Column("a", "A")], [])])],
    )
    assert list(render_tables_csv(report, BRANDING)) == ["same", "same-2", "same-2-2"]


@given(st.text(), st.decimals(allow_nan=False, allow_infinity=False) | st.integers())
def test_user_text_is_neutralised_and_numbers_kept(text: str, number: Decimal | int) -> None:
    report = Report(
        "k",
        "t",
        "o",
        [
            Section(
                "S",
                [
                    Commentary(text),
                    Table("T", [Column("t", "T"), Column("n", "N", "number")], [(text, number)]),
                ],
            )
        ],
    )
    rows = list(csv.DictReader(io.StringIO(render_long_csv(report, BRANDING), newline="")))
    values = [r["value"] for r in rows]
    expected = "'" + text if text.startswith(FORMULA_TRIGGERS) else text
    assert values[0] == expected
    assert values[1] == expected
    assert Decimal(values[2]) == Decimal(number)
    said, tidy = csv.DictReader(io.StringIO(render_csv(report, BRANDING), newline=""))
    assert said["text"] == expected
    assert tidy["t"] == expected
    assert Decimal(tidy["n"]) == Decimal(number)


# -- the tidy CSV: one header row, one row per record, a table column ----------------------


def tidy_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_csv(sample_report(), BRANDING), newline="")))


def test_tidy_csv_has_one_header_and_one_row_per_record() -> None:
    text = render_csv(sample_report(), BRANDING)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0][:3]) == TIDY_LEAD
    assert len(set(rows[0])) == len(rows[0])
    assert {len(row) for row in rows} == {len(rows[0])}
    named = report_tables(sample_report())
    texts = [r for r in tidy_rows() if r["table"].startswith(("paragraph", "commentary"))]
    assert [r["table"] for r in texts] == ["paragraph", "commentary", "commentary-2"]
    assert texts[2]["text"] == "'" + FORMULA
    assert len(rows) == 1 + len(texts) + sum(len(t.table.rows) for t in named)
    records = [r for r in tidy_rows() if r not in texts]
    assert [r["table"] for r in records] == [t.name for t in named for _ in t.table.rows]
    assert {r["section"] for r in records} == {t.section for t in named}


def test_each_table_comes_out_unchanged() -> None:
    records = tidy_rows()
    for table in tidy_tables(sample_report()):
        mine = [r for r in records if r["table"] == table.name]
        assert [r["record"] for r in mine] == [str(n) for n in range(1, len(table.rows) + 1)]
        assert [tuple(r[key] for key in table.columns) for r in mine] == list(table.rows)
        others = set(records[0]) - set(TIDY_LEAD) - set(table.columns)
        assert all(r[key] == "" for r in mine for key in others)


def test_tidy_indicator_rows_are_data_with_units_beside() -> None:
    rows = [r for r in tidy_rows() if r["table"] == "corporate-indicators-2024-25-h1"]
    first = rows[0]
    assert {k: first[k] for k in ("code", "value", "target", "status", "direction")} == {
        "code": "BV 12",
        "value": "4.6",
        "target": "4.5",
        "status": "amber",
        "direction": "worsening",
    }
    assert (first["spend"], first["spend_unit"]) == ("-1250.5", "£")
    heat = [r for r in tidy_rows() if r["table"] == "current-risk-ratings"]
    assert (heat[0]["row"], heat[0]["column-1"], heat[0]["column-2"]) == ("4 Likely", "0", "1")
    assert [r["spend"] for r in rows] == ["-1250.5", "1234567.891", "0", "", "15000"]
    assert [r["spend_unit"] for r in rows] == ["£", "£", "£", "", "£"]
    assert rows[3]["value"] == ""  # no figure: blank, never text in a number column
    assert rows[4]["direction"] == "increasing"
    assert rows[3]["direction"] == "not comparable"  # the text a cell shows in place of a value


def test_tidy_numbers_are_plain() -> None:
    header = next(csv.reader(io.StringIO(render_csv(sample_report(), BRANDING), newline="")))
    for table in tidy_tables(sample_report()):
        for key in table.columns:
            if not key.endswith("_unit"):
                continue
            number = key.removesuffix("_unit")
            assert number in header
            for row in table.rows:
                value = row[table.columns.index(number)]
                if value:
                    Decimal(value)  # raises when not a plain number
                    assert "," not in value
                    assert "£" not in value
                    assert "%" not in value


def test_key_values_keep_each_unit_in_its_own_column() -> None:
    report = Report(
        "k",
        "t",
        "o",
        [
            Section(
                "S",
                [
                    KeyValues(
                        [
                            KeyValue("Budget", Decimal("1234567.5"), "money"),
                            KeyValue("Collected", Decimal("96.9"), "percent", 1),
                            KeyValue("Sickness", Decimal("8.5"), "number", 1, "days"),
                            KeyValue("Owner", "Head of Finance"),
                        ],
                        title="Headlines",
                    )
                ],
            )
        ],
    )
    (table,) = tidy_tables(report)
    assert table.columns == ("label", "value", "unit")
    assert table.rows == (
        ("Budget", "1234567.5", "£"),
        ("Collected", "96.9", "%"),
        ("Sickness", "8.5", "days"),
        ("Owner", "Head of Finance", ""),
    )


def test_one_csv_per_table_in_a_zip() -> None:
    data = render_csv_zip(sample_report(), BRANDING)
    assert render_csv_zip(sample_report(), BRANDING) == data  # deterministic
    tables = tidy_tables(sample_report())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["tables.csv", *(f"{t.name}.csv" for t in tables)]
        index = list(csv.DictReader(io.StringIO(archive.read("tables.csv").decode("utf-8"))))
        assert [(r["table"], r["rows"]) for r in index] == [
            (t.name, str(len(t.rows))) for t in tables
        ]
        for table in tables:
            text = archive.read(f"{table.name}.csv").decode("utf-8")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert tuple(rows[0]) == table.columns
            assert [tuple(r) for r in rows[1:]] == list(table.rows)


def test_an_empty_report_gives_a_header_alone() -> None:
    report = Report("k", "t", "o", [Section("S", [])])
    clash = Table("T", [Column("record", "Record"), Column("table", "Table")], [("a", "b")])
    (clashed,) = tidy_tables(Report("k", "t", "o", [Section("S", [clash])]))
    assert clashed.columns == ("record_2", "table_2")
    assert render_csv(report, BRANDING) == "table,section,record\r\n"
