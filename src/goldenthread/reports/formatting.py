"""Formatting shared by every renderer, so each format shows the same figure.

Numbers are rounded half-up to the declared decimal places (the same rule RAG
comparisons use, so a status matches the figure a reader sees), grouped in thousands
with commas, and negative numbers take a true minus sign (``−``, U+2212) so that
displayed text never begins with a spreadsheet formula character.  Money is in pounds
(``£1,234.50``), percentages carry ``%``, dates read ``30 Sep 2024``.

RAG statuses and directions of travel are never shown by colour alone: each has a
symbol and a label (``▲ Amber``, ``↗ Improving``), the labels coming from the council's
:class:`~goldenthread.branding.Terminology`.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from goldenthread.branding import Terminology
from goldenthread.indicators.numbers import round_half_up
from goldenthread.reports.model import Cell, Column, ColumnKind, Direction, Status, Value

__all__ = [
    "DIRECTION_SYMBOLS",
    "MINUS",
    "STATUS_SYMBOLS",
    "cell_text",
    "direction_label",
    "direction_text",
    "format_number",
    "format_value",
    "status_label",
    "status_text",
]

MINUS = "\u2212"
"""The minus sign used for negative numbers in displayed text."""

STATUS_SYMBOLS: dict[Status, str] = {
    Status.GREEN: "●",
    Status.AMBER: "▲",
    Status.RED: "■",
    Status.NO_DATA: "○",
    Status.NO_TARGET: "◇",
    Status.DATA_ONLY: "–",
    Status.NOT_APPLICABLE: "⊘",
    Status.NOT_YET_DUE: "◔",
}
"""A distinct shape per RAG status, shown beside its label and colour."""

DIRECTION_SYMBOLS: dict[Direction, str] = {
    Direction.IMPROVING: "↗",
    Direction.WORSENING: "↘",
    Direction.NO_CHANGE: "→",
    Direction.INCREASING: "↑",
    Direction.DECREASING: "↓",
}
"""An arrow per direction of travel, shown beside its words."""


def format_number(value: Decimal | int, decimals: int | None = None) -> str:
    """A number with thousands separators, rounded half-up to ``decimals`` places.

    With ``decimals`` ``None`` the value keeps the places it has.  Negative numbers
    start with ``−`` (U+2212); a value that rounds to zero has no sign.
    """
    number = Decimal(value)
    if decimals is not None:
        number = round_half_up(number, decimals)
    if number.is_zero():
        number = abs(number)
    places = max(0, -int(number.as_tuple().exponent)) if decimals is None else decimals
    text = f"{abs(number):,.{places}f}"
    return f"{MINUS}{text}" if number < 0 else text


def format_value(
    value: Value, kind: ColumnKind = ColumnKind.TEXT, decimals: int | None = None, unit: str = ""
) -> str:
    """The displayed text of a value of a given kind (``""`` for ``None``).

    ``money`` defaults to 2 decimal places; ``unit`` follows numbers after a space.
    Text is returned unchanged (renderers escape it for their format).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if decimals is not None and (
        type(value) is int or (type(value) is Decimal and value.is_finite())
    ):
        if kind is ColumnKind.MONEY:
            return _money_text(value, decimals, unit)
        if kind is ColumnKind.PERCENT:
            return _percent_text(value, decimals, unit)
        return _number_text(value, decimals, unit)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%d %b %Y %H:%M UTC").lstrip("0")
    if isinstance(value, dt.date):
        return value.strftime("%d %b %Y").lstrip("0")
    return _figure_text(value, kind, decimals, unit)


def _figure_text(value: Decimal | int, kind: ColumnKind, decimals: int | None, unit: str) -> str:
    if kind is ColumnKind.MONEY:
        text = format_number(value, 2 if decimals is None else decimals)
        text = f"{MINUS}£{text[1:]}" if text.startswith(MINUS) else f"£{text}"
    elif kind is ColumnKind.PERCENT:
        text = f"{format_number(value, decimals)}%"
    else:
        text = format_number(value, decimals)
    return f"{text} {unit}" if unit else text


# A figure rounded to given places reads the same whatever places it was given with (1.0
# and 1.00 are equal, as dictionary keys too), and a large report shows each figure
# several times (a chart's marker and its data table): its text is remembered, by kind.


@functools.lru_cache(maxsize=8192)
def _money_text(value: Decimal | int, decimals: int, unit: str) -> str:
    return _figure_text(value, ColumnKind.MONEY, decimals, unit)


@functools.lru_cache(maxsize=8192)
def _percent_text(value: Decimal | int, decimals: int, unit: str) -> str:
    return _figure_text(value, ColumnKind.PERCENT, decimals, unit)


@functools.lru_cache(maxsize=8192)
def _number_text(value: Decimal | int, decimals: int, unit: str) -> str:
    return _figure_text(value, ColumnKind.NUMBER, decimals, unit)


def status_label(status: Status, terminology: Terminology) -> str:
    """The council's label for a RAG status (``Amber``)."""
    return terminology.status(status.value)


def status_text(status: Status, terminology: Terminology, symbol: bool = True) -> str:
    """A RAG status as symbol and label (``▲ Amber``), or the label alone."""
    label = status_label(status, terminology)
    return f"{STATUS_SYMBOLS[status]} {label}" if symbol else label


def direction_label(direction: Direction, terminology: Terminology) -> str:
    """Words for a direction of travel (``Improving``); terminology key ``direction:<value>``."""
    return terminology.term(f"direction:{direction.value}", direction.value.capitalize())


def direction_text(direction: Direction, terminology: Terminology, symbol: bool = True) -> str:
    """A direction as arrow and words (``↗ Improving``), or the words alone."""
    label = direction_label(direction, terminology)
    return f"{DIRECTION_SYMBOLS[direction]} {label}" if symbol else label


def cell_text(cell: Cell, column: Column, terminology: Terminology, symbol: bool = True) -> str:
    """What a reader sees in a cell.

    The cell's own ``text`` wins; in a ``status`` or ``direction`` column the cell's
    status or direction is shown as (symbol and) words; otherwise the value is formatted
    by the column's kind, decimals and unit.
    """
    if cell.text is not None:
        return cell.text
    if column.kind is ColumnKind.STATUS and cell.status is not None:
        return status_text(cell.status, terminology, symbol)
    if column.kind is ColumnKind.DIRECTION and cell.direction is not None:
        return direction_text(cell.direction, terminology, symbol)
    return format_value(cell.value, column.kind, column.decimals, column.unit)
