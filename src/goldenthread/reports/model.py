"""The render-agnostic report model.

Report builders assemble a :class:`Report` from plain, immutable pieces; renderers
(:mod:`goldenthread.reports.render`) turn the same report into HTML, Markdown, CSV, XLSX
or JSON.  The model holds values, never formatted text: numbers are ``int`` or
:class:`~decimal.Decimal` (never ``float``), and one formatting module
(:mod:`goldenthread.reports.formatting`) turns them into what a reader sees, so every
format shows the same figure.

A report is a list of :class:`Section` objects; each section holds *blocks*:
:class:`Paragraph`, :class:`Commentary`, :class:`KeyValues`, :class:`Table`,
:class:`Findings` and the figures :class:`BarChart`, :class:`LineChart` and
:class:`HeatMap`.  Every figure needs a text alternative (``alt``), and every renderer also
shows the figure's data as a table.  A table cell may hold a small chart (a sparkline, in
a ``trend`` column) with its text alternative as the cell's text, which formats that
cannot draw show instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TypeAlias, cast

from attrs import field, frozen

from goldenthread.branding import normalise_colour
from goldenthread.findings import Finding

__all__ = [
    "CLASSIFICATIONS",
    "BarChart",
    "Block",
    "Cell",
    "Column",
    "ColumnKind",
    "Commentary",
    "DataPoint",
    "Direction",
    "Figure",
    "Findings",
    "HeatMap",
    "KeyValue",
    "KeyValues",
    "LineChart",
    "Number",
    "Paragraph",
    "Report",
    "Section",
    "Series",
    "Status",
    "Table",
    "Value",
    "as_cell",
]

Number: TypeAlias = Decimal | int
"""An exact number: ``int`` or :class:`~decimal.Decimal`."""

Value: TypeAlias = Decimal | int | str | dt.date | None
"""What a table cell or key-value pair may hold (``datetime`` is a ``date`` too)."""

CLASSIFICATIONS = ("public", "internal", "personal")
"""The classifications a report may carry, from the least to the most restricted."""

_ID = re.compile(r"[a-z][a-z0-9-]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


class Status(enum.Enum):
    """A RAG status, with the same keys as ``goldenthread assess --format json``."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no-data"
    NO_TARGET = "no-target"
    DATA_ONLY = "data-only"
    NOT_APPLICABLE = "not-applicable"
    NOT_YET_DUE = "not-yet-due"


class Direction(enum.Enum):
    """A direction of travel: with polarity improving/worsening, without it up/down."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no change"
    INCREASING = "increasing"
    DECREASING = "decreasing"


class ColumnKind(enum.Enum):
    """How a column's values are formatted and aligned."""

    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    STATUS = "status"
    DIRECTION = "direction"
    TREND = "trend"

    @property
    def numeric(self) -> bool:
        """Whether values of this kind are numbers (right-aligned, typed in XLSX)."""
        return self in (ColumnKind.NUMBER, ColumnKind.MONEY, ColumnKind.PERCENT)


_PLAIN_TYPES = frozenset({str, int, dt.date, type(None)})
"""Types whose every value is a valid report value as it is (exact types: not ``bool``,
which is an ``int``, nor ``datetime``, which is a ``date`` and must be aware)."""
_REJECTED = (bool, float)
_ACCEPTED = (Decimal, int, str, dt.date)


def _check_value(value: object) -> Value:
    if type(value) in _PLAIN_TYPES:  # the common cases, told by their exact type
        return cast(Value, value)
    if type(value) is Decimal and value.is_finite():
        return value
    if isinstance(value, _REJECTED):
        raise TypeError(
            f"report values must be int, Decimal, str, date or None, not {type(value).__name__} "
            f"({value!r}); use Decimal for fractions"
        )
    if value is None or isinstance(value, _ACCEPTED):
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            raise ValueError(f"timestamp {value.isoformat()} must be timezone-aware")
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError(f"report numbers must be finite, not {value}")
        return value
    raise TypeError(
        f"report values must be int, Decimal, str, date or None, not {type(value).__name__}"
    )


def _check_number(value: object) -> Number | None:
    if value is None or type(value) is int:
        return value
    if type(value) is Decimal and value.is_finite():
        return value
    checked = _check_value(value)
    if checked is not None and not isinstance(checked, Decimal | int):
        raise TypeError(f"chart values must be int, Decimal or None, not {checked!r}")
    return checked


def _columns(value: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(value)


def _key_values(value: Iterable[KeyValue]) -> tuple[KeyValue, ...]:
    return tuple(value)


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


def _series(value: Iterable[Series]) -> tuple[Series, ...]:
    return tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _blocks(value: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(value)


def _sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(value)


def _check_places(instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and not 0 <= value <= 10:
        name = (
            getattr(instance, "key", None)
            or getattr(instance, "title", None)
            or getattr(instance, "label", "")
        )
        raise ValueError(f"{name!r}: decimals must be 0 to 10, not {value}")


def _optional_status(value: Status | str | None) -> Status | None:
    return None if value is None else Status(value)


def _optional_direction(value: Direction | str | None) -> Direction | None:
    return None if value is None else Direction(value)


def _optional_colour(value: str | None) -> str | None:
    return None if value is None else normalise_colour(value)


@frozen
class Cell:
    """One table cell: a value, and optionally its display text, RAG status and direction.

    Attributes:
        value: the figure or text (``None`` when there is none).
        text: what to show instead of the formatted value (``"n/a"``, ``"not yet due"``).
        status: a RAG status; in a ``status`` column it is the cell's content.
        direction: a direction of travel; in a ``direction`` column it is the content.
        chart: a small chart drawn in the cell (a sparkline, in a ``trend`` column);
            ``text`` is then its text alternative, which every format that cannot draw
            it shows instead, and HTML gives as the drawing's accessible name.
        colour: the ``#rrggbb`` colour the value stands for, such as a risk level's;
            formats that can fill a cell (XLSX) fill it, always beside the text.

    Raises:
        ValueError: a chart without a text alternative.
    """

    value: Value = field(default=None, converter=_check_value)
    text: str | None = None
    status: Status | None = field(default=None, converter=_optional_status)
    direction: Direction | None = field(default=None, converter=_optional_direction)
    chart: LineChart | None = None
    colour: str | None = field(default=None, converter=_optional_colour)

    def __attrs_post_init__(self) -> None:
        if self.chart is not None and not (self.text or "").strip():
            raise ValueError(f"the chart {self.chart.title!r} in a cell needs its text alternative")


def as_cell(value: Cell | Status | Direction | Value) -> Cell:
    """A :class:`Cell` from a cell, a status, a direction or a plain value."""
    if isinstance(value, Cell):
        return value
    if isinstance(value, Status):
        return Cell(status=value)
    if isinstance(value, Direction):
        return Cell(direction=value)
    return Cell(value)


@frozen
class Column:
    """A table column.

    Attributes:
        key: a stable machine name (used in CSV and JSON).
        label: the heading a reader sees.
        kind: how values are formatted.
        decimals: decimal places to show (rounded half-up); ``None`` shows the value as
            it is (money defaults to 2).
        unit: a unit shown after numbers (``"days"``); percent and money carry their own.
    """

    key: str
    label: str
    kind: ColumnKind = field(default=ColumnKind.TEXT, converter=ColumnKind)
    decimals: int | None = field(default=None, validator=_check_places)
    unit: str = ""

    @property
    def align(self) -> str:
        """``right`` for numeric columns, ``left`` otherwise."""
        return "right" if self.kind.numeric else "left"


def _rows(
    value: Iterable[Iterable[Cell | Status | Direction | Value]],
) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(map(as_cell, row)) for row in value)


@frozen
class Table:
    """A table with a caption, typed columns and rows of cells.

    Rows may be given as plain values; each becomes a :class:`Cell`.  When
    ``row_headers`` is true, the first cell of each row heads that row (for example the
    indicator's name), which screen readers announce with each value.

    Raises:
        ValueError: a row's length differs from the number of columns, or two columns
            share a key.
    """

    caption: str
    columns: tuple[Column, ...] = field(converter=_columns)
    rows: tuple[tuple[Cell, ...], ...] = field(converter=_rows)
    row_headers: bool = True

    def __attrs_post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"table {self.caption!r}: column keys must be unique: {keys}")
        if not self.columns:
            raise ValueError(f"table {self.caption!r} needs at least one column")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.caption!r}, row {number}: {len(row)} cells for "
                    f"{len(self.columns)} columns"
                )


@frozen
class Paragraph:
    """Plain text written by the report builder."""

    text: str


@frozen
class Commentary:
    """Text written by a person (an officer's commentary), with who wrote it and when.

    Commentary is user text: every renderer shows it as text, never as markup.
    """

    text: str
    author: str | None = None
    date: dt.date | None = None


@frozen
class KeyValue:
    """One labelled value, such as ``Period: 2024/25 H1``."""

    label: str
    value: Value = field(converter=_check_value)
    kind: ColumnKind = field(default=ColumnKind.TEXT, converter=ColumnKind)
    decimals: int | None = field(default=None, validator=_check_places)
    unit: str = ""


@frozen
class KeyValues:
    """A list of labelled values, shown as a description list."""

    items: tuple[KeyValue, ...] = field(converter=_key_values)
    title: str | None = None


@frozen
class Findings:
    """Findings of the checks, shown as a table of severity, code, item and message."""

    findings: tuple[Finding, ...] = field(converter=_findings)
    caption: str = "Findings"


@frozen
class DataPoint:
    """One labelled value in a chart (``None`` is a gap).

    ``status`` is the RAG status the point stands for, when it stands for one (a bar of
    the indicators by status): HTML colours the bar with the status's colours, and the
    label always names it too.
    """

    label: str
    value: Number | None = field(converter=_check_number)
    status: Status | None = field(default=None, converter=_optional_status)


def _points(value: Iterable[DataPoint | tuple[str, Number | None]]) -> tuple[DataPoint, ...]:
    return tuple(p if isinstance(p, DataPoint) else DataPoint(*p) for p in value)


def _require_alt(instance: object, _attribute: object, value: str) -> None:
    if not value.strip():
        raise ValueError(
            f"{type(instance).__name__} {getattr(instance, 'title', '')!r} needs alt text"
        )


@frozen
class Series:
    """A named line in a :class:`LineChart` (for example actual values, or the target).

    A gap (a point without a value) breaks the line, unless the series is ``joined``:
    then the line runs straight across the gap, as a forecast from the latest value to
    the year end does; the gap's points still have no value.
    """

    name: str
    points: tuple[DataPoint, ...] = field(converter=_points)
    joined: bool = False


@frozen
class BarChart:
    """A bar chart of labelled values.

    Attributes:
        title: the chart's title (also the caption of its data table).
        alt: a text alternative saying what the chart shows and what it means.
        points: the bars, in order.
        kind, decimals, unit: how values are formatted (as for a :class:`Column`).
    """

    title: str
    alt: str = field(validator=_require_alt)
    points: tuple[DataPoint, ...] = field(converter=_points)
    kind: ColumnKind = field(default=ColumnKind.NUMBER, converter=ColumnKind)
    decimals: int | None = field(default=None, validator=_check_places)
    unit: str = ""


@frozen
class LineChart:
    """A line chart of one or more series over the same labels (usually periods).

    Every series must have the same labels in the same order.

    Raises:
        ValueError: no series, or series with different labels.
    """

    title: str
    alt: str = field(validator=_require_alt)
    series: tuple[Series, ...] = field(converter=_series)
    kind: ColumnKind = field(default=ColumnKind.NUMBER, converter=ColumnKind)
    decimals: int | None = field(default=None, validator=_check_places)
    unit: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.series:
            raise ValueError(f"line chart {self.title!r} needs at least one series")
        labels = self.labels
        for series in self.series:
            if tuple(p.label for p in series.points) != labels:
                raise ValueError(
                    f"line chart {self.title!r}: series {series.name!r} has different labels"
                )

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels along the horizontal axis."""
        return tuple(p.label for p in self.series[0].points)


def _grid_int(value: Iterable[Iterable[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(row) for row in value)


def _grid_str(value: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in value)


def _grid_colours(value: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(normalise_colour(c) for c in row) for row in value)


@frozen
class HeatMap:
    """A grid of counts, such as risks by likelihood and impact.

    Attributes:
        title: the title (and table caption).
        alt: a text alternative summarising the grid.
        row_axis: what the rows are (``Likelihood``); ``row_labels`` from the top.
        column_axis: what the columns are (``Impact``); ``column_labels`` from the left.
        counts: one count per cell.
        levels: one level name per cell (``High``), always shown as text.
        colours: one hex background colour per cell (stored as ``#rrggbb``); text colour
            is chosen for contrast.

    Raises:
        ValueError: a grid whose shape does not match the labels, or a bad colour.
    """

    title: str
    alt: str = field(validator=_require_alt)
    row_axis: str
    column_axis: str
    row_labels: tuple[str, ...] = field(converter=_strings)
    column_labels: tuple[str, ...] = field(converter=_strings)
    counts: tuple[tuple[int, ...], ...] = field(converter=_grid_int)
    levels: tuple[tuple[str, ...], ...] = field(converter=_grid_str)
    colours: tuple[tuple[str, ...], ...] = field(converter=_grid_colours)

    def __attrs_post_init__(self) -> None:
        shape = (len(self.row_labels), len(self.column_labels))
        for name in ("counts", "levels", "colours"):
            grid: Sequence[Sequence[object]] = getattr(self, name)
            if len(grid) != shape[0] or any(len(row) != shape[1] for row in grid):
                raise ValueError(
                    f"heat map {self.title!r}: {name} must be {shape[0]} rows of {shape[1]}"
                )
        if any(count < 0 for row in self.counts for count in row):
            raise ValueError(f"heat map {self.title!r}: counts cannot be negative")


Figure: TypeAlias = BarChart | LineChart | HeatMap
"""A chart; every figure carries ``title`` and ``alt``."""

Block: TypeAlias = Paragraph | Commentary | KeyValues | Table | Findings | Figure
"""Anything a section can hold."""


@frozen
class Section:
    """A titled part of a report holding blocks in order.

    ``id`` is the section's anchor (lower-case letters, digits and hyphens); when it is
    ``None`` renderers number the section (``section-1``).
    """

    title: str
    blocks: tuple[Block, ...] = field(converter=_blocks)
    id: str | None = field(default=None)

    @id.validator
    def _check_id(self, _attribute: object, value: str | None) -> None:
        if value is not None and not _ID.fullmatch(value):
            raise ValueError(f"section id {value!r} must be lower-case letters, digits and hyphens")


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError(f"timestamp {value.isoformat()} must be timezone-aware (UTC)")
    return value


@frozen
class Report:
    """A whole report, ready for any renderer.

    Attributes:
        kind: the builder's name (``performance``, ``risk``…).
        title: the report's title.
        organisation: the organisation it is about.
        sections: the sections, in order.
        period_label: the period it covers (``2024/25 H1``), if any.
        as_at: the moment the data is taken "as at" (timezone-aware).
        generated_at: when it was produced (timezone-aware; passed in, never read
            from the clock).
        generated_for: the audience (``Cabinet``, ``Audit Committee``, ``public``).
        classification: ``public``, ``internal`` or ``personal``.
        language: the BCP 47 language tag of the text (``en-GB``).

    Raises:
        ValueError: a naive timestamp, an unknown classification or language tag, or
            two sections with the same id.
    """

    kind: str
    title: str
    organisation: str
    sections: tuple[Section, ...] = field(converter=_sections)
    period_label: str | None = None
    as_at: dt.datetime | None = field(default=None, converter=_aware)
    generated_at: dt.datetime | None = field(default=None, converter=_aware)
    generated_for: str | None = None
    classification: str = "public"
    language: str = "en-GB"

    def __attrs_post_init__(self) -> None:
        if self.classification not in CLASSIFICATIONS:
            raise ValueError(
                f"classification {self.classification!r} must be one of "
                f"{', '.join(CLASSIFICATIONS)}"
            )
        if not _LANGUAGE.fullmatch(self.language):
            raise ValueError(f"language {self.language!r} is not a BCP 47 tag such as en-GB")
        ids = [s.id for s in self.sections if s.id is not None]
        duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
        if duplicates:
            raise ValueError(f"section ids must be unique: {', '.join(duplicates)}")

    def section_ids(self) -> tuple[str, ...]:
        """Each section's anchor: its ``id``, or ``section-N`` (1-based) when it has none."""
        taken = {s.id for s in self.sections if s.id is not None}
        result: list[str] = []
        for number, section in enumerate(self.sections, start=1):
            if section.id is not None:
                result.append(section.id)
                continue
            candidate, suffix = f"section-{number}", 1
            while candidate in taken:
                suffix += 1
                candidate = f"section-{number}-{suffix}"
            taken.add(candidate)
            result.append(candidate)
        return tuple(result)
