from __future__ import annotations

import csv
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import default_branding
from goldenthread.reports import Column, Commentary, Report, Section, Table, render_tables_csv
from goldenthread.reports.render import render_csv
from goldenthread.reports.render.csvfmt import LONG_COLUMNS
from goldenthread.reports.render.safety import FORMULA_TRIGGERS
from tests.reports.samples import FORMULA, SCRIPT, sample_report

BRANDING = default_branding()


def long_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_csv(sample_report(), BRANDING))))


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
    rows = list(csv.DictReader(io.StringIO(render_csv(report, BRANDING), newline="")))
    values = [r["value"] for r in rows]
    expected = "'" + text if text.startswith(FORMULA_TRIGGERS) else text
    assert values[0] == expected
    assert values[1] == expected
    assert Decimal(values[2]) == Decimal(number)
