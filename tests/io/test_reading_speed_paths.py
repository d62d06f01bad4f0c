"""The column-by-column readers agree with the row-by-row rule, whatever the input.

``values.csv`` and ``targets.csv`` are read a column at a time when their cells are plain
numbers, and row by row otherwise (a thousands comma, a ``+`` sign, a word such as
``tbc``, a problem).  How a figure is spelt must never change what is read, nor which
problems are reported at which rows, so these properties spell the same tables both
ways, mix the two freely, and compare.  Stored values likewise: a payload the fast
reading does not recognise is read by the converter, with the same result.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.errors import BundleError, InputError
from goldenthread.indicators.dataset import IndicatorSet
from goldenthread.indicators.definition import Aggregation, IndicatorDefinition
from goldenthread.indicators.numbers import ValueState
from goldenthread.indicators.polarity import Polarity
from goldenthread.indicators.recorded import RecordedValues
from goldenthread.indicators.values import IndicatorValue
from goldenthread.io.bundle import load_bundle
from goldenthread.io.indicators import read_recorded, read_targets, read_values
from goldenthread.io.persist import load_framework, save_framework
from goldenthread.io.tables import Table, paused_collector, read_csv_text
from goldenthread.periods import Frequency, Month, parse_period
from goldenthread.storage import Change, open_store

DEFINITIONS = {
    d.code: d
    for d in (
        IndicatorDefinition("A", "Alpha", Polarity.HIGHER, Aggregation.SUM, Frequency.MONTHLY),
        IndicatorDefinition(
            "R", "Ratio", Polarity.HIGHER, Aggregation.RATIO, Frequency.MONTHLY, unit="%"
        ),
        IndicatorDefinition(
            "Q", "Quarterly", Polarity.LOWER, Aggregation.MEAN, Frequency.QUARTERLY
        ),
    )
}
LABELS = ("2024-04", "2024-05", "2024-06", "2024/25 Q1", "2024-04", "2024-13", "")
CODES = ("A", "R", "Q", "Z", "")
AT = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

_whole = st.integers(min_value=-99_999, max_value=999_999)
_tenths = st.integers(min_value=0, max_value=99_999).map(lambda n: f"{n // 10}.{n % 10}")
plain_numbers = st.one_of(_whole.map(str), _tenths)


def _respell(text: str, how: int) -> str:
    """``text`` (a plain number) spelt another way that reads as the same number."""
    if not text.lstrip("-").replace(".", "", 1).isdigit():
        return text  # a word or a bad number: left as it is
    if how == 0 and not text.startswith("-"):
        return "+" + text
    whole, dot, fraction = text.lstrip("-").partition(".")
    if how == 1 and len(whole) > 3:
        grouped = f"{int(whole):,}"
        return ("-" if text.startswith("-") else "") + grouped + dot + fraction
    if how == 2:
        return f" {text} "
    return text


@st.composite
def value_rows(draw: st.DrawFn) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        code = draw(st.sampled_from(CODES))
        label = draw(st.sampled_from(LABELS))
        kind = draw(st.sampled_from(["value", "counts", "blank", "word", "bad"]))
        value = numerator = denominator = ""
        if kind == "value":
            value = draw(plain_numbers)
        elif kind == "counts":
            numerator = draw(plain_numbers)
            denominator = draw(st.integers(min_value=-5, max_value=500).map(str))
        elif kind == "word":
            value = draw(st.sampled_from(["tbc", "N/A", "not yet due", "12%", "£5"]))
        elif kind == "bad":
            value = draw(st.sampled_from(["1.2.3", "abc", "1e5", "NaN", "12,34"]))
        status = draw(st.sampled_from(["", "", "provisional", "final", "estimated", "dodgy"]))
        note = draw(st.sampled_from(["", "", "a note"]))
        rows.append([code, label, value, numerator, denominator, status, note])
    return rows


HEADER = ["indicator", "period", "value", "numerator", "denominator", "status", "note"]


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def _read(text: str) -> tuple[tuple[IndicatorValue, ...], list[str]]:
    try:
        return read_values(read_csv_text(text, "values.csv"), DEFINITIONS), []
    except BundleError as exc:
        return (), [f"{p.row}:{p.column}:{p.reason}" for p in exc.problems]


def _comparable(values: tuple[IndicatorValue, ...]) -> list[tuple[object, ...]]:
    return [
        (
            v.indicator,
            v.period,
            v.state,
            v.value,
            v.numerator,
            v.denominator,
            v.status,
            v.note,
            v.extras,
        )
        for v in values
    ]


@given(value_rows(), st.lists(st.integers(min_value=0, max_value=3), min_size=36, max_size=36))
def test_how_a_figure_is_spelt_never_changes_what_is_read(
    rows: list[list[str]], hows: list[int]
) -> None:
    respelt = [
        [
            *row[:2],
            *(_respell(cell, hows[(i * 3 + j) % 36]) for j, cell in enumerate(row[2:5])),
            *row[5:],
        ]
        for i, row in enumerate(rows)
    ]
    plain_values, plain_problems = _read(_csv(rows))
    other_values, other_problems = _read(_csv(respelt))
    assert _comparable(plain_values) == _comparable(other_values)
    # A problem about a respelt cell quotes it as written; every other problem, and the
    # row and column of each, is the same.
    assert [p.split(":")[:2] for p in plain_problems] == [p.split(":")[:2] for p in other_problems]


@given(value_rows())
def test_read_recorded_holds_what_read_values_reads(rows: list[list[str]]) -> None:
    text = _csv(rows)
    values, problems = _read(text)
    if problems:
        with pytest.raises(BundleError):
            read_recorded(read_csv_text(text, "values.csv"), DEFINITIONS)
        return
    recorded = read_recorded(read_csv_text(text, "values.csv"), DEFINITIONS)
    by_code: dict[str, list[IndicatorValue]] = {}
    for value in values:
        by_code.setdefault(value.indicator, []).append(value)
    assert {code: list(held.values()) for code, held in recorded.items()} == by_code
    built = IndicatorSet.build(DEFINITIONS.values(), values)
    held = IndicatorSet.from_recorded(DEFINITIONS.values(), recorded)
    assert built == held
    for code in DEFINITIONS:
        for key in built.values[code]:
            assert built.values[code][key] == held.values[code][key]


def test_a_value_given_twice_names_the_first_row_whichever_way_each_is_read() -> None:
    text = _csv(
        [
            ["A", "2024-04", "12", "", "", "", ""],
            ["A", "2024-05", "1,234", "", "", "", ""],
            ["A", "2024-04", "13", "", "", "", ""],
            ["A", "2024-05", "7", "", "", "", ""],
        ]
    )
    with pytest.raises(BundleError) as caught:
        read_values(read_csv_text(text, "values.csv"), DEFINITIONS)
    assert [(p.row, p.reason) for p in caught.value.problems] == [
        (4, "A 2024-04 already has a value in row 2"),
        (5, "A 2024-05 already has a value in row 3"),
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(CODES),
            st.sampled_from(("2024/25", "2025/26", "2024/25 Q1", "2024-25", "x")),
            plain_numbers,
            st.sampled_from(["", "tbc", "N/A"]),
            st.lists(st.integers(min_value=0, max_value=3), min_size=4, max_size=4),
        ),
        max_size=10,
    )
)
def test_targets_read_the_same_whatever_the_spelling(
    rows: list[tuple[str, str, str, str, list[int]]],
) -> None:
    def text(respell: bool) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["indicator", "period", "target", "lower", "upper"])
        for code, label, figure, word, hows in rows:
            lower = word or figure
            cells = [figure, lower, ""]
            if respell:
                cells = [_respell(c, h) for c, h in zip(cells, hows, strict=False)]
            writer.writerow([code, label, *cells])
        return buffer.getvalue()

    def read(source: str) -> object:
        try:
            return read_targets(read_csv_text(source, "targets.csv"), DEFINITIONS)
        except BundleError as exc:
            return [(p.row, p.column) for p in exc.problems]

    assert read(text(False)) == read(text(True))


def test_a_control_character_in_a_rectangular_csv_is_reported_at_its_row() -> None:
    text = 'indicator,period,value\nA,2024-04,1\nA,"2024\t-05",2\nA,2024-06,3\x07\n'
    with pytest.raises(BundleError) as caught:
        read_csv_text(text, "values.csv")
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "period"),
        (4, "value"),
    ]


def test_a_table_answers_by_column_and_by_row_alike() -> None:
    table = read_csv_text("code,title\nA,Alpha\n\nB , Beta\n", "indicators.csv")
    assert table.column("title") == ("Alpha", "Beta")
    assert table.column("unit") is None
    assert [row.number for row in table] == [2, 4]
    assert table.rows[1].cells == {"code": "B", "title": "Beta"}
    again = Table.of_rows(table.file, table.columns, table.rows)
    assert again == table


def test_the_collector_is_restored_as_it_was() -> None:
    assert gc.isenabled()
    with paused_collector():
        assert not gc.isenabled()
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collector():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_a_bundle_leaves_the_collector_on(tmp_path: Path) -> None:
    (tmp_path / "indicators.csv").write_text(
        "code,title,polarity,aggregation,frequency\nA,Alpha,higher,sum,monthly\n"
    )
    (tmp_path / "values.csv").write_text("indicator,period,value\nA,2024-04,x\n")
    with pytest.raises(BundleError):
        load_bundle(tmp_path)
    assert gc.isenabled()


def test_recorded_values_read_like_a_dictionary() -> None:
    month = Month(2024, 4)
    held = RecordedValues("A")
    held.add_value((1, month.start_index), IndicatorValue.present("A", month, 5))
    assert len(held) == 1
    assert (1, month.start_index) in held
    assert held.get((1, 0)) is None
    assert held.get((1, 0), "none") == "none"
    assert dict(held) == {(1, month.start_index): IndicatorValue.present("A", month, 5)}


def _store_with(tmp_path: Path, payloads: list[dict[str, object]]) -> str:
    """A store holding the framework of A, with ``payloads`` as A's value revisions."""
    from goldenthread.framework import Authority, Framework
    from goldenthread.io.persist import settings_parts

    url = f"sqlite:///{tmp_path / 'store.db'}"
    authority = Authority("Test Council")
    parts = settings_parts({}, authority)
    framework = Framework(
        authority,
        indicators=IndicatorSet.build([DEFINITIONS["A"]]),
        cycle=parts.cycle,
        branding=parts.branding,
    )
    with open_store(url) as store:
        save_framework(store, framework, by="test", why="set up", at=AT)
        store.write(
            [
                Change("value", f"A|{p['period']['label']}", p)  # type: ignore[index]
                for p in payloads
            ],
            by="test",
            why="values",
            at=AT,
        )
    return url


def _payload(label: str, value: object, **more: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "indicator": "A",
        "period": {"label": label, "year_start_month": 4},
        "state": "present",
        "value": value,
        "numerator": None,
        "denominator": None,
        "status": "final",
        "note": "",
        "note_date": None,
        "entered_by": "",
        "extras": {},
    }
    payload.update(more)
    return payload


def test_stored_values_of_another_shape_are_read_by_the_converter(tmp_path: Path) -> None:
    url = _store_with(
        tmp_path,
        [
            _payload("2024-04", "12"),
            _payload("2024-05", 13),  # a number, not text: the converter reads it
            _payload("2024-06", None, state="missing", extras={"source": "PS1"}),
        ],
    )
    with open_store(url) as store:
        indicators = load_framework(store).indicators
    recorded = indicators.recorded["A"]
    values = {v.period.label: v for v in recorded.values()}
    assert values["2024-04"].value == Decimal(12)
    assert values["2024-05"].value == Decimal(13)
    assert values["2024-06"].state is ValueState.MISSING
    assert values["2024-06"].extras == {"source": "PS1"}
    # June is missing, so the quarter is (never a part-sum of April and May)
    assert indicators.value("A", parse_period("2024/25 Q1")).state is ValueState.MISSING
    assert indicators.year_to_date("A", parse_period("2024-05")).value == Decimal(25)


def test_a_stored_value_that_no_longer_reads_is_reported(tmp_path: Path) -> None:
    url = _store_with(tmp_path, [_payload("2024-04", "12"), _payload("2024-05", "twelve")])
    with open_store(url) as store, pytest.raises(InputError) as caught:
        load_framework(store)
    assert any("'A|2024-05'" in p.reason and "$.value" in p.reason for p in caught.value.problems)


def test_plain_stored_values_read_as_the_converter_reads_them(tmp_path: Path) -> None:
    url = _store_with(
        tmp_path,
        [
            _payload("2024-04", "12.50", note="late", entered_by="ann"),
            _payload("2024-05", None, numerator="3", denominator="4"),
            _payload("2024-06", None, state="not-applicable", status="provisional"),
        ],
    )
    with open_store(url) as store:
        recorded = load_framework(store).indicators.recorded["A"]
    assert [
        (v.period.label, v.value, v.numerator, v.note, v.entered_by) for v in recorded.values()
    ] == [
        ("2024-04", Decimal("12.50"), None, "late", "ann"),
        ("2024-05", None, Decimal(3), "", ""),
        ("2024-06", None, None, "", ""),
    ]
    assert str(next(iter(recorded.values())).value) == "12.50"
