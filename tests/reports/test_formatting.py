from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.branding import Terminology
from goldenthread.reports import Cell, Column, ColumnKind, Direction, Status
from goldenthread.reports.formatting import (
    MINUS,
    cell_text,
    direction_text,
    format_number,
    format_value,
    status_text,
)
from goldenthread.reports.render.safety import FORMULA_TRIGGERS

decimals = st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, places=4)


@pytest.mark.parametrize(
    ("value", "kind", "places", "unit", "expected"),
    [
        (Decimal("1234567.891"), ColumnKind.MONEY, None, "", "£1,234,567.89"),
        (Decimal("-1250.5"), ColumnKind.MONEY, None, "", f"{MINUS}£1,250.50"),
        (Decimal("2.345"), ColumnKind.NUMBER, 2, "", "2.35"),
        (Decimal("2.5"), ColumnKind.NUMBER, 0, "", "3"),
        (Decimal("-2.5"), ColumnKind.NUMBER, 0, "", f"{MINUS}3"),
        (Decimal("-0.04"), ColumnKind.NUMBER, 1, "", "0.0"),
        (Decimal("23.45"), ColumnKind.PERCENT, 1, "", "23.5%"),
        (212000, ColumnKind.NUMBER, None, "visits", "212,000 visits"),
        (Decimal("4.60"), ColumnKind.NUMBER, None, "", "4.60"),
        (Decimal("1E+3"), ColumnKind.NUMBER, None, "", "1,000"),
        (None, ColumnKind.MONEY, None, "", ""),
        ("n/a", ColumnKind.NUMBER, 2, "", "n/a"),
        (dt.date(2024, 9, 5), ColumnKind.DATE, None, "", "5 Sep 2024"),
        (
            dt.datetime(2024, 9, 30, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            ColumnKind.DATE,
            None,
            "",
            "30 Sep 2024 22:30 UTC",
        ),
    ],
)
def test_format_value_examples(
    value: Decimal | int | str | dt.date | None,
    kind: ColumnKind,
    places: int | None,
    unit: str,
    expected: str,
) -> None:
    assert format_value(value, kind, places, unit) == expected


@given(decimals, st.integers(0, 4))
def test_format_number_round_trips_to_the_half_up_rounded_value(
    value: Decimal, places: int
) -> None:
    text = format_number(value, places)
    back = Decimal(text.replace(",", "").replace(MINUS, "-"))
    assert back == value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@given(decimals, st.integers(0, 4))
def test_formatted_numbers_never_look_like_formulas(value: Decimal, places: int) -> None:
    for kind in (ColumnKind.NUMBER, ColumnKind.MONEY, ColumnKind.PERCENT):
        assert not format_value(value, kind, places).startswith(FORMULA_TRIGGERS)


@given(decimals)
def test_thousands_are_grouped_in_threes(value: Decimal) -> None:
    whole = format_number(value, 0).lstrip(MINUS)
    groups = whole.split(",")
    assert 1 <= len(groups[0]) <= 3
    assert all(len(g) == 3 for g in groups[1:])


def test_status_and_direction_show_symbol_and_words() -> None:
    terms = Terminology(
        statuses={"amber": "Near target"}, terms={"direction:improving": "Getting better"}
    )
    assert status_text(Status.AMBER, terms) == "▲ Near target"
    assert status_text(Status.GREEN, terms, symbol=False) == "Green"
    assert direction_text(Direction.IMPROVING, terms) == "↗ Getting better"
    assert direction_text(Direction.NO_CHANGE, terms) == "→ No change"


def test_cell_text_prefers_the_cells_own_text() -> None:
    terms = Terminology()
    status = Column("s", "Status", ColumnKind.STATUS)
    assert cell_text(Cell(status=Status.RED), status, terms) == "■ Red"
    assert cell_text(Cell(status=Status.RED, text="Red (late)"), status, terms) == "Red (late)"
    assert cell_text(Cell(Decimal("5")), status, terms) == "5"
    direction = Column("d", "Direction", ColumnKind.DIRECTION)
    assert (
        cell_text(Cell(direction=Direction.DECREASING), direction, terms, symbol=False)
        == "Decreasing"
    )


kinds = st.sampled_from(list(ColumnKind))
units = st.sampled_from(["", "days", "%", "£"])


@given(decimals, st.integers(0, 4), kinds, units)
def test_a_figure_reads_the_same_whatever_places_it_was_given_with(
    value: Decimal, places: int, kind: ColumnKind, unit: str
) -> None:
    # rounded to given places, equal figures read the same (1.0 and 1.00, 2 and 2.0), so
    # what one of them formats to may be remembered for the others
    wider = value.quantize(Decimal(1).scaleb(-6))
    assert format_value(wider, kind, places, unit) == format_value(value, kind, places, unit)
    if value == value.to_integral_value():
        assert format_value(int(value), kind, places, unit) == format_value(
            value, kind, places, unit
        )


@given(decimals, kinds, units)
def test_without_places_a_figure_keeps_the_places_it_was_given_with(
    value: Decimal, kind: ColumnKind, unit: str
) -> None:
    # nothing remembered can make 1.0 read as 1.00: the text of each is its own
    wider = value.quantize(Decimal(1).scaleb(-6))
    first, second = format_value(value, kind, None, unit), format_value(wider, kind, None, unit)
    if kind is not ColumnKind.MONEY and value.as_tuple().exponent != -6:
        assert first != second
