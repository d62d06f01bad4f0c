"""Tables read from a bundle: one CSV file or one sheet of an ``.xlsx`` workbook.

A :class:`Table` is what every bundle reader works from.  Column names are normalised
(case- and space-insensitive: ``Inherent Likelihood`` becomes ``inherent_likelihood``),
cells are text with surrounding space removed (an empty cell is ``""``), and every row
keeps the number the officer sees in the spreadsheet (the header is row 1), so problems
can be reported by file, row and column.  Unknown columns are kept, never dropped.

Every reader checks its table's header with :meth:`Table.check_columns`: a required
column that is missing, or an unknown column that is a near miss of a known one
(``taregt`` for ``target``: see :func:`near_miss`), is an error naming the file, the
column and its likely meaning.

Workbook cells are read as Excel shows them (:func:`read_workbook`): a
percentage-formatted cell holding 0.97 reads as ``97%`` (so it is a percentage where the
unit is ``%`` and an error elsewhere), a date cell reads as its ISO date, a number
stored as text reads as that number, and a formula reads as the value Excel last
calculated for it (a formula with no calculated value is an error).  Cells whose text
Excel changed (percentages and dates) carry a *kind* in :attr:`Row.kinds`, so a problem
with such a cell says what Excel did, and :meth:`Row.period` reads a date cell in a
period column as its month.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import re
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from attrs import field, frozen

from goldenthread.errors import BundleError, Problem, text_problem

__all__ = [
    "DATE",
    "EVERY",
    "IDENTIFIER_COLUMNS",
    "PERCENT",
    "Row",
    "Table",
    "near_miss",
    "normalise_column",
    "parse_date",
    "paused_collector",
    "read_csv",
    "read_csv_text",
    "read_workbook",
    "rejected_keys",
]

PERCENT = "percent"
"""The kind of a workbook cell Excel shows as a percentage (its text is ``97%``)."""

DATE = "date"
"""The kind of a workbook cell Excel holds as a date (its text is ``2024-09-01``)."""

_NO_KINDS: Mapping[str, str] = {}

_HINTS = {
    PERCENT: (
        "Excel shows this cell as a percentage, so it reads as {text}; a percentage is "
        "accepted only where the unit is '%': format the cell as a number"
    ),
    DATE: (
        "Excel made this cell a date ({text}); format the column as text and type what you mean"
    ),
}


def parse_date(text: str) -> dt.date:
    """Read ``2024-04-01`` (ISO) or ``01/04/2024`` (day first, as UK councils write).

    A date written month first (``10/30/2025``) is refused, never read with its day
    and month swapped; so is a two-digit year.

    >>> parse_date("30/10/2025")
    datetime.date(2025, 10, 30)

    Raises:
        ValueError: neither form, or no such day; the message says which.
    """
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day, month, year = (int(p) for p in parts)
        if len(parts[2]) != 4:
            raise ValueError(
                f"not a date: {text!r} has a two-digit year; write 2024-04-01 or 01/04/2024"
            )
        if month > 12 and day <= 12:
            raise ValueError(
                f"not a date: {text!r} is month first (American); dates are day first, "
                f"so write {month:02d}/{day:02d}/{year} or {year}-{day:02d}-{month:02d}"
            )
        raise ValueError(f"not a date: {text!r} has no such day (dates are day first)")
    raise ValueError(f"not a date: {text!r}; write 2024-04-01 or 01/04/2024")


@contextmanager
def paused_collector() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a bundle or store is read.

    Reading a council's history makes hundreds of thousands of small tuples and none of
    them is garbage, yet each few hundred allocations set the collector searching every
    object made so far: a third or more of a large load.  The collector is restored as
    it was (reference counting frees memory as usual meanwhile); nesting is harmless.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def normalise_column(name: str) -> str:
    """The key a column is known by: lower case, runs of space, ``-`` and ``.`` as ``_``.

    >>> normalise_column(" Inherent Likelihood ")
    'inherent_likelihood'
    """
    cleaned = name.strip().lstrip("\ufeff").lower()
    for ch in "-.":
        cleaned = cleaned.replace(ch, " ")
    return "_".join(cleaned.split())


T = TypeVar("T")


@frozen
class Row:
    """One data row: its spreadsheet row number and its cells by normalised column."""

    file: str
    number: int
    cells: Mapping[str, str]
    kinds: Mapping[str, str] = _NO_KINDS
    """The cells whose text Excel changed, by column: :data:`PERCENT` or :data:`DATE`
    (always empty for a CSV file)."""

    def get(self, column: str, default: str = "") -> str:
        """The cell's text (stripped), or ``default`` when the column is absent."""
        return self.cells.get(column, default)

    def problem(self, column: str | None, reason: str) -> Problem:
        """A :class:`~goldenthread.errors.Problem` located at this row and ``column``.

        When Excel changed the cell (a percentage or date format), the reason says so.
        """
        if self.kinds and column is not None and column in self.kinds and "Excel" not in reason:
            kind = self.kinds[column]
            reason = f"{reason} ({_HINTS[kind].format(text=self.get(column))})"
        return Problem(reason=reason, file=self.file, row=self.number, column=column)

    def parsed(
        self,
        column: str,
        parse: Callable[[str], T],
        problems: list[Problem],
        *,
        required: bool = False,
    ) -> T | None:
        """The cell read by ``parse``; ``None`` when it is empty (a problem too when
        ``required``) or unreadable (the problem says why, at this row and column)."""
        text = self.get(column)
        if not text:
            if required:
                problems.append(self.problem(column, f"the {column} is empty"))
            return None
        try:
            return parse(text)
        except ValueError as exc:
            problems.append(self.problem(column, str(exc)))
            return None

    def period(self, column: str = "period") -> str:
        """The text of a period cell.

        A workbook date cell on the 1st of a month is read as that month (Excel turns
        ``Sep-24`` into 1 September 2024, read as ``2024-09``).

        Raises:
            ValueError: a date cell on another day: Excel made it a date, and the period
                meant cannot be told.
        """
        text = self.get(column)
        if self.kinds and self.kinds.get(column) == DATE:
            if len(text) == 10 and text.endswith("-01"):
                return text[:7]
            raise ValueError(
                f"Excel made this cell a date ({text}), which is not a period; format the "
                "column as text and type the period, e.g. 2024-09 or 2024/25 Q2"
            )
        return text

    def extras(self, known: Sequence[str]) -> dict[str, str]:
        """The non-empty cells of columns not in ``known`` (kept, never dropped)."""
        return {k: v for k, v in self.cells.items() if k not in known and v != ""}


@frozen
class Table:
    """The rows of one CSV file or workbook sheet, with normalised column names.

    The cells are held column by column (``data``: one tuple of cell texts per column of
    :attr:`columns`, with each row's spreadsheet row number in ``numbers``), so a reader
    may take a whole column at once (:meth:`column`); a :class:`Row` is made for a row
    only when the rows are first iterated or :attr:`rows` is read (and kept: a reader
    taking whole columns never makes them).
    """

    file: str
    columns: tuple[str, ...]
    data: tuple[tuple[str, ...], ...] = ()
    """Each column's cell texts, one tuple per column of :attr:`columns`, in row order."""
    numbers: tuple[int, ...] = ()
    """Each data row's spreadsheet row number (the header is row 1)."""
    changed: Mapping[int, Mapping[str, str]] = field(factory=dict)
    """The kinds of cells Excel changed (see :attr:`Row.kinds`), by the row's position
    (always empty for a CSV file)."""
    _made: dict[str, tuple[Row, ...]] = field(init=False, factory=dict, eq=False, repr=False)
    """The rows, once made (a reader iterating rows makes them once per table)."""

    @classmethod
    def of_rows(cls, file: str, columns: Sequence[str], rows: Iterable[Row]) -> Table:
        """The table holding ``rows`` (each row's cells by column name)."""
        held = list(rows)
        data = tuple(tuple(row.cells.get(c, "") for row in held) for c in columns)
        changed = {i: row.kinds for i, row in enumerate(held) if row.kinds}
        return cls(file, tuple(columns), data, tuple(row.number for row in held), changed)

    def row(self, position: int) -> Row:
        """The :class:`Row` at ``position`` (0 for the first data row)."""
        return Row(
            self.file,
            self.numbers[position],
            {
                column: cells[position]
                for column, cells in zip(self.columns, self.data, strict=True)
            },
            self.changed.get(position, _NO_KINDS),
        )

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every data row, in file order."""
        return tuple(self)

    def __iter__(self) -> Iterator[Row]:
        made = self._made.get("rows")
        if made is None:
            file, columns, changed = self.file, self.columns, self.changed
            cells = zip(*self.data, strict=True) if columns else [()] * len(self.numbers)
            made = self._made["rows"] = tuple(
                Row(
                    file,
                    number,
                    dict(zip(columns, row, strict=True)),
                    changed.get(position, _NO_KINDS) if changed else _NO_KINDS,
                )
                for position, (number, row) in enumerate(zip(self.numbers, cells, strict=True))
            )
        return iter(made)

    def __len__(self) -> int:
        return len(self.numbers)

    def column(self, name: str) -> tuple[str, ...] | None:
        """Every row's cell of column ``name``, in file order (``None``: no such column)."""
        try:
            return self.data[self.columns.index(name)]
        except ValueError:
            return None

    def check_columns(self, known: Collection[str], required: Sequence[str] = ()) -> None:
        """Check the header against the columns a reader knows (``known``).

        Raises:
            BundleError: one problem per ``required`` column missing and per unknown
                column that is a near miss of a known one (:func:`near_miss`), each
                naming the file, the column and the column it looks like.  Other
                unknown columns are fine: they are kept.
        """
        problems: list[Problem] = []
        named: set[str] = set()
        for column in self.columns:
            if column in known:
                continue
            meant = near_miss(column, known)
            if meant is not None and meant not in self.columns:
                named.add(meant)
                problems.append(
                    Problem(
                        f"column {column!r} in {self.file} looks like {meant!r}; rename it "
                        f"{meant!r} (as spelt it is not read as {meant!r})",
                        self.file,
                        1,
                        column,
                    )
                )
        for column in required:
            if column not in self.columns and column not in named:
                problems.append(
                    Problem(
                        f"missing required column {column!r} (columns found: "
                        f"{', '.join(self.columns) or 'none'})",
                        self.file,
                        1,
                        column,
                    )
                )
        if problems:
            raise BundleError(problems)

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


def near_miss(column: str, known: Collection[str]) -> str | None:
    """The known column an unknown ``column`` is probably a misspelling of, if any.

    A near miss is one slip from a known name (a letter wrong, missing, extra, or two
    letters swapped; two slips for names of eight letters or more), or the same letters
    without the ``_``.  Names shorter than four letters are never near misses, nor is a
    plural of a known name (``notes`` beside ``note``), which councils add on purpose.

    >>> near_miss("taregt", ["indicator", "period", "target"])
    'target'
    >>> near_miss("notes", ["note"]) is None
    True
    """
    if len(column) < 4 or column in known:
        return None
    squashed = column.replace("_", "")
    best: tuple[int, str] | None = None
    for name in known:
        if column in (name + "s", name + "es"):
            continue
        if squashed == name.replace("_", ""):
            return name
        limit = 2 if min(len(column), len(name)) >= 8 else 1
        if abs(len(column) - len(name)) > limit:
            continue
        distance = _slips(column, name)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, name)
    return None if best is None else best[1]


def _slips(a: str, b: str) -> int:
    """The optimal-string-alignment distance: edits, counting a swap of two neighbours
    as one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def rejected_keys(table: Table, column: str, accepted: Container[str]) -> frozenset[str]:
    """The keys in ``column`` of ``table`` that no accepted row holds: the rows that
    define them were rejected (and reported), so rows elsewhere that refer to them are
    skipped rather than reported again."""
    cells = table.column(column) or ()
    return frozenset(key for key in cells if key and key not in accepted)


class _Every:
    """The container holding every key: a table rejected as a whole."""

    def __contains__(self, key: object) -> bool:
        return True

    def __repr__(self) -> str:
        return "EVERY"


EVERY: Container[str] = _Every()
"""Every key: pass as ``rejected`` when the table defining the keys was rejected as a
whole (a bad header), so no row referring to it is reported again."""


def _build(
    file: str,
    header: Sequence[object],
    body: Iterator[tuple[int, Sequence[object]]],
    text: Callable[[Any], str] | None = None,
    row_kinds: Mapping[int, Mapping[int, str]] | None = None,
) -> Table:
    """The table of ``header`` and numbered ``body`` rows; ``text`` turns a cell into its
    text (:func:`_text` by default; ``str.strip`` when every cell is already a string).
    ``row_kinds`` maps a row number to the kinds of its changed cells by position.

    Rows holding a control character where it may not be are reported (the first such
    cell of each) and left out; the check runs over each whole column at once, and
    looks row by row only when a column holds one."""
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
    positions = [i for i, c in enumerate(columns) if c]
    all_named = len(named) == width
    padding = ("",) * width
    grid: list[tuple[str, ...]] = []
    numbers: list[int] = []
    changed: dict[int, Mapping[str, str]] = {}
    row_problems: list[Problem] = []
    for number, values in body:
        texts = tuple(map(cell_text, values))
        if not any(texts):
            continue  # blank lines are not rows
        if len(texts) > width or not all_named:
            unnamed = [i for i, t in enumerate(texts) if t and (i >= width or not columns[i])]
            if unnamed:
                row_problems.append(
                    Problem(
                        f"a value in column {unnamed[0] + 1}, which has no header",
                        file,
                        number,
                        None,
                    )
                )
                continue
        if len(texts) != width:
            # a short row is padded with empty cells; a long one's surplus cells are
            # empty (checked above)
            texts = (texts + padding)[:width]
        if not all_named:
            texts = tuple(texts[i] for i in positions)
        kinds = row_kinds.get(number) if row_kinds else None
        if kinds:
            by_column = {columns[i]: k for i, k in kinds.items() if i < width and columns[i]}
            if by_column:
                changed[len(grid)] = by_column
        grid.append(texts)
        numbers.append(number)
    data = tuple(zip(*grid, strict=True)) if grid else tuple(() for _ in named)
    return _table(file, named, data, tuple(numbers), changed, problems, row_problems)


def _table(
    file: str,
    columns: tuple[str, ...],
    data: tuple[tuple[str, ...], ...],
    numbers: tuple[int, ...],
    changed: dict[int, Mapping[str, str]],
    problems: list[Problem],
    row_problems: list[Problem],
) -> Table:
    """The table, once every cell is checked for control characters (raising every
    problem: those of the header, then one per bad row in row order)."""
    for position in sorted(_control_rows(columns, data)):
        cells = {column: cells[position] for column, cells in zip(columns, data, strict=True)}
        problem = _control_problem(cells, file, numbers[position])
        assert problem is not None
        row_problems.append(problem)
    if problems or row_problems:
        # one problem per row at most, so in row order as the officer reads them
        raise BundleError([*problems, *sorted(row_problems, key=lambda p: p.row or 0)])
    return Table(file, columns, data, numbers, changed)


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


def _control_rows(columns: Sequence[str], data: Sequence[tuple[str, ...]]) -> set[int]:
    """The positions of the rows with a cell :func:`_control_problem` reports.

    Each column is searched whole (one regular-expression search over its joined cells);
    only a column with a match is searched cell by cell.
    """
    bad: set[int] = set()
    for column, cells in zip(columns, data, strict=True):
        joined = " ".join(cells)
        if column in IDENTIFIER_COLUMNS and _BREAK.search(joined):
            bad.update(i for i, text in enumerate(cells) if _BREAK.search(text))
        if _CONTROL.search(joined):
            bad.update(i for i, text in enumerate(cells) if _CONTROL.search(text))
    return bad


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
        records = list(reader)
    except csv.Error as exc:
        raise BundleError([Problem(f"not valid CSV: {exc}", file, reader.line_num)]) from None
    # Without a quote mark no cell can hold a line break, so a text with no tab and no
    # other control character has no cell _control_problem would report.
    clean = '"' not in text and "\t" not in text and _CONTROL.search(text) is None
    return _rectangle(file, header, records, checked=clean) or _build(
        file, header, enumerate(records, start=2), str.strip
    )


def _rectangle(
    file: str, header: list[str], records: list[list[str]], *, checked: bool = False
) -> Table | None:
    """The table of ``records`` read column by column, when every record has a cell for
    each column and no row is blank, and the header is sound; else ``None`` (and
    :func:`_build` reads it row by row, reporting what is wrong).  ``checked``: the text
    is known to hold no control character a cell may not hold."""
    columns = tuple(normalise_column(h) for h in header)
    if (
        not records
        or not all(columns)
        or len(set(columns)) != len(columns)
        or any(text_problem(c) is not None for c in columns)
        or set(map(len, records)) != {len(columns)}
    ):
        return None
    data = tuple(tuple(map(str.strip, cells)) for cells in zip(*records, strict=True))
    if "" in data[0] and any(not any(row) for row in zip(*data, strict=True)):
        return None  # a blank row, which is not a row
    numbers = tuple(range(2, len(records) + 2))
    if checked:
        return Table(file, columns, data, numbers, {})
    return _table(file, columns, data, numbers, {}, [], [])


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

    Cells are read as Excel shows them: a percentage-formatted number as its percentage
    (``0.97`` as ``97%``, kind :data:`PERCENT`), a date as its ISO date (kind
    :data:`DATE`), and a formula as the value Excel last calculated for it.

    Raises:
        BundleError: the workbook cannot be opened, or a formula has no calculated
            value (the workbook was written by a program and never opened and saved in
            Excel), each such cell named.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise BundleError([Problem(f"cannot open the workbook: {exc}", path.name)]) from None
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    cached: Any = None
    try:
        for sheet in book.worksheets:
            key = normalise_column(sheet.title.removesuffix(".csv"))
            if key in ignore:
                continue
            name = f"{path.name}[{sheet.title}]"
            grid = [
                [(cell.value, getattr(cell, "number_format", None)) for cell in row]
                for row in sheet.iter_rows()
            ]
            if not grid:
                continue
            formulas = [
                (r, c)
                for r, row in enumerate(grid)
                for c, (value, _) in enumerate(row)
                if isinstance(value, str) and value.startswith("=")
            ]
            if formulas:
                if cached is None:
                    cached = load_workbook(path, read_only=True, data_only=True)
                values = [list(row) for row in cached[sheet.title].iter_rows(values_only=True)]
                header = [normalise_column(_text(v)) for v, _ in grid[0]]
                for r, c in formulas:
                    value = values[r][c] if r < len(values) and c < len(values[r]) else None
                    formula = grid[r][c][0]
                    if value is None:
                        column = header[c] if c < len(header) and header[c] else None
                        problems.append(
                            Problem(
                                f"the cell holds the formula {formula} but the workbook "
                                "keeps no calculated value for it (it was saved by a "
                                "program, not by Excel): open and save it in Excel, or "
                                "type the value",
                                name,
                                r + 1,
                                column,
                            )
                        )
                    grid[r][c] = (value, grid[r][c][1])
            kinds: dict[int, dict[int, str]] = {}
            body: list[tuple[int, list[object]]] = []
            for number, row in enumerate(grid[1:], start=2):
                texts: list[object] = []
                for position, (value, number_format) in enumerate(row):
                    if isinstance(value, (dt.date, dt.time)):
                        kinds.setdefault(number, {})[position] = DATE
                    elif (
                        isinstance(value, (int, float))
                        and not isinstance(value, bool)
                        and number_format
                        and "%" in number_format
                    ):
                        kinds.setdefault(number, {})[position] = PERCENT
                        value = _percent_text(value)
                    texts.append(value)
                body.append((number, texts))
            try:
                tables[key] = _build(name, [v for v, _ in grid[0]], iter(body), row_kinds=kinds)
            except BundleError as exc:
                problems.extend(exc.problems)
    finally:
        book.close()
        if cached is not None:
            cached.close()
    if problems:
        raise BundleError(problems)
    return tables


def _percent_text(value: float) -> str:
    """The percentage Excel shows for a fraction: ``0.97`` as ``97%`` (all its digits)."""
    number = Decimal(repr(value)) * 100 if isinstance(value, float) else Decimal(value) * 100
    text = format(number.normalize(), "f")
    return f"{text}%"
