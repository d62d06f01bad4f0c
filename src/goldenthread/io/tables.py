"""Tables read from a bundle: one CSV file or one sheet of an ``.xlsx`` workbook.

A :class:`Table` is what every bundle reader works from.  Column names are normalised
(case- and space-insensitive: ``Inherent Likelihood`` becomes ``inherent_likelihood``),
cells are text with surrounding space removed (an empty cell is ``""``), and every row
keeps the number the officer sees in the spreadsheet (the header is row 1), so problems
can be reported by file, row and column.  Unknown columns are kept, never dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import field, frozen

from goldenthread.errors import BundleError, Problem, text_problem

__all__ = [
    "IDENTIFIER_COLUMNS",
    "Row",
    "Table",
    "normalise_column",
    "read_csv",
    "read_csv_text",
    "read_workbook",
]


def normalise_column(name: str) -> str:
    """The key a column is known by: lower case, runs of space, ``-`` and ``.`` as ``_``.

    >>> normalise_column(" Inherent Likelihood ")
    'inherent_likelihood'
    """
    cleaned = name.strip().lstrip("\ufeff").lower()
    for ch in "-.":
        cleaned = cleaned.replace(ch, " ")
    return "_".join(cleaned.split())


@frozen
class Row:
    """One data row: its spreadsheet row number and its cells by normalised column."""

    file: str
    number: int
    cells: Mapping[str, str]

    def get(self, column: str, default: str = "") -> str:
        """The cell's text (stripped), or ``default`` when the column is absent."""
        return self.cells.get(column, default)

    def problem(self, column: str | None, reason: str) -> Problem:
        """A :class:`~goldenthread.errors.Problem` located at this row and ``column``."""
        return Problem(reason=reason, file=self.file, row=self.number, column=column)

    def extras(self, known: Sequence[str]) -> dict[str, str]:
        """The non-empty cells of columns not in ``known`` (kept, never dropped)."""
        return {k: v for k, v in self.cells.items() if k not in known and v != ""}


@frozen
class Table:
    """The rows of one CSV file or workbook sheet, with normalised column names."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = field(factory=tuple)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def require(self, *columns: str) -> None:
        """Raise :class:`BundleError` naming every required column the table lacks."""
        missing = [c for c in columns if c not in self.columns]
        if missing:
            raise BundleError(
                Problem(
                    reason=f"missing required column {c!r} (columns found: "
                    f"{', '.join(self.columns) or 'none'})",
                    file=self.file,
                    row=1,
                    column=c,
                )
                for c in missing
            )


def _build(
    file: str,
    header: Sequence[object],
    body: Iterator[tuple[int, Sequence[object]]],
    text: Callable[[Any], str] | None = None,
) -> Table:
    """The table of ``header`` and numbered ``body`` rows; ``text`` turns a cell into its
    text (:func:`_text` by default; ``str.strip`` when every cell is already a string)."""
    cell_text = _text if text is None else text
    columns = [normalise_column(_text(h)) for h in header]
    while columns and not columns[-1]:
        columns.pop()  # trailing empty header cells (common in spreadsheets)
    problems = []
    seen: set[str] = set()
    for col in columns:
        if col in seen:
            problems.append(Problem(f"column {col!r} appears twice", file, 1, col))
        seen.add(col)
        bad_name = text_problem(col)
        if bad_name is not None:
            problems.append(Problem(f"the column name {bad_name}", file, 1, col))
    width = len(columns)
    named = tuple(c for c in columns if c)
    all_named = len(named) == width
    padding = ("",) * width
    rows = []
    for number, values in body:
        texts = list(map(cell_text, values))
        if not any(texts):
            continue  # blank lines are not rows
        if len(texts) > width or not all_named:
            unnamed = [i for i, t in enumerate(texts) if t and (i >= width or not columns[i])]
            if unnamed:
                problems.append(
                    Problem(
                        f"a value in column {unnamed[0] + 1}, which has no header",
                        file,
                        number,
                        None,
                    )
                )
                continue
        if all_named:
            # zip stops at the shorter: a short row is padded with empty cells, and a
            # long one's surplus cells are empty (checked above).
            full = texts if len(texts) >= width else [*texts, *padding]
            cells = dict(zip(columns, full, strict=False))
        else:
            cells = {
                col: (texts[i] if i < len(texts) else "") for i, col in enumerate(columns) if col
            }
        control = _control_problem(cells, file, number)
        if control is not None:
            problems.append(control)
            continue
        rows.append(Row(file, number, cells))
    if problems:
        raise BundleError(problems)
    return Table(file, named, tuple(rows))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAK = re.compile(r"[\t\n\r]")

IDENTIFIER_COLUMNS = frozenset(
    {
        "code",
        "id",
        "indicator",
        "parent",
        "plan",
        "child",
        "risk",
        "objective",
        "objectives",
        "level",
        "member",
        "organisation",
        "line",
        "lines",
        "activity",
        "period",
        "year",
    }
)
"""Columns holding ids, codes and keys: no control character at all, not even a tab or a
line break (other cells may hold those, as notes run over several lines)."""


def _control_problem(cells: Mapping[str, str], file: str, number: int) -> Problem | None:
    """The first cell of a row holding a control character it may not (see
    :func:`~goldenthread.errors.text_problem`), as a problem; else ``None``."""
    for column, text in cells.items():
        if _CONTROL.search(text) or (column in IDENTIFIER_COLUMNS and _BREAK.search(text)):
            reason = text_problem(text, multiline=column not in IDENTIFIER_COLUMNS)
            return Problem(reason or "contains a control character", file, number, column)
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # Excel keeps 15 significant digits and shows no more: read what it shows
        # (0.1 + 0.2 is 0.3, not 0.30000000000000004).
        return str(Decimal(format(value, ".15g")))
    return str(value).strip()


def read_csv_text(text: str, file: str) -> Table:
    """Read CSV text (UTF-8, a byte-order mark allowed) as a :class:`Table` named ``file``."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise BundleError([Problem("the file is empty: it needs a header row", file, 1)]) from None
    except csv.Error as exc:
        raise BundleError([Problem(f"not valid CSV: {exc}", file, 1)]) from None
    try:
        body = list(enumerate(reader, start=2))
    except csv.Error as exc:
        raise BundleError([Problem(f"not valid CSV: {exc}", file, reader.line_num)]) from None
    return _build(file, header, iter(body), str.strip)


def read_csv(path: Path) -> Table:
    """Read a CSV file as a :class:`Table`; the file is named by its file name in problems."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BundleError(
            [Problem(f"not UTF-8 text ({exc.reason}); save it as 'CSV UTF-8'", path.name)]
        ) from None
    return read_csv_text(text, path.name)


def read_workbook(path: Path, *, ignore: Collection[str] = ()) -> dict[str, Table]:
    """Read every sheet of an ``.xlsx`` workbook, keyed by normalised sheet name.

    A sheet ``Indicators`` (or ``indicators.csv``) is returned as ``indicators``; each
    table is named ``workbook.xlsx[Sheet]`` in problems.  Sheets whose normalised names
    are in ``ignore`` (free-form guidance, say) are skipped without being read.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise BundleError([Problem(f"cannot open the workbook: {exc}", path.name)]) from None
    tables: dict[str, Table] = {}
    try:
        for sheet in book.worksheets:
            key = normalise_column(sheet.title.removesuffix(".csv"))
            if key in ignore:
                continue
            rows = sheet.iter_rows(values_only=True)
            name = f"{path.name}[{sheet.title}]"
            try:
                header = next(rows)
            except StopIteration:
                continue
            body = ((number, list(values)) for number, values in enumerate(rows, start=2))
            tables[key] = _build(name, list(header), body)
    finally:
        book.close()
    return tables
