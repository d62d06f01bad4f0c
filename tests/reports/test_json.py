from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import default_branding
from goldenthread.reports import Column, Report, Section, Table, report_to_dict
from goldenthread.reports.render import render_json
from goldenthread.reports.render.jsonfmt import indented_json
from tests.reports.samples import SCRIPT, sample_report

BRANDING = default_branding()


def test_json_keeps_the_model_shape() -> None:
    document = json.loads(render_json(sample_report(), BRANDING))
    assert document["format"] == "goldenthread-report"
    assert document["version"] == 1
    report = document["report"]
    assert report["as_at"] == "2024-10-31T17:00:00+00:00"
    assert report["classification"] == "public"
    assert [s["id"] for s in report["sections"]] == ["summary", "indicators", "section-3"]
    blocks = report["sections"][1]["blocks"]
    assert [b["type"] for b in blocks] == [
        "table",
        "commentary",
        "commentary",
        "bar_chart",
        "line_chart",
    ]
    table = blocks[0]
    assert table["columns"][2] == {
        "key": "value",
        "label": "2024/25 H1",
        "kind": "number",
        "decimals": 1,
        "unit": "",
    }
    assert table["rows"][0][2] == {
        "value": "4.6",
        "text": None,
        "status": None,
        "direction": None,
        "colour": None,
    }
    assert table["rows"][0][4]["status"] == "amber"
    assert table["rows"][0][5]["direction"] == "worsening"
    assert blocks[1]["date"] == "2024-10-14"
    assert SCRIPT in blocks[1]["text"]
    risks = report["sections"][2]["blocks"]
    assert [b["type"] for b in risks] == ["heat_map", "findings"]
    assert risks[1]["findings"][0] == {
        "code": "current-above-inherent",
        "severity": "error",
        "item": "R7",
        "message": "Current rating 16 is above the inherent rating 12.",
    }


def test_json_is_deterministic() -> None:
    assert render_json(sample_report(), BRANDING) == render_json(sample_report(), BRANDING)


@given(st.decimals(allow_nan=False, allow_infinity=False) | st.integers())
def test_exact_numbers_survive(number: Decimal | int) -> None:
    report = Report(
        "k", "t", "o", [Section("S", [Table("T", [Column("n", "N", "number")], [(number,)])])]
    )
    value = report_to_dict(report)["sections"][0]["blocks"][0]["rows"][0][0]["value"]
    loaded = json.loads(json.dumps(value))
    assert Decimal(loaded) == Decimal(number)
    assert isinstance(loaded, int) == isinstance(number, int)


plain_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(), max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=6), children, max_size=4)
        | st.dictionaries(st.integers() | st.booleans() | st.none(), children, max_size=2)
    ),
    max_leaves=30,
)


@given(plain_data)
def test_indented_json_is_the_standard_librarys(data: object) -> None:
    assert indented_json(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_indented_json_of_deep_data_is_the_standard_librarys() -> None:
    deep: object = "leaf"
    for level in range(40):
        deep = [deep] if level % 2 else {"k": deep}
    assert indented_json(deep) == json.dumps(deep, indent=2, ensure_ascii=False)
